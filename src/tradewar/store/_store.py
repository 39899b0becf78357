"""The results store: every run saved as Parquet plus a manifest, indexed in DuckDB.

Layout of a store folder::

    runs/<run_id>/manifest.json     # the run's manifest, with each table's rows and sha256
    runs/<run_id>/<table>.parquet   # countries, bilateral, sector_trade, sectors, tariffs, ...
    staging/                        # runs being written (renamed into runs/ when complete)
    index.duckdb                    # index of runs and scenarios (rebuilt from runs/ if needed)
    index.lock                      # file lock: one process at a time touches the index

Writing never holds the lock while Parquet is written, so concurrent runs only queue for the
brief index update. See ``docs/store.md`` for the guarantees and how they are tested.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from tradewar.errors import StoreError
from tradewar.runner import RUN_TABLES, SCENARIO_TABLES, Run
from tradewar.store import _index
from tradewar.store._files import (
    MANIFEST,
    clean_staging,
    read_manifest,
    read_run,
    sha256_file,
    write_run,
)

#: Environment variables naming the store folder, and tradewar's data folder.
STORE_ENV = "TRADEWAR_STORE"
HOME_ENV = "TRADEWAR_HOME"


def default_root() -> Path:
    """``$TRADEWAR_STORE``, else ``$TRADEWAR_HOME/store``, else the user data folder."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser() / "store"
    import platformdirs

    return Path(platformdirs.user_data_dir("tradewar", appauthor=False)) / "store"


