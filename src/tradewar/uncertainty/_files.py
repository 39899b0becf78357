"""User-supplied elasticity distributions from CSV files.

Three layouts, each checked cell by cell (errors name the file, row and column):

``sector,mean,se``
    Independent elasticities: one row per sector, mean and standard error.
``sector,mean`` plus a covariance file
    A square table whose first column is ``sector`` and whose other columns are the same
    sectors: ``cov[row, column]``.
bootstrap draws
    One column per sector (header = sector codes), one row per draw; an optional ``draw``
    column is ignored.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tradewar.data import read_csv
from tradewar.errors import DataError
from tradewar.uncertainty._distribution import Kind, ThetaDistribution, from_draws, from_moments


def read_theta_moments(
    path: str | Path,
    cov_path: str | Path | None = None,
    *,
    kind: Kind = "lognormal",
) -> ThetaDistribution:
    """Mean and standard errors (``sector,mean,se``), or mean plus a covariance file."""
    path = Path(path)
    columns = ("sector", "mean") if cov_path is not None else ("sector", "mean", "se")
    rows = read_csv(path, columns)
    sectors: list[str] = []
    mean: list[float] = []
    se: list[float] = []
    for r in rows:
        sector = r.text("sector")
        if sector in sectors:
            raise r.error("sector", "appears twice")
        sectors.append(sector)
        mean.append(r.number("mean"))
        if mean[-1] <= 0:
            raise r.error("mean", "an elasticity must be positive")
        if cov_path is None:
            se.append(r.number("se", minimum=0.0))
    if not sectors:
        raise DataError(f"{path}: no rows; give one row per sector.")
    if cov_path is None:
        cov = np.diag(np.square(se))
        label = f"user mean and standard errors ({path.name})"
    else:
        cov = _read_cov(Path(cov_path), sectors)
        label = f"user mean ({path.name}) and covariance ({Path(cov_path).name})"
    return from_moments(sectors, np.array(mean), cov, kind=kind, label=label, sources=(str(path),))


def _read_cov(path: Path, sectors: list[str]) -> np.ndarray:
    rows = read_csv(path, ("sector", *sectors))
    cov = np.full((len(sectors), len(sectors)), np.nan)
    for r in rows:
        k = sectors.index(r.text("sector", allowed=sectors))
        if not np.isnan(cov[k]).all():
            raise r.error("sector", "appears twice")
        cov[k] = [r.number(s) for s in sectors]
    missing = [sectors[k] for k in range(len(sectors)) if np.isnan(cov[k]).all()]
    if missing:
        raise DataError(f"{path}: no covariance row for sector(s) {missing}.")
    if not np.allclose(cov, cov.T, rtol=1e-9, atol=1e-12):
        a, b = np.unravel_index(np.argmax(np.abs(cov - cov.T)), cov.shape)
        raise DataError(
            f"{path}: the covariance is not symmetric: [{sectors[a]}, {sectors[b]}] = "
            f"{cov[a, b]:g} but [{sectors[b]}, {sectors[a]}] = {cov[b, a]:g}."
        )
    if (np.diag(cov) < 0).any():
        bad = sectors[int(np.argmin(np.diag(cov)))]
        raise DataError(f"{path}: the variance of {bad!r} is negative.")
    return cov


def read_theta_draws(path: str | Path) -> ThetaDistribution:
    """Bootstrap (or any) draws: one column per sector, one row per draw."""
    path = Path(path)
    rows = read_csv(path, ())  # checks that the file reads and has a header
    sectors = [h for h in _header(path) if h and h != "draw"]
    if not sectors:
        raise DataError(f"{path}: no sector columns; the header must name the sectors.")
    if len(set(sectors)) != len(sectors):
        raise DataError(f"{path}, row 1: a sector column appears twice in {sectors}.")
    table = np.zeros((len(rows), len(sectors)))
    for d, r in enumerate(rows):
        for k, sector in enumerate(sectors):
            value = r.number(sector)
            if value <= 0:
                raise r.error(sector, "an elasticity must be positive")
            table[d, k] = value
    if not len(rows):
        raise DataError(f"{path}: no draws; give one row per draw.")
    return from_draws(
        sectors, table, label=f"user draws ({path.name}, {len(rows)} rows)", sources=(str(path),)
    )


def _header(path: Path) -> list[str]:
    import csv

    with path.open(encoding="utf-8") as handle:
        first = next(csv.reader(handle), [])
    return [h.strip() for h in first]
