"""Uncertainty over trade elasticities: distributions, Monte Carlo draws and quantile bands.

``monte_carlo(world, shock, draws=1000)`` draws the sector elasticities theta (by default from
Caliendo–Parro's estimates mapped onto the default world's sectors), solves every draw in
batches, and returns a :class:`MonteCarlo` whose ``country_bands()``/``bilateral_bands()``
give 5-50-95 quantile bands over the converged draws, with the count of failed draws beside
them. Distributions: :func:`cp2015_theta`, :func:`proportional`, :func:`independent`,
:func:`from_moments`, :func:`from_draws`, and the CSV readers :func:`read_theta_moments` and
:func:`read_theta_draws`. Method and sources: ``docs/uncertainty.md``.

The band helpers (:func:`quantile_bands`, :func:`attach_bands` ...) need no JAX; everything
else is imported on first use, so that reading stored bands does not pay for importing JAX.
"""

from typing import TYPE_CHECKING, Any

from tradewar.uncertainty._bands import (
    DEFAULT_QUANTILES,
    attach_bands,
    check_quantiles,
    quantile_bands,
    quantile_key,
)

if TYPE_CHECKING:
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
        default_distribution,
        monte_carlo,
    )
    from tradewar.uncertainty._options import (
        BandOptions,
        band_tables,
        distribution_from,
        parse_quantiles,
    )

_LAZY = {
    "ASSUMED_CV": "_cp2015",
    "cp2015_estimates": "_cp2015",
    "cp2015_theta": "_cp2015",
    "ThetaDistribution": "_distribution",
    "from_draws": "_distribution",
    "from_moments": "_distribution",
    "independent": "_distribution",
    "lognormal_parameters": "_distribution",
    "proportional": "_distribution",
    "read_theta_draws": "_files",
    "read_theta_moments": "_files",
    "MonteCarlo": "_monte_carlo",
    "default_distribution": "_monte_carlo",
    "monte_carlo": "_monte_carlo",
    "BandOptions": "_options",
    "band_tables": "_options",
    "distribution_from": "_options",
    "parse_quantiles": "_options",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"tradewar.uncertainty.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'tradewar.uncertainty' has no attribute {name!r}")


__all__ = [
    "ASSUMED_CV",
    "DEFAULT_QUANTILES",
    "BandOptions",
    "MonteCarlo",
    "ThetaDistribution",
    "attach_bands",
    "band_tables",
    "check_quantiles",
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
    "quantile_bands",
    "quantile_key",
    "read_theta_draws",
    "read_theta_moments",
]
