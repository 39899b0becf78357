"""``solve(world, shock) -> Equilibrium`` and ``equilibrate``: the public entry points."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Literal

import jax.numpy as jnp
import numpy as np

from tradewar.errors import ConvergenceError, ShockError
from tradewar.model._equilibrium import CONDITION_TOL, Equilibrium
from tradewar.model._horizon import DEFAULT_HORIZON, HorizonName, at_horizon, wage_flex
from tradewar.model._kernels import (
    DEFICIT_FIXED,
    DEFICIT_PATH,
    DEFICIT_RATIO,
    Baseline,
    Counterfactual,
    State,
)
from tradewar.model._shock import Shock
from tradewar.model._solver import SolverSettings, initial_state, solve_raw
from tradewar.solution import Outcome
from tradewar.world import World

Deficits = Literal["fixed", "zero", "ratio", "observed"]
_RULES = {
    "fixed": DEFICIT_FIXED,
    "zero": DEFICIT_FIXED,
    "ratio": DEFICIT_RATIO,
    "observed": DEFICIT_PATH,
}
#: How each closure treats trade deficits, as stated in every output.
CLOSURES = {
    "fixed": "deficits fixed in levels (units of world value added)",
    "zero": "deficits purged (set to zero, tariffs unchanged) before the shock",
    "ratio": "deficits fixed as a share of each country's value added (GDP)",
    "observed": "deficits held at a given (observed) path",
}


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


def world_arrays(
    world: World, *, zero_deficits: bool = False, flex: np.ndarray | None = None
) -> Baseline:
    base = baseline_arrays(
        world.trade,
        world.tariffs,
        world.va_share,
        world.io_share,
        world.final_share,
        world.theta,
        zero_deficits=zero_deficits,
    )
    return base if flex is None else base._replace(wage_flex=jnp.asarray(flex))


def _deficit_rule(deficits: str) -> int:
    try:
        return _RULES[deficits]
    except KeyError:
        raise ShockError(
            f"deficits={deficits!r} is not a deficit rule; use 'fixed' (held in levels), "
            "'zero' (purged first, as in Caliendo-Parro's Table 2), 'ratio' (a fixed share of "
            "value added) or 'observed' (a given path, with deficit_path=)."
        ) from None


def _equilibrium(
    world: World,
    shock: Shock,
    base: Baseline,
    rule: int,
    deficits: str,
    settings: SolverSettings,
    purge: Equilibrium | None = None,
    horizon: str = DEFAULT_HORIZON,
    deficit_path: np.ndarray | None = None,
    start: Equilibrium | None = None,
) -> Equilibrium:
    cf = Counterfactual(
        tariffs=jnp.asarray(shock.tariffs_for(world)),
        trade_costs=jnp.asarray(shock.trade_costs_for(world)),
        deficit=None if deficit_path is None else jnp.asarray(deficit_path),
    )
    z0 = initial_state(base) if start is None else start_state(start, base)
    clock = time.perf_counter()
    raw = solve_raw(base, cf, rule, settings, z0)
    raw.levels.w_hat.block_until_ready()
    seconds = time.perf_counter() - clock
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
        employment=np.asarray(lv.employment),
        horizon=horizon,
        warm_start=None if start is None else start.shock.name,
    )


def start_state(start: Equilibrium, base: Baseline) -> State:
    """The solver's unknowns at a solved equilibrium, as a starting point on ``base``."""
    shape = tuple(base.expenditure.shape)
    if start.p_hat.shape != shape or start.w_hat.shape != shape[:1]:
        raise ShockError(
            f"warm start {start.shock.name!r} is an equilibrium of a {start.p_hat.shape} world "
            f"(countries x sectors), not of this {shape} one; start from an equilibrium of the "
            "same world, or drop start=."
        )
    if not start.converged:
        raise ShockError(
            f"warm start {start.shock.name!r} did not converge ({start.outcome.value}); start "
            "from a converged equilibrium, or drop start=."
        )
    return State(
        log_w=jnp.log(jnp.asarray(start.w_hat)),
        log_p=jnp.log(jnp.asarray(start.p_hat)),
        log_x=jnp.log(jnp.asarray(start.expenditure) / base.expenditure),
    )


#: Solver settings as the public functions take them: typed, or as keyword names of the fields.
Settings = SolverSettings | Mapping[str, Any] | None


def _settings(options: Settings) -> SolverSettings:
    if isinstance(options, SolverSettings):
        return options
    if not options:
        return SolverSettings()
    unknown = set(options) - set(SolverSettings._fields)
    if unknown:
        raise ShockError(
            f"unknown solver settings {sorted(unknown)}; known: {list(SolverSettings._fields)}."
        )
    return SolverSettings(**options)


def purge_deficits(world: World, *, settings: Settings = None) -> Equilibrium:
    """The world's equilibrium with every trade deficit set to zero (tariffs unchanged).

    Caliendo and Parro (2015) build the base year of their Table 2 this way; ``.to_world()`` of
    the result is that base.
    """
    opts = _settings(settings)
    base = world_arrays(world, zero_deficits=True)
    eq = _equilibrium(world, Shock(name="deficits purged"), base, DEFICIT_FIXED, "fixed", opts)
    return eq


