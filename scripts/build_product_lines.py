"""Derive the product-level tariff data of ``tradewar.timeline`` from ``../shared/data``.

Writes three compact files into ``src/tradewar/timeline/data``:

* ``product_lines.csv`` (``list,code``): tariff lists at the line level (HTS8 or HTS10 codes, or
  shorter prefixes), from the Yale Budget Lab tariff-rate tracker (Section 301 lists 1-4B, current
  nomenclature; MIT) and Waugh's trade-war-redux-2025 tracker (EO 14257 Annex II as of
  2025-04-02 and as expanded 2025-11-14, the 2025-04-11 electronics exemption; MIT);
* ``mfn_2017.csv`` (``hts8,mfn_ad_val``): the US MFN ad-valorem rate of every HTS8 line, USITC
  annual tariff database 2017 (via Waugh's tradewar-tracker; specific duties are not included);
* ``usmca_shares_2024.csv`` (``hts10,CAN,MEX``): the share of 2024 US imports from Canada and
  Mexico claimed under USMCA, by HTS10 (USITC DataWeb via the Yale Budget Lab tracker);
  only lines with a positive share are written (a missing line has none).

Run from the repository root: ``python scripts/build_product_lines.py [SHARED_DATA_DIR]``. Output
is byte-stable; ``tests/timeline/test_products.py`` rebuilds it when ``../shared/data`` exists.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tradewar" / "timeline" / "data"

#: list id -> (file under ../shared/data, column, filter on the YBL 'list' column or None)
S301 = {
    "s301-list1": ("1",),
    "s301-list2": ("2",),
    "s301-list3": ("3", "3_addl"),
    "s301-list4a": ("4A",),
    "s301-list4b": ("4B",),
}
TWR = {
    "ieepa-annex2": "annex-II-exemptions.csv",
    "ieepa-annex2-nov14": "annex-II-exemptions-nov14.csv",
    "ieepa-electronics": "consumer_electronics_EO14257_apr11.csv",
}


def _codes(values: pd.Series) -> list[str]:
    return sorted({str(v).strip().replace(".", "") for v in values if str(v).strip()})


def product_lines(shared: Path) -> str:
    s301 = pd.read_csv(
        shared / "tariff_tracker_ybl" / "resources" / "s301_product_lists.csv", dtype=str
    )
    rows = []
    for name, lists in S301.items():
        rows += [(name, c) for c in _codes(s301.loc[s301["list"].isin(lists), "hts8"])]
    for name, file in TWR.items():
        df = pd.read_csv(shared / "tradewar2025_twr" / "tariff_lists" / file, dtype=str)
        rows += [(name, c) for c in _codes(df["HTSUS"])]
    lines = ["list,code"] + [f"{a},{b}" for a, b in sorted(rows)]
    return "\n".join(lines) + "\n"


def mfn_2017(shared: Path) -> str:
    df = pd.read_excel(
        shared / "tradewar2018_waugh" / "tariff_database_2017.xlsx",
        usecols=["hts8", "mfn_ad_val_rate"],
        dtype={"hts8": str},
    )
    df = df.dropna().drop_duplicates("hts8").sort_values("hts8")
    lines = ["hts8,mfn_ad_val"] + [
        f"{h},{r:.4f}" for h, r in zip(df.hts8, df.mfn_ad_val_rate, strict=True)
    ]
    return "\n".join(lines) + "\n"


def usmca_shares(shared: Path) -> str:
    df = pd.read_csv(
        shared / "tariff_tracker_ybl" / "resources" / "usmca_product_shares_2024.csv",
        dtype={"hts10": str, "cty_code": str},
    )
    wide = df.pivot_table(index="hts10", columns="cty_code", values="usmca_share", aggfunc="first")
    wide = wide.rename(columns={"1220": "CAN", "2010": "MEX"})[["CAN", "MEX"]].sort_index()
    wide = wide[(wide.fillna(0) > 0).any(axis=1)]  # lines not listed have no USMCA claims

    def fmt(x: float) -> str:
        return "" if pd.isna(x) else f"{x:.3f}"

    lines = ["hts10,CAN,MEX"] + [
        f"{h},{fmt(c)},{fmt(m)}" for h, c, m in zip(wide.index, wide.CAN, wide.MEX, strict=True)
    ]
    return "\n".join(lines) + "\n"


BUILDERS = {
    "product_lines.csv": product_lines,
    "mfn_2017.csv": mfn_2017,
    "usmca_shares_2024.csv": usmca_shares,
}


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    for name, build in BUILDERS.items():
        (DATA / name).write_text(build(shared), encoding="utf-8")
        print(f"wrote {DATA / name}")


if __name__ == "__main__":
    main()
