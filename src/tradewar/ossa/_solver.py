"""The equilibrium of Ossa's model in changes: Newton's method inside ``jax.lax.custom_root``.

The unknowns are log wage and log expenditure changes (2N numbers). The residual stacks
labour-market clearing for every country but the first (one is implied by the others, Walras'
law), the N budget constraints and the numeraire. Newton's method with the exact Jacobian
(forward-mode, 2N directions) converges quadratically in a handful of steps; steps are capped so
that no log changes by more than ``max_step`` at once.

Derivatives with respect to tariffs (or any baseline array) come from the implicit function
theorem through ``custom_root``: one dense 2N x 2N solve with the Jacobian at the solution,
never by unrolling the Newton iterations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import Array

from tradewar.ossa._kernels import (
    Baseline,
    budget_residual,
    government_welfare_hat,
    labour_market_residual,
    numeraire_residual,
    price_index_hat,
    price_index_hat_adj,
    sales_hat,
    tau_hat,
    trade_hat_per_expenditure,
)


class SolverSettings(NamedTuple):
    """Numerical settings of the Newton solve."""

    tol: float = 1e-12  # max absolute residual (the residuals are relative quantities)
    max_iter: int = 60
    max_step: float = 1.0  # largest change of any log unknown in one step


DEFAULT_SETTINGS = SolverSettings()


DEFAULT_SETTINGS = SolverSettings()


class NewtonStats(NamedTuple):
    """Float arrays only, so that ``custom_root`` can carry them as auxiliary outputs."""

    iterations: Array  # float count
    residual: Array  # max |residual| at the returned point
    converged: Array  # 1.0 when residual <= tol, else 0.0


class Counterfactual(NamedTuple):
    """Everything one solve yields (a pytree of JAX arrays)."""

    w_hat: Array  # (N,) wages
    e_hat: Array  # (N,) expenditure
    p_hat: Array  # (N,) aggregate price index
    industry_p_hat: Array  # (N, S)
    sales_hat: Array  # (N, S) sales = profits
    trade: Array  # (N, N, S) new flows at producer prices
    welfare_hat: Array  # (N,) E_hat / P_hat
    government_welfare_hat: Array  # (N,)
    profits_hat: Array  # (N,) aggregate profits
    tariff_revenue: Array  # (N,) new levels
    stats: NewtonStats


def _unpack(z: Array) -> tuple[Array, Array]:
    n = z.shape[0] // 2
    return jnp.exp(z[:n]), jnp.exp(z[n:])


def residual(z: Array, base: Baseline, tariffs: Array, net_exports: Array) -> Array:
    """Equilibrium conditions at ``z = [log w_hat, log E_hat]``, (2N,)."""
    w_hat, e_hat = _unpack(z)
    tau = tau_hat(base, tariffs)
    p_adj = price_index_hat_adj(base, w_hat, tau)
    x_per_e = trade_hat_per_expenditure(base, w_hat, tau, p_adj)
    y_hat = sales_hat(base, x_per_e * e_hat[:, None, None])
    labour = labour_market_residual(base, w_hat, y_hat)
    budget = budget_residual(base, e_hat, w_hat, y_hat, x_per_e, tariffs, net_exports)
    numeraire = numeraire_residual(base, w_hat)
    return jnp.concatenate([labour[1:], budget, numeraire[None]])


def newton(
    f: Callable[[Array], Array], z0: Array, settings: SolverSettings
) -> tuple[Array, NewtonStats]:
    """Damped Newton iteration for ``f(z) = 0`` in one ``lax.while_loop``."""

    def cond(carry: tuple[Array, Array, Array]) -> Array:
        _, res, k = carry
        return (res > settings.tol) & (k < settings.max_iter) & jnp.isfinite(res)

    def body(carry: tuple[Array, Array, Array]) -> tuple[Array, Array, Array]:
        z, _, k = carry
        value, jac = f(z), jax.jacfwd(f)(z)
        step = jnp.linalg.solve(jac, -value)
        scale = jnp.minimum(1.0, settings.max_step / jnp.max(jnp.abs(step)))
        z_new = z + jnp.where(jnp.isfinite(scale), scale, 0.0) * step
        return z_new, jnp.max(jnp.abs(f(z_new))), k + 1.0

    res0 = jnp.max(jnp.abs(f(z0)))
    z, res, k = jax.lax.while_loop(cond, body, (z0, res0, jnp.asarray(0.0, z0.dtype)))
    converged = ((res <= settings.tol) & jnp.isfinite(res)).astype(z0.dtype)
    return z, NewtonStats(k, res, converged)


def equilibrium(
    base: Baseline, tariffs: Array, net_exports: Array, settings: SolverSettings
) -> tuple[Array, NewtonStats]:
    """``z = [log w_hat, log E_hat]`` at the equilibrium, implicitly differentiable."""
    n = base.expenditure.shape[0]
    z0 = jnp.zeros(2 * n, base.expenditure.dtype)

    def f(z: Array) -> Array:
        return residual(z, base, tariffs, net_exports)

    def solve(g: Callable[[Array], Array], z_init: Array) -> tuple[Array, NewtonStats]:
        return newton(g, z_init, settings)

    def tangent_solve(linear: Callable[[Array], Array], rhs: Array) -> Array:
        # ``linear`` is the Jacobian-vector product at the root; 2N is small, so materialise it.
        matrix = jax.jacfwd(linear)(rhs)
        return jnp.linalg.solve(matrix, rhs)

    z, stats = jax.lax.custom_root(f, z0, solve, tangent_solve, has_aux=True)
    return z, stats


def counterfactual(
    base: Baseline,
    tariffs: Array,
    weights: Array,
    net_exports: Array,
    settings: SolverSettings = DEFAULT_SETTINGS,
) -> Counterfactual:
    """Solve the equilibrium at ``tariffs`` and evaluate outcomes (``mycounterfactuals.m``)."""
    z, stats = equilibrium(base, tariffs, net_exports, settings)
    w_hat, e_hat = _unpack(z)
    tau = tau_hat(base, tariffs)
    p_adj = price_index_hat_adj(base, w_hat, tau)
    x_hat = trade_hat_per_expenditure(base, w_hat, tau, p_adj) * e_hat[:, None, None]
    y_hat = sales_hat(base, x_hat)
    trade = jnp.asarray(base.trade) * x_hat
    revenue = jnp.sum(tariffs * trade, axis=(1, 2))
    p_hat = price_index_hat(base, p_adj)
    profits_hat = jnp.sum(base.profits * y_hat, axis=1) / jnp.sum(base.profits, axis=1)
    return Counterfactual(
        w_hat=w_hat,
        e_hat=e_hat,
        p_hat=p_hat,
        industry_p_hat=p_adj ** (1.0 / (base.sigma - 1.0)),
        sales_hat=y_hat,
        trade=trade,
        welfare_hat=e_hat / p_hat,
        government_welfare_hat=government_welfare_hat(base, weights, y_hat, revenue, p_hat),
        profits_hat=profits_hat,
        tariff_revenue=revenue,
        stats=stats,
    )
