"""The default world's published elasticity estimates, with their standard errors.

Each default-world sector takes one published estimate, or the equal-weighted mean of a few
(``tradewar/worlds/data/inputs/theta_choice.csv``): Caliendo-Parro (2015) Table 1 (99% sample)
and their pooled estimate, or Lashkaripour-Lugovskyy (2023) Table 3. The build writes every
estimate used, with its robust standard error, to ``tradewar/worlds/data/built/elasticities.csv``;
a sector's elasticity is the same mean of its estimates' draws
(:class:`~tradewar.uncertainty.ThetaDistribution`'s ``mapping``). The estimates come from separate
regressions, so they are independent; sectors that take the same estimate share its draw.

An estimates file given as ``se_path`` (columns ``estimate, theta, se, source_url``) replaces the
shipped one; where its ``se`` is empty the standard error is ``cv`` times the estimate, and the
distribution is labelled as an assumption everywhere it is reported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tradewar.data import read_csv
from tradewar.errors import DataError, UncertaintyError
from tradewar.sectors import SECTOR_CODES
from tradewar.uncertainty._distribution import Kind, ThetaDistribution
from tradewar.worlds import built_dir

#: Coefficient of variation assumed where a standard error is missing (an assumption, labelled).
ASSUMED_CV = 0.25
CP2015_URL = "https://doi.org/10.1093/restud/rdu035"


def se_file() -> Path:
    """The shipped estimates file (written by ``tradewar data build-default``)."""
    return built_dir() / "elasticities.csv"


def cp2015_estimates(path: Path | None = None) -> dict[str, tuple[str, float, float | None]]:
    """{estimate id: (estimate id, theta, se or None)} of the estimates the sectors take."""
    path = path or se_file()
    out: dict[str, tuple[str, float, float | None]] = {}
    for r in read_csv(path, ("estimate", "theta", "se", "source_url")):
        estimate = r.text("estimate")
        if estimate in out:
            raise r.error("estimate", f"{estimate!r} is listed twice")
        se = r.number("se", minimum=0.0) if r["se"].strip() else None
        out[estimate] = (estimate, r.number("theta", minimum=0.0), se)
    return out


def _sector_estimates() -> dict[str, tuple[str, ...]]:
    rows = read_csv(built_dir() / "theta.csv", ("sector", "estimates"))
    return {
        r.text("sector", allowed=SECTOR_CODES): tuple(r.text("estimates").split(";")) for r in rows
    }


def cp2015_theta(
    *,
    cv: float = ASSUMED_CV,
    kind: Kind = "lognormal",
    se_path: Path | None = None,
) -> ThetaDistribution:
    """The default world's elasticities as drawn from their published estimates.

    ``cv`` is the coefficient of variation assumed where the estimates file gives no standard
    error (the shipped file gives one for every estimate).
    """
    if not cv > 0:
        raise UncertaintyError(f"cv={cv}; the coefficient of variation must be positive.")
    estimates = cp2015_estimates(se_path)
    params = tuple(estimates)
    mean = np.array([estimates[p][1] for p in params])
    given = [estimates[p][2] for p in params]
    se = np.array([g if g is not None else cv * m for g, m in zip(given, mean, strict=True)])
    assumed = sorted(p for p, g in zip(params, given, strict=True) if g is None)
    weights = np.zeros((len(SECTOR_CODES), len(params)))
    for sector, ids in _sector_estimates().items():
        missing = [i for i in ids if i not in estimates]
        if missing:
            raise DataError(
                f"{se_path or se_file()}: no row for estimate(s) {missing} of sector {sector!r}."
            )
        for i in ids:
            weights[SECTOR_CODES.index(sector), params.index(i)] += 1.0 / len(ids)
    if assumed:
        label = (
            f"published estimates; standard errors ASSUMED (coefficient of variation {cv:g}) "
            f"for {len(assumed)} of {len(params)} estimates: override with your own standard "
            "errors or draws"
        )
    else:
        label = (
            "Caliendo-Parro (2015) Table 1 and Lashkaripour-Lugovskyy (2023) Table 3 estimates "
            "and their standard errors"
        )
    return ThetaDistribution(
        sectors=SECTOR_CODES,
        kind=kind,
        params=params,
        mean=mean,
        cov=np.diag(se**2),
        mapping=weights,
        label=label,
        assumed=bool(assumed),
        sources=(CP2015_URL, "https://doi.org/10.1257/aer.20210419"),
    )
