"""``run_scenarios``: compile, solve and tabulate a set of scenarios into one :class:`Run`.

The CLI (``tradewar run``) and the web dashboard both call this function, so the same scenarios
give the same manifest whichever started them. Progress is reported through a callback; the
function never prints.
"""

from __future__ import annotations

import datetime as dt
import math
import platform
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from tradewar._phases import phase
from tradewar.compile import CompiledScenario, compile_scenario
from tradewar.errors import ConvergenceError, ScenarioError
from tradewar.hindcast import household_count
from tradewar.model import CLOSURES, HORIZONS, ManagedEquilibrium, solve, solve_managed
from tradewar.results import (
    Run,
    ScenarioResult,
    bilateral_table,
    country_table,
    outcomes,
    sector_table,
    sector_trade_table,
)
from tradewar.runner import _tables as tables
from tradewar.runner._starts import WarmStarts
from tradewar.runner._validity import range_warnings
from tradewar.scenarios import PolicySource, Scenario, TimelinePolicy, weighted_period
from tradewar.uncertainty import BandOptions, band_tables, distribution_from, monte_carlo
from tradewar.world import World
from tradewar.worlds import world_fingerprint, world_info

if TYPE_CHECKING:
    from tradewar.batch import Executor
    from tradewar.store import Store

Stage = Literal["compile", "solve", "done", "failed", "saved"]


@dataclass(frozen=True)
class ProgressEvent:
    """What the runner is doing: scenario ``index`` (0-based) of ``total``, at ``stage``."""

    index: int
    total: int
    scenario: str
    stage: Stage
    seconds: float = 0.0
    message: str = ""


Progress = Callable[[ProgressEvent], None]

#: The first day of the policy history stored with a run (the first Section 301 list was 2018).
HISTORY_START = dt.date(2018, 1, 1)


def new_run_id(now: dt.datetime) -> str:
    """Sortable and unique across processes: UTC time and 6 random hex digits."""
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def environment() -> dict[str, str]:
    import jax

    return {
        "tradewar": _version("tradewar"),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "jax": jax.__version__,
        "platform": platform.platform(terse=True),
    }


def collapse_notes(notes: Sequence[str]) -> list[str]:
    """Notes of the form ``"USA <- MEX: text"`` grouped by their text, one line per text."""
    groups: dict[str, list[str]] = {}
    for note in notes:
        head, sep, text = note.partition(": ")
        if sep and "<-" in head and len(head) < 20:
            groups.setdefault(text, []).append(head.replace(" ", ""))
        else:
            groups.setdefault(note, [])
    return [f"{text} ({', '.join(heads)})" if heads else text for text, heads in groups.items()]


def _solve(
    compiled: CompiledScenario, warm: WarmStarts | None = None
) -> tuple[Any, ManagedEquilibrium | None, str]:
    """The equilibrium (or None), the managed solve if any, and an error message.

    With ``warm``, a scenario without commitments starts from the nearest equilibrium solved
    so far, and a converged one is added to it.
    """
    scenario = compiled.scenario
    if compiled.commitments:
        try:
            managed = solve_managed(
                compiled.world,
                compiled.shock,
                compiled.targets,
                deficits=scenario.deficits,
                horizon=scenario.horizon,
            )
        except ConvergenceError as exc:
            return exc.result, None, str(exc)
        return managed.equilibrium, managed, ""
    start = None if warm is None else warm.nearest(compiled)
    if start is not None and (start.deficits, start.horizon) != (
        scenario.deficits,
        scenario.horizon,
    ):
        start = None  # a warm start must share the closure and horizon
    eq = solve(
        compiled.world,
        compiled.shock,
        deficits=scenario.deficits,
        horizon=scenario.horizon,
        throw=False,
        start=start,
    )
    if warm is not None:
        warm.add(compiled, eq)
    return eq, None, "" if eq.converged else eq.outcome.message


