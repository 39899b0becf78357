"""``solve(world, shock) -> Equilibrium`` and ``equilibrate``: the public entry points."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Literal

import jax.numpy as jnp
import numpy as np

from tradewar.errors import ConvergenceError, ShockError
from tradewar.model._equilibrium import CONDITION_TOL, Equilibrium, Outcome
from tradewar.model._kernels import DEFICIT_FIXED, DEFICIT_RATIO, Baseline, Counterfactual
from tradewar.model._shock import Shock
from tradewar.model._solver import SolverSettings, solve_raw
from tradewar.world import World

Deficits = Literal["fixed", "zero", "ratio"]
_RULES = {"fixed": DEFICIT_FIXED, "zero": DEFICIT_FIXED, "ratio": DEFICIT_RATIO}


def baseline_arrays(
    trade: np.ndarray,
    tariffs: np.ndarray,
    va_share: np.ndarray,
    io_share: np.ndarray,
    final_share: np.ndarray,
    theta: np.ndarray,
    *,
    zero_deficits: bool = False,
) -> Baseline:
    """The kernel's baseline pytree from flows and parameters (validated or not)."""
    expenditure = np.einsum("nij,nij->nj", trade, 1 + tariffs)
    gross_output = trade.sum(axis=0)
    domestic = np.einsum("nnj->n", trade)
    deficit = (trade.sum(axis=(1, 2)) - domestic) - (trade.sum(axis=(0, 2)) - domestic)
    if zero_deficits:
        deficit = np.zeros_like(deficit)
    return Baseline(
        pi=jnp.asarray(trade * (1 + tariffs) / expenditure[:, None, :]),
        tariffs=jnp.asarray(tariffs),
        value_added=jnp.asarray((va_share * gross_output).sum(axis=1)),
        deficit=jnp.asarray(deficit),
        expenditure=jnp.asarray(expenditure),
        va_share=jnp.asarray(va_share),
        io_share=jnp.asarray(io_share),
        final_share=jnp.asarray(final_share),
        theta=jnp.asarray(theta),
    )


def world_arrays(world: World, *, zero_deficits: bool = False) -> Baseline:
    return baseline_arrays(
        world.trade,
        world.tariffs,
        world.va_share,
        world.io_share,
        world.final_share,
        world.theta,
        zero_deficits=zero_deficits,
    )


def _deficit_rule(deficits: str) -> int:
    try:
        return _RULES[deficits]
    except KeyError:
        raise ShockError(
            f"deficits={deficits!r} is not a deficit rule; use 'fixed' (held in levels), "
            "'zero' (purged first, as in Caliendo-Parro's Table 2) or 'ratio' (scaled with wages)."
        ) from None


def _equilibrium(
    world: World,
    shock: Shock,
    base: Baseline,
    rule: int,
    deficits: str,
    settings: SolverSettings,
    purge: Equilibrium | None = None,
) -> Equilibrium:
    cf = Counterfactual(
        tariffs=jnp.asarray(shock.tariffs_for(world)),
        trade_costs=jnp.asarray(shock.trade_costs_for(world)),
    )
    start = time.perf_counter()
    raw = solve_raw(base, cf, rule, settings)
    raw.levels.w_hat.block_until_ready()
    seconds = time.perf_counter() - start
    conditions = {k: float(v) for k, v in raw.conditions.items()}
    residual = float(raw.stats.residual)
    if not bool(raw.stats.finite) or not np.isfinite(residual):
        outcome = Outcome.NONFINITE
    elif residual > settings.tol:
        outcome = Outcome.MAX_ITERATIONS
    elif max(conditions.values()) > CONDITION_TOL:
        infeasible = bool((np.asarray(raw.levels.income) <= 0).any())
        outcome = Outcome.DEFICITS_INFEASIBLE if infeasible else Outcome.CONDITIONS_VIOLATED
    else:
        outcome = Outcome.CONVERGED
    lv = raw.levels
    return Equilibrium(
        baseline=world,
        shock=shock,
        deficits=deficits,
        outcome=outcome,
        iterations=int(raw.stats.iterations),
        residual=residual,
        conditions=conditions,
        seconds=seconds,
        w_hat=np.asarray(lv.w_hat),
        c_hat=np.asarray(lv.c_hat),
        p_hat=np.asarray(lv.p_hat),
        trade_shares=np.asarray(lv.pi),
        expenditure=np.asarray(lv.expenditure),
        trade=np.asarray(lv.trade),
        gross_output=np.asarray(lv.gross_output),
        tariff_revenue=np.asarray(lv.tariff_revenue),
        deficit=np.asarray(lv.deficit),
        income=np.asarray(lv.income),
        purge=purge,
    )


def _settings(options: Mapping[str, Any] | None) -> SolverSettings:
    if not options:
        return SolverSettings()
    unknown = set(options) - set(SolverSettings._fields)
    if unknown:
        raise ShockError(
            f"unknown solver settings {sorted(unknown)}; known: {list(SolverSettings._fields)}."
        )
    return SolverSettings(**options)


def purge_deficits(world: World, *, settings: Mapping[str, Any] | None = None) -> Equilibrium:
    """The world's equilibrium with every trade deficit set to zero (tariffs unchanged).

    Caliendo and Parro (2015) build the base year of their Table 2 this way; ``.to_world()`` of
    the result is that base.
    """
    opts = _settings(settings)
    base = world_arrays(world, zero_deficits=True)
    eq = _equilibrium(world, Shock(name="deficits purged"), base, DEFICIT_FIXED, "fixed", opts)
    return eq


