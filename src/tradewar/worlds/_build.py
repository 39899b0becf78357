"""Build the embedded default world (base year 2024) from real tables in ``../shared/data``.

The steps, each documented in ``docs/data.md``:

1. bilateral flows by sector from the WIOD 2016-release table for 2014 (16 sectors, 44
   economies); the EU members summed to EU27; Viet Nam, Thailand, Malaysia, Singapore and Saudi
   Arabia, which have no table of their own, split out of WIOD's rest of the world in proportion
   to their 2024 goods exports (as exporters), imports (as importers) and GDP (domestic sales);
   as exporters their sector mix is tilted to the mix of their 2024 exports to the USA;
2. each WIOD sector split into the default sectors it holds (crude oil from coal and ores,
   steel from aluminium, semiconductors from computers ...) by the exporter's 2024 exports to the
   USA through the HS concordance (the all-partner US import mix where an exporter sold none);
   services into three by the exporter's WIOD 2011 gross output; every split cell is imputed;
3. the US import row replaced by the 2024 HS10 data aggregated through the concordance (the
   rest of the world takes the remainder of the WTO total); every other pair's goods total
   balanced by RAS to 2024 goods exports and imports by economy, with the published 2024
   bilateral flows held fixed; domestic sales and services scaled so that value added equals 2024
   GDP; gross output raised where exports would leave less than 10% for home sales;
4. tariffs: 2014 applied rates by pair and sector (TRAINS, via Lashkaripour-Lugovskyy), with the
   USA and CHN import rows from the policy timeline's compiler at :data:`TIMELINE_DATE`;
5. input-output and value-added shares from the OECD ICIO 2018 (via Rodriguez-Clare, Ulate and
   Vasquez), each ICIO input group split by the economy's output of its default sectors; the
   USA's value-added shares from WIOD 2011 (the ICIO file has US states only); Switzerland,
   which has neither table, borrows the EU27's shares; the economies in step 1 borrow the ICIO
   rest of the world's; input rows moved to services where they would leave under 2% of
   absorption to final demand;
6. trade elasticities from published estimates with their standard errors (``theta_choice.csv``).

:func:`build_files` returns the built files' bytes; :func:`build_default` writes them. The output is
deterministic: numbers are written with 12 significant digits in a fixed order.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tradewar.errors import DataError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES, sector_of_hs, sector_table
from tradewar.worlds import _tables as tables
from tradewar.worlds._inputs import (
    BASE_YEAR,
    ECONOMIES,
    INPUT_FILES,
    NO_TABLE,
    Inputs,
    inputs_dir,
    read_inputs,
)
from tradewar.worlds._kernels import ras_pairs, reallocate_inputs

#: Smallest share of a goods sector's output sold at home.
MIN_HOME_SHARE = 0.10
#: Smallest share of absorption left to final demand when input shares are moved.
MIN_FINAL_SHARE = 0.02
#: Share of WIOD's rest-of-world block taken as the prior of trade among its split parts.
INTRA_REST_PRIOR = 0.1
#: Mid-2024: before the four-year-review increases of 2024-09-27, which touched little 2024 trade.
TIMELINE_DATE = "2024-07-01"
BUILT_FILES = (
    "trade.csv",
    "tariffs.csv",
    "io_share.csv",
    "va_share.csv",
    "theta.csv",
    "imputed.csv",
    "us_imports_2024.csv",
    "hs6_sector.csv",
    "elasticities.csv",
    "manifest.json",
)
CP_URL = "https://doi.org/10.1093/restud/rdu035"
LL_URL = "https://doi.org/10.1257/aer.20210419"
WIOD_SERVICES = {
    "svc_trade_transport": range(18, 26),  # c19-c26
    "svc_business": range(26, 30),  # c27-c30
    "svc_other": (16, 17, 30, 31, 32, 33, 34),  # c17, c18, c31-c35
}


def built_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "built"


def shared_dir() -> Path:
    """``../shared/data`` next to the repository (where the real tables are)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


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