class Store:
    """A results store in ``root`` (default: :func:`default_root`).

    ``lock_timeout`` is how long (seconds) to wait for another process's index update.
    """

    def __init__(self, root: str | Path | None = None, *, lock_timeout: float = 120.0) -> None:
        self.root = Path(root).expanduser() if root is not None else default_root()
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def staging_dir(self) -> Path:
        return self.root / "staging"

    @property
    def index_path(self) -> Path:
        return self.root / "index.duckdb"

    @contextmanager
    def _locked(self) -> Iterator[Any]:
        """The index connection, under the store's file lock."""
        from filelock import FileLock, Timeout

        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / "index.lock"), timeout=self.lock_timeout)
        try:
            with lock, _index.connect(self.index_path) as con:
                yield con
        except Timeout as exc:
            raise StoreError(
                f"{self.root}: another process held the store lock for over "
                f"{self.lock_timeout:g} s; try again"
            ) from exc

    # ------------------------------------------------------------------ writing

    def save(self, run: Run) -> Path:
        """Save ``run`` (atomically) and index it; returns the run's folder."""
        folder = write_run(run, self.runs_dir, self.staging_dir)
        with self._locked() as con:
            _index.reconcile(con, self.runs_dir)
            clean_staging(self.staging_dir)
        return folder

    def delete(self, ref: str) -> str:
        """Remove a run from the store; returns its id."""
        run_id = self.resolve(ref)
        trash = self.staging_dir / f"{run_id}.deleted.{os.getpid()}"
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        os.rename(self.runs_dir / run_id, trash)
        shutil.rmtree(trash, ignore_errors=True)
        with self._locked() as con:
            _index.reconcile(con, self.runs_dir)
        return run_id

    # ------------------------------------------------------------------ reading

    def run_ids(self) -> list[str]:
        """Ids of the complete runs on disk, oldest first (ids sort by creation time)."""
        if not self.runs_dir.is_dir():
            return []
        return sorted(p.name for p in self.runs_dir.iterdir() if (p / MANIFEST).is_file())

    def resolve(self, ref: str) -> str:
        """A run id from an id, a unique prefix of one, ``latest`` or ``latest~N``."""
        ids = self.run_ids()
        if not ids:
            raise StoreError(f"the store {self.root} holds no runs yet; run 'tradewar run'")
        if ref == "latest" or ref.startswith("latest~"):
            back = int(ref.split("~")[1]) if "~" in ref else 0
            if back >= len(ids):
                raise StoreError(f"{ref}: the store holds only {len(ids)} runs")
            return ids[-1 - back]
        if ref in ids:
            return ref
        matches = [i for i in ids if i.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise StoreError(f"run {ref!r} is ambiguous: {', '.join(matches[:5])}")
        raise StoreError(f"no run {ref!r} in {self.root}; list them with 'tradewar results list'")

    def load(self, ref: str) -> Run:
        """The run ``ref`` (an id, a unique prefix, or ``latest``)."""
        return read_run(self.runs_dir / self.resolve(ref))

    def manifest(self, ref: str) -> dict[str, Any]:
        return read_manifest(self.runs_dir / self.resolve(ref))

    def runs(self) -> pd.DataFrame:
        """One row per run, oldest first (the index, brought up to date first)."""
        with self._locked() as con:
            _index.reconcile(con, self.runs_dir)
            return _index.list_runs(con)

    def scenarios(self, ref: str | None = None) -> pd.DataFrame:
        """One row per scenario of every run (or of run ``ref``)."""
        run_id = self.resolve(ref) if ref is not None else None
        with self._locked() as con:
            _index.reconcile(con, self.runs_dir)
            return _index.list_scenarios(con, run_id)

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL over every stored table (views ``countries``, ``bilateral`` ... with run_id).

        Reads the Parquet files directly in an in-memory DuckDB, so it needs no lock.
        """
        import duckdb

        con = duckdb.connect()
        try:
            for name in (*SCENARIO_TABLES, *RUN_TABLES):
                files = sorted(self.runs_dir.glob(f"*/{name}.parquet"))
                if files:
                    paths = ", ".join(f"'{p.as_posix()}'" for p in files)
                    con.execute(
                        f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{paths}], "
                        "union_by_name = true)"
                    )
            frame: pd.DataFrame = con.execute(sql).df()
            return frame
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc
        finally:
            con.close()

    def check(self) -> dict[str, Any]:
        """Verify every run's files against its manifest; report what is wrong."""
        problems = []
        for run_id in self.run_ids():
            folder = self.runs_dir / run_id
            try:
                manifest = read_manifest(folder)
                for info in manifest.get("tables", {}).values():
                    if sha256_file(folder / info["file"]) != info["sha256"]:
                        problems.append(f"{run_id}: {info['file']} does not match its sha256")
            except (StoreError, OSError) as exc:
                problems.append(f"{run_id}: {exc}")
        return {"runs": len(self.run_ids()), "problems": problems}

    # ------------------------------------------------------------------ export

    def export(
        self, ref: str, folder: str | Path, fmt: Literal["parquet", "csv", "json"] = "csv"
    ) -> list[Path]:
        """Write run ``ref``'s tables and manifest into ``folder``; returns the files."""
        import json

        run_id = self.resolve(ref)
        source = self.runs_dir / run_id
        out = Path(folder).expanduser()
        out.mkdir(parents=True, exist_ok=True)
        written = []
        manifest = read_manifest(source)
        if fmt == "parquet":
            for info in manifest.get("tables", {}).values():
                shutil.copy2(source / info["file"], out / info["file"])
                written.append(out / info["file"])
        elif fmt == "csv":
            run = read_run(source)
            for name in (*SCENARIO_TABLES, *RUN_TABLES):
                frame = run.table(name)
                if not frame.empty:
                    frame.to_csv(out / f"{name}.csv", index=False)
                    written.append(out / f"{name}.csv")
        elif fmt == "json":
            run = read_run(source)
            payload = {
                "manifest": run.manifest,
                "tables": {
                    name: json.loads(run.table(name).to_json(orient="records"))
                    for name in (*SCENARIO_TABLES, *RUN_TABLES)
                    if not run.table(name).empty
                },
            }
            path = out / f"{run_id}.json"
            path.write_text(json.dumps(payload, indent=1), encoding="utf-8")
            written.append(path)
            return written
        else:
            raise StoreError(f"export format {fmt!r}: use parquet, csv or json")
        path = out / MANIFEST
        shutil.copy2(source / MANIFEST, path)
        written.append(path)
        return written
