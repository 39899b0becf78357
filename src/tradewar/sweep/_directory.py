"""The sweep directory: one folder per finished point, written atomically, plus a manifest.

Layout::

    <sweep>/
      sweep.json              manifest: spec, model hash, world, every point (id, values)
      points/<point id>/      a finished point (present = finished; never half-written)
        countries.parquet     one row per economy (point id and axis values as columns)
        bilateral.parquet     one row per importer-exporter pair
        point.json            values, solver verdict, worker, seconds
      .staging/               points being written (cleaned on the next run)
      .lock                   held by the process running the sweep

A point is first written under ``.staging`` (files fsynced), then renamed into ``points/`` in
one ``rename`` call, which POSIX makes atomic: a reader, a resumed sweep or a crash sees either
the whole point or none of it. A sweep killed at any moment therefore loses at most the points
in flight; running it again computes only the points without a folder. DuckDB reads a whole
sweep with ``read_parquet('<sweep>/points/*/countries.parquet')``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.errors import SweepError

MANIFEST = "sweep.json"
TABLES = ("countries", "bilateral")
FORMAT = "tradewar-sweep/1"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json(path: Path, payload: Any) -> None:
    """Write JSON atomically (temporary file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str), encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, path)
    _fsync(path.parent)


@dataclass(frozen=True)
class SweepDirectory:
    """A sweep folder on disk (see the module docstring for its layout)."""

    root: Path

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def points_dir(self) -> Path:
        return self.root / "points"

    @property
    def staging_dir(self) -> Path:
        return self.root / ".staging"

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def manifest(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SweepError(
                f"{self.manifest_path}: not a readable sweep manifest ({exc}); is {self.root} a "
                "sweep directory?"
            ) from exc
        if data.get("format") != FORMAT:
            raise SweepError(f"{self.manifest_path}: format {data.get('format')!r}, not {FORMAT}.")
        return data

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the sweep's lock: one process runs a given sweep directory at a time."""
        import fcntl

        self.root.mkdir(parents=True, exist_ok=True)
        handle = (self.root / ".lock").open("a+")
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SweepError(
                    f"{self.root}: another process is running this sweep; wait for it or use "
                    "another output directory."
                ) from None
            yield
        finally:
            handle.close()

    def start(self, manifest: dict[str, Any]) -> None:
        """Create the manifest, or check that an existing one describes the same model."""
        self.points_dir.mkdir(parents=True, exist_ok=True)
        if self.staging_dir.exists():
            shutil.rmtree(self.staging_dir)
        self.staging_dir.mkdir()
        for folder in self.points_dir.iterdir():  # never made by write_point: debris, redo it
            if not (folder / "point.json").exists():
                shutil.rmtree(folder)
        if self.exists():
            old = self.manifest()
            if old["model_hash"] != manifest["model_hash"]:
                raise SweepError(
                    f"{self.root} holds sweep {old.get('name')!r} of a different model (world, "
                    "base policy, deficit rule or axis definitions changed); its points cannot "
                    "be reused. Use another output directory or delete this one."
                )
            manifest = {**manifest, "created": old.get("created", manifest["created"])}
        write_json(self.manifest_path, {"format": FORMAT, **manifest})

    def update(self, **fields: Any) -> None:
        write_json(self.manifest_path, {**self.manifest(), **fields})

    def finished(self) -> set[str]:
        """Ids of the points whose folder is complete."""
        if not self.points_dir.exists():
            return set()
        return {p.name for p in self.points_dir.iterdir() if (p / "point.json").exists()}

    def write_point(self, pid: str, tables: dict[str, pd.DataFrame], meta: dict[str, Any]) -> bool:
        """Write one point atomically; False if it was already there (nothing is overwritten)."""
        final = self.points_dir / pid
        if final.exists():
            return False
        tmp = self.staging_dir / f"{pid}.{os.getpid()}.{os.urandom(4).hex()}"
        tmp.mkdir(parents=True)
        for name, frame in tables.items():
            path = tmp / f"{name}.parquet"
            frame.to_parquet(path, index=False)
            _fsync(path)
        (tmp / "point.json").write_text(
            json.dumps(meta, indent=2, sort_keys=True, default=str), encoding="utf-8"
        )
        _fsync(tmp / "point.json")
        _fsync(tmp)
        try:
            os.rename(tmp, final)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if final.exists():
                return False
            raise
        _fsync(self.points_dir)
        return True


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
