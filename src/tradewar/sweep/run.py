"""Running a sweep: solve the points not yet on disk, in blocks, here or on a cluster.

:func:`run_sweep` expands the spec, skips every point whose folder already exists (so a sweep
interrupted at any moment resumes where it stopped), sends the rest in blocks to an executor
(each block is one vectorised :func:`~tradewar.model.solve_batch` call) and writes each point
as its block comes back. Results are written by the caller, not by the workers, so a worker that
dies loses only the block it was solving, which the scheduler reruns elsewhere.
"""

from __future__ import annotations

import math
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tradewar.batch import COUNTRY_VARIABLES, Executor, InProcess
from tradewar.batch.outputs import batch_outputs, default_chunk_size
from tradewar.errors import SweepError
from tradewar.model import solve_batch
from tradewar.sweep._directory import SweepDirectory, now
from tradewar.sweep._prepare import Prepared, point_id, prepare
from tradewar.sweep._spec import SweepSpec
from tradewar.world import World

Point = tuple[str, dict[str, float]]
PointResult = tuple[str, dict[str, pd.DataFrame], dict[str, Any]]


@dataclass(frozen=True)
class SweepProgress:
    """Reported after each point is written: ``done`` of ``total`` (``skipped`` were on disk)."""

    done: int
    total: int
    skipped: int
    point: str
    converged: bool


@dataclass(frozen=True)
class SweepReport:
    """What a run did: points computed now, found on disk, failed to converge, and where."""

    root: Path
    name: str
    total: int
    computed: int
    skipped: int
    failed: int
    seconds: float
    where: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "name": self.name,
            "total": self.total,
            "computed": self.computed,
            "skipped": self.skipped,
            "failed": self.failed,
            "seconds": self.seconds,
            "where": self.where,
        }


def _worker() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"{socket.gethostname()}:{os.getpid()}"


def solve_points(
    block: list[Point],
    prepared: Prepared,
    chunk_size: int,
    settings: Mapping[str, Any] | None,
    name: str = "",
    root: str | None = None,
) -> list[PointResult]:
    """Solve a block of points together and tabulate each (a task: runs here or on a worker).

    With ``root`` (a sweep folder this process can write), each point is written there at once,
    atomically, and only its metadata is returned (``meta["new"]`` says whether it was written
    now); otherwise the tables are returned for the caller to write.
    """
    world = prepared.world
    built = [prepared.arrays(values) for _, values in block]
    # Pad a short block with copies of its last point, so every call has a whole number of
    # chunks and compiles once per worker (a compile costs far more than a few extra solves).
    built += [built[-1]] * (-len(built) % chunk_size)
    start = time.perf_counter()
    batch = solve_batch(
        world,
        tariffs=np.stack([b[0] for b in built]),
        trade_costs=np.stack([b[1] for b in built]),
        theta=np.stack([b[2] for b in built]),
        deficits=prepared.deficits,  # type: ignore[arg-type]
        settings=settings,
        chunk_size=chunk_size,
    )
    seconds = (time.perf_counter() - start) / len(block)
    out = batch_outputs(batch, world)
    worker = _worker()
    countries = list(world.countries)
    n = len(countries)
    off = ~np.eye(n, dtype=bool)
    importer = np.repeat(countries, n).reshape(n, n)[off]
    exporter = np.tile(countries, n).reshape(n, n)[off]
    base = (
        batch.baseline_trade if batch.baseline_trade is not None else world.trade.sum(axis=2)[None]
    )
    results: list[PointResult] = []
    for b, (pid, values) in enumerate(block):
        ok = bool(batch.converged[b])
        head = {
            "sweep": name,
            "point": pid,
            **{k: float(v) for k, v in values.items()},
            "converged": ok,
        }
        country_frame = pd.DataFrame({**{k: [v] * n for k, v in head.items()}, "iso3": countries})
        for key in COUNTRY_VARIABLES:
            country_frame[key] = out[key][b]
        pairs = int(off.sum())
        bilateral = pd.DataFrame({**{k: [v] * pairs for k, v in head.items()}})
        bilateral["importer"] = importer
        bilateral["exporter"] = exporter
        bilateral["baseline_bn"] = np.broadcast_to(base, out["counterfactual_bn"].shape)[b][off]
        bilateral["counterfactual_bn"] = out["counterfactual_bn"][b][off]
        bilateral["pct_change"] = out["pct_change"][b][off]
        meta = {
            "point": pid,
            "values": dict(values),
            "converged": ok,
            "iterations": int(batch.iterations[b]),
            "residual": float(batch.residual[b]),
            "seconds": seconds,
            "worker": worker,
            "written": now(),
        }
        tables = {"countries": country_frame, "bilateral": bilateral}
        if root is not None:
            meta["new"] = SweepDirectory(Path(root)).write_point(pid, tables, meta)
            tables = {}
        results.append((pid, tables, meta))
    return results


