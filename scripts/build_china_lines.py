"""Derive China's import side of the timeline at the line level from PIIE's published data file.

Source: Bown, Jung and Zhang (2019), PIIE data file ``bown-jung-zhang-2019-06-12.xlsx`` (in
``../shared/data/tradewar2018_waugh``): sheet ``China Tariff Rates`` (China's MFN rate on
2018-01-01 for 11,790 HS10 lines and the change in points at each 2018-19 action) and sheet
``Imports Value`` (China's 2017 imports from the US by HS8, thousand USD). Writes into
``src/tradewar/timeline/data``:

* ``cn_imports_2017.csv``: CHN<-USA 2017 imports by HS chapter and the headings measures name
  (same layout as ``trade_weights.csv``; a heading row is part of its chapter row);
* ``cn_mfn_2018.csv`` (``hs,mfn``): China's MFN rate on 2018-01-01 by the same cells, the mean of
  the HS10 lines of each HS8 weighted by the HS8's 2017 imports (PIIE's weighting);
* ``cn_set_shares.csv`` (``set,hs,share``): the share of each cell's 2017 imports that China's
  retaliation lists of 2018-07-06 (``cn-ret-r1``), 2018-08-23 (``cn-ret-r2``) and 2018-09-24
  (``cn-ret-r3``) cover (an HS8 counts by the fraction of its HS10 lines on the list).

Run from the repository root: ``python scripts/build_china_lines.py [SHARED_DATA_DIR]``; the output
is byte-stable and ``tests/timeline/test_china_lines.py`` rebuilds it when ../shared is present.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tradewar" / "timeline" / "data"
XLSX = "bown-jung-zhang-2019-06-12.xlsx"
SOURCE = "https://www.piie.com/sites/default/files/documents/bown-jung-zhang-2019-06-12.xlsx"
#: Headings split out of their chapters (the ones China's measures name).
HEADINGS = (
    "0203",
    "0206",
    "0207",
    "1001",
    "1005",
    "1007",
    "1201",
    "2701",
    "2709",
    "2710",
    "2711",
    "2804",
    "2846",
    "3818",
    "4403",
    "5201",
    "7404",
    "7602",
    "8415",
    "8418",
    "8426",
    "8429",
    "8433",
    "8443",
    "8450",
    "8471",
    "8473",
    "8486",
    "8507",
    "8517",
    "8518",
    "8525",
    "8528",
    "8529",
    "8532",
    "8533",
    "8534",
    "8541",
    "8542",
    "8701",
    "8703",
    "8704",
    "8708",
    "8711",
    "8712",
    "8714",
    "8802",
    "9018",
    "9405",
)
#: Retaliation lists: product set id -> column of the PIIE sheet (change in points > 0).
LISTS = {
    "cn-ret-r1": "July 6, 2018",
    "cn-ret-r2": "August 23, 2018",
    "cn-ret-r3": "September 24, 2018",
}


def _cell(hs8: str) -> str:
    return hs8[:4] if hs8[:4] in HEADINGS else hs8[:2]


def _load(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    path = shared / "tradewar2018_waugh" / XLSX
    sheets = pd.read_excel(path, sheet_name=["China Tariff Rates", "Imports Value"], dtype=str)
    rates = sheets["China Tariff Rates"]
    rates.columns = [str(c).split("\n")[0].strip() for c in rates.columns]
    rates["hs8"] = rates["hs10"].str[:8]
    imports = sheets["Imports Value"]
    imports.columns = ["hs8", "description", "value"]
    imports["value"] = pd.to_numeric(imports["value"]).fillna(0.0) / 1000.0  # USD million
    return rates, imports


def build(shared: Path) -> dict[str, str]:
    rates, imports = _load(shared)
    imports = imports.groupby("hs8", as_index=False)["value"].sum()
    imports["chapter"] = imports["hs8"].str[:2]
    imports["cell"] = imports["hs8"].map(_cell)
    head = "importer,exporter,year,hs,value_usd_m,confirmed,source"
    rows = []
    for ch, v in imports.groupby("chapter")["value"].sum().items():
        rows.append((ch, v))
    for h, v in imports[imports["cell"].str.len() == 4].groupby("cell")["value"].sum().items():
        rows.append((h, v))
    rows.sort(key=lambda r: (r[0][:2], len(r[0]), r[0]))
    weights = [
        "# China's 2017 imports from the US by HS chapter (and the headings China's measures",
        "# name), USD million, from PIIE's data file (Bown, Jung and Zhang 2019, sheet 'Imports",
        "# Value', HS8, thousand USD); derived by scripts/build_china_lines.py. A heading row is",
        "# part of its chapter row.",
        head,
    ] + [f"CHN,USA,2017,{c},{v:.6f},true,{SOURCE}" for c, v in rows]

    mfn = rates.copy()
    mfn["rate"] = pd.to_numeric(mfn["January 1, 2018"], errors="coerce") / 100.0
    by8 = mfn.groupby("hs8", as_index=False)["rate"].mean().merge(imports, on="hs8", how="inner")
    by8 = by8[by8["value"] > 0]
    by8["w"] = by8["rate"] * by8["value"]
    cells = by8.groupby("cell")[["w", "value"]].sum()
    chapters = by8.assign(ch=by8["hs8"].str[:2]).groupby("ch")[["w", "value"]].sum()
    # a chapter's rate is that of its remainder (the lines not in a listed heading)
    rest = by8[by8["cell"].str.len() == 2].groupby("cell")[["w", "value"]].sum()
    mfn_rows = [(c, r.w / r.value) for c, r in rest.iterrows()] + [
        (c, r.w / r.value) for c, r in cells.iterrows() if len(c) == 4
    ]
    for ch, r in chapters.iterrows():  # chapters whose lines are all in listed headings
        if ch not in rest.index:
            mfn_rows.append((ch, r.w / r.value))
    mfn_rows.sort(key=lambda r: (r[0][:2], len(r[0]), r[0]))
    mfn_out = [
        "# China's MFN rate on 2018-01-01 by cell (chapter remainder or heading): the mean of",
        "# the HS10 lines of each HS8, weighted by 2017 imports from the US; PIIE data file.",
        "hs,mfn",
    ] + [f"{c},{v:.6f}" for c, v in mfn_rows]

    shares = []
    cell_value = imports.groupby("cell")["value"].sum()
    for set_id, col in LISTS.items():
        on = rates.assign(listed=pd.to_numeric(rates[col], errors="coerce").fillna(0) > 0)
        frac = on.groupby("hs8")["listed"].mean().rename("frac").reset_index()
        cov = imports.merge(frac, on="hs8", how="left").fillna({"frac": 0.0})
        cov["covered"] = cov["frac"] * cov["value"]
        covered = cov.groupby("cell")["covered"].sum()
        for c in sorted(covered.index, key=lambda x: (x[:2], len(x), x)):
            if covered[c] > 0 and cell_value[c] > 0:
                shares.append((set_id, c, covered[c] / cell_value[c]))
    share_out = [
        "# Share of each cell's 2017 imports from the US on China's 2018 retaliation lists (an",
        "# HS8 counts by the fraction of its HS10 lines listed); PIIE data file.",
        "set,hs,share",
    ] + [f"{s},{c},{v:.6f}" for s, c, v in shares]
    return {
        "cn_imports_2017.csv": "\n".join(weights) + "\n",
        "cn_mfn_2018.csv": "\n".join(mfn_out) + "\n",
        "cn_set_shares.csv": "\n".join(share_out) + "\n",
    }


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    for name, text in build(shared).items():
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote {DATA / name}")


if __name__ == "__main__":
    main()
