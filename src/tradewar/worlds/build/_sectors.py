"""Step 2: each WIOD sector split into the default sectors it holds; services split in three."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.timeline import weight_tables
from tradewar.worlds.build import _sources as sources
from tradewar.worlds.build._inputs import ECONOMIES
from tradewar.worlds.build._links import Links
from tradewar.worlds.build._us_imports import us_rows

WIOD_SERVICES = {
    "svc_trade_transport": range(18, 26),  # c19-c26
    "svc_business": range(26, 30),  # c27-c30
    "svc_other": (16, 17, 30, 31, 32, 33, 34),  # c17, c18, c31-c35
}


def split_sectors(
    x16: np.ndarray,
    keys: tuple[np.ndarray, np.ndarray, dict[tuple[int, int], np.ndarray]],
    svc: np.ndarray,
    lk: Links,
) -> np.ndarray:
    """(N, N, 16) -> (N, N, J): goods by the exporter's key (``home_key`` for home sales, a
    pair's own key where one is known), services by exporter output."""
    key, home_key, pair_key = keys
    n = x16.shape[0]
    j = len(SECTOR_CODES)
    out = np.zeros((n, n, j))
    goods = len(GOODS_CODES)
    home = np.eye(n, dtype=bool)
    for k in range(goods):
        for parent in lk.ll16_sets[k]:
            if len(lk.ll16_sets[k]) > 1:
                out[:, :, k] += x16[:, :, parent]  # a sector spanning whole parents
                continue
            share = np.where(home, home_key[None, :, k], key[None, :, k])
            for (imp, exp), own in pair_key.items():
                share[imp, exp] = own[k]
            out[:, :, k] += x16[:, :, parent] * share
    for m, k in enumerate(range(goods, j)):
        out[:, :, k] = x16[:, :, 15] * svc[None, :, m]
    return out


def sector_keys(
    us: pd.DataFrame, lk: Links
) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], np.ndarray], np.ndarray]:
    """Shares of each goods sector within its WIOD-16 parent, (N, G) each.

    ``key`` (exports): half the exporter's own mix of its 2024 exports to the USA, half the
    all-partner US import mix (all of it where the exporter sold the USA none of the parent); for
    the USA as exporter its own mix is that of its exports to China (the policy timeline's 2017
    base-year weights, by HS chapter and heading); ``home_key`` (home sales): the all-partner
    mix; the pair CHN<-USA takes the China-bound mix itself. Also returns the mask of cells
    that took the all-partner mix only.
    """
    n, goods = len(ECONOMIES), len(GOODS_CODES)
    value = np.zeros((n, goods))
    for economy, sector, imports in us_rows(us):
        value[ECONOMIES.index(economy), GOODS_CODES.index(sector)] += imports
    world = value.sum(axis=0)
    usa = ECONOMIES.index("USA")
    value[usa] = weight_tables()[("CHN", "USA")].sector_totals()[:goods]
    china_bound = np.zeros(goods)
    key = np.zeros((n, goods))
    home_key = np.zeros((n, goods))
    fallback = np.zeros((n, goods), dtype=bool)
    parents = lk.ll16[:goods]
    for parent in sorted(set(parents.tolist())):
        members = np.flatnonzero(parents == parent)
        if len(members) == 1:
            key[:, members] = home_key[:, members] = 1.0
            china_bound[members] = 1.0
            continue
        china_bound[members] = value[usa, members] / value[usa, members].sum()
        mean = world[members] / world[members].sum()
        home_key[:, members] = mean
        for i in range(n):
            own = value[i, members]
            if own.sum() > 0:
                key[i, members] = 0.5 * own / own.sum() + 0.5 * mean
            else:
                key[i, members] = mean
                fallback[i, members] = True
    pair = {(ECONOMIES.index("CHN"), usa): china_bound}
    return key, home_key, pair, fallback


def service_split(wiod_go: dict[str, np.ndarray]) -> np.ndarray:
    """(N, 3) shares of the three service sectors in each economy's WIOD 2011 output."""
    out = np.zeros((len(ECONOMIES), 3))
    for n, c in enumerate(ECONOMIES):
        if c == "EU27":
            go = np.sum([wiod_go[m] for m in sources.EU27 if m in wiod_go], axis=0)
        else:
            go = wiod_go.get(c, wiod_go["RoW"])
        out[n] = [go[list(WIOD_SERVICES[s])].sum() for s in SECTOR_CODES[len(GOODS_CODES) :]]
    return out / out.sum(axis=1, keepdims=True)
