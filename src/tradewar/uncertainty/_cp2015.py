"""Caliendo–Parro (2015) elasticity estimates mapped onto the default world's sectors.

The means are the world's own inputs (``tradewar/worlds/data/inputs/theta_cp2015.csv``: Table 1,
99% sample, as in the authors' ``T.txt``) and the sector map is the world's ``theta_map.csv``:
each default-world sector is a weighted mean of Caliendo–Parro sectors, so its elasticity is the
same weighted mean of their draws (:class:`~tradewar.uncertainty.ThetaDistribution`'s ``mapping``).

Standard errors live in ``tradewar/uncertainty/data/theta_se_cp2015.csv``. Caliendo–Parro
estimate each sector separately, so the estimates are independent; Auto, Other Transport and the
service sectors all use the authors' aggregate estimate and therefore share one draw. Where the
``se`` column is empty (the published standard errors could not be retrieved for this release;
see ``docs/uncertainty.md``) the standard error is ``cv`` times the estimate, and the
distribution is labelled as an assumption everywhere it is reported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tradewar.data._table import read_csv
from tradewar.errors import DataError, UncertaintyError
from tradewar.sectors import SECTOR_CODES
from tradewar.uncertainty._distribution import Kind, ThetaDistribution
from tradewar.worlds import inputs_dir

#: Coefficient of variation assumed where a standard error is missing (an assumption, labelled).
ASSUMED_CV = 0.25
CP2015_URL = "https://doi.org/10.1093/restud/rdu035"


def se_file() -> Path:
    return Path(__file__).resolve().parent / "data" / "theta_se_cp2015.csv"


def cp2015_estimates(path: Path | None = None) -> dict[str, tuple[str, float, float | None]]:
    """{CP sector: (estimate id, theta, se or None)} from the world's means and the SE file."""
    means = {
        r.text("cp_sector"): r.number("theta", minimum=0.0)
        for r in read_csv(inputs_dir() / "theta_cp2015.csv", ("cp_sector", "theta"))
    }
    path = path or se_file()
    out: dict[str, tuple[str, float, float | None]] = {}
    for r in read_csv(path, ("cp_sector", "estimate", "se", "source_url")):
        sector = r.text("cp_sector", allowed=tuple(means))
        se = r.number("se", minimum=0.0) if r["se"].strip() else None
        out[sector] = (r.text("estimate"), means[sector], se)
    missing = sorted(set(means) - set(out))
    if missing:
        raise DataError(f"{path}: no row for Caliendo-Parro sector(s) {missing}.")
    for sector, (estimate, theta, se) in out.items():
        for other, (estimate2, theta2, se2) in out.items():
            if estimate == estimate2 and (theta != theta2 or se != se2):
                raise DataError(
                    f"{path}: {sector!r} and {other!r} share estimate {estimate!r} but differ "
                    f"in theta ({theta:g} vs {theta2:g}) or se ({se} vs {se2})."
                )
    return out


def cp2015_theta(
    *,
    cv: float = ASSUMED_CV,
    kind: Kind = "lognormal",
    se_path: Path | None = None,
) -> ThetaDistribution:
    """The default world's elasticities as drawn from Caliendo–Parro's estimates.

    ``cv`` is the coefficient of variation assumed where the SE file gives no standard error.
    """
    if not cv > 0:
        raise UncertaintyError(f"cv={cv}; the coefficient of variation must be positive.")
    estimates = cp2015_estimates(se_path)
    params = tuple(dict.fromkeys(e for e, _, _ in estimates.values()))
    mean = np.zeros(len(params))
    se = np.zeros(len(params))
    assumed = []
    for estimate, theta, given in estimates.values():
        k = params.index(estimate)
        mean[k] = theta
        se[k] = given if given is not None else cv * theta
        if given is None:
            assumed.append(estimate)
    weights = np.zeros((len(SECTOR_CODES), len(params)))
    for r in read_csv(inputs_dir() / "theta_map.csv", ("sector", "cp_sector", "weight")):
        sector = r.text("sector", allowed=SECTOR_CODES)
        cp_sector = r.text("cp_sector", allowed=tuple(estimates))
        k = params.index(estimates[cp_sector][0])
        weights[SECTOR_CODES.index(sector), k] += r.number("weight", minimum=0.0)
    mapping = weights / weights.sum(axis=1, keepdims=True)
    assumed = sorted(set(assumed))
    if assumed:
        label = (
            f"Caliendo-Parro (2015) Table 1 estimates; standard errors ASSUMED "
            f"(coefficient of variation {cv:g}) for {len(assumed)} of {len(params)} estimates: "
            "override with your own standard errors or draws"
        )
    else:
        label = "Caliendo-Parro (2015) Table 1 estimates and standard errors"
    return ThetaDistribution(
        sectors=SECTOR_CODES,
        kind=kind,
        params=params,
        mean=mean,
        cov=np.diag(se**2),
        mapping=mapping,
        label=label,
        assumed=bool(assumed),
        sources=(CP2015_URL,),
    )
