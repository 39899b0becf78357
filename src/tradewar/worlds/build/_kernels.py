"""Pure numerical steps of the default-world builder (numpy in, numpy out, no labels).

* :func:`great_circle_km` — distances for the gravity prior;
* :func:`gravity_prior` — structural-gravity shape of bilateral sector flows,
  ``T0[n,i,j] = Y_i^j D_n^j / dist_ni`` (Head and Mayer 2014, eq. 2, with a unit distance
  elasticity);
* :func:`tilt_exports` — rescale an exporter's prior sector mix to published sector shares;
* :func:`ras_pairs` — biproportional (RAS / iterative proportional fitting) balancing of the
  bilateral totals to exporter and importer margins with known cells held fixed (Bacharach 1970;
  Miller and Blair 2009, section 7.4);
* :func:`reallocate_inputs` — move input-output cost shares away from an input whose
  intermediate use exceeds the economy's absorption of it, so final demand stays non-negative.
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0


def great_circle_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """(N, N) haversine distances between points given in degrees."""
    phi, lam = np.radians(lat), np.radians(lon)
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    a = np.sin(dphi / 2) ** 2 + np.cos(phi[:, None]) * np.cos(phi[None, :]) * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def gravity_prior(output: np.ndarray, demand: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """``T0[n, i, j] = output[i, j] * demand[n, j] / distance[n, i]``, zero on the diagonal."""
    prior = demand[:, None, :] * output[None, :, :] / distance[:, :, None]
    idx = np.arange(output.shape[0])
    prior[idx, idx, :] = 0.0
    return prior


def tilt_exports(
    prior: np.ndarray, exporter: int, groups: list[tuple[tuple[int, ...], float]]
) -> np.ndarray:
    """Rescale exporter ``exporter``'s sectors so that each group of sectors has its share.

    Sectors outside every group share the remainder in their prior proportions.
    """
    out = prior.copy()
    block = out[:, exporter, :]
    total = block.sum()
    listed: set[int] = set()
    wanted = 0.0
    for sectors, share in groups:
        cols = list(sectors)
        have = block[:, cols].sum()
        block[:, cols] *= share * total / have
        listed.update(cols)
        wanted += share
    rest = [k for k in range(block.shape[1]) if k not in listed]
    if rest:
        have_rest = block[:, rest].sum()
        block[:, rest] *= (1.0 - wanted) * total / have_rest
    out[:, exporter, :] = block
    return out


def ras_pairs(
    prior: np.ndarray,
    row_targets: np.ndarray,
    col_targets: np.ndarray,
    fixed: np.ndarray,
    *,
    tol: float = 1e-12,
    max_iter: int = 20000,
) -> tuple[np.ndarray, int, float]:
    """Balance an (N, N) matrix (rows importers, columns exporters) by RAS.

    Cells where ``fixed`` is not NaN keep that value; the diagonal stays zero; rows and columns
    whose target is NaN are free. Returns the balanced matrix, the iterations used and the largest
    relative gap to a target.
    """
    n = prior.shape[0]
    known = ~np.isnan(fixed)
    free = ~known & ~np.eye(n, dtype=bool)
    x = np.where(known, np.nan_to_num(fixed), np.where(free, prior, 0.0))
    rows = np.flatnonzero(~np.isnan(row_targets))
    cols = np.flatnonzero(~np.isnan(col_targets))
    gap = np.inf
    for iteration in range(1, max_iter + 1):
        for r in rows:
            if not free[r].any():
                continue
            want = row_targets[r] - x[r, known[r]].sum()
            have = x[r, free[r]].sum()
            x[r, free[r]] *= want / have
        for c in cols:
            if not free[:, c].any():
                continue
            want = col_targets[c] - x[known[:, c], c].sum()
            have = x[free[:, c], c].sum()
            x[free[:, c], c] *= want / have
        gap = max(
            float(np.max(np.abs(x[rows].sum(axis=1) / row_targets[rows] - 1.0), initial=0.0)),
            float(np.max(np.abs(x[:, cols].sum(axis=0) / col_targets[cols] - 1.0), initial=0.0)),
        )
        if gap < tol:
            return x, iteration, gap
    return x, max_iter, gap


def reallocate_inputs(
    io_share: np.ndarray,
    absorption: np.ndarray,
    gross_output: np.ndarray,
    *,
    floor: float,
    sink: np.ndarray,
    max_rounds: int = 500,
) -> tuple[np.ndarray, dict[tuple[int, int], float], bool]:
    """Scale down input rows whose intermediate use leaves less than ``floor`` of absorption.

    For country *n* and input *k* with ``sum_j io[n,k,j] Y[n,j] > (1 - floor) X[n,k]``, every
    user's coefficient on *k* is cut by the same factor and the freed cost share goes to that
    user's inputs from the ``sink`` sectors (a boolean mask, e.g. services), in proportion to them
    (value-added shares are unchanged). Returns the new shares, the overall factor applied to each
    (country, input) changed, and whether every row ended within its limit.
    """
    io = io_share.copy()
    factors: dict[tuple[int, int], float] = {}
    for _ in range(max_rounds):
        use = np.einsum("nkj,nj->nk", io, gross_output)
        limit = (1.0 - floor) * absorption
        bad = np.argwhere(use > limit * (1 + 1e-12))
        if not len(bad):
            return io, factors, True
        for n, k in bad:
            factor = float(limit[n, k] / use[n, k])
            freed = io[n, k, :] * (1.0 - factor)
            io[n, k, :] *= factor
            target = np.where(sink[:, None], io[n, :, :], 0.0)
            target[k, :] = 0.0
            totals = target.sum(axis=0)
            weight = np.where(totals > 0, target / np.where(totals > 0, totals, 1.0), 0.0)
            lost = freed * (totals <= 0)
            io[n, :, :] += weight * (freed - lost)[None, :]
            io[n, k, :] += lost  # a user with no sink input keeps its coefficient
            key = (int(n), int(k))
            factors[key] = factors.get(key, 1.0) * factor
    return io, factors, False
