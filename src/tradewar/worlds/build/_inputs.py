"""The default world's sourced 2024 margins: one CSV per kind of figure, read and checked here.

Every figure sits in a row with its source URL and a ``confirmed`` flag (true when the figure was
seen in a stored copy of a public page while the file was written; false when it is the published
figure as the maintainer knew it, or an estimate, which the row's note says). The real tables the
world is built from are read by :mod:`tradewar.worlds.build._sources`; ``docs/data.md`` describes
each file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tradewar.data import Row, read_csv
from tradewar.errors import DataError
from tradewar.sectors import SECTOR_CODES
from tradewar.worlds._default import BASE_YEAR, ECONOMIES, INPUT_FILES, inputs_dir

__all__ = [
    "BASE_YEAR",
    "ECONOMIES",
    "INPUT_FILES",
    "NO_TABLE",
    "Inputs",
    "inputs_dir",
    "read_inputs",
]

REPORTERS = ECONOMIES[:-1]
#: Economies inside the rest of the world of the 2014 WIOD table: no table of their own.
NO_TABLE = ("VNM", "THA", "MYS", "SGP", "SAU")


@dataclass(frozen=True, eq=False)
class Inputs:
    """The sourced margins as arrays in :data:`ECONOMIES` order (ROW: world less the rest)."""

    gdp: np.ndarray  # (N,) bn USD
    exports: np.ndarray  # (N,) goods, bn USD; ROW = world exports less the reporters
    imports: np.ndarray  # (N,) goods; ROW NaN (free)
    bilateral: dict[tuple[int, int], float]  # (importer, exporter) -> bn
    theta_choice: dict[str, tuple[str, ...]]  # sector -> estimate ids
    sources: dict[str, list[str]] = field(default_factory=dict)
    unconfirmed: dict[str, int] = field(default_factory=dict)


def _index(row: Row, column: str, labels: tuple[str, ...]) -> int:
    return labels.index(row.text(column, allowed=labels))


def read_inputs(directory: Path | None = None) -> Inputs:
    """Read and check every input CSV in ``directory`` (default: the package's)."""
    root = directory or inputs_dir()
    sources: dict[str, list[str]] = {}
    unconfirmed: dict[str, int] = {}
    n = len(ECONOMIES)

    def rows(name: str, columns: tuple[str, ...]) -> list[Row]:
        out = read_csv(root / name, columns)
        sources[name] = sorted(
            {r["source_url"].strip() for r in out if r.get("source_url", "").strip()}
        )
        if "confirmed" in columns:
            unconfirmed[name] = sum(not r.flag("confirmed") for r in out)
        return out

    listed = [r.text("code") for r in rows("economies.csv", ("code", "name", "source_url"))]
    if tuple(listed) != ECONOMIES:
        raise DataError(f"{root / 'economies.csv'}: list the economies {list(ECONOMIES)} in order.")

    gdp = np.full(n, np.nan)
    world = np.nan
    for r in rows("gdp.csv", ("economy", "value_bn", "source_url", "confirmed")):
        code = r.text("economy", allowed=(*REPORTERS, "WORLD"))
        value = r.number("value_bn", minimum=0.0)
        if code == "WORLD":
            world = value
        else:
            gdp[REPORTERS.index(code)] = value
    _require_all(root / "gdp.csv", gdp[:-1], REPORTERS, "GDP")
    if not np.isfinite(world) or world <= np.nansum(gdp):
        raise DataError(f"{root / 'gdp.csv'}: a WORLD row larger than the economies is needed.")
    gdp[-1] = world - np.nansum(gdp[:-1])

    exports = np.full(n, np.nan)
    imports = np.full(n, np.nan)
    world_exports = np.nan
    for r in rows("goods_trade.csv", ("economy", "flow", "value_bn", "source_url", "confirmed")):
        code = r.text("economy", allowed=(*REPORTERS, "WORLD"))
        flow = r.text("flow", allowed=("exports", "imports"))
        value = r.number("value_bn", minimum=0.0)
        if code == "WORLD":
            if flow == "exports":
                world_exports = value
            continue
        (exports if flow == "exports" else imports)[REPORTERS.index(code)] = value
    _require_all(root / "goods_trade.csv", exports[:-1], REPORTERS, "goods exports")
    _require_all(root / "goods_trade.csv", imports[:-1], REPORTERS, "goods imports")
    if not world_exports > np.nansum(exports):
        raise DataError(f"{root / 'goods_trade.csv'}: a WORLD exports row is needed.")
    exports[-1] = world_exports - np.nansum(exports[:-1])

    bilateral: dict[tuple[int, int], float] = {}
    for r in rows(
        "bilateral_goods.csv", ("importer", "exporter", "value_bn", "source_url", "confirmed")
    ):
        key = (_index(r, "importer", REPORTERS), _index(r, "exporter", REPORTERS))
        if key[0] == key[1]:
            raise r.error("exporter", "an economy's trade with itself is not a bilateral flow")
        if key in bilateral:
            raise r.error("exporter", "this importer-exporter pair appears twice")
        bilateral[key] = r.number("value_bn", minimum=0.0)

    choice: dict[str, tuple[str, ...]] = {}
    for r in read_csv(root / "theta_choice.csv", ("sector", "estimates")):
        sector = r.text("sector", allowed=SECTOR_CODES)
        ids = tuple(s.strip() for s in r.text("estimates").split(";"))
        bad = [s for s in ids if not s.startswith(("cp:", "ll:"))]
        if bad:
            raise r.error("estimates", f"{bad}: use cp:NAME, cp:pooled or ll:ID")
        choice[sector] = ids
    missing = [s for s in SECTOR_CODES if s not in choice]
    if missing:
        raise DataError(f"{root / 'theta_choice.csv'}: no elasticity chosen for {missing}.")

    return Inputs(
        gdp=gdp,
        exports=exports,
        imports=imports,
        bilateral=bilateral,
        theta_choice=choice,
        sources=sources,
        unconfirmed=unconfirmed,
    )


def _require_all(path: Path, values: np.ndarray, labels: tuple[str, ...], what: str) -> None:
    missing = [labels[i] for i in np.flatnonzero(np.isnan(values)) if i < len(labels)]
    if missing:
        raise DataError(f"{path}: no {what} for {missing}; add a row for each.")
