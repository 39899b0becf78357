"""The jit-compiled equilibrium solver and its implicit derivative.

The equilibrium is the fixed point of :func:`tradewar.model._kernels.update`, found by Anderson
acceleration inside one compiled ``while_loop``. Its custom VJP applies the implicit function
theorem, so derivatives with respect to tariffs, trade costs or any baseline array cost one adjoint
fixed-point solve, never an unrolling of the iterations.
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
    trade_weights,
    update,
)


class SolverSettings(NamedTuple):
    """Numerical settings of the equilibrium solver."""

    tol: float = 1e-11
    max_iter: int = 3000
    memory: int = 6
    adjoint_tol: float = 1e-12
    adjoint_memory: int = 20
    adjoint_max_iter: int = 2000


class RawSolution(NamedTuple):
    state: State
    levels: Levels
    stats: FixedPointStats
    conditions: dict[str, jax.Array]


def initial_state(base: Baseline) -> State:
    n, j = base.expenditure.shape
    zeros = jnp.zeros((n, j), base.expenditure.dtype)
    return State(jnp.zeros(n, base.expenditure.dtype), zeros, zeros)


def _forward(
    base: Baseline,
    cf: Counterfactual,
    rule: int,
    settings: SolverSettings,
    start: State | None = None,
) -> tuple[State, FixedPointStats]:
    z0 = initial_state(base) if start is None else start
    _, unravel = ravel_pytree(z0)
    weights = trade_weights(base, cf)  # loop-invariant

    def fixed_point_map(flat: jax.Array) -> jax.Array:
        return ravel_pytree(update(unravel(flat), base, cf, rule, weights))[0]

    flat, stats = anderson(
        fixed_point_map,
        ravel_pytree(z0)[0],
        tol=settings.tol,
        max_iter=settings.max_iter,
        memory=settings.memory,
    )
    return unravel(flat), stats


@partial(jax.custom_vjp, nondiff_argnums=(2, 3))
def equilibrium_state(
    base: Baseline, cf: Counterfactual, rule: int, settings: SolverSettings
) -> tuple[State, FixedPointStats]:
    """The equilibrium state, with reverse-mode derivatives by implicit differentiation.

    At the fixed point z* = G(z*, p) of the equilibrium map, the derivative of a loss L(z*) is
    lambda' G_p with the adjoint lambda = G_z' lambda + dL/dz, itself a fixed point, solved with
    the same Anderson iteration. Forward mode (``jax.jvp``/``jacfwd``) is not provided; use
    ``jax.grad``, ``jax.vjp`` or ``jax.jacrev``.
    """
    return _forward(base, cf, rule, settings)


def _equilibrium_fwd(
    base: Baseline, cf: Counterfactual, rule: int, settings: SolverSettings
) -> tuple[tuple[State, FixedPointStats], tuple[State, Baseline, Counterfactual]]:
    state, stats = _forward(base, cf, rule, settings)
    return (state, stats), (state, base, cf)


def _equilibrium_bwd(
    rule: int,
    settings: SolverSettings,
    saved: tuple[State, Baseline, Counterfactual],
    cotangent: tuple[State, FixedPointStats],
) -> tuple[Baseline, Counterfactual]:
    state, base, cf = saved
    cot_state = cotangent[0]
    weights = trade_weights(base, cf)
    _, vjp_state = jax.vjp(lambda z: update(z, base, cf, rule, weights), state)
    flat_cot, unravel = ravel_pytree(cot_state)
    # The adjoint is linear in the cotangent: solve for a unit-size one, so that the tolerance
    # is relative to the cotangent's size, and scale back.
    scale = jnp.maximum(jnp.max(jnp.abs(flat_cot)), jnp.finfo(flat_cot.dtype).tiny)
    unit_cot = flat_cot / scale

    def adjoint_map(flat: jax.Array) -> jax.Array:
        return ravel_pytree(vjp_state(unravel(flat))[0])[0] + unit_cot

    flat_adjoint, stats = anderson(
        adjoint_map,
        unit_cot,
        tol=settings.adjoint_tol,
        max_iter=settings.adjoint_max_iter,
        memory=settings.adjoint_memory,
    )
    ok = (stats.residual <= settings.adjoint_tol) & stats.finite
    _, vjp_params = jax.vjp(lambda b, c: update(state, b, c, rule), base, cf)
    grads = vjp_params(unravel(flat_adjoint * scale))
    return jax.tree.map(lambda g: jnp.where(ok, g, jnp.nan), grads)


equilibrium_state.defvjp(_equilibrium_fwd, _equilibrium_bwd)


@partial(jax.jit, static_argnames=("rule", "settings"))
def solve_raw(
    base: Baseline, cf: Counterfactual, rule: int, settings: SolverSettings, start: State
) -> RawSolution:
    """Solve and evaluate everything a result needs, in one compiled call.

    The iteration starts from ``start`` (:func:`initial_state` is the baseline, zero change); a
    nearby solved equilibrium saves iterations. ``start`` is always an array argument, so a cold
    and a warm start share one compiled program per shape, rule and settings. This entry point
    is for forward solves (derivatives go through :func:`equilibrium_state`).
    """
    state, stats = _forward(base, cf, rule, settings, start)
    conditions = {k: jnp.max(v) for k, v in residuals(state, base, cf, rule).items()}
    return RawSolution(state, levels(state, base, cf, rule), stats, conditions)
