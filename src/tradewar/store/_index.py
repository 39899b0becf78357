"""The DuckDB index of a store: one row per run and per scenario, rebuilt from the run folders.

DuckDB lets one process at a time open a database for writing, so every connection is opened
under the store's file lock, used briefly and closed. The run folders are the truth and the
index a cache of their manifests: :func:`reconcile` adds runs it lacks and drops runs whose
folder is gone, and a database that cannot be opened is set aside and rebuilt.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.errors import StoreError
from tradewar.store._files import MANIFEST, read_manifest

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, created_at VARCHAR, today VARCHAR, n_scenarios INTEGER,
        scenarios VARCHAR, converged BOOLEAN, worlds VARCHAR, world_sha256 VARCHAR,
        timeline_version VARCHAR, tradewar_version VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS scenarios (
        run_id VARCHAR, name VARCHAR, title VARCHAR, hash VARCHAR, policy VARCHAR,
        deficits VARCHAR, converged BOOLEAN, iterations INTEGER, residual DOUBLE,
        PRIMARY KEY (run_id, name))""",
)


def _is_lock_error(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


@contextlib.contextmanager
def connect(path: Path, *, attempts: int = 20) -> Iterator[Any]:
    """A DuckDB connection to the index (the caller holds the store lock).

    Retries while another process holds DuckDB's own lock; a file DuckDB cannot read is moved
    aside (``index.duckdb.damaged-<time>``) and a new index is started.
    """
    import duckdb

    delay = 0.05
    for attempt in range(attempts):
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.Error as exc:
            if _is_lock_error(exc) and attempt < attempts - 1:
                time.sleep(delay)
                delay = min(2 * delay, 1.0)
                continue
            if _is_lock_error(exc):
                raise StoreError(
                    f"{path}: another process keeps the index open; try again"
                ) from exc
            damaged = path.with_name(f"{path.name}.damaged-{int(time.time())}")
            path.rename(damaged)
            for extra in (path.with_name(path.name + ".wal"),):
                if extra.exists():
                    extra.rename(damaged.with_name(damaged.name + ".wal"))
            con = duckdb.connect(str(path))
            break
    try:
        for statement in _SCHEMA:
            con.execute(statement)
        yield con
    finally:
        con.close()


def _rows(manifest: dict[str, Any]) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    scenarios = manifest.get("scenarios", [])
    worlds = manifest.get("worlds", [])
    run = (
        manifest["run_id"],
        manifest.get("created_at"),
        manifest.get("today"),
        len(scenarios),
        ",".join(s["name"] for s in scenarios),
        all(s.get("solver", {}).get("converged", False) for s in scenarios),
        ",".join(w.get("name", "") for w in worlds),
        ",".join(w.get("content_sha256", "") for w in worlds),
        manifest.get("timeline", {}).get("version"),
        manifest.get("environment", {}).get("tradewar"),
    )
    rows = [
        (
            manifest["run_id"],
            s["name"],
            s.get("title"),
            s.get("hash"),
            s.get("policy", {}).get("label"),
            s.get("deficits"),
            bool(s.get("solver", {}).get("converged", False)),
            s.get("solver", {}).get("iterations"),
            s.get("solver", {}).get("residual"),
        )
        for s in scenarios
    ]
    return run, rows


def reconcile(con: Any, runs_dir: Path) -> dict[str, int]:
    """Make the index match the run folders; returns how many rows were added and dropped."""
    on_disk = (
        {p.name for p in runs_dir.iterdir() if (p / MANIFEST).is_file()}
        if (runs_dir.is_dir())
        else set()
    )
    indexed = {row[0] for row in con.execute("SELECT run_id FROM runs").fetchall()}
    added = dropped = 0
    for run_id in sorted(indexed - on_disk):
        con.execute("DELETE FROM scenarios WHERE run_id = ?", [run_id])
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        dropped += 1
    for run_id in sorted(on_disk - indexed):
        try:
            manifest = read_manifest(runs_dir / run_id)
        except StoreError:
            continue  # an unreadable folder is reported by Store.problems, not indexed
        if manifest["run_id"] != run_id:
            continue  # a copied or renamed folder: damaged (Store.problems), not indexed
        run, rows = _rows(manifest)
        con.execute("BEGIN TRANSACTION")
        con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(run))
        if rows:
            con.executemany("INSERT INTO scenarios VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("COMMIT")
        added += 1
    return {"added": added, "dropped": dropped}


def list_runs(con: Any) -> pd.DataFrame:
    frame: pd.DataFrame = con.execute(
        "SELECT run_id, created_at, n_scenarios, converged, worlds, timeline_version, "
        "tradewar_version, scenarios FROM runs ORDER BY created_at, run_id"
    ).df()
    return frame


def list_scenarios(con: Any, run_id: str | None = None) -> pd.DataFrame:
    sql = "SELECT * FROM scenarios"
    params: list[Any] = []
    if run_id is not None:
        sql += " WHERE run_id = ?"
        params.append(run_id)
    frame: pd.DataFrame = con.execute(sql + " ORDER BY run_id, name", params).df()
    return frame