def solve(
    world: World,
    shock: Shock | None = None,
    *,
    deficits: Deficits = "fixed",
    settings: Mapping[str, Any] | None = None,
    throw: bool = True,
) -> Equilibrium:
    """Solve the Caliendo–Parro (2015) counterfactual equilibrium of ``world`` under ``shock``.

    Parameters
    ----------
    world
        The baseline economy.
    shock
        New tariffs and/or iceberg trade-cost changes; ``None`` is the zero shock.
    deficits
        ``"fixed"`` holds each country's trade deficit at its baseline level (in units of the
        numeraire, world value added); ``"zero"`` first purges all deficits (tariffs unchanged)
        and solves the shock from that purged baseline, which the result then carries as its
        ``baseline``; ``"ratio"`` scales each deficit with the country's wage change (deficits
        stay a fixed share of income; world deficits are kept summing to zero).
    settings
        Solver settings (see :class:`~tradewar.model.SolverSettings`).
    throw
        Raise :class:`~tradewar.errors.ConvergenceError` when the solve fails (default). With
        ``False`` a failed :class:`Equilibrium` is returned, whose quantities refuse to be read.
    """
    shock = Shock.none() if shock is None else shock
    shock.check(world)
    rule = _deficit_rule(deficits)
    opts = _settings(settings)
    purge: Equilibrium | None = None
    if deficits == "zero":
        purge = purge_deficits(world, settings=settings)
        if not purge.converged:
            if throw:
                purge.check()
            return purge
        world = purge.to_world(name=f"{world.name} (deficits purged)")
    eq = _equilibrium(world, shock, world_arrays(world), rule, deficits, opts, purge)
    if throw:
        eq.check()
    return eq


def resolve(eq: Equilibrium, shock: Shock) -> Equilibrium:
    """``shock`` solved on ``eq``'s baseline under the same rules as ``eq`` (never raises).

    With ``deficits="zero"`` the baseline is already purged, so the shock is solved on it with
    its (zero) deficits held fixed.
    """
    deficits: Deficits = "fixed" if eq.deficits == "zero" else eq.deficits  # type: ignore[assignment]
    return solve(eq.baseline, shock, deficits=deficits, throw=False)


def equilibrate(
    countries: Any,
    sectors: Any,
    trade: Any,
    tariffs: Any,
    va_share: Any,
    io_share: Any,
    final_share: Any,
    theta: Any,
    *,
    name: str = "world",
    meta: Mapping[str, Any] | None = None,
    zero_deficits: bool = False,
    settings: Mapping[str, Any] | None = None,
) -> tuple[World, dict[str, float]]:
    """Re-solve data that are not exactly an equilibrium to the nearest one, and say how far.

    Given observed trade shares, value added, deficits and parameters, the model's equilibrium at
    the observed tariffs (deficits as observed, or zero) is the consistent base year; Caliendo and
    Parro's own code solves this "baseline" before any counterfactual. Returns that world and a
    report of how much the flows moved (``max_rel_change_trade``, ``max_rel_change_value_added``,
    ``total_trade_change``).
    """
    arrays = [np.asarray(a, dtype=np.float64) for a in (trade, tariffs, va_share, io_share)]
    trade_a, tariffs_a, va_a, io_a = arrays
    final_a = np.asarray(final_share, dtype=np.float64)
    theta_a = np.asarray(theta, dtype=np.float64)
    base = baseline_arrays(
        trade_a, tariffs_a, va_a, io_a, final_a, theta_a, zero_deficits=zero_deficits
    )
    cf = Counterfactual(tariffs=jnp.asarray(tariffs_a), trade_costs=jnp.ones_like(base.pi))
    opts = _settings(settings)
    raw = solve_raw(base, cf, DEFICIT_FIXED, opts)
    residual = float(raw.stats.residual)
    worst = max(float(v) for v in raw.conditions.values())
    if not (residual <= opts.tol and worst <= CONDITION_TOL):
        why = (
            Outcome.DEFICITS_INFEASIBLE.message
            if bool((np.asarray(raw.levels.income) <= 0).any())
            else f"largest violated condition {worst:.3e}"
        )
        raise ConvergenceError(
            f"equilibrate {name!r}: the base-year solve failed (residual {residual:.3e} after "
            f"{int(raw.stats.iterations)} iterations): {why}."
        )
    new_trade = np.asarray(raw.levels.trade)
    new_va = np.asarray(raw.levels.w_hat) * np.asarray(base.value_added)
    positive = trade_a > 0
    report = {
        "max_rel_change_trade": float(np.max(np.abs(new_trade[positive] / trade_a[positive] - 1))),
        "max_rel_change_value_added": float(
            np.max(np.abs(new_va / np.asarray(base.value_added) - 1))
        ),
        "total_trade_change": float(new_trade.sum() / trade_a.sum() - 1),
        "iterations": float(raw.stats.iterations),
    }
    world = World(
        countries=countries,
        sectors=sectors,
        trade=new_trade,
        tariffs=tariffs_a,
        va_share=va_a,
        io_share=io_a,
        final_share=final_a,
        theta=theta_a,
        name=name,
        meta={**(meta or {}), "equilibrated": True},
    )
    return world, report