def _solver_info(eq: Any, managed: ManagedEquilibrium | None, error: str) -> dict[str, Any]:
    if eq is None or not hasattr(eq, "solver_info"):
        return {"converged": False, "outcome": "failed", "message": error}
    info = eq.solver_info()
    info["max_condition"] = max(info["conditions"].values()) if info["conditions"] else 0.0
    if managed is not None:
        info["commitment_iterations"] = managed.iterations
    if error:
        info["converged"] = False
        info["message"] = error
    return info


def scenario_result(
    compiled: CompiledScenario,
    seconds: float,
    *,
    bands: BandOptions | None = None,
    executor: Executor | None = None,
    warm: WarmStarts | None = None,
) -> ScenarioResult:
    """Solve one compiled scenario and tabulate it (a failure is recorded, never reported).

    ``warm`` (the run's :class:`~tradewar.runner._starts.WarmStarts`) starts the solve from the
    nearest scenario solved before it; the result is the same within the solver's tolerance.

    With ``bands``, the scenario is also solved for that many draws of the trade elasticities
    (:func:`tradewar.uncertainty.monte_carlo`, on ``executor``), and its tables gain ``bands``
    and ``bilateral_bands`` (quantiles over the converged draws, failures counted).
    """
    scenario = compiled.scenario
    start = time.perf_counter()
    with phase("solve"):
        eq, managed, error = _solve(compiled, warm)
    solver = _solver_info(eq, managed, error)
    solver["compile_seconds"] = seconds
    solver["total_seconds"] = seconds + time.perf_counter() - start
    meta = {
        "name": scenario.name,
        "title": scenario.label,
        "description": " ".join(scenario.description.split()),
        "hash": compiled.hash,
        "world": compiled.base_world.name,
        "world_sha256": world_fingerprint(compiled.base_world),
        "deficits": scenario.deficits,
        "closure": CLOSURES[scenario.deficits],
        "horizon": scenario.horizon,
        "horizon_note": HORIZONS[scenario.horizon].describe(),
        "policy": {
            "label": compiled.policy_label,
            "date": None if compiled.policy_date is None else compiled.policy_date.isoformat(),
            "overlay": scenario.policy.overlay,
            "period": None
            if scenario.policy.period is None
            else {
                "start": scenario.policy.period.start.isoformat(),
                "end": scenario.policy.period.end.isoformat(),
            },
        },
        "tariffs": tables.tariff_summary(compiled),
        "solver": solver,
        "notes": list(compiled.notes),
        "policy_notes": collapse_notes(compiled.policy.notes),
        "warnings": range_warnings(compiled),
        "spec": scenario.model_dump(mode="json"),
    }
    frames = {
        "tariffs": tables.tariff_table(compiled),
        "inputs": tables.input_table(compiled),
        "segments": tables.segment_table(compiled),
    }
    if solver["converged"]:
        frames.update(
            countries=country_table(eq),
            bilateral=bilateral_table(eq),
            sector_trade=sector_trade_table(eq),
            sectors=sector_table(eq),
            observed=tables.observed_table(compiled, eq),
        )
        if managed is not None:
            frames["commitments"] = tables.commitment_table(compiled, managed)
        meta["outcomes"] = _outcomes(eq)
    if bands is not None:
        meta["bands"] = _bands(compiled, bands, executor, frames, bool(solver["converged"]))
    return ScenarioResult(name=scenario.name, meta=meta, tables=frames)


def _outcomes(eq: Any) -> dict[str, Any]:
    """Pass-through, consumer prices, effective tariffs, revenue and cost per US household.

    For the United States when the world has it (cost per household from the sourced Census
    household count), else for every importer without the household cost.
    """

    def finite(values: dict[str, float]) -> dict[str, Any]:  # NaN (nothing moved) as null
        return {k: (v if math.isfinite(v) else None) for k, v in values.items()}

    countries = eq.baseline.countries
    if "USA" in countries:
        households = household_count()
        quoted = finite(outcomes(eq, "USA", households=households.to_value))
        quoted["households_source"] = households.source_url
        return {"USA": quoted}
    return {c: finite(outcomes(eq, c)) for c in countries}


