"""Step 5: input-output and value-added shares from the ICIO 2018 (WIOD 2011 where needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tradewar.sectors import SECTOR_CODES
from tradewar.worlds.build import _sources as sources
from tradewar.worlds.build._inputs import ECONOMIES
from tradewar.worlds.build._links import Links


def io_structure(
    root: Path,
    output: np.ndarray,
    weights16: np.ndarray,
    lk: Links,
    wiod: tuple[dict[str, np.ndarray], dict[str, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, dict[str, str]]:
    """(N, J, J) input shares [input, user] and (N, J) value-added shares (step 5)."""
    shares, va = sources.icio_shares(root)
    wiod_go, wiod_va = wiod
    n, j = len(ECONOMIES), len(SECTOR_CODES)
    origin: dict[str, str] = {}
    # Aggregate the EU members' ICIO shares, weighted by their WIOD-2014 output by ICIO user.
    ll_to_icio = LL16_TO_ICIO
    io14 = np.zeros((n, 14, 14))
    va14 = np.zeros((n, 14))
    members = [m for m in sources.EU27 if m in shares and m in va]
    for e, c in enumerate(ECONOMIES):
        if c == "EU27" or c == "CHE":
            out14 = np.zeros((len(members), 14))
            for k, m in enumerate(members):
                for s in range(16):
                    out14[k, ll_to_icio[s]] += weights16[sources.LL_ECONOMIES.index(m), s]
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
