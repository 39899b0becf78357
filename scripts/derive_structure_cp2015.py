"""Derive the default world's production structure from the Caliendo–Parro (2015) inputs.

Reads ``../shared/data/cp2015/original`` (the authors' replication files) with
:func:`tradewar.data.cp2015.load`, aggregates their 40 sectors to tradewar's 19 and their 31
regions to the 13 default economies, and writes two package-data CSVs:

* ``structure_cp2015.csv`` — economy, sector, value-added share of gross output, and 1993 value
  added (USD) by WDI broad group (agriculture, industry other than manufacturing, manufacturing,
  services), used only as within-group weights;
* ``io_cp2015.csv`` — economy, input, sector, input share per unit of gross output.

The mapping is documented in ``docs/data.md``. Run once by a maintainer; the builder reads only the
CSVs. Usage: ``python scripts/derive_structure_cp2015.py [CP2015_DIR]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from tradewar.data import cp2015
from tradewar.sectors import SECTOR_CODES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tradewar" / "worlds" / "data" / "inputs"
SOURCE = (
    "Caliendo and Parro (2015) replication files IO.txt, B.txt, GO.txt "
    "(doi:10.1093/restud/rdu035), aggregated by scripts/derive_structure_cp2015.py"
)

#: CP sector -> {tradewar sector: share of the CP sector's output}.
SECTOR_MAP: dict[str, dict[str, float]] = {
    "Agriculture": {"oilseeds_grains": 0.3, "agri_food": 0.7},
    "Mining": {"energy_mining": 1.0},
    "Food": {"agri_food": 1.0},
    "Textile": {"textiles_apparel": 1.0},
    "Wood": {"wood_paper": 1.0},
    "Paper": {"wood_paper": 1.0},
    "Petroleum": {"energy_mining": 1.0},
    "Chemicals": {"chemicals": 0.7, "pharma": 0.3},
    "Plastic": {"plastics_rubber": 1.0},
    "Minerals": {"other_manuf": 1.0},
    "Basic metals": {"basic_metals": 1.0},
    "Metal products": {"metal_products": 1.0},
    "Machinery n.e.c.": {"machinery": 1.0},
    "Office": {"electronics": 1.0},
    "Electrical": {"electrical": 1.0},
    "Communication": {"electronics": 1.0},
    "Medical": {"electronics": 1.0},
    "Auto": {"motor_vehicles": 1.0},
    "Other Transport": {"other_transport": 1.0},
    "Other": {"other_manuf": 1.0},
    "Electricity": {"svc_other": 1.0},
    "Construction": {"svc_other": 1.0},
    "Retail": {"svc_trade_transport": 1.0},
    "Hotels": {"svc_trade_transport": 1.0},
    "Land Transport": {"svc_trade_transport": 1.0},
    "Water Transport": {"svc_trade_transport": 1.0},
    "Air Transport": {"svc_trade_transport": 1.0},
    "Aux Transport": {"svc_trade_transport": 1.0},
    "Post": {"svc_business": 1.0},
    "Finance": {"svc_business": 1.0},
    "Real Estate": {"svc_business": 1.0},
    "Renting Machinery": {"svc_business": 1.0},
    "Computer": {"svc_business": 1.0},
    "R&D": {"svc_business": 1.0},
    "Other Business": {"svc_business": 1.0},
    "Public": {"svc_other": 1.0},
    "Education": {"svc_other": 1.0},
    "Health": {"svc_other": 1.0},
    "Other Services": {"svc_other": 1.0},
    "Private": {"svc_other": 1.0},
}

EU_MEMBERS = (
    "Austria", "Denmark", "Finland", "France", "Germany", "Greece", "Hungary", "Ireland",
    "Italy", "Netherlands", "Portugal", "Spain", "Sweden",
)  # fmt: skip
#: default economy -> CP regions whose structure it takes (TWN and VNM are proxies).
REGION_MAP: dict[str, tuple[str, ...]] = {
    "USA": ("USA",),
    "CHN": ("China",),
    "MEX": ("Mexico",),
    "CAN": ("Canada",),
    "EU27": EU_MEMBERS,
    "GBR": ("UK",),
    "JPN": ("Japan",),
    "KOR": ("Korea",),
    "TWN": ("Korea",),
    "VNM": ("China",),
    "IND": ("India",),
    "BRA": ("Brazil",),
    "ROW": (
        "Argentina", "Australia", "Chile", "Indonesia", "New Zealand", "Norway",
        "South Africa", "Turkey", "RoW",
    ),
}  # fmt: skip


#: CP sector -> World Bank WDI broad group.
GROUPS = ("agriculture", "industry_ex_manuf", "manufacturing", "services")


def _group(cp_sector: str) -> str:
    j = cp2015.SECTORS.index(cp_sector)
    if cp_sector == "Agriculture":
        return "agriculture"
    if cp_sector in ("Mining", "Electricity", "Construction"):
        return "industry_ex_manuf"
    return "manufacturing" if j < cp2015.J_TRADABLE else "services"


def _sector_matrix() -> np.ndarray:
    """(40, 19) output split of each CP sector over tradewar sectors."""
    m = np.zeros((len(cp2015.SECTORS), len(SECTOR_CODES)))
    for s, targets in SECTOR_MAP.items():
        for t, w in targets.items():
            m[cp2015.SECTORS.index(s), SECTOR_CODES.index(t)] = w
    assert np.allclose(m.sum(axis=1), 1.0)
    return m


def derive(cp_dir: Path) -> tuple[list[str], list[str]]:
    data = cp2015.load(cp_dir)
    gross_output = np.loadtxt(cp_dir / "GO.txt").T  # (31, 40) USD
    split = _sector_matrix()
    group_of = np.array([GROUPS.index(_group(s)) for s in cp2015.SECTORS])
    header = ",".join(f"va_1993_{g}" for g in GROUPS)
    structure = [f"economy,sector,va_share,{header},source"]
    io_rows = ["economy,input,sector,share"]
    for economy, regions in REGION_MAP.items():
        idx = [cp2015.REGIONS.index(r) for r in regions]
        go = gross_output[idx]  # (r, 40)
        # input spending (r, k, j) = io_share * GO_j ; aggregate regions, then sectors
        spend = (data.io_share[idx] * go[:, None, :]).sum(axis=0)  # (40, 40)
        go_tot = go.sum(axis=0)  # (40,)
        go_new = go_tot @ split  # (19,)
        spend_new = split.T @ spend @ split  # (19, 19) input k' used by j'
        io = spend_new / go_new[None, :]
        va_share = 1.0 - io.sum(axis=0)
        # 1993 value added by CP sector, then by (tradewar sector, WDI group)
        va_cp = go_tot * (1.0 - spend.sum(axis=0) / np.where(go_tot > 0, go_tot, 1.0))
        va_group = np.zeros((len(SECTOR_CODES), len(GROUPS)))
        for s in range(len(cp2015.SECTORS)):
            va_group[:, group_of[s]] += va_cp[s] * split[s]
        for j, code in enumerate(SECTOR_CODES):
            groups = ",".join(f"{v:.6e}" for v in va_group[j])
            structure.append(f'{economy},{code},{va_share[j]:.6f},{groups},"{SOURCE}"')
            for k, code_k in enumerate(SECTOR_CODES):
                io_rows.append(f"{economy},{code_k},{code},{io[k, j]:.6f}")
    return structure, io_rows


def main() -> None:
    default = Path("/work/shared/data/cp2015/original")
    if not default.is_dir():
        default = ROOT.parent / "shared" / "data" / "cp2015" / "original"
    cp_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    structure, io_rows = derive(cp_dir)
    (OUT / "structure_cp2015.csv").write_text("\n".join(structure) + "\n")
    (OUT / "io_cp2015.csv").write_text("\n".join(io_rows) + "\n")


if __name__ == "__main__":
    main()