def _bands(
    compiled: CompiledScenario,
    options: BandOptions,
    executor: Executor | None,
    frames: dict[str, Any],
    converged: bool,
) -> dict[str, Any]:
    """Monte Carlo bands of a scenario into ``frames``; returns their summary for the manifest."""
    if not converged:
        return {"skipped": "the scenario did not converge at the central elasticities"}
    if compiled.scenario.horizon != "long-run":
        return {
            "skipped": f"bands are drawn over long-run elasticities only; horizon "
            f"{compiled.scenario.horizon!r} is not supported by the Monte Carlo yet"
        }
    dist = distribution_from(compiled.world, options)
    mc = monte_carlo(
        compiled.world,
        compiled.shock,
        targets=tuple(compiled.targets),
        deficits=compiled.scenario.deficits,
        name=compiled.scenario.name,
        draws=options.draws,
        distribution=dist,
        seed=options.seed,
        quantiles=options.quantiles,
        executor=executor,
    )
    frames.update(band_tables(mc))
    summary = mc.summary()
    summary["options"] = options.describe()
    return summary


def baseline_gap(source: PolicySource, world: World) -> dict[str, Any] | None:
    """How far the world's own tariffs are from the timeline's for its base year.

    The timeline's tariffs of the base year, weighted by days in force, against ``world.tariffs``
    for the importers the timeline covers: trade-weighted averages both ways and the largest
    cell gap. None when the world states no base year.
    """
    year = world.meta.get("base_year")
    if year is None:
        return None
    try:
        policy, _ = weighted_period(
            source, dt.date(int(year), 1, 1), dt.date(int(year), 12, 31), None, world
        )
    except Exception as exc:  # a diagnostic must not stop a run: record why it is missing
        return {"error": f"{type(exc).__name__}: {exc}"}
    rows = [world.country_index(c) for c in policy.importers]
    gap = np.zeros_like(world.tariffs)
    gap[rows] = policy.tariffs[rows] - world.tariffs[rows]
    n, i, j = (int(x) for x in np.unravel_index(np.abs(gap).argmax(), gap.shape))
    out: dict[str, Any] = {
        "year": int(year),
        "max_abs_pp": float(100 * abs(gap[n, i, j])),
        "at": f"{world.countries[n]}<-{world.countries[i]} {world.sectors[j]}",
    }
    for key, (a, b) in tables.DIRECTIONS.items():
        if a in world.countries and b in world.countries and a in policy.importers:
            na, nb = world.country_index(a), world.country_index(b)
            w = tables.goods_weights(world, na, nb)
            if w.sum() > 0:
                out[key] = {
                    "world_pct": float(100 * w @ world.tariffs[na, nb] / w.sum()),
                    "timeline_pct": float(100 * w @ policy.tariffs[na, nb] / w.sum()),
                }
    return out


def _history(
    source: PolicySource, compiled: Sequence[CompiledScenario], today: dt.date
) -> tuple[Any, str]:
    """The policy history for the report's charts, or None and why not."""
    dates = [c.policy_date for c in compiled if c.policy_date is not None]
    dates += [c.scenario.policy.period.end for c in compiled if c.scenario.policy.period]
    if not dates:
        return None, "no scenario names a date"
    try:
        return source.history(HISTORY_START, max([today, *dates])), ""
    except Exception as exc:  # the history only feeds charts: record why it is missing
        return None, f"{type(exc).__name__}: {exc}"


