"""Sweeps: a grid or list of scenario variants, solved in batches, resumable, here or on Dask.

``run_sweep(load_sweep_spec("grid.toml"), "out/")`` (from :mod:`tradewar.sweep.run`) solves
every point of the sweep not yet in ``out/`` and writes each as soon as it is done (atomically:
a folder per point, plus a manifest), so an interrupted sweep resumes where it stopped. The
blocks run on an executor of the batch layer (:func:`tradewar.batch.open_executor`: a Dask
cluster or local processes); ``load_sweep("out/")`` reads the results back and
``list_sweeps(folder)`` lists the sweeps in a folder. The spec format is in ``docs/uncertainty.md``.

Reading, validating and preparing sweeps needs no JAX; solving them does, so
:func:`~tradewar.sweep.run.run_sweep` and :func:`~tradewar.sweep.run.solve_points` live in
:mod:`tradewar.sweep.run`, which loads the model.
"""

from tradewar.sweep._directory import SweepDirectory
from tradewar.sweep._prepare import Prepared, load_world, point_id, prepare
from tradewar.sweep._results import SweepResult, list_sweeps, load_sweep
from tradewar.sweep._spec import (
    Axis,
    Range,
    SweepSpec,
    load_sweep_spec,
    parse_sweep,
    sweep_schema,
)

__all__ = [
    "Axis",
    "Prepared",
    "Range",
    "SweepDirectory",
    "SweepResult",
    "SweepSpec",
    "list_sweeps",
    "load_sweep",
    "load_sweep_spec",
    "load_world",
    "parse_sweep",
    "point_id",
    "prepare",
    "sweep_schema",
]
