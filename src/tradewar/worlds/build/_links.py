"""Each default sector's parents in the source classifications (WIOD-16, ICIO-14)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradewar.sectors import sector_table


@dataclass(frozen=True)
class Links:
    """Each default sector's parent in the source classifications."""

    ll16: np.ndarray  # (J,) 0-based WIOD-16 parent (other_manuf, wood_paper: first parent)
    ll16_sets: tuple[tuple[int, ...], ...]
    icio: tuple[tuple[int, ...], ...]  # 0-based ICIO-14 groups of each sector


def links() -> Links:
    rows = sector_table()
    ll_sets = tuple(tuple(int(x) - 1 for x in r["ll16"].split(";")) for r in rows)
    icio = tuple(tuple(int(x) - 101 for x in r["icio14"].split(";")) for r in rows)
    return Links(np.array([s[0] for s in ll_sets]), ll_sets, icio)
