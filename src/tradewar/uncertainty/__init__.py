"""Uncertainty over trade elasticities: distributions, Monte Carlo draws and quantile bands.

``monte_carlo(world, shock, draws=1000)`` draws the sector elasticities theta (by default from
Caliendo–Parro's estimates mapped onto the default world's sectors), solves every draw in
batches, and returns a :class:`MonteCarlo` whose ``country_bands()``/``bilateral_bands()``
give 5-50-95 quantile bands over the converged draws, with the count of failed draws beside
them. Distributions: :func:`cp2015_theta`, :func:`proportional`, :func:`independent`,
:func:`from_moments`, :func:`from_draws`, and the CSV readers :func:`read_theta_moments` and
:func:`read_theta_draws`. Method and sources: ``docs/uncertainty.md``.
"""

from tradewar.uncertainty._bands import (
    DEFAULT_QUANTILES,
    check_quantiles,
    quantile_bands,
    quantile_key,
)
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
from tradewar.uncertainty._monte_carlo import (
    MonteCarlo,
    default_chunk_size,
    default_distribution,
    monte_carlo,
)
from tradewar.uncertainty._options import (
    BandOptions,
    attach_bands,
    band_tables,
    distribution_from,
    parse_quantiles,
)
from tradewar.uncertainty._outputs import BILATERAL_VARIABLES, COUNTRY_VARIABLES

__all__ = [
    "ASSUMED_CV",
    "BILATERAL_VARIABLES",
    "COUNTRY_VARIABLES",
    "DEFAULT_QUANTILES",
    "BandOptions",
    "MonteCarlo",
    "ThetaDistribution",
    "attach_bands",
    "band_tables",
    "check_quantiles",
    "cp2015_estimates",
    "cp2015_theta",
    "default_chunk_size",
    "default_distribution",
    "distribution_from",
    "from_draws",
    "from_moments",
    "independent",
    "lognormal_parameters",
    "monte_carlo",
    "parse_quantiles",
    "proportional",
    "quantile_bands",
    "quantile_key",
    "read_theta_draws",
    "read_theta_moments",
]
