"""Step 6: trade elasticities from published estimates with their standard errors."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from tradewar.errors import DataError
from tradewar.sectors import SECTOR_CODES
from tradewar.worlds.build._inputs import Inputs


def theta_estimates(
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
