"""US 2024 imports and duties by partner economy and sector, from the HS10 data (step 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.sectors import sector_of_hs
from tradewar.worlds.build import _sources as sources


def us_imports_by_sector(root: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """US 2024 imports and duties by partner economy x sector (bn USD), and coverage notes."""
    lines = sources.us_imports_2024(root)
    chapter = lines["hs10"].str[:2]
    special = chapter.isin(("98", "99"))
    hs6 = pd.Series(sorted(set(lines.loc[~special, "hs6"])))
    sector_of = {code: sector_of_hs(code) for code in hs6}
    goods = lines.loc[~special].copy()
    goods["sector"] = goods["hs6"].map(sector_of)
    goods["economy"] = goods["partner"].map(sources.CENSUS_ECONOMY).fillna("ROW")
    table = goods.groupby(["economy", "sector"], sort=True)[["imports", "duty"]].sum() / 1e9
    notes = {
        "hs6_codes": len(hs6),
        "chapters_98_99_bn": float(lines.loc[special, "imports"].sum() / 1e9),
        "total_bn": float(lines["imports"].sum() / 1e9),
    }
    return table.reset_index(), notes


def us_rows(us: pd.DataFrame) -> list[tuple[str, str, float]]:
    """(economy, sector, imports bn) rows of :func:`us_imports_by_sector`'s table."""
    return [
        (str(e), str(k), float(v))
        for e, k, v in zip(us["economy"], us["sector"], us["imports"], strict=True)
    ]
