"""Uncertainty over trade elasticities: distributions, Monte Carlo draws and quantile bands.

``monte_carlo(world, shock, draws=1000)`` draws the sector elasticities theta (by default from
Caliendo–Parro's estimates mapped onto the default world's sectors), solves every draw in
batches, and returns a :class:`MonteCarlo` whose ``country_bands()``/``bilateral_bands()``
give 5-50-95 quantile bands over the converged draws, with the count of failed draws beside
them. Distributions: :func:`cp2015_theta`, :func:`proportional`, :func:`independent`,
:func:`from_moments`, :func:`from_draws`, and the CSV readers :func:`read_theta_moments` and
:func:`read_theta_draws`. Method and sources: ``docs/uncertainty.md``.

Importing this package loads the model (and so JAX). Stored bands are read and shown without
it: the quantile helpers (:func:`~tradewar.results.quantile_bands`,
:func:`~tradewar.results.attach_bands` ...) live in :mod:`tradewar.results`.
"""

from tradewar.uncertainty._cp2015 import ASSUMED_CV, cp2015_estimates, cp2015_theta
from tradewar.uncertainty._distribution import (
    ThetaDistribution,
    from_draws,
    from_moments,
    independent,
    lognormal_parameters,
    proportional,
)
from tradewar.uncertainty._files import read_theta_draws, read_theta_moments
from tradewar.uncertainty._monte_carlo import MonteCarlo, default_distribution, monte_carlo
from tradewar.uncertainty._options import (
    BandOptions,
    band_tables,
    distribution_from,
    parse_quantiles,
)

__all__ = [
    "ASSUMED_CV",
    "BandOptions",
    "MonteCarlo",
    "ThetaDistribution",
    "band_tables",
    "cp2015_estimates",
    "cp2015_theta",
    "default_distribution",
    "distribution_from",
    "from_draws",
    "from_moments",
    "independent",
    "lognormal_parameters",
    "monte_carlo",
    "parse_quantiles",
    "proportional",
    "read_theta_draws",
    "read_theta_moments",
]
