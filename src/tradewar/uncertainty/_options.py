"""Monte Carlo settings as plain data, and the band tables a run carries.

:class:`BandOptions` is what ``tradewar run --draws N`` collects from the command line;
:func:`distribution_from` turns it into a :class:`ThetaDistribution` for a world;
:func:`band_tables` lays a :class:`MonteCarlo` out as long tables (``bands``,
``bilateral_bands``) that :func:`~tradewar.uncertainty.attach_bands` puts beside the figures of
a JSON record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.errors import UncertaintyError
from tradewar.results import DEFAULT_QUANTILES, check_quantiles, quantile_key
from tradewar.sectors import SECTOR_CODES
from tradewar.uncertainty._cp2015 import ASSUMED_CV, cp2015_theta
from tradewar.uncertainty._distribution import Kind, ThetaDistribution, proportional
from tradewar.uncertainty._files import read_theta_draws, read_theta_moments
from tradewar.uncertainty._monte_carlo import MonteCarlo, default_distribution
from tradewar.world import World


@dataclass(frozen=True)
class BandOptions:
    """How to draw elasticities and which quantiles to report."""

    draws: int = 1000
    seed: int = 0
    quantiles: tuple[float, ...] = DEFAULT_QUANTILES
    kind: Kind = "lognormal"
    cv: float | None = None  # assumed coefficient of variation where no SE is known
    moments: Path | None = None  # sector,mean,se (or sector,mean with cov)
    cov: Path | None = None
    draws_file: Path | None = None  # bootstrap draws

    def __post_init__(self) -> None:
        if self.draws < 1:
            raise UncertaintyError(f"--draws {self.draws}: ask for at least one draw.")
        object.__setattr__(self, "quantiles", check_quantiles(self.quantiles))
        if self.cv is not None and not (self.cv > 0 and math.isfinite(self.cv)):
            raise UncertaintyError(f"--theta-cv {self.cv}: give a positive number.")
        given = [x for x in (self.moments, self.draws_file) if x is not None]
        if len(given) > 1:
            raise UncertaintyError("give either --theta-moments or --theta-draws, not both.")
        if self.cov is not None and self.moments is None:
            raise UncertaintyError("--theta-cov needs --theta-moments (the means).")

    def describe(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "quantiles": list(self.quantiles),
            "kind": self.kind,
            "cv": self.cv,
            "moments": None if self.moments is None else str(self.moments),
            "cov": None if self.cov is None else str(self.cov),
            "draws_file": None if self.draws_file is None else str(self.draws_file),
        }


def parse_quantiles(text: str) -> tuple[float, ...]:
    """``"0.05,0.5,0.95"`` (or percent, ``"5,50,95"``) as quantiles."""
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise UncertaintyError(
            f"--quantiles {text!r}: give numbers separated by commas, e.g. 0.05,0.5,0.95."
        ) from None
    if values and all(v >= 1 for v in values):
        values = [v / 100 for v in values]
    return check_quantiles(values)


def distribution_from(world: World, options: BandOptions) -> ThetaDistribution:
    """The elasticity distribution ``options`` ask for, for ``world``.

    Bootstrap draws or mean/covariance files when given; else Caliendo–Parro's estimates for
    worlds on the default sectors (centred on the world's own theta, spread ``cv`` where no
    standard error is known); else, with ``cv``, independent draws around the world's theta.
    """
    sectors = tuple(world.sectors)
    if options.draws_file is not None:
        return read_theta_draws(options.draws_file).aligned(sectors)
    if options.moments is not None:
        return read_theta_moments(options.moments, options.cov, kind=options.kind).aligned(sectors)
    if sectors == SECTOR_CODES:
        dist = cp2015_theta(cv=options.cv or ASSUMED_CV, kind=options.kind)
        return dist.centred_on(world.theta)
    if options.cv is not None:
        return proportional(sectors, world.theta, options.cv, kind=options.kind)
    return default_distribution(world)


def _band_frame(frame: pd.DataFrame, keys: list[str], quantiles: Sequence[float]) -> pd.DataFrame:
    columns = [*keys, "variable", *[quantile_key(q) for q in quantiles], "converged", "failed"]
    return frame[columns].reset_index(drop=True)


def band_tables(mc: MonteCarlo) -> dict[str, pd.DataFrame]:
    """``bands`` (by economy and figure) and ``bilateral_bands`` (by pair and figure)."""
    countries = mc.country_bands()
    bilateral = mc.bilateral_bands()
    return {
        "bands": _band_frame(countries, ["iso3"], mc.quantiles),
        "bilateral_bands": _band_frame(bilateral, ["importer", "exporter"], mc.quantiles),
    }