def run_scenarios(
    scenarios: Sequence[Scenario],
    *,
    world: World | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
    source: PolicySource | None = None,
    today: dt.date | None = None,
    bands: BandOptions | None = None,
    executor: Executor | None = None,
) -> Run:
    """Compile, solve and tabulate ``scenarios``; save the run in ``store`` if given.

    ``world`` replaces every scenario's own world; ``source`` the built-in timeline; ``today``
    the date that ``"today"`` stands for (default: the local date). Scenarios are compiled
    first, so a bad scenario stops the run before anything is solved. A scenario that does not
    converge is kept with ``converged`` False and no numbers. ``bands`` adds Monte Carlo bands
    over the trade elasticities to every converged scenario (solved on ``executor``, default
    this process).
    """
    if not scenarios:
        raise ScenarioError("no scenarios to run")
    names = [s.name for s in scenarios]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ScenarioError(f"two scenarios share the name(s) {duplicates}; names must differ")
    source = source if source is not None else TimelinePolicy()
    today = today or dt.date.today()
    created = dt.datetime.now(dt.UTC)
    notify = progress or (lambda event: None)
    total = len(scenarios)
    compiled: list[tuple[CompiledScenario, float]] = []
    for k, scenario in enumerate(scenarios):
        notify(ProgressEvent(k, total, scenario.name, "compile"))
        start = time.perf_counter()
        with phase("data"):
            item = compile_scenario(scenario, world=world, source=source, today=today)
        compiled.append((item, time.perf_counter() - start))
    results = []
    warm = WarmStarts()
    for k, (item, seconds) in enumerate(compiled):
        notify(ProgressEvent(k, total, item.scenario.name, "solve"))
        with phase("tables"):
            result = scenario_result(item, seconds, bands=bands, executor=executor, warm=warm)
        stage: Stage = "done" if result.converged else "failed"
        message = "" if result.converged else str(result.solver.get("message", ""))
        notify(
            ProgressEvent(
                k,
                total,
                item.scenario.name,
                stage,
                float(result.solver.get("total_seconds", 0.0)),
                message,
            )
        )
        results.append(result)
    worlds: dict[str, dict[str, Any]] = {}
    diagnostics: dict[str, Any] = {}
    for item, _ in compiled:
        info = world_info(item.base_world)
        if info["content_sha256"] not in worlds:
            worlds[info["content_sha256"]] = info
            uses_policy = any(not c.scenario.policy.baseline for c, _ in compiled)
            if uses_policy:
                gap = baseline_gap(source, item.base_world)
                if gap is not None:
                    diagnostics.setdefault("baseline_tariff_gap", {})[info["content_sha256"]] = gap
    with phase("data"):
        history, why = _history(source, [c for c, _ in compiled], today)
    run_tables = {}
    if history is None:
        diagnostics["history"] = f"no policy history stored: {why}"
    else:
        import pandas as pd

        run_tables["history"] = pd.DataFrame(
            [
                {
                    "date": p.date.isoformat(),
                    "us_on_cn_pct": p.us_on_cn_pct,
                    "cn_on_us_pct": p.cn_on_us_pct,
                    "started": " ".join(p.started),
                    "ended": " ".join(p.ended),
                }
                for p in history.points
            ],
            columns=["date", "us_on_cn_pct", "cn_on_us_pct", "started", "ended"],
        )
        run_tables["events"] = pd.DataFrame(
            [
                {
                    "date": e.date.isoformat(),
                    "kind": e.kind,
                    "title": e.title,
                    "place": e.place,
                    "confirmed": e.confirmed,
                    "sources": " ".join(e.sources),
                }
                for e in history.events
            ],
            columns=["date", "kind", "title", "place", "confirmed", "sources"],
        )
        diagnostics["history_weights"] = history.weights
    manifest = {
        "format": 1,
        "run_id": new_run_id(created),
        "created_at": created.isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "environment": environment(),
        "timeline": {"name": source.name, "version": source.version},
        "worlds": list(worlds.values()),
        "scenarios": [dict(r.meta) for r in results],
        "diagnostics": diagnostics,
    }
    run = Run(
        run_id=str(manifest["run_id"]),
        manifest=manifest,
        scenarios=tuple(results),
        tables=run_tables,
    )
    if store is not None:
        with phase("writing"):
            store.save(run)
        notify(ProgressEvent(total - 1, total, run.run_id, "saved"))
    return run
