"""Write the small mock files under tests/data/fixtures (run once; the files are committed).

Each mock has the layout of the real source, with three regions and four industries:

* ``ICIO2023_2019.csv`` — OECD ICIO 2023 layout: row/column labels ``<ISO3>_<industry>``,
  final-demand columns ``<ISO3>_HFCE ... _INVNT, _DPABR``, a CN1/CN2 split of China's rows and
  columns, rows ``TLS``, ``VA``, ``OUT`` and a ``OUT`` column;
* ``wiot09_row_apr12.xlsx`` — WIOD 2013-release layout (as pymrio.parse_wiod reads it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent / "fixtures"
REGIONS = ("USA", "CHN", "ROW")
INDUSTRIES = ("A01", "C26", "C29", "S96")
FD = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")


def icio() -> str:
    rng = np.random.default_rng(7)
    rows = [f"{r}_{i}" for r in (*REGIONS, "CN1", "CN2") for i in INDUSTRIES]
    nz = len(rows)
    z = rng.uniform(1.0, 20.0, size=(nz, nz)).round(3)
    z[:, :] *= np.array([0.0 if r.startswith("CHN") else 1.0 for r in rows])[None, :] + 0.0
    z[[k for k, r in enumerate(rows) if r.startswith("CHN")], :] = 0.0
    cols_fd = [f"{r}_{f}" for r in REGIONS for f in FD]
    y = rng.uniform(5.0, 60.0, size=(nz, len(cols_fd))).round(3)
    y[[k for k, r in enumerate(rows) if r.startswith("CHN")], :] = 0.0
    inv = [k for k, c in enumerate(cols_fd) if c.endswith("INVNT")]
    y[:, inv] = rng.uniform(-3.0, 2.0, size=(nz, len(inv))).round(3)
    y[[k for k, r in enumerate(rows) if r.startswith("CHN")], :] = 0.0
    out = z.sum(axis=1) + y.sum(axis=1)
    tls = (0.02 * out).round(3)
    va = (out - z.sum(axis=0) - tls).round(3)
    # make sure value added is positive: scale intermediate columns where needed
    header = ["V1", *rows, *cols_fd, "OUT"]
    lines = [",".join(header)]
    for k, r in enumerate(rows):
        cells = [r, *(f"{v:.3f}" for v in z[k]), *(f"{v:.3f}" for v in y[k]), f"{out[k]:.3f}"]
        lines.append(",".join(cells))
    for label, values in (("TLS", tls), ("VA", va), ("OUT", out)):
        cells = [label, *(f"{v:.3f}" for v in values), *("0" for _ in cols_fd), "0"]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    (HERE / "ICIO2023_2019.csv").write_text(icio())


WIOD_SECTORS = (("AtB", "Agriculture", "c1"), ("C", "Mining", "c2"), ("30t33", "Electrical", "c3"),
                ("P", "Private households", "c35"))  # fmt: skip
WIOD_FD = (("CONS_h", "Final consumption by households", "c37"),
           ("CONS_np", "Final consumption by non-profits", "c38"),
           ("CONS_g", "Final consumption by government", "c39"),
           ("GFCF", "Gross fixed capital formation", "c41"),
           ("INVEN", "Changes in inventories", "c42"))  # fmt: skip
WIOD_REGIONS = ("USA", "CHN", "RoW")


def wiod(path: Path) -> None:
    """A WIOD 2013-release WIOT sheet (the layout pymrio.parse_wiod reads)."""
    from openpyxl import Workbook

    rng = np.random.default_rng(11)
    zlabels = [(r, *s) for r in WIOD_REGIONS for s in WIOD_SECTORS]
    ylabels = [(r, *f) for r in WIOD_REGIONS for f in WIOD_FD]
    nz = len(zlabels)
    z = rng.uniform(1.0, 15.0, size=(nz, nz)).round(2)
    y = rng.uniform(5.0, 50.0, size=(nz, len(ylabels))).round(2)
    inv = [k for k, lab in enumerate(ylabels) if lab[3] == "c42"]
    y[:, inv] = rng.uniform(-2.0, 1.5, size=(nz, len(inv))).round(2)
    out = z.sum(axis=1) + y.sum(axis=1)
    va = out - z.sum(axis=0)
    wb = Workbook()
    ws = wb.active
    ws.append(["World Input-Output Table 2009"])
    ws.append([])
    header = [["(industry-by-industry)", None, None, None], ["(millions of US$)", None, None, None],
              [None, None, None, None], [None, None, None, None]]  # fmt: skip
    for k, part in enumerate(("code", "name", "region", "c_code")):
        col = {"code": 1, "name": 2, "region": 0, "c_code": 3}[part]
        row = header[k] + [lab[col] for lab in zlabels] + [lab[col] for lab in ylabels]
        row.append("GO" if part == "c_code" else "Total output")
        ws.append(row)
    for k, lab in enumerate(zlabels):
        ws.append([lab[1], lab[2], lab[0], lab[3], *z[k].tolist(), *y[k].tolist(), float(out[k])])
    blank = [None] * len(ylabels)
    ws.append(
        ["r60", "Total intermediate consumption", "", "r60", *z.sum(axis=0).tolist(), *blank, None]
    )
    ws.append(
        ["r64", "Value added at basic prices", "", "r64", *va.round(4).tolist(), *blank, None]
    )
    ws.append(["r69", "Output at basic prices", "", "r69", *out.round(4).tolist(), *blank, None])
    wb.save(path)


if __name__ == "__main__":
    wiod(HERE / "wiot09_row_apr12.xlsx")
