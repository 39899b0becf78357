"""The default world's sourced inputs: one CSV per kind of figure, read and checked here.

Every figure sits in a row with its source URL and a ``confirmed`` flag (true when the figure was
seen in a stored copy of a public page while the file was written; false when it is the published
figure as the maintainer knew it, or an estimate, which the row's note says). ``docs/data.md``
describes each file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tradewar.data._table import Row, read_csv
from tradewar.errors import DataError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES

#: The default world's economies, in order.
ECONOMIES: tuple[str, ...] = (
    "USA", "CHN", "MEX", "CAN", "EU27", "GBR", "JPN", "KOR", "TWN", "VNM", "IND", "BRA", "ROW",
)  # fmt: skip
REPORTERS = ECONOMIES[:-1]
BASE_YEAR = 2024
GROUPS = ("agriculture", "industry_ex_manuf", "manufacturing", "services")

INPUT_FILES = (
    "economies.csv",
    "gdp.csv",
    "goods_trade.csv",
    "bilateral_goods.csv",
    "sector_flows.csv",
    "pair_sector_shares.csv",
    "export_shares.csv",
    "broad_va_shares.csv",
    "structure_cp2015.csv",
    "io_cp2015.csv",
    "tariffs_mfn.csv",
    "preferences.csv",
    "tariffs_us_china.csv",
    "theta_cp2015.csv",
    "theta_map.csv",
)


def inputs_dir() -> Path:
    """The package folder holding the input CSVs."""
    return Path(__file__).resolve().parent / "data" / "inputs"


@dataclass(frozen=True, eq=False)
class Inputs:
    """Everything the builder reads, as labelled numpy arrays (economies x sectors order)."""

    coords: dict[str, tuple[float, float]]
    gdp: np.ndarray  # (N,) bn USD, ROW = world less the reporters
    exports: np.ndarray  # (N,) goods, NaN for ROW
    imports: np.ndarray
    bilateral: dict[tuple[int, int], float]  # (importer, exporter) -> bn
    sector_floors: dict[tuple[int, int, int], float]  # (importer, exporter, sector) -> at least
    pair_shares: dict[tuple[int, int], np.ndarray]  # (importer, exporter) -> (G,) sector mix
    export_shares: dict[int, list[tuple[tuple[int, ...], float]]]
    broad: np.ndarray  # (N, 4) normalised shares of GDP by WDI group
    va_1993: np.ndarray  # (N, J, 4) weights within groups
    io_share: np.ndarray  # (N, J, J) [n, input k, user j]
    mfn: np.ndarray  # (N, G) fractions
    preference: np.ndarray  # (N, N) share of MFN removed
    additional: np.ndarray  # (N, N, G) fractions (US-China measures)
    theta: np.ndarray  # (J,)
    sources: dict[str, list[str]] = field(default_factory=dict)
    unconfirmed: dict[str, int] = field(default_factory=dict)


def _index(row: Row, column: str, labels: tuple[str, ...]) -> int:
    return labels.index(row.text(column, allowed=labels))


def _record(inputs: dict[str, list[str]], name: str, rows: list[Row]) -> None:
    urls = sorted({r["source_url"].strip() for r in rows if r.get("source_url", "").strip()})
    inputs[name] = urls


def read_inputs(directory: Path | None = None) -> Inputs:
    """Read and check every input CSV in ``directory`` (default: the package's)."""
    root = directory or inputs_dir()
    sources: dict[str, list[str]] = {}
    unconfirmed: dict[str, int] = {}
    n, j, g = len(ECONOMIES), len(SECTOR_CODES), len(GOODS_CODES)

    def rows(name: str, columns: tuple[str, ...]) -> list[Row]:
        out = read_csv(root / name, columns)
        _record(sources, name, out)
        if "confirmed" in columns:
            unconfirmed[name] = sum(not r.flag("confirmed") for r in out)
        return out

    coords: dict[str, tuple[float, float]] = {}
    for r in rows("economies.csv", ("code", "name", "lat", "lon", "source_url")):
        code = r.text("code", allowed=ECONOMIES)
        if code != "ROW":
            coords[code] = (r.number("lat"), r.number("lon"))

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
        raise DataError(
            f"{root / 'gdp.csv'}: a WORLD row larger than the twelve economies is needed."
        )
    gdp[-1] = world - np.nansum(gdp[:-1])

    exports = np.full(n, np.nan)
    imports = np.full(n, np.nan)
    for r in rows("goods_trade.csv", ("economy", "flow", "value_bn", "source_url", "confirmed")):
        code = r.text("economy", allowed=(*REPORTERS, "WORLD"))
        flow = r.text("flow", allowed=("exports", "imports"))
        if code != "WORLD":
            target = exports if flow == "exports" else imports
            target[REPORTERS.index(code)] = r.number("value_bn", minimum=0.0)
    _require_all(root / "goods_trade.csv", exports[:-1], REPORTERS, "goods exports")
    _require_all(root / "goods_trade.csv", imports[:-1], REPORTERS, "goods imports")

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

    floors: dict[tuple[int, int, int], float] = {}
    for r in rows(
        "sector_flows.csv",
        ("importer", "exporter", "sector", "value_bn", "source_url", "confirmed"),
    ):
        key3 = (
            _index(r, "importer", REPORTERS),
            _index(r, "exporter", REPORTERS),
            _index(r, "sector", GOODS_CODES),
        )
        floors[key3] = r.number("value_bn", minimum=0.0)

    pair_shares: dict[tuple[int, int], np.ndarray] = {}
    pair_columns = ("importer", "exporter", "sector", "share", "source_url", "confirmed")
    for r in rows("pair_sector_shares.csv", pair_columns):
        pair = (_index(r, "importer", REPORTERS), _index(r, "exporter", REPORTERS))
        mix = pair_shares.setdefault(pair, np.full(g, np.nan))
        mix[_index(r, "sector", GOODS_CODES)] = r.number("share", minimum=0.0)
    for (a, b), mix in pair_shares.items():
        if np.isnan(mix).any() or mix.sum() <= 0:
            raise DataError(
                f"{root / 'pair_sector_shares.csv'}: pair {REPORTERS[a]}<-{REPORTERS[b]} needs a "
                "share for every goods sector, not all zero."
            )
        pair_shares[(a, b)] = mix / mix.sum()

    shares: dict[int, list[tuple[tuple[int, ...], float]]] = {}
    for r in rows("export_shares.csv", ("economy", "sectors", "share", "source_url", "confirmed")):
        economy = _index(r, "economy", REPORTERS)
        names = [s.strip() for s in r.text("sectors").split(";")]
        bad = [s for s in names if s not in GOODS_CODES]
        if bad:
            raise r.error("sectors", f"unknown goods sector(s) {bad}")
        group = tuple(GOODS_CODES.index(s) for s in names)
        taken = {k for grp, _ in shares.get(economy, []) for k in grp}
        if taken & set(group):
            raise r.error("sectors", "overlaps another share row of the same economy")
        share = r.number("share", minimum=0.0)
        if share >= 1:
            raise r.error("share", "must be below 1")
        shares.setdefault(economy, []).append((group, share))

    broad = np.full((n, 4), np.nan)
    for r in rows(
        "broad_va_shares.csv",
        ("economy", "agriculture", "industry", "manufacturing", "services", "confirmed"),
    ):
        e = _index(r, "economy", ECONOMIES)
        agri, ind, manuf, svc = (
            r.number(c, minimum=0.0)
            for c in ("agriculture", "industry", "manufacturing", "services")
        )
        if manuf > ind:
            raise r.error("manufacturing", "manufacturing is part of industry and cannot exceed it")
        row = np.array([agri, ind - manuf, manuf, svc])
        broad[e] = row / row.sum()
    _require_all(root / "broad_va_shares.csv", broad[:, 0], ECONOMIES, "broad value-added shares")

    va_1993 = np.full((n, j, 4), np.nan)
    for r in rows("structure_cp2015.csv", ("economy", "sector", *(f"va_1993_{x}" for x in GROUPS))):
        e, s = _index(r, "economy", ECONOMIES), _index(r, "sector", SECTOR_CODES)
        va_1993[e, s] = [r.number(f"va_1993_{x}", minimum=0.0) for x in GROUPS]
    if np.isnan(va_1993).any():
        raise DataError(f"{root / 'structure_cp2015.csv'}: some economy-sector rows are missing.")

    io = np.full((n, j, j), np.nan)
    for r in rows("io_cp2015.csv", ("economy", "input", "sector", "share")):
        e = _index(r, "economy", ECONOMIES)
        k, s = _index(r, "input", SECTOR_CODES), _index(r, "sector", SECTOR_CODES)
        io[e, k, s] = r.number("share", minimum=0.0)
    if np.isnan(io).any():
        raise DataError(f"{root / 'io_cp2015.csv'}: some economy-input-sector rows are missing.")
    if (io.sum(axis=1) >= 1).any():
        raise DataError(f"{root / 'io_cp2015.csv'}: input shares of a sector sum to 1 or more.")

    mfn = np.full((n, g), np.nan)
    for r in rows("tariffs_mfn.csv", ("importer", "sector", "rate_pct", "source_url", "confirmed")):
        e, s = _index(r, "importer", ECONOMIES), _index(r, "sector", GOODS_CODES)
        mfn[e, s] = r.number("rate_pct", minimum=0.0) / 100.0
    if np.isnan(mfn).any():
        raise DataError(
            f"{root / 'tariffs_mfn.csv'}: every importer needs a rate for every goods sector."
        )

    preference = np.zeros((n, n))
    for r in rows(
        "preferences.csv", ("economy_a", "economy_b", "preference", "source_url", "confirmed")
    ):
        a, b = _index(r, "economy_a", REPORTERS), _index(r, "economy_b", REPORTERS)
        p = r.number("preference", minimum=0.0)
        if p > 1:
            raise r.error("preference", "a preference removes at most the whole MFN rate (1)")
        preference[a, b] = preference[b, a] = p

    additional = np.zeros((n, n, g))
    for r in rows(
        "tariffs_us_china.csv",
        ("importer", "exporter", "sector", "additional_pct", "source_url", "confirmed"),
    ):
        a, b = _index(r, "importer", REPORTERS), _index(r, "exporter", REPORTERS)
        s = _index(r, "sector", GOODS_CODES)
        additional[a, b, s] = r.number("additional_pct", minimum=0.0) / 100.0

    cp_theta = {
        r.text("cp_sector"): r.number("theta", minimum=0.0)
        for r in rows("theta_cp2015.csv", ("cp_sector", "theta", "source_url"))
    }
    weights: dict[str, list[tuple[float, float]]] = {}
    for r in rows("theta_map.csv", ("sector", "cp_sector", "weight")):
        sector = r.text("sector", allowed=SECTOR_CODES)
        cp_sector = r.text("cp_sector", allowed=tuple(cp_theta))
        weights.setdefault(sector, []).append(
            (r.number("weight", minimum=0.0), cp_theta[cp_sector])
        )
    missing = [s for s in SECTOR_CODES if s not in weights]
    if missing:
        raise DataError(f"{root / 'theta_map.csv'}: no Caliendo-Parro sector mapped to {missing}.")
    theta = np.array([theta_mean(weights[s]) for s in SECTOR_CODES])

    return Inputs(
        coords=coords,
        gdp=gdp,
        exports=exports,
        imports=imports,
        bilateral=bilateral,
        sector_floors=floors,
        pair_shares=pair_shares,
        export_shares=shares,
        broad=broad,
        va_1993=va_1993,
        io_share=io,
        mfn=mfn,
        preference=preference,
        additional=additional,
        theta=theta,
        sources=sources,
        unconfirmed=unconfirmed,
    )


def theta_mean(pairs: list[tuple[float, float]]) -> float:
    """Weighted arithmetic mean of Caliendo-Parro elasticities (weights need not sum to one)."""
    total = sum(w for w, _ in pairs)
    return sum(w * t for w, t in pairs) / total


def _require_all(path: Path, values: np.ndarray, labels: tuple[str, ...], what: str) -> None:
    missing = [labels[i] for i in np.flatnonzero(np.isnan(values)) if i < len(labels)]
    if missing:
        raise DataError(f"{path}: no {what} for {missing}; add a row for each.")
