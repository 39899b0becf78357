"""Welfare as a differentiable function of the tariff tensor.

The equilibrium inside is found by the same compiled solver as :func:`tradewar.model.solve` and
differentiated implicitly (:func:`jax.lax.custom_root`): ``jax.grad``/``jax.jacrev`` of any
country's welfare with respect to every tariff cost one linear solve with the Jacobian of the
equilibrium map per output, independent of the iterations the forward solve took.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from tradewar.errors import ShockError
from tradewar.model._horizon import DEFAULT_HORIZON, HorizonName, at_horizon, wage_flex
from tradewar.model._kernels import Baseline, Counterfactual, Levels, levels
from tradewar.model._solve import (
    Deficits,
    Settings,
    _deficit_rule,
    _settings,
    purge_deficits,
    world_arrays,
)
from tradewar.model._solver import SolverSettings, equilibrium_state
from tradewar.world import World


def levels_from_tariffs(
    tariffs: jax.Array,
    base: Baseline,
    trade_costs: jax.Array,
    rule: int,
    settings: SolverSettings,
) -> tuple[Levels, jax.Array]:
    """Counterfactual levels at ``tariffs`` and whether the solve converged (a bool array)."""
    cf = Counterfactual(tariffs=tariffs, trade_costs=trade_costs)
    state, stats = equilibrium_state(base, cf, rule, settings)
    ok = jax.lax.stop_gradient((stats.residual <= settings.tol) & stats.finite)
    return levels(state, base, cf, rule), ok


def baseline_income(base: Baseline) -> jax.Array:
    """I_n = w_n L_n + R_n + D_n of the baseline arrays."""
    trade = base.pi * base.expenditure[:, None, :] / (1 + base.tariffs)
    return base.value_added + (base.tariffs * trade).sum(axis=(1, 2)) + base.deficit


def welfare_from_tariffs(
    tariffs: jax.Array,
    base: Baseline,
    trade_costs: jax.Array,
    rule: int,
    settings: SolverSettings,
) -> jax.Array:
    """Real-income change I_hat / P_hat of every country (N,); NaN where the solve failed."""
    lv, ok = levels_from_tariffs(tariffs, base, trade_costs, rule, settings)
    price_index = jnp.exp((base.final_share * jnp.log(lv.p_hat)).sum(axis=1))
    welfare = lv.income / baseline_income(base) / price_index
    return jnp.where(ok, welfare, jnp.nan)


def welfare_function(
    world: World,
    *,
    deficits: Deficits = "fixed",
    horizon: HorizonName = DEFAULT_HORIZON,
    settings: Settings = None,
) -> Callable[[jax.Array], jax.Array]:
    """``f(tariffs) -> welfare`` for ``world``: tariffs (N, N, J) to real-income changes (N,).

    The function is pure and jit-compiled; ``jax.grad``, ``jax.jacrev`` and ``jax.vmap`` apply.
    Welfare is the exact change in real income (``Equilibrium.welfare_hat``); a solve that does
    not converge yields NaN, which no optimiser can mistake for a result. With
    ``deficits="zero"`` the world is purged of deficits once, up front, and the function is
    relative to the purged base. ``horizon`` scales the elasticities and sets sticky wages as in
    :func:`~tradewar.model.solve`.
    """
    rule = _deficit_rule(deficits)
    if deficits == "observed":
        raise ShockError("welfare_function does not take deficits='observed'; use solve().")
    opts = _settings(settings)
    world = at_horizon(world, horizon)
    if deficits == "zero":
        world = purge_deficits(world, settings=settings).check().to_world()
    base = world_arrays(world, flex=wage_flex(horizon, world.n_countries))
    trade_costs = jnp.ones_like(base.pi)

    @jax.jit
    def welfare(tariffs: jax.Array) -> jax.Array:
        return welfare_from_tariffs(tariffs, base, trade_costs, rule, opts)

    return welfare
