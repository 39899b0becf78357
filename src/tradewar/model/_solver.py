"""The jit-compiled equilibrium solver and its implicit derivative.

The equilibrium is the fixed point of :func:`tradewar.model._kernels.update`, found by Anderson
acceleration inside one compiled ``while_loop``. It is wrapped in :func:`jax.lax.custom_root`, so
derivatives with respect to tariffs, trade costs or any baseline array come from the implicit
function theorem (a GMRES solve with the Jacobian of the equilibrium map), never from unrolling
the iterations.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax.flatten_util import ravel_pytree

from tradewar.model._fixed_point import FixedPointStats, anderson
from tradewar.model._kernels import (
    Baseline,
    Counterfactual,
    Levels,
    State,
    levels,
    residuals,
    update,
)


class SolverSettings(NamedTuple):
    """Numerical settings of the equilibrium solver."""

    tol: float = 1e-11
    max_iter: int = 3000
    memory: int = 6
    tangent_tol: float = 1e-11
    tangent_restart: int = 40
    tangent_max_restarts: int = 25


class RawSolution(NamedTuple):
    state: State
    levels: Levels
    stats: FixedPointStats
    conditions: dict[str, jax.Array]


def initial_state(base: Baseline) -> State:
    n, j = base.expenditure.shape
    zeros = jnp.zeros((n, j), base.expenditure.dtype)
    return State(jnp.zeros(n, base.expenditure.dtype), zeros, zeros)


def equilibrium_state(
    base: Baseline,
    cf: Counterfactual,
    rule: int,
    settings: SolverSettings,
    start: State | None = None,
) -> tuple[State, FixedPointStats]:
    """The equilibrium state, differentiable in ``base`` and ``cf`` by implicit differentiation."""
    z0 = initial_state(base) if start is None else start
    _, unravel = ravel_pytree(z0)

    def residual(z: State) -> State:
        new = update(z, base, cf, rule)
        return jax.tree.map(jnp.subtract, new, z)

    def solve(f: object, z_init: State) -> tuple[State, FixedPointStats]:
        del f  # the same map as ``residual``; solved through ``update`` directly

        def fixed_point_map(flat: jax.Array) -> jax.Array:
            return ravel_pytree(update(unravel(flat), base, cf, rule))[0]

        flat, stats = anderson(
            fixed_point_map,
            ravel_pytree(z_init)[0],
            tol=settings.tol,
            max_iter=settings.max_iter,
            memory=settings.memory,
        )
        return unravel(flat), stats

    def tangent_solve(linear: object, rhs: State) -> State:
        solution, _ = jax.scipy.sparse.linalg.gmres(
            linear,  # type: ignore[arg-type]
            rhs,
            tol=settings.tangent_tol,
            restart=settings.tangent_restart,
            maxiter=settings.tangent_max_restarts,
            solve_method="batched",
        )
        return solution  # type: ignore[no-any-return]

    state, stats = jax.lax.custom_root(residual, z0, solve, tangent_solve, has_aux=True)
    return state, stats


@partial(jax.jit, static_argnames=("rule", "settings"))
def solve_raw(
    base: Baseline, cf: Counterfactual, rule: int, settings: SolverSettings
) -> RawSolution:
    """Solve and evaluate everything a result needs, in one compiled call."""
    state, stats = equilibrium_state(base, cf, rule, settings)
    conditions = {k: jnp.max(v) for k, v in residuals(state, base, cf, rule).items()}
    return RawSolution(state, levels(state, base, cf, rule), stats, conditions)