def _blocks(todo: list[Point], size: int) -> list[list[Point]]:
    return [todo[k : k + size] for k in range(0, len(todo), size)]


def run_sweep(
    spec: SweepSpec,
    out: str | Path,
    *,
    executor: Executor | None = None,
    world: World | None = None,
    settings: Mapping[str, Any] | None = None,
    progress: Callable[[SweepProgress], None] | None = None,
    write_on_workers: bool | None = None,
) -> SweepReport:
    """Solve every point of ``spec`` not yet in ``out`` and write it there.

    ``executor`` decides where (default: this process); ``world`` replaces the spec's world;
    ``progress`` is called after each point is written. Interrupting (Ctrl-C, a kill, a lost
    cluster) keeps every point already written; calling again resumes.

    ``write_on_workers``: each worker writes its points into ``out`` itself (atomically, as the
    caller would), which spares the caller from receiving and writing every table; it needs a
    file system the workers share with the caller. Default: yes for this process and local
    worker processes, no for a remote cluster.
    """

    executor = executor or InProcess()
    prepared = prepare(spec, world)
    points = spec.expand()
    ids = [point_id(p) for p in points]
    if len(set(ids)) != len(ids):
        dup = next(p for k, p in enumerate(points) if ids[k] in ids[:k])
        raise SweepError(f"sweep {spec.name!r}: point {dup} appears twice; remove the repeat.")
    directory = SweepDirectory(Path(out))
    chunk = spec.chunk_size or default_chunk_size(prepared.world)
    manifest = {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "spec": spec.model_dump(mode="json"),
        "model_hash": prepared.model_hash,
        "world": {
            "name": prepared.world.name,
            "countries": list(prepared.world.countries),
            "sectors": list(prepared.world.sectors),
        },
        "base": prepared.base_label,
        "deficits": prepared.deficits,
        "axes": [a.name for a in spec.axes],
        "points": [{"id": i, "values": p} for i, p in zip(ids, points, strict=True)],
        "tables": ["countries", "bilateral"],
        "created": now(),
        "status": "running",
    }
    start = time.perf_counter()
    with directory.locked():
        directory.start(manifest)
        finished = directory.finished() & set(ids)
        todo = [(i, p) for i, p in zip(ids, points, strict=True) if i not in finished]
        if spec.task_size:
            size = spec.task_size
        elif isinstance(executor, InProcess):
            size = chunk
        else:  # about four tasks per worker, so the load balances and a lost task costs little
            size = max(1, min(chunk, math.ceil(len(todo) / (4 * executor.workers))))
        blocks = _blocks(todo, size)
        computed = failed = 0
        shared = executor.share(prepared) if blocks else prepared
        local = getattr(executor, "local", True) if write_on_workers is None else write_on_workers
        root = str(directory.root.resolve()) if local else None
        for _, results in executor.map_unordered(
            solve_points,
            blocks,
            shared,
            chunk,
            settings,
            spec.name,
            root,
            name=f"sweep-{spec.name}",
        ):
            for pid, tables, meta in results:
                new = meta.pop("new") if root is not None else None
                if new is None:
                    new = directory.write_point(pid, tables, meta)
                if new:
                    computed += 1
                    failed += not meta["converged"]
                if progress is not None:
                    progress(
                        SweepProgress(
                            done=len(finished) + computed,
                            total=len(ids),
                            skipped=len(finished),
                            point=pid,
                            converged=bool(meta["converged"]),
                        )
                    )
        seconds = time.perf_counter() - start
        done = directory.finished() & set(ids)
        failed_total = sum(
            1 for pid in done if not _read_meta(directory.points_dir / pid).get("converged", False)
        )
        directory.update(
            status="complete" if len(done) == len(ids) else "incomplete",
            finished=now(),
            counts={"points": len(ids), "finished": len(done), "failed": failed_total},
            last_run={
                "computed": computed,
                "skipped": len(finished),
                "seconds": seconds,
                "where": executor.where,
            },
        )
    return SweepReport(
        root=directory.root,
        name=spec.name,
        total=len(ids),
        computed=computed,
        skipped=len(finished),
        failed=failed,
        seconds=seconds,
        where=executor.where,
    )


def _read_meta(folder: Path) -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads((folder / "point.json").read_text(encoding="utf-8"))
    return data
