"""Running scenarios: :func:`run_scenarios` compiles, solves and tabulates them into a
:class:`~tradewar.results.Run`.

A run is plain data (tables and a JSON manifest: scenario hashes, world vintage and sha256,
timeline version, package versions, solver statistics) and lives in :mod:`tradewar.results`, so
it can be saved in the results store (:mod:`tradewar.store`) and rendered by the CLI, the report
and the dashboard without this package. Importing it loads the model (and so JAX).
"""

from tradewar.runner._cache import CACHE_ENV, enable_compilation_cache
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

__all__ = [
    "CACHE_ENV",
    "Progress",
    "ProgressEvent",
    "baseline_gap",
    "enable_compilation_cache",
    "environment",
    "new_run_id",
    "run_scenarios",
    "scenario_result",
    "warm_up",
]