def us_imports_by_sector(root: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """US 2024 imports and duties by partner economy x sector (bn USD), and coverage notes."""
    lines = tables.us_imports_2024(root)
    chapter = lines["hs10"].str[:2]
    special = chapter.isin(("98", "99"))
    hs6 = pd.Series(sorted(set(lines.loc[~special, "hs6"])))
    sector_of = {code: sector_of_hs(code) for code in hs6}
    goods = lines.loc[~special].copy()
    goods["sector"] = goods["hs6"].map(sector_of)
    goods["economy"] = goods["partner"].map(tables.CENSUS_ECONOMY).fillna("ROW")
    table = goods.groupby(["economy", "sector"], sort=True)[["imports", "duty"]].sum() / 1e9
    notes = {
        "hs6_codes": len(hs6),
        "chapters_98_99_bn": float(lines.loc[special, "imports"].sum() / 1e9),
        "total_bn": float(lines["imports"].sum() / 1e9),
    }
    return table.reset_index(), notes


def _us_rows(us: pd.DataFrame) -> list[tuple[str, str, float]]:
    """(economy, sector, imports bn) rows of :func:`us_imports_by_sector`'s table."""
    return [
        (str(e), str(k), float(v))
        for e, k, v in zip(us["economy"], us["sector"], us["imports"], strict=True)
    ]


def _aggregate_economies(x: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Sum the 44 WIOD economies onto the default economies with a tabled economy each; the
    rest (NOR and WIOD's ROW) into ROW. Returns the cube and the label list used."""
    labels = [c for c in ECONOMIES if c not in NO_TABLE]
    target = []
    for c in tables.LL_ECONOMIES:
        code = "EU27" if c in tables.EU27 else c
        target.append(labels.index(code) if code in labels else labels.index("ROW"))
    m = np.zeros((len(labels), len(tables.LL_ECONOMIES)))
    m[target, np.arange(len(tables.LL_ECONOMIES))] = 1.0
    return np.einsum("an,nis,bi->abs", m, x, m), labels


def _split_rest(
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


def _split_sectors(
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


def _sector_keys(
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
    from tradewar.timeline._weights import weight_tables

    n, goods = len(ECONOMIES), len(GOODS_CODES)
    value = np.zeros((n, goods))
    for economy, sector, imports in _us_rows(us):
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


def _ll16_mix(us: pd.DataFrame, lk: Links) -> np.ndarray:
    """(P, 16) mix of each rest-of-world part's 2024 exports to the USA over WIOD-16 sectors."""
    parts = (*NO_TABLE, "ROW")
    mix = np.zeros((len(parts), 16))
    for economy, sector, imports in _us_rows(us):
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


def _service_split(wiod_go: dict[str, np.ndarray]) -> np.ndarray:
    """(N, 3) shares of the three service sectors in each economy's WIOD 2011 output."""
    out = np.zeros((len(ECONOMIES), 3))
    for n, c in enumerate(ECONOMIES):
        if c == "EU27":
            go = np.sum([wiod_go[m] for m in tables.EU27 if m in wiod_go], axis=0)
        else:
            go = wiod_go.get(c, wiod_go["RoW"])
        out[n] = [go[list(WIOD_SERVICES[s])].sum() for s in SECTOR_CODES[len(GOODS_CODES) :]]
    return out / out.sum(axis=1, keepdims=True)


def _io_structure(
    root: Path,
    output: np.ndarray,
    weights16: np.ndarray,
    lk: Links,
    wiod: tuple[dict[str, np.ndarray], dict[str, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, dict[str, str]]:
    """(N, J, J) input shares [input, user] and (N, J) value-added shares (step 5)."""
    shares, va = tables.icio_shares(root)
    wiod_go, wiod_va = wiod
    n, j = len(ECONOMIES), len(SECTOR_CODES)
    origin: dict[str, str] = {}
    # Aggregate the EU members' ICIO shares, weighted by their WIOD-2014 output by ICIO user.
    ll_to_icio = LL16_TO_ICIO
    io14 = np.zeros((n, 14, 14))
    va14 = np.zeros((n, 14))
    members = [m for m in tables.EU27 if m in shares and m in va]
    for e, c in enumerate(ECONOMIES):
        if c == "EU27" or c == "CHE":
            out14 = np.zeros((len(members), 14))
            for k, m in enumerate(members):
                for s in range(16):
                    out14[k, ll_to_icio[s]] += weights16[tables.LL_ECONOMIES.index(m), s]
            w = out14 / out14.sum(axis=0, keepdims=True)
            io14[e] = np.einsum("mu,miu->iu", w, np.stack([shares[m] for m in members]))
            va14[e] = np.einsum("mu,mu->u", w, np.stack([va[m] for m in members]))
            origin[c] = (
                "ICIO 2018, EU members weighted by output"
                if c == "EU27"
                else "no table of its own (not in ICIO or WIOD 2013): the EU27's ICIO 2018 shares"
            )
        elif c in shares and c != "ROW":
            io14[e] = shares[c]
            if c in va:
                va14[e] = va[c]
                origin[c] = "ICIO 2018"
            else:
                origin[c] = "ICIO 2018 input shares; value-added shares from WIOD 2011"
                va14[e] = _wiod_va_to_icio(wiod_va[c], wiod_go[c])
        else:
            io14[e] = shares["RoW"]
            va14[e] = va["RoW"]
            origin[c] = (
                "no table of its own: the ICIO 2018 rest of the world's shares"
                if c != "ROW"
                else "ICIO 2018 rest of the world"
            )
    io = np.zeros((n, j, j))
    va_share = np.zeros((n, j))
    for e in range(n):
        for user in range(j):
            groups = lk.icio[user]
            col = np.mean([io14[e, :, g] for g in groups], axis=0)
            col = col / col.sum()  # the source's shares sum to one up to its rounding
            vau = float(np.mean([va14[e, g] for g in groups]))
            va_share[e, user] = vau
            for inp_k in range(j):
                total = 0.0
                for g in lk.icio[inp_k]:
                    members_g = [k for k in range(j) if g in lk.icio[k]]
                    mass = output[e, members_g].sum()
                    within = output[e, inp_k] / mass if mass > 0 else 1.0 / len(members_g)
                    total += col[g] * within
                io[e, inp_k, user] = (1.0 - vau) * total
    return io, va_share, origin


#: WIOD 2013 industries (0-based) in each ICIO-14 group (101..114), for the US value added.
WIOD_TO_ICIO = {
    0: (2,), 1: (3, 4), 2: (5, 6), 3: (1, 7), 4: (8,), 5: (9,), 6: (10,), 7: (11,), 8: (12,),
    9: (13,), 10: (14,), 11: (15,), 12: tuple(range(16, 35)), 13: (0,),
}  # fmt: skip


#: ICIO-14 group (0-based, 101..114) of each WIOD-16 sector of Lashkaripour-Lugovskyy.
LL16_TO_ICIO = (13, 3, 0, 1, 2, 2, 3, 4, 5, 6, 7, 9, 8, 10, 11, 12)


def _wiod_va_to_icio(va35: np.ndarray, go35: np.ndarray) -> np.ndarray:
    """Output-weighted WIOD value-added shares of each ICIO-14 group."""
    out = np.zeros(14)
    for g in range(14):
        cols = list(WIOD_TO_ICIO[g])
        out[g] = float((va35[cols] * go35[cols]).sum() / go35[cols].sum())
    return out


def _theta(
    root: Path, inp: Inputs
) -> tuple[np.ndarray, np.ndarray, list[str], dict[str, tuple[float, float]]]:
    cp = pd.read_csv(root / "cp2015_elasticities" / "table1_theta_se.csv")
    agg = pd.read_csv(root / "cp2015_elasticities" / "original" / "aggregate_results.csv")
    ll = pd.read_csv(root / "ll2023_wiod2014" / "elasticities_table3.csv")
    est: dict[str, tuple[float, float]] = {
        f"cp:{name}": (float(t), float(se))
        for name, t, se in zip(cp["sector"], cp["theta_99"], cp["se_99"], strict=True)
    }
    est["cp:pooled"] = (-float(agg["agg_c99"].iloc[0]), float(agg["agg_se99"].iloc[0]))
    for ident, t, se in zip(ll["id"], ll["theta"], ll["theta_se"], strict=True):
        est[f"ll:{int(ident)}"] = (float(t), float(se))
    theta = np.zeros(len(SECTOR_CODES))
    se = np.zeros(len(SECTOR_CODES))
    ids = []
    for k, s in enumerate(SECTOR_CODES):
        chosen = inp.theta_choice[s]
        unknown = [c for c in chosen if c not in est]
        if unknown:
            raise DataError(f"theta_choice.csv: {s}: unknown estimate(s) {unknown}.")
        theta[k] = float(np.mean([est[c][0] for c in chosen]))
        se[k] = math.sqrt(sum(est[c][1] ** 2 for c in chosen)) / len(chosen)
        ids.append(";".join(chosen))
    used = sorted({c for s in SECTOR_CODES for c in inp.theta_choice[s]})
    return theta, se, ids, {c: est[c] for c in used}


def timeline_tariffs(tariffs: np.ndarray, date: str = TIMELINE_DATE) -> np.ndarray:
    """Replace the USA and CHN import rows with the timeline compiler's tariffs on ``date``."""
    from tradewar.timeline import tariffs_on

    schedule = tariffs_on(date, economies=ECONOMIES, sectors=SECTOR_CODES)
    return np.asarray(schedule.apply(tariffs, ECONOMIES, SECTOR_CODES), dtype=np.float64)


@dataclass(frozen=True)
class Flows:
    trade: np.ndarray  # (N, N, J) bn USD at producer prices [importer, exporter, sector]
    tariffs: np.ndarray
    io_share: np.ndarray
    va_share: np.ndarray
    theta: np.ndarray
    theta_se: np.ndarray
    theta_source: list[str]
    estimates: dict[str, tuple[float, float]]
    imputed: np.ndarray  # (N, N, J) bool
    us_imports: pd.DataFrame
    report: dict[str, Any]


def compose(inp: Inputs, root: Path) -> Flows:
    """Steps 1-6 of the module docstring, in arrays."""
    lk = links()
    n, j, goods = len(ECONOMIES), len(SECTOR_CODES), len(GOODS_CODES)
    usa = ECONOMIES.index("USA")
    us, us_notes = us_imports_by_sector(root)
    x14, t14 = tables.ll2014(root)
    weights16 = x14.sum(axis=0)  # (44, 16): output by exporter and sector (USD m)
    wiod_go, wiod_va = tables.wiod2011(root)

    # 1. economies
    agg, labels = _aggregate_economies(x14 / 1e3)
    x16, split_report = _split_rest(agg, labels, inp, _ll16_mix(us, lk))
    tagg, _ = _aggregate_economies(t14 * x14)
    wagg, _ = _aggregate_economies(x14)
    t16_small = np.where(wagg > 0, tagg / np.where(wagg > 0, wagg, 1.0), 0.0)
    idx = [ECONOMIES.index(c) for c in labels]
    t16 = np.zeros((n, n, 16))
    t16[np.ix_(idx, idx)] = t16_small
    rest = ECONOMIES.index("ROW")
    for c in NO_TABLE:
        p = ECONOMIES.index(c)
        t16[p, :, :] = t16[rest, :, :]
        t16[:, p, :] = t16[:, rest, :]
    # 2. sectors
    key, home_key, pair_key, fallback = _sector_keys(us, lk)
    svc = _service_split(wiod_go)
    prior = _split_sectors(x16, (key, home_key, pair_key), svc, lk)
    imputed = np.zeros((n, n, j), dtype=bool)
    multi = np.array(
        [sum(lk.ll16[k] == lk.ll16[m] for m in range(goods)) > 1 for k in range(goods)]
    )
    imputed[:, :, :goods] |= multi[None, None, :]
    imputed[:, :, goods:] = True
    for c in NO_TABLE:
        p = ECONOMIES.index(c)
        imputed[p, :, :] = imputed[:, p, :] = True
    # 3. US import row from the HS10 data; other pairs by RAS to 2024 margins
    us_cube = np.zeros((n, goods))
    for economy, sector, imports in _us_rows(us):
        us_cube[ECONOMIES.index(economy), GOODS_CODES.index(sector)] += imports
    # The WTO total includes HS chapters 98-99 (returned US goods, special provisions), which are
    # goods of no sector. What remains beyond the 51 HS10 partners (partners outside the files and
    # the general-imports vs imports-for-consumption basis) goes to ROW with the all-partner mix.
    us_target = inp.imports[usa] - us_notes["chapters_98_99_bn"]
    rest_us = us_target - us_cube.sum()
    if rest_us < 0:
        raise DataError(
            f"default world: the HS10 US imports ({us_cube.sum():.1f} bn) exceed the WTO total "
            f"less chapters 98-99 ({us_target:.1f} bn); check goods_trade.csv."
        )
    us_cube[rest] += rest_us * us_cube.sum(axis=0) / us_cube.sum()
    fixed = np.full((n, n), np.nan)
    for (imp, exp), value in inp.bilateral.items():
        if imp != usa:
            fixed[imp, exp] = value
    fixed[usa, :] = us_cube.sum(axis=1)
    fixed[usa, usa] = np.nan
    row_targets = inp.imports.copy()
    row_targets[usa] = us_target
    pairs0 = prior[:, :, :goods].sum(axis=2)
    np.fill_diagonal(pairs0, 0.0)
    # ROW is the residual both ways: world exports include trade within the rest of the world,
    # which is domestic here, so its export total is not a target.
    col_targets = inp.exports.copy()
    col_targets[rest] = np.nan
    pairs, iterations, gap = ras_pairs(pairs0, row_targets, col_targets, fixed)
    mix = prior[:, :, :goods] / np.where(
        prior[:, :, :goods].sum(axis=2, keepdims=True) > 0,
        prior[:, :, :goods].sum(axis=2, keepdims=True),
        1.0,
    )
    cube = pairs[:, :, None] * mix
    cube[usa, :, :] = us_cube
    cube[usa, usa, :] = 0.0
    imputed[usa, :rest, :goods] = False
    np.fill_diagonal(pairs, 0.0)
    exports = cube.sum(axis=0) - cube[np.arange(n), np.arange(n)]
    # domestic goods: 2014 domestic sales grown with GDP
    wiod = (wiod_go, wiod_va)
    output14 = prior.sum(axis=0)
    _, va14, _ = _io_structure(root, np.maximum(output14, 1e-9), weights16, lk, wiod)
    growth = inp.gdp / (va14 * output14).sum(axis=1)
    trade = np.zeros((n, n, j))
    trade[:, :, :goods] = cube
    d = np.arange(n)
    domestic = prior[d, d, :goods] * growth[:, None]
    need = exports / (1.0 - MIN_HOME_SHARE)
    output_goods = np.maximum(domestic + exports, need)
    raised = need > domestic + exports
    trade[d, d, :goods] = output_goods - exports
    # services: trade grown with the importer's GDP; domestic set below so VA = GDP
    trade[:, :, goods:] = prior[:, :, goods:] * growth[:, None, None]
    trade[d, d, goods:] = 0.0

    output = trade.sum(axis=0)
    for _ in range(3):
        output = trade.sum(axis=0)
        io, va_share, io_origin = _io_structure(root, np.maximum(output, 1e-9), weights16, lk, wiod)
        for e in range(n):
            svc_exports = trade[:, e, goods:].sum(axis=0) - trade[e, e, goods:]
            va_goods = float((va_share[e, :goods] * output[e, :goods]).sum())
            unit = float((va_share[e, goods:] * svc[e]).sum())
            total = (
                inp.gdp[e] - va_goods - float((va_share[e, goods:] * svc_exports).sum())
            ) / unit
            if total <= 0:
                raise DataError(
                    f"default world: {ECONOMIES[e]}: goods value added exceeds 2024 GDP; check "
                    "its GDP and trade margins."
                )
            trade[e, e, goods:] = total * svc[e]
    output = trade.sum(axis=0)

    # 4. tariffs
    tariffs = np.zeros((n, n, j))
    for k in range(goods):
        tariffs[:, :, k] = t16[:, :, lk.ll16[k]]
    tariffs[d, d, :] = 0.0
    tariffs = timeline_tariffs(tariffs)

    # 5. input shares consistent with absorption
    absorption = np.einsum("nij,nij->nj", trade, 1 + tariffs)
    is_service = np.arange(j) >= goods
    io_new, moved, settled = reallocate_inputs(
        io, absorption, output, floor=MIN_FINAL_SHARE, sink=is_service
    )
    if not settled:
        raise DataError(
            "default world: input-output shares could not be made consistent with absorption."
        )
    theta, theta_se, theta_ids, estimates = _theta(root, inp)

    exports_model = trade.sum(axis=0) - trade[d, d]
    imports_model = trade.sum(axis=1) - trade[d, d]
    margins = {}
    for e, c in enumerate(ECONOMIES):
        gdp_model = float((va_share[e] * output[e]).sum())
        entry = {
            "gdp_source": round(float(inp.gdp[e]), 1),
            "gdp_model": round(gdp_model, 1),
            "goods_exports_source": round(float(inp.exports[e]), 1),
            "goods_exports_model": round(float(exports_model[e, :goods].sum()), 1),
            "goods_imports_model": round(float(imports_model[e, :goods].sum()), 1),
        }
        if np.isfinite(inp.imports[e]):
            entry["goods_imports_source"] = round(float(inp.imports[e]), 1)
        margins[c] = entry
    report = {
        "us_china_tariffs": f"timeline:{TIMELINE_DATE}",
        "us_imports_hs10": {
            k: round(v, 3) if isinstance(v, float) else v for k, v in us_notes.items()
        },
        "us_imports_target_bn": round(float(us_target), 3),
        "us_imports_outside_hs10_partners_bn": round(float(rest_us), 3),
        **split_report,
        "io_structure": io_origin,
        "ras_iterations": iterations,
        "ras_max_relative_gap": 0.0 if gap < 1e-9 else float(format(gap, ".0e")),
        "sector_keys_from_all_partner_us_imports": int(fallback.sum()),
        "goods_outputs_raised_for_exports": int(raised.sum()),
        "imputed_cells": int(imputed.sum()),
        "input_rows_scaled_down": len(moved),
        "margins_bn": margins,
    }
    return Flows(
        trade=trade,
        tariffs=tariffs,
        io_share=io_new,
        va_share=va_share,
        theta=theta,
        theta_se=theta_se,
        theta_source=theta_ids,
        estimates=estimates,
        imputed=imputed,
        us_imports=us,
        report=report,
    )


def _fmt(x: float, digits: int = 12) -> str:
    return format(float(x), f".{digits}g")


def _table(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_files(directory: Path | None = None, shared: Path | None = None) -> dict[str, bytes]:
    """The built default world as {file name: bytes}, from the inputs and the real tables."""
    root = directory or inputs_dir()
    data = shared or shared_dir()
    inp = read_inputs(root)
    flows = compose(inp, data)
    gtap = tables.gtap_of_hs6(data)
    hs6_codes = sorted(
        {c for c in tables.us_imports_2024(data)["hs6"] if c[:2] not in ("98", "99")} | set(gtap)
    )
    hs6_codes = [c for c in hs6_codes if c[:2] not in ("98", "99", "77")]
    c, s = ECONOMIES, SECTOR_CODES
    n, j = len(c), len(s)
    cells = [(a, b, k) for a in range(n) for b in range(n) for k in range(j)]
    files = {
        "trade.csv": _table(
            "importer,exporter,sector,value_bn",
            [
                f"{c[a]},{c[b]},{s[k]},{_fmt(flows.trade[a, b, k])}"
                for a, b, k in cells
                if flows.trade[a, b, k] != 0.0
            ],
        ),
        "tariffs.csv": _table(
            "importer,exporter,sector,rate",
            [
                f"{c[a]},{c[b]},{s[k]},{_fmt(flows.tariffs[a, b, k])}"
                for a, b, k in cells
                if flows.tariffs[a, b, k] != 0.0
            ],
        ),
        "io_share.csv": _table(
            "economy,input,sector,share",
            [
                f"{c[a]},{s[k]},{s[m]},{_fmt(flows.io_share[a, k, m])}"
                for a in range(n)
                for k in range(j)
                for m in range(j)
            ],
        ),
        "va_share.csv": _table(
            "economy,sector,share",
            [f"{c[a]},{s[k]},{_fmt(flows.va_share[a, k])}" for a in range(n) for k in range(j)],
        ),
        "theta.csv": _table(
            "sector,theta,se,estimates",
            [
                f"{s[k]},{_fmt(flows.theta[k], 8)},{_fmt(flows.theta_se[k], 8)},"
                f"{flows.theta_source[k]}"
                for k in range(j)
            ],
        ),
        "imputed.csv": _table(
            "importer,exporter,sector",
            [f"{c[a]},{c[b]},{s[k]}" for a, b, k in cells if flows.imputed[a, b, k]],
        ),
        "elasticities.csv": _table(
            "estimate,theta,se,source_url",
            [
                f"{e},{_fmt(t, 8)},{_fmt(se, 8)},{CP_URL if e.startswith('cp:') else LL_URL}"
                for e, (t, se) in flows.estimates.items()
            ],
        ),
        "hs6_sector.csv": _table(
            "hs6,sector,gtap",
            [f"{code},{sector_of_hs(code)},{gtap.get(code, '')}" for code in hs6_codes],
        ),
        "us_imports_2024.csv": _table(
            "partner,sector,imports_bn,duty_bn",
            [
                f"{e},{k},{_fmt(v)},{_fmt(d)}"
                for e, k, v, d in zip(
                    flows.us_imports["economy"],
                    flows.us_imports["sector"],
                    flows.us_imports["imports"],
                    flows.us_imports["duty"],
                    strict=True,
                )
            ],
        ),
    }
    manifest = {
        "name": f"tradewar default world {BASE_YEAR}",
        "base_year": BASE_YEAR,
        "units": "current USD billions; trade at producer prices (net of tariffs)",
        "economies": list(c),
        "sectors": list(s),
        "inputs_sha256": {name: _sha((root / name).read_bytes()) for name in INPUT_FILES},
        "outputs_sha256": {name: _sha(data) for name, data in files.items()},
        "sources": {
            **inp.sources,
            "tables": [
                "WIOD 2016 release, 2014, via Lashkaripour-Lugovskyy (2023) " + LL_URL,
                "OECD ICIO 2021 edition, 2018 shares, via Rodriguez-Clare-Ulate-Vasquez",
                "WIOD 2013 release, 2011 (Timmer et al. 2015)",
                "US Census imports for consumption 2024 by HS10 (tradewartracker)",
                "Caliendo-Parro (2015) Table 1 " + CP_URL,
            ],
        },
        "unconfirmed_rows": inp.unconfirmed,
        "build_report": flows.report,
    }
    files["manifest.json"] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    return files


def build_default(
    out_dir: Path | None = None, inputs: Path | None = None, shared: Path | None = None
) -> dict[str, str]:
    """Build the default world into ``out_dir`` (default: the package's shipped folder).

    Returns {file name: sha256}. Rebuilding from unchanged inputs reproduces the shipped files
    byte for byte.
    """
    target = out_dir or built_dir()
    target.mkdir(parents=True, exist_ok=True)
    files = build_files(inputs, shared)
    for name, data in files.items():
        (target / name).write_bytes(data)
    return {name: _sha(data) for name, data in files.items()}
