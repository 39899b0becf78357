"""Derive ``timeline/data/us_imports_2024.csv`` from ``../shared/data/tradewar2025_twr``.

US imports for consumption and calculated duties paid in 2024 (US Census Bureau, via Waugh's
trade-war-redux-2025 tracker, MIT), by default economy of tradewar and HS chapter, with the
headings that the USA<-CHN weight table lists (the headings measures name). EU27 is the Census EU
bloc (code 0003; Slovakia's own file is inside it and skipped); ROW is the sum of the other
partners that have a file (the 51 files cover USD 3.22 tn of the 2024 total), so ROW is partial.
China's 2017 table stays in ``trade_weights.csv`` (the year PIIE weights with); its 2024 row is
written here too, for the collected rates and all-imports averages.

Run from the repository root: ``python scripts/build_us_imports_2024.py [SHARED_DATA_DIR]``.
The output is byte-stable (sorted rows, fixed rounding); ``tests/timeline/test_us_imports_2024.py``
rebuilds it and compares when ``../shared/data`` is present.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tradewar" / "timeline" / "data" / "us_imports_2024.csv"
MEMBERS_OUT = ROOT / "src" / "tradewar" / "timeline" / "data" / "us_row_members_2024.csv"
SOURCE = (
    "https://github.com/tradewartracker/trade-war-redux-2025/tree/"
    "726c5958e1e43eb08ac076a1e602ae3149164b03/data"
)
#: Census partner code -> tradewar economy (others go to ROW; 4359 Slovakia is inside 0003).
CENSUS = {
    "5700": "CHN",
    "2010": "MEX",
    "1220": "CAN",
    "0003": "EU27",
    "4120": "GBR",
    "5880": "JPN",
    "5800": "KOR",
    "5830": "TWN",
    "5520": "VNM",
    "5330": "IND",
    "3510": "BRA",
    "5490": "THA",
    "5570": "MYS",
    "5600": "IDN",
    "5590": "SGP",
    "4419": "CHE",
    "6021": "AUS",
    "4621": "RUS",
    "4890": "TUR",
    "5170": "SAU",
}
SKIP = {"4359"}
HEADER = (
    "# US imports for consumption (customs value) and calculated duties paid, 2024, USD million,\n"
    "# by partner (tradewar economy) and HS chapter, with the headings of the USA<-CHN weight\n"
    "# table (a heading row is part of its chapter row). Census Bureau data via the\n"
    "# trade-war-redux-2025 tracker (MIT); derived by scripts/build_us_imports_2024.py.\n"
    "# EU27 = Census EU bloc; ROW = the other partners with an HS10 file in the source (partial).\n"
    "# Chapters 98-99 carry no sector weight.\n"
)


def headings(root: Path) -> list[str]:
    path = root / "src" / "tradewar" / "timeline" / "data" / "trade_weights.csv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(ln for ln in fh if not ln.startswith("#"))
        return sorted(
            {r["hs"] for r in rows if (r["importer"], r["exporter"]) == ("USA", "CHN")}
            - {f"{c:02d}" for c in range(1, 100)}
        )


def build(shared: Path) -> str:
    folder = shared / "tradewar2025_twr" / "hs10_imports_2024"
    frames = []
    for path in sorted(folder.glob("2024-hs10-imports*.parquet")):
        code = path.stem.removeprefix("2024-hs10-imports")
        if code in SKIP:
            continue
        df = pd.read_parquet(path, columns=["HS10", "imports", "duty"])
        df["exporter"] = CENSUS.get(code, "ROW")
        frames.append(df)
    data = pd.concat(frames, ignore_index=True)
    data["hs2"] = data["HS10"].str[:2]
    data["hs4"] = data["HS10"].str[:4]
    chapters = data.groupby(["exporter", "hs2"])[["imports", "duty"]].sum()
    wanted = headings(ROOT)
    heads = data[data["hs4"].isin(wanted)].groupby(["exporter", "hs4"])[["imports", "duty"]].sum()
    # Every listed heading for every partner, zero where it imported none (a measure that names
    # the heading then covers nothing there, rather than failing for want of a row).
    every = pd.MultiIndex.from_product(
        [sorted(data["exporter"].unique()), wanted], names=["exporter", "hs4"]
    )
    heads = heads.reindex(every, fill_value=0.0)
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["importer", "exporter", "year", "hs", "value_usd_m", "duty_usd_m", "confirmed", "source"]
    )
    rows = [(e, h, v) for (e, h), v in chapters.iterrows()] + [
        (e, h, v) for (e, h), v in heads.iterrows()
    ]
    for exporter, code, v in sorted(rows, key=lambda r: (r[0], r[1][:2], len(r[1]), r[1])):
        writer.writerow(
            [
                "USA",
                exporter,
                2024,
                code,
                f"{v['imports'] / 1e6:.6f}",
                f"{v['duty'] / 1e6:.6f}",
                "true",
                SOURCE,
            ]
        )
    return out.getvalue()


def build_members(shared: Path) -> str:
    """Each ROW partner's share of US imports from ROW (as ROW is defined in ``build``)."""
    base = shared / "tradewar2025_twr"
    names = pd.read_csv(base / "tariff_lists" / "CensusCountryMapping_FRBAtl_short.csv", dtype=str)
    iso = dict(zip(names["CTY_CODE"], names["ISO3"], strict=True))
    totals = {}
    for path in sorted((base / "hs10_imports_2024").glob("2024-hs10-imports*.parquet")):
        code = path.stem.removeprefix("2024-hs10-imports")
        if code in SKIP or code in CENSUS:
            continue
        totals[iso[code]] = float(pd.read_parquet(path, columns=["imports"])["imports"].sum())
    row = sum(totals.values())
    lines = [
        "# Share of US 2024 imports from ROW (the partners with an HS10 file in the source that",
        "# are not default economies) due to each member; Census data via trade-war-redux-2025;",
        "# derived by scripts/build_us_imports_2024.py.",
        "importer,aggregate,member,share,year,confirmed,source",
    ] + [f"USA,ROW,{m},{totals[m] / row:.6f},2024,true,{SOURCE}" for m in sorted(totals)]
    return "\n".join(lines) + "\n"


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    OUT.write_text(build(shared), encoding="utf-8")
    MEMBERS_OUT.write_text(build_members(shared), encoding="utf-8")
    print(f"wrote {OUT} and {MEMBERS_OUT}")


if __name__ == "__main__":
    main()
