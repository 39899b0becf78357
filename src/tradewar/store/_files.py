"""A run on disk: one folder with ``manifest.json`` and one Parquet file per table.

Files are written into a staging folder, flushed to disk, then the folder is renamed into
``runs/`` in one atomic step, so a run folder under ``runs/`` is always complete: a process
killed while writing leaves only a staging folder, which is never read and is cleaned up later.
The manifest lists every table with its row count and sha256, checked when the run is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.errors import DamagedRunError, StoreError
from tradewar.results import RUN_TABLES, SCENARIO_TABLES, Run, ScenarioResult

MANIFEST = "manifest.json"
#: What to do about a damaged run (said by every message about one).
REPAIR = "re-run its scenarios and delete the run's folder"


def _fsync_dir(path: Path) -> None:
    """Flush a folder's entries (where the OS allows it; Windows does not)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _frame(run: Run, name: str) -> pd.DataFrame:
    frame = run.table(name)
    if frame.empty:
        return frame
    return frame.assign(run_id=run.run_id)


def write_table(frame: pd.DataFrame, path: Path) -> dict[str, Any]:
    frame.to_parquet(path, index=False)
    _fsync_file(path)
    return {"file": path.name, "rows": len(frame), "sha256": sha256_file(path)}


def write_run(run: Run, runs_dir: Path, staging_dir: Path) -> Path:
    """Write ``run`` into ``runs_dir/<run_id>`` atomically; returns that folder."""
    target = runs_dir / run.run_id
    if target.exists():
        raise StoreError(f"run {run.run_id} is already in the store ({target})")
    staging_dir.mkdir(parents=True, exist_ok=True)
    runs_dir.mkdir(parents=True, exist_ok=True)
    stage = staging_dir / f"{run.run_id}.{os.getpid()}.{secrets.token_hex(4)}"
    stage.mkdir()
    try:
        files = {}
        for name in (*SCENARIO_TABLES, *RUN_TABLES):
            frame = _frame(run, name)
            if not frame.empty:
                files[name] = write_table(frame, stage / f"{name}.parquet")
        manifest = {**run.manifest, "tables": files}
        text = json.dumps(manifest, indent=1, sort_keys=True, default=_json_default)
        (stage / MANIFEST).write_text(text, encoding="utf-8")
        _fsync_file(stage / MANIFEST)
        _fsync_dir(stage)
        os.rename(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _fsync_dir(runs_dir)
    return target


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DamagedRunError(
            f"{folder / MANIFEST}: cannot be read ({exc}); the run is damaged: {REPAIR}"
        ) from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("run_id"), str):
        raise DamagedRunError(f"{folder / MANIFEST}: not a run manifest; {REPAIR}")
    return manifest


def table_files(folder: Path, manifest: dict[str, Any]) -> dict[str, Path]:
    """Table name -> file of a run's manifest (a manifest that lists none wrongly is damaged)."""
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(i, dict) and isinstance(i.get("file"), str) and "sha256" in i
        for i in tables.values()
    ):
        raise DamagedRunError(f"{folder / MANIFEST}: its table list is damaged; {REPAIR}")
    return {name: folder / info["file"] for name, info in tables.items()}


def verify_run(folder: Path, manifest: dict[str, Any] | None = None) -> None:
    """Raise :class:`DamagedRunError` naming the first file that is missing, unreadable or
    whose sha256 differs from the manifest's (checked at every read, ``docs/store.md``)."""
    manifest = read_manifest(folder) if manifest is None else manifest
    if manifest["run_id"] != folder.name:
        raise DamagedRunError(
            f"{folder / MANIFEST}: its run_id {manifest['run_id']!r} is not the folder's name "
            f"(a copied or renamed run folder); {REPAIR}"
        )
    for name, path in table_files(folder, manifest).items():
        expected = manifest["tables"][name]["sha256"]
        try:
            actual = sha256_file(path)
        except OSError as exc:
            raise DamagedRunError(
                f"{path}: the run's {name} table is missing or unreadable "
                f"({exc.strerror or exc}); the run is damaged: {REPAIR}"
            ) from exc
        if actual != expected:
            raise DamagedRunError(
                f"{path} does not match the manifest's sha256 (its contents changed); the run "
                f"is damaged: {REPAIR}"
            )


def read_run(folder: Path, *, verify: bool = True) -> Run:
    """Read a run folder back into a :class:`Run` (checking each file's sha256)."""
    manifest = read_manifest(folder)
    if verify:
        verify_run(folder, manifest)
    frames: dict[str, pd.DataFrame] = {}
    for name, path in table_files(folder, manifest).items():
        try:
            frames[name] = pd.read_parquet(path).drop(columns="run_id")
        except (OSError, ValueError, KeyError) as exc:
            raise DamagedRunError(f"{path}: cannot be read ({exc}); {REPAIR}") from exc
    scenarios = []
    for meta in manifest.get("scenarios", []):
        tables = {}
        for name in SCENARIO_TABLES:
            frame = frames.get(name)
            if frame is None:
                continue
            rows = frame[frame["scenario"] == meta["name"]].drop(columns="scenario")
            if len(rows):
                tables[name] = rows.reset_index(drop=True)
        scenarios.append(ScenarioResult(name=meta["name"], meta=meta, tables=tables))
    run_tables = {name: frames[name] for name in RUN_TABLES if name in frames}
    manifest = {k: v for k, v in manifest.items() if k != "tables"}
    return Run(
        run_id=manifest["run_id"], manifest=manifest, scenarios=tuple(scenarios), tables=run_tables
    )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_staging(staging_dir: Path, *, max_age_s: float = 86400.0) -> list[str]:
    """Remove staging folders left by writers that died (or older than ``max_age_s``)."""
    removed: list[str] = []
    if not staging_dir.is_dir():
        return removed
    now = time.time()
    for folder in staging_dir.iterdir():
        parts = folder.name.split(".")
        pid = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None
        with contextlib.suppress(OSError):
            old = now - folder.stat().st_mtime > max_age_s
            if old or pid is None or (pid != os.getpid() and not _pid_alive(pid)):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
    return removed