def _deficit_path(world: World, deficits: str, path: Any) -> np.ndarray | None:
    """The validated D' of the observed-path closure (None for the other closures)."""
    if deficits != "observed":
        if path is not None:
            raise ShockError(
                f"deficit_path is given but deficits={deficits!r}; use deficits='observed' to "
                "hold deficits at a path, or drop deficit_path."
            )
        return None
    if path is None:
        raise ShockError(
            "deficits='observed' needs deficit_path: one deficit per country (imports minus "
            "exports, in the world's units), summing to zero."
        )
    array = np.asarray(path, dtype=np.float64)
    if array.shape != (world.n_countries,) or not np.isfinite(array).all():
        raise ShockError(
            f"deficit_path has shape {array.shape} or non-finite values; give one finite deficit "
            f"per country of {world.name!r} ({world.n_countries}: {list(world.countries)})."
        )
    scale = float(world.value_added.sum())
    if abs(float(array.sum())) > 1e-9 * scale:
        raise ShockError(
            f"deficit_path sums to {float(array.sum()):.6g}, not zero; world deficits must net "
            "out (charge the discrepancy to a rest-of-world entry)."
        )
    return array


def solve(
    world: World,
    shock: Shock | None = None,
    *,
    deficits: Deficits = "fixed",
    horizon: HorizonName = DEFAULT_HORIZON,
    deficit_path: Any = None,
    settings: Settings = None,
    throw: bool = True,
    start: Equilibrium | None = None,
) -> Equilibrium:
    """Solve the Caliendo–Parro (2015) counterfactual equilibrium of ``world`` under ``shock``.

    Parameters
    ----------
    world
        The baseline economy.
    shock
        New tariffs and/or iceberg trade-cost changes; ``None`` is the zero shock.
    deficits
        The closure (see :data:`CLOSURES`): ``"fixed"`` holds each country's trade deficit at its
        baseline level (in units of the numeraire, world value added); ``"zero"`` first purges
        all deficits (tariffs unchanged) and solves the shock from that purged baseline, which
        the result then carries as its ``baseline``; ``"ratio"`` keeps each deficit a fixed share
        of the country's value added (world deficits kept summing to zero); ``"observed"`` holds
        deficits at ``deficit_path``.
    horizon
        ``"1y"``, ``"3y"`` or ``"long-run"`` (default): trade elasticities scaled to the horizon
        and sticky wages at short horizons (see :mod:`tradewar.model._horizon`). The result's
        ``baseline`` carries the scaled elasticities.
    deficit_path
        With ``deficits="observed"``: each country's counterfactual deficit (imports minus
        exports, the world's units), summing to zero.
    settings
        Solver settings: a :class:`~tradewar.model.SolverSettings`, e.g.
        ``SolverSettings(max_iter=500)`` (or a mapping of its field names, checked).
    throw
        Raise :class:`~tradewar.errors.ConvergenceError` when the solve fails (default). With
        ``False`` a failed :class:`Equilibrium` is returned, whose quantities refuse to be read.
    start
        A converged equilibrium of the same world, deficit rule and horizon to start the
        iteration from (warm start), e.g. a nearby scenario's; the solution is the same within
        the solver's tolerance, in fewer iterations. ``None`` starts from the baseline (no
        change). The result records it in ``warm_start``.
    """
    shock = Shock.none() if shock is None else shock
    if start is not None and (start.deficits, start.horizon) != (deficits, horizon):
        raise ShockError(
            f"warm start {start.shock.name!r} was solved with deficits={start.deficits!r} at "
            f"horizon {start.horizon!r}, not deficits={deficits!r} at {horizon!r}; start from "
            "an equilibrium under the same closure and horizon, or drop start=."
        )
    shock.check(world)
    _deficit_rule(deficits)
    path = _deficit_path(world, deficits, deficit_path)
    world = at_horizon(world, horizon)
    purge: Equilibrium | None = None
    if deficits == "zero":
        purge = purge_deficits(world, settings=settings)
        if not purge.converged:
            if throw:
                purge.check()
            return purge
        world = purge.to_world(name=f"{world.name} (deficits purged)")
    return _solve_prepared(world, shock, deficits, horizon, path, settings, throw, purge, start)


def _solve_prepared(
    world: World,
    shock: Shock,
    deficits: str,
    horizon: str,
    path: np.ndarray | None,
    settings: Settings,
    throw: bool,
    purge: Equilibrium | None = None,
    start: Equilibrium | None = None,
) -> Equilibrium:
    """Solve on a world already at ``horizon`` (and purged, for ``deficits="zero"``)."""
    rule = _deficit_rule(deficits)
    base = world_arrays(world, flex=wage_flex(horizon, world.n_countries))
    opts = _settings(settings)
    eq = _equilibrium(world, shock, base, rule, deficits, opts, purge, horizon, path, start)
    if throw:
        eq.check()
    return eq


def resolve(eq: Equilibrium, shock: Shock, *, deficit_path: Any = None) -> Equilibrium:
    """``shock`` solved on ``eq``'s baseline under the same horizon and closure (never raises).

    The baseline is already at the horizon (and purged under ``deficits="zero"``), so it is not
    scaled or purged again. Under ``deficits="observed"`` the path defaults to ``eq``'s.
    """
    path = None
    if eq.deficits == "observed":
        path = eq.deficit if deficit_path is None else np.asarray(deficit_path, dtype=np.float64)
    deficits = "fixed" if eq.deficits == "zero" else eq.deficits
    return _solve_prepared(eq.baseline, shock, deficits, eq.horizon, path, None, False, eq.purge)


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
    settings: Settings = None,
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
    raw = solve_raw(base, cf, DEFICIT_FIXED, opts, initial_state(base))
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
