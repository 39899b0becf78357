"""The results store: every run saved as Parquet plus a manifest, indexed in DuckDB.

Layout of a store folder::

    runs/<run_id>/manifest.json     # the run's manifest, with each table's rows and sha256
    runs/<run_id>/<table>.parquet   # countries, bilateral, sector_trade, sectors, tariffs, ...
    staging/                        # runs being written (renamed into runs/ when complete)
    index.duckdb                    # index of runs and scenarios (rebuilt from runs/ if needed)
    index.lock                      # file lock: one process at a time touches the index
    sweeps/<name>/                  # sweeps (``tradewar sweep``): a folder per point + manifest

Writing never holds the lock while Parquet is written, so concurrent runs only queue for the
brief index update. See ``docs/store.md`` for the guarantees and how they are tested.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from tradewar.errors import DamagedRunError, StoreError
from tradewar.results import RUN_TABLES, SCENARIO_TABLES, Run
from tradewar.store import _index
from tradewar.store._files import (
    MANIFEST,
    clean_staging,
    read_manifest,
    read_run,
    verify_run,
    write_run,
)
from tradewar.sweep import list_sweeps

#: ``latest`` (the newest run) or ``latest~N`` (N runs before it; N a whole number, 0 or more).
SELECTOR = re.compile(r"latest(?:~(?P<back>[0-9]+))?")

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
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(
                f"{self.root} is a file, not a results-store folder; give --store a folder "
                "(it is created if missing)"
            )

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

    @property
    def sweeps_dir(self) -> Path:
        """Where ``tradewar sweep`` writes its sweep folders by default."""
        return self.root / "sweeps"

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
        """A run id from an id, a unique prefix of one, ``latest`` or ``latest~N``.

        ``latest`` is the newest run (ids sort by creation time), ``latest~1`` the one before
        it, ``latest~N`` N runs before the newest (N = 0, 1, 2 ...). Anything else starting
        with ``latest`` (``latest~-1``, ``latest~x``) is an error, never a different run.
        """
        if ref.startswith("latest"):
            match = SELECTOR.fullmatch(ref)
            if match is None:
                raise StoreError(
                    f"run selector {ref!r}: use 'latest' (the newest run) or 'latest~N' with N "
                    "a whole number of runs back (latest~1 is the one before the newest)"
                )
        ids = self.run_ids()
        if not ids:
            raise StoreError(f"the store {self.root} holds no runs yet; run 'tradewar run'")
        if ref.startswith("latest"):
            back = int(match["back"] or 0)  # type: ignore[index]
            if back >= len(ids):
                raise StoreError(
                    f"{ref}: the store holds only {len(ids)} run(s); latest~{len(ids) - 1} is "
                    "the oldest"
                )
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
        """One row per run, oldest first (the index, brought up to date first).

        ``status`` is ``ok`` for a run whose files all match its manifest, else what is wrong
        (a damaged run is listed, never shown as a good one; its ``converged`` is False).
        """
        with self._locked() as con:
            _index.reconcile(con, self.runs_dir)
            frame = _index.list_runs(con)
        problems = self.problems()
        frame["status"] = [problems.get(r, "ok") for r in frame["run_id"]]
        frame.loc[frame["status"] != "ok", "converged"] = False
        unindexed = sorted(set(problems) - set(frame["run_id"]))
        if unindexed:
            extra = pd.DataFrame(
                {"run_id": unindexed, "status": [problems[r] for r in unindexed]}
            ).assign(converged=False, n_scenarios=0)
            frame = pd.concat([frame, extra], ignore_index=True)
        return frame

    def problems(self) -> dict[str, str]:
        """Run id -> what is wrong with it, for every damaged run folder (verified now)."""
        found: dict[str, str] = {}
        if not self.runs_dir.is_dir():
            return found
        for folder in sorted(p for p in self.runs_dir.iterdir() if p.is_dir()):
            try:
                verify_run(folder)
            except DamagedRunError as exc:
                found[folder.name] = f"damaged: {exc}"
        return found

    def scenarios(self, ref: str | None = None) -> pd.DataFrame:
        """One row per scenario of every run (or of run ``ref``)."""
        run_id = self.resolve(ref) if ref is not None else None
        with self._locked() as con:
            _index.reconcile(con, self.runs_dir)
            return _index.list_scenarios(con, run_id)

    def sweeps(self) -> pd.DataFrame:
        """One row per sweep in ``sweeps/`` (name, status, points, finished, failed, path)."""
        return list_sweeps(self.sweeps_dir)

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL over every stored table (views ``countries``, ``bilateral`` ... with run_id).

        Sweeps are the views ``sweep_countries`` and ``sweep_bilateral`` (with ``sweep``,
        ``point`` and one column per axis). Reads the Parquet files directly in an in-memory
        DuckDB, so it needs no lock. Every run's files are checked against its manifest's
        sha256 first: a damaged run is an error naming it, never part of an answer.
        """
        import duckdb

        problems = self.problems()
        if problems:
            raise DamagedRunError(
                f"{len(problems)} damaged run(s) in {self.root}, so no query is answered: "
                + "; ".join(problems.values())
            )
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
            for name in ("countries", "bilateral"):
                files = sorted(self.sweeps_dir.glob(f"*/points/*/{name}.parquet"))
                if files:
                    paths = ", ".join(f"'{p.as_posix()}'" for p in files)
                    con.execute(
                        f"CREATE VIEW sweep_{name} AS SELECT * FROM read_parquet([{paths}], "
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
        problems = [f"{run_id}: {text}" for run_id, text in self.problems().items()]
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
        if out.exists() and not out.is_dir():
            raise StoreError(f"{out} is a file; export writes into a folder (give --to a folder)")
        if not out.parent.is_dir():
            raise StoreError(f"{out.parent} does not exist; create it first (export --to)")
        manifest = read_manifest(source)
        verify_run(source, manifest)
        out.mkdir(exist_ok=True)
        written = []
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
