"""Running scenarios: :func:`run_scenarios` compiles, solves and tabulates them into a :class:`Run`.

A run is plain data (tables and a JSON manifest: scenario hashes, world vintage and sha256,
timeline version, package versions, solver statistics), so it can be saved in the results store
(:mod:`tradewar.store`) and rendered by the CLI, the report and the dashboard alike.
"""

from typing import TYPE_CHECKING, Any

from tradewar.runner._bands import band, band_labels, bands_note, pair_band
from tradewar.runner._cache import CACHE_ENV, enable_compilation_cache
from tradewar.runner._diff import diff_runs
from tradewar.runner._run import (
    JSON_BILATERAL_KEYS,
    RUN_TABLES,
    SCENARIO_TABLES,
    Run,
    ScenarioResult,
)
from tradewar.runner._views import (
    diversion,
    headline,
    pair,
    pair_balance,
    pair_sectors,
    sector_moves,
)

if TYPE_CHECKING:
    from tradewar.runner._runner import (
        Progress,
        ProgressEvent,
        baseline_gap,
        environment,
        new_run_id,
        run_scenarios,
        scenario_result,
    )
    from tradewar.runner._warmup import warm_up

#: Names that need the model (and so JAX): imported on first use, so that reading the store or
#: rendering a stored run does not pay for importing JAX.
_NEEDS_MODEL = frozenset(
    {
        "Progress",
        "ProgressEvent",
        "band",
        "band_labels",
        "bands_note",
        "baseline_gap",
        "environment",
        "new_run_id",
        "run_scenarios",
        "scenario_result",
        "warm_up",
    }
)


def __getattr__(name: str) -> Any:
    if name == "warm_up":
        from tradewar.runner._warmup import warm_up

        return warm_up
    if name in _NEEDS_MODEL:
        from tradewar.runner import _runner

        return getattr(_runner, name)
    raise AttributeError(f"module 'tradewar.runner' has no attribute {name!r}")


__all__ = [
    "CACHE_ENV",
    "JSON_BILATERAL_KEYS",
    "RUN_TABLES",
    "SCENARIO_TABLES",
    "Progress",
    "ProgressEvent",
    "Run",
    "ScenarioResult",
    "band",
    "band_labels",
    "bands_note",
    "baseline_gap",
    "diff_runs",
    "diversion",
    "enable_compilation_cache",
    "environment",
    "headline",
    "new_run_id",
    "pair",
    "pair_balance",
    "pair_band",
    "pair_sectors",
    "run_scenarios",
    "scenario_result",
    "sector_moves",
    "warm_up",
]
