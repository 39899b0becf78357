"""Readers of the real tables in ``../shared/data`` that the default world is built from.

Each function reads one source folder (layout in that folder's README) and returns numpy arrays
on the source's own labels; the steps of :mod:`tradewar.worlds.build` map them onto the default
economies and sectors. Nothing here is shipped: the build runs where the shared folder is present,
and the package ships only what it derives (``tradewar/worlds/data``).

* :func:`ll2014` — WIOD 2016-release flows and applied tariffs, 2014, 44 economies x 16 sectors
  (Lashkaripour and Lugovskyy 2023);
* :func:`icio_shares` — OECD ICIO (2021 edition) input-output and value-added shares, 2018,
  38 economies x 14 sectors (Rodriguez-Clare, Ulate and Vasquez);
* :func:`wiod2011` — WIOD 2013-release gross output and value-added shares, 2011, 41 x 35;
* :func:`us_imports_2024` — US imports for consumption and duties paid, 2024, by HS10 x partner
  (Census via Waugh's tracker);
* :func:`gtap_of_hs6` — the HS10 -> GTAP crosswalk of the Yale Budget Lab tracker, at HS6.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tradewar.errors import DataError

LL_ECONOMIES = [
    "AUS",
    "AUT",
    "BEL",
    "BGR",
    "BRA",
    "CAN",
    "CHE",
    "CHN",
    "CYP",
    "CZE",
    "DEU",
    "DNK",
    "ESP",
    "EST",
    "FIN",
    "FRA",
    "GBR",
    "GRC",
    "HRV",
    "HUN",
    "IDN",
    "IND",
    "IRL",
    "ITA",
    "JPN",
    "KOR",
    "LTU",
    "LUX",
    "LVA",
    "MEX",
    "MLT",
    "NLD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "RUS",
    "SVK",
    "SVN",
    "SWE",
    "TUR",
    "TWN",
    "USA",
    "ROW",
]
#: The 27 members of the European Union (2020 on), in ISO3.
EU27 = tuple(
    [
        "AUT",
        "BEL",
        "BGR",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "GRC",
        "HRV",
        "HUN",
        "IRL",
        "ITA",
        "LTU",
        "LUX",
        "LVA",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "SWE",
    ]
)
#: Census partner codes of the 2024 HS10 files that are economies of the default world.
CENSUS_ECONOMY = {
    "0003": "EU27", "1220": "CAN", "2010": "MEX", "3510": "BRA", "4120": "GBR", "4419": "CHE",
    "4621": "RUS", "4890": "TUR", "5170": "SAU", "5330": "IND", "5490": "THA", "5520": "VNM",
    "5570": "MYS", "5590": "SGP", "5600": "IDN", "5700": "CHN", "5800": "KOR", "5830": "TWN",
    "5880": "JPN", "6021": "AUS",
}  # fmt: skip
#: Slovakia's file repeats lines already inside the EU bloc file (README of the folder).
CENSUS_SKIP = ("4359",)
ICIO_YEAR = 2018
WIOD_YEAR = 2011


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataError(
            f"{path}: not found; the default world is built from ../shared/data "
            "(see docs/data.md, 'Rebuilding')."
        )
    return path


def ll2014(root: Path) -> tuple[np.ndarray, np.ndarray]:
    """(flows [importer, exporter, sector] USD million, tariffs [importer, exporter, sector])."""
    folder = root / "ll2023_wiod2014"
    flows = pd.read_csv(_require(folder / "flows_2014.csv"))
    tariffs = pd.read_csv(_require(folder / "tariffs_2014.csv"))
    index = {c: k for k, c in enumerate(LL_ECONOMIES)}
    n = len(LL_ECONOMIES)
    x = np.zeros((n, n, 16))
    x[
        flows["importer"].map(index).to_numpy(),
        flows["exporter"].map(index).to_numpy(),
        flows["sector"].to_numpy() - 1,
    ] = flows["value_musd"].to_numpy()
    t = np.zeros((n, n, 16))
    t[
        tariffs["importer"].map(index).to_numpy(),
        tariffs["exporter"].map(index).to_numpy(),
        tariffs["sector"].to_numpy() - 1,
    ] = tariffs["tariff_pct"].to_numpy() / 100.0
    return x, t


def icio_shares(root: Path) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """({economy: (14, 14) input shares [input, user]}, {region: (14,) value-added shares}).

    Sectors in the order 101..114. Input shares sum to one over inputs (all origins).
    """
    folder = root / "icio2021_ruv"
    io = pd.read_csv(_require(folder / "io_shares_2015_2018.csv")).query("year == @ICIO_YEAR")
    va = pd.read_csv(_require(folder / "va_shares_2015_2018.csv")).query("year == @ICIO_YEAR")
    shares: dict[str, np.ndarray] = {}
    for country, block in io.groupby("country"):
        a = np.zeros((14, 14))
        a[block["input_sector"].to_numpy() - 101, block["user_sector"].to_numpy() - 101] = block[
            "share"
        ].to_numpy()
        shares[str(country)] = a
    value_added: dict[str, np.ndarray] = {}
    for region, block in va.groupby("region"):
        v = np.zeros(14)
        v[block["sector"].to_numpy() - 101] = block["va_share"].to_numpy()
        value_added[str(region)] = v
    return shares, value_added


def wiod2011(root: Path) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """({economy: (35,) gross output}, {economy: (35,) value added / gross output}), 2011."""
    path = _require(root / "wiod2013" / "csv" / f"wiot_{WIOD_YEAR}.csv.gz")
    table = pd.read_csv(path, index_col="row")
    z = table.iloc[:, :1435].to_numpy(dtype=np.float64)
    go = table["GO"].to_numpy(dtype=np.float64)
    countries = [str(c).split("_")[0] for c in table.index[::35]]
    inputs = z.sum(axis=0)
    output: dict[str, np.ndarray] = {}
    va_share: dict[str, np.ndarray] = {}
    for k, c in enumerate(countries):
        block = slice(35 * k, 35 * (k + 1))
        output[c] = go[block]
        safe = np.where(go[block] > 0, go[block], 1.0)
        va_share[c] = np.where(go[block] > 0, 1.0 - inputs[block] / safe, 0.0)
    return output, va_share


def us_imports_2024(root: Path) -> pd.DataFrame:
    """US 2024 imports for consumption: columns ``partner`` (Census code), ``hs10``, ``hs6``,
    ``imports`` and ``duty`` (USD). Slovakia's file is skipped (it repeats EU lines)."""
    folder = _require(root / "tradewar2025_twr" / "hs10_imports_2024")
    frames = []
    for path in sorted(folder.glob("2024-hs10-imports*.parquet")):
        code = path.stem.removeprefix("2024-hs10-imports")
        if code in CENSUS_SKIP:
            continue
        frame = pd.read_parquet(path, columns=["HS10", "HS6", "imports", "duty"])
        frame.insert(0, "partner", code)
        frames.append(frame)
    if not frames:
        raise DataError(f"{folder}: no 2024-hs10-imports*.parquet files.")
    out = pd.concat(frames, ignore_index=True).rename(columns={"HS10": "hs10", "HS6": "hs6"})
    return out.sort_values(["partner", "hs10"], kind="stable").reset_index(drop=True)


def gtap_of_hs6(root: Path) -> dict[str, str]:
    """{HS6: GTAP sector} from the HS10 -> GTAP crosswalk (the HS6's most frequent code)."""
    path = _require(root / "tariff_tracker_ybl" / "resources" / "hs10_gtap_crosswalk.csv")
    cross = pd.read_csv(path, dtype=str)
    counts = cross.groupby(["hs6_code", "gtap_code"]).size().reset_index(name="n")
    counts = counts.sort_values(["hs6_code", "n", "gtap_code"], ascending=[True, False, True])
    first = counts.drop_duplicates("hs6_code")
    return dict(zip(first["hs6_code"], first["gtap_code"], strict=True))
