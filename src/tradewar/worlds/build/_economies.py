"""Step 1: the WIOD economies summed onto the default ones; WIOD's rest of the world split into
the economies without a table of their own."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tradewar.sectors import GOODS_CODES
from tradewar.worlds.build import _sources as sources
from tradewar.worlds.build._inputs import ECONOMIES, NO_TABLE, Inputs
from tradewar.worlds.build._links import Links
from tradewar.worlds.build._us_imports import us_rows

#: Share of WIOD's rest-of-world block taken as the prior of trade among its split parts.
INTRA_REST_PRIOR = 0.1


def aggregate_economies(x: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Sum the 44 WIOD economies onto the default economies with a tabled economy each; the
    rest (NOR and WIOD's ROW) into ROW. Returns the cube and the label list used."""
    labels = [c for c in ECONOMIES if c not in NO_TABLE]
    target = []
    for c in sources.LL_ECONOMIES:
        code = "EU27" if c in sources.EU27 else c
        target.append(labels.index(code) if code in labels else labels.index("ROW"))
    m = np.zeros((len(labels), len(sources.LL_ECONOMIES)))
    m[target, np.arange(len(sources.LL_ECONOMIES))] = 1.0
    return np.einsum("an,nis,bi->abs", m, x, m), labels


def split_rest(
    x: np.ndarray, labels: list[str], inp: Inputs, mix: np.ndarray
) -> tuple[np.ndarray, dict[str, Any]]:
    """Split WIOD's ROW into the :data:`NO_TABLE` economies and the remaining ROW (step 1).

    ``mix[p, s]``: each part's sector mix of its 2024 exports to the USA at WIOD-16 level.
    """
    n, s = len(ECONOMIES), x.shape[2]
    parts = [ECONOMIES.index(c) for c in (*NO_TABLE, "ROW")]
    rest = labels.index("ROW")
    idx = [ECONOMIES.index(c) for c in labels]
    out = np.zeros((n, n, s))
    out[np.ix_(idx, idx)] = x
    out[parts[-1], :, :] = 0.0
    out[:, parts[-1], :] = 0.0
    exp = np.array([inp.exports[p] for p in parts])
    imp = np.array([inp.imports[p] if np.isfinite(inp.imports[p]) else 0.0 for p in parts])
    imp[-1] = max(exp[-1], 1.0)  # ROW imports are free in the balance; use exports as the size
    gdp = np.array([inp.gdp[p] for p in parts])
    a = exp / exp.sum()
    b = imp / imp.sum()
    g = gdp / gdp.sum()
    w = a[:, None] * mix
    w = w / w.sum(axis=0, keepdims=True)  # (P, S): exporter shares by sector
    others = [i for i in range(n) if i not in parts]
    for k, p in enumerate(parts):
        out[others, p, :] = x[[labels.index(ECONOMIES[o]) for o in others], rest, :] * w[k]
        out[p, others, :] = x[rest, [labels.index(ECONOMIES[o]) for o in others], :] * b[k]
    block = x[rest, rest, :]
    for k, p in enumerate(parts):
        out[p, p, :] = block * g[k]
        # Trade among the parts: a prior only (the balancing sets the totals), a tenth of the
        # block spread by importer and exporter size.
        for m, q in enumerate(parts):
            if q != p:
                out[p, q, :] = INTRA_REST_PRIOR * block * b[k] * w[m]
    report = {
        "economies_without_a_table": list(NO_TABLE),
        "split_of_wiod_rest_of_world": {
            ECONOMIES[p]: {
                "exports": round(a[k], 6),
                "imports": round(b[k], 6),
                "gdp": round(g[k], 6),
            }
            for k, p in enumerate(parts)
        },
    }
    return out, report


def ll16_mix(us: pd.DataFrame, lk: Links) -> np.ndarray:
    """(P, 16) mix of each rest-of-world part's 2024 exports to the USA over WIOD-16 sectors."""
    parts = (*NO_TABLE, "ROW")
    mix = np.zeros((len(parts), 16))
    for economy, sector, imports in us_rows(us):
        if economy in parts:
            mix[parts.index(economy), lk.ll16[GOODS_CODES.index(sector)]] += imports
    mix[:, 15] = 0.0
    mix = mix / mix[:, :15].sum(axis=1, keepdims=True)
    world = mix[-1]
    mix = 0.5 * mix + 0.5 * world[None, :]  # half the part's own mix, half the rest's
    # WIOD sectors that are a second parent (paper, furniture) and services: no tilt
    mix[:, mix.sum(axis=0) == 0] = 1.0
    mix[:, 15] = 1.0
    return mix
