"""Reading a sweep directory back: its manifest, finished points and tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.errors import SweepError
from tradewar.sweep._directory import TABLES, SweepDirectory


@dataclass(frozen=True)
class SweepResult:
    """A sweep on disk: ``manifest`` plus whatever points have finished (see ``missing``)."""

    root: Path
    manifest: dict[str, Any]

    @property
    def ids(self) -> list[str]:
        return [p["id"] for p in self.manifest["points"]]

    @property
    def finished(self) -> list[str]:
        done = SweepDirectory(self.root).finished()
        return [i for i in self.ids if i in done]

    @property
    def missing(self) -> list[str]:
        done = SweepDirectory(self.root).finished()
        return [i for i in self.ids if i not in done]

    @property
    def complete(self) -> bool:
        return not self.missing

    def points(self) -> pd.DataFrame:
        """One row per finished point: id, axis values, converged, iterations, residual, worker."""
        rows = []
        for pid in self.finished:
            meta = json.loads((self.root / "points" / pid / "point.json").read_text("utf-8"))
            rows.append(
                {
                    "point": pid,
                    **meta["values"],
                    "converged": meta["converged"],
                    "iterations": meta["iterations"],
                    "residual": meta["residual"],
                    "seconds": meta["seconds"],
                    "worker": meta["worker"],
                }
            )
        columns = ["point", *self.manifest["axes"], "converged", "iterations", "residual"]
        return pd.DataFrame(rows, columns=[*columns, "seconds", "worker"])

    def table(self, name: str) -> pd.DataFrame:
        """``countries`` or ``bilateral`` of every finished point, in one long table."""
        if name not in TABLES:
            raise SweepError(f"unknown sweep table {name!r}; use one of {list(TABLES)}.")
        files = [self.root / "points" / pid / f"{name}.parquet" for pid in self.finished]
        if not files:
            return pd.DataFrame()
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)

    def countries(self) -> pd.DataFrame:
        return self.table("countries")

    def bilateral(self) -> pd.DataFrame:
        return self.table("bilateral")


def load_sweep(root: str | Path) -> SweepResult:
    """Open the sweep directory ``root`` (written by :func:`tradewar.sweep.run.run_sweep`)."""
    directory = SweepDirectory(Path(root))
    if not directory.exists():
        raise SweepError(f"{root}: no {directory.manifest_path.name}; not a sweep directory.")
    return SweepResult(Path(root), directory.manifest())


def list_sweeps(folder: str | Path) -> pd.DataFrame:
    """One row per sweep directory directly under ``folder`` (e.g. ``<store>/sweeps``).

    Columns: ``name``, ``title``, ``status``, ``points``, ``finished``, ``failed`` (points that
    did not converge), ``created``, ``base``, ``world``, ``path``.
    """
    columns = [
        "name",
        "title",
        "status",
        "points",
        "finished",
        "failed",
        "created",
        "base",
        "world",
        "path",
    ]
    rows = []
    root = Path(folder)
    for path in sorted(root.glob("*/sweep.json")) if root.is_dir() else []:
        try:
            result = load_sweep(path.parent)
        except SweepError:
            continue  # not a readable sweep: left out of the listing, not an error
        manifest = result.manifest
        finished = result.finished
        failed = sum(
            1
            for pid in finished
            if not json.loads((path.parent / "points" / pid / "point.json").read_text("utf-8"))[
                "converged"
            ]
        )
        rows.append(
            {
                "name": manifest.get("name"),
                "title": manifest.get("title", ""),
                "status": "complete" if len(finished) == len(result.ids) else "incomplete",
                "points": len(result.ids),
                "finished": len(finished),
                "failed": failed,
                "created": manifest.get("created"),
                "base": manifest.get("base"),
                "world": manifest.get("world", {}).get("name"),
                "path": str(path.parent),
            }
        )
    return pd.DataFrame(rows, columns=columns)
