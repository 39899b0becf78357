"""Sweeps: a grid or list of scenario variants, solved in batches, resumable, here or on Dask.

``run_sweep(load_sweep_spec("grid.toml"), "out/")`` solves every point of the sweep not yet in
``out/`` and writes each as soon as it is done (atomically: a folder per point, plus a
manifest), so an interrupted sweep resumes where it stopped. ``open_executor(cluster, workers)``
runs the blocks on a Dask cluster (``tcp://HOST:PORT``) or on local worker processes;
``load_sweep("out/")`` reads the results back. The spec format is in ``docs/uncertainty.md``.
"""

from tradewar.sweep._cluster import PINNED_ENV, DaskExecutor, Executor, InProcess, open_executor
from tradewar.sweep._directory import SweepDirectory
from tradewar.sweep._prepare import Prepared, load_world, point_id, prepare
from tradewar.sweep._results import SweepResult, load_sweep
from tradewar.sweep._run import SweepProgress, SweepReport, run_sweep, solve_points
from tradewar.sweep._spec import (
    Axis,
    Range,
    SweepSpec,
    load_sweep_spec,
    parse_sweep,
    sweep_schema,
)

__all__ = [
    "PINNED_ENV",
    "Axis",
    "DaskExecutor",
    "Executor",
    "InProcess",
    "Prepared",
    "Range",
    "SweepDirectory",
    "SweepProgress",
    "SweepReport",
    "SweepResult",
    "SweepSpec",
    "load_sweep",
    "load_sweep_spec",
    "load_world",
    "open_executor",
    "parse_sweep",
    "point_id",
    "prepare",
    "run_sweep",
    "solve_points",
    "sweep_schema",
]
