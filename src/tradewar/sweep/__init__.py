"""Sweeps: a grid or list of scenario variants, solved in batches, resumable, here or on Dask.

``run_sweep(load_sweep_spec("grid.toml"), "out/")`` solves every point of the sweep not yet in
``out/`` and writes each as soon as it is done (atomically: a folder per point, plus a
manifest), so an interrupted sweep resumes where it stopped. The blocks run on an executor of
the batch layer (:func:`tradewar.batch.open_executor`: a Dask cluster or local processes);
``load_sweep("out/")`` reads the results back and ``list_sweeps(folder)`` lists the sweeps in a
folder. The spec format is in ``docs/uncertainty.md``.

Reading sweeps needs no JAX; the solving parts are imported on first use.
"""

from typing import TYPE_CHECKING, Any

from tradewar.sweep._directory import SweepDirectory
from tradewar.sweep._results import SweepResult, list_sweeps, load_sweep
from tradewar.sweep._spec import (
    Axis,
    Range,
    SweepSpec,
    load_sweep_spec,
    parse_sweep,
    sweep_schema,
)

if TYPE_CHECKING:
    from tradewar.sweep._prepare import Prepared, load_world, point_id, prepare
    from tradewar.sweep._run import SweepProgress, SweepReport, run_sweep, solve_points

_LAZY = {
    "Prepared": "_prepare",
    "load_world": "_prepare",
    "point_id": "_prepare",
    "prepare": "_prepare",
    "SweepProgress": "_run",
    "SweepReport": "_run",
    "run_sweep": "_run",
    "solve_points": "_run",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"tradewar.sweep.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'tradewar.sweep' has no attribute {name!r}")


__all__ = [
    "Axis",
    "Prepared",
    "Range",
    "SweepDirectory",
    "SweepProgress",
    "SweepReport",
    "SweepResult",
    "SweepSpec",
    "list_sweeps",
    "load_sweep",
    "load_sweep_spec",
    "load_world",
    "parse_sweep",
    "point_id",
    "prepare",
    "run_sweep",
    "solve_points",
    "sweep_schema",
]
