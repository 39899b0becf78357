"""Steps 1-6 of the build (:mod:`tradewar.worlds.build`) in arrays: :func:`compose`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tradewar.errors import DataError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.worlds.build import _sources as sources
from tradewar.worlds.build._economies import aggregate_economies, ll16_mix, split_rest
from tradewar.worlds.build._inputs import ECONOMIES, NO_TABLE, Inputs
from tradewar.worlds.build._kernels import ras_pairs, reallocate_inputs
from tradewar.worlds.build._links import links
from tradewar.worlds.build._sectors import sector_keys, service_split, split_sectors
from tradewar.worlds.build._structure import io_structure
from tradewar.worlds.build._tariffs import TIMELINE_DATE, timeline_tariffs
from tradewar.worlds.build._theta import theta_estimates
from tradewar.worlds.build._us_imports import us_imports_by_sector, us_rows

#: Smallest share of a goods sector's output sold at home.
MIN_HOME_SHARE = 0.10
#: Smallest share of absorption left to final demand when input shares are moved.
MIN_FINAL_SHARE = 0.02


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
    x14, t14 = sources.ll2014(root)
    weights16 = x14.sum(axis=0)  # (44, 16): output by exporter and sector (USD m)
    wiod_go, wiod_va = sources.wiod2011(root)

    # 1. economies
    agg, labels = aggregate_economies(x14 / 1e3)
    x16, split_report = split_rest(agg, labels, inp, ll16_mix(us, lk))
    tagg, _ = aggregate_economies(t14 * x14)
    wagg, _ = aggregate_economies(x14)
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
    key, home_key, pair_key, fallback = sector_keys(us, lk)
    svc = service_split(wiod_go)
    prior = split_sectors(x16, (key, home_key, pair_key), svc, lk)
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
    for economy, sector, imports in us_rows(us):
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
    _, va14, _ = io_structure(root, np.maximum(output14, 1e-9), weights16, lk, wiod)
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
        io, va_share, io_origin = io_structure(root, np.maximum(output, 1e-9), weights16, lk, wiod)
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
    theta, theta_se, theta_ids, estimates = theta_estimates(root, inp)

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
