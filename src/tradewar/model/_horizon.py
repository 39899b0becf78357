r"""Horizons: how far after a policy change the answer is read (``1y``, ``3y``, ``long-run``).

A horizon sets two things.

**Trade elasticities.** Boehm, Levchenko and Pandalai-Nayar (2023, *AER* 113(4), 861–905) estimate
the elasticity of trade flows to tariffs at each horizon by local projections on MFN tariff
changes: about 0.76 one year after the change, about 2 in the long run (−1.75 to −2.25), reached
after 7–10 years. tradewar keeps each world's *sectoral* elasticities :math:`\theta_j` (their
relative sizes) and scales them to the horizon:

.. math::

    \theta_j(h) = \theta_j \, \frac{\varepsilon(h)}{\bar\theta},
    \qquad \bar\theta = \frac{\sum_j \theta_j M_j}{\sum_j M_j},

where :math:`M_j` are the world's baseline imports (all importers, all partners, excluding
domestic sales) in sector *j*, so that the import-weighted elasticity at horizon *h* equals the
published :math:`\varepsilon(h)`. ``1y`` uses BLP's 0.76; ``3y`` interpolates log-linearly in the
horizon between 0.76 at one year and 2.0 at 8.5 years (the middle of their 7–10), which gives
0.98 — an interpolation, not a published estimate. ``long-run`` keeps the sectoral estimates
unchanged (Caliendo–Parro's, which reproduce their Table 2 and Ossa; they are larger than BLP's
long-run 2). The scaling is idempotent: applying it to a world already at the horizon changes
nothing.

BLP's coefficient is on tariff-*exclusive* flows. In this model a tariff moves tariff-exclusive
flows with elasticity :math:`\theta + 1` (an iceberg cost with :math:`\theta`), so mapping
:math:`\bar\theta` to 0.76 makes short-run flows somewhat more responsive to tariffs than BLP
measure; the other reading (:math:`\bar\theta = \varepsilon - 1 \approx 0`) would freeze trade.

**Wage flexibility.** :math:`\lambda(h)`, the share of a change in labour demand absorbed by the
wage rather than employment (see :mod:`tradewar.model._kernels`): a reduced form of downward
nominal wage rigidity (Rodríguez-Clare, Ulate and Vásquez, *JPE* 2026, 134(2), 626–664). With
sticky wages an exporter's costs do not fall when a tariff cuts demand for its goods, so the
tariff shows up in the importer's prices, as Amiti, Redding and Weinstein (2019) and Fajgelbaum
et al. (2020) measured for 2018–19. tradewar *assumes* (it does not estimate) that the gap
between the flexible-wage and the current wage closes at 10% a year,
:math:`\lambda(h) = 1 - 0.9^h`: 0.10 at one year, 0.27 at three, 1 in the long run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from tradewar.errors import ShockError
from tradewar.world import World

HorizonName = Literal["1y", "3y", "long-run"]

#: Boehm, Levchenko & Pandalai-Nayar (2023): one-year and long-run elasticities, and the
#: horizon (years) at which the long run is reached (middle of their 7-10 years).
BLP_ONE_YEAR = 0.76
BLP_LONG_RUN = 2.0
BLP_CONVERGED_YEARS = 8.5
#: Assumed yearly rate at which sticky wages close their gap to the flexible-wage path.
WAGE_ADJUSTMENT_PER_YEAR = 0.10

BLP_SOURCE = (
    "Boehm, Levchenko & Pandalai-Nayar (2023), The Long and Short (Run) of Trade Elasticities, "
    "American Economic Review 113(4): 861-905, https://doi.org/10.1257/aer.20210225"
)
RUV_SOURCE = (
    "Rodriguez-Clare, Ulate & Vasquez, Trade with Nominal Rigidities, Journal of Political "
    "Economy 134(2), 2026, https://doi.org/10.1086/738344"
)


def _blp_elasticity(years: float) -> float:
    """BLP's elasticity at ``years``: log-linear from one year to the long run, then flat."""
    if years >= BLP_CONVERGED_YEARS:
        return BLP_LONG_RUN
    share = (years - 1.0) / (BLP_CONVERGED_YEARS - 1.0)
    return BLP_ONE_YEAR * (BLP_LONG_RUN / BLP_ONE_YEAR) ** share


@dataclass(frozen=True)
class Horizon:
    """A named horizon: target import-weighted elasticity and wage flexibility (None: unscaled)."""

    name: str
    years: float | None
    trade_elasticity: float | None
    wage_flex: float | None
    source: str

    def describe(self) -> str:
        if self.trade_elasticity is None:
            return f"{self.name}: sectoral trade elasticities as estimated, flexible wages"
        return (
            f"{self.name}: import-weighted trade elasticity {self.trade_elasticity:.2f} "
            f"(BLP 2023), wage flexibility {self.wage_flex:.2f} (sticky wages)"
        )


def _short(name: str, years: float) -> Horizon:
    return Horizon(
        name=name,
        years=years,
        trade_elasticity=round(_blp_elasticity(years), 4),
        wage_flex=round(1 - (1 - WAGE_ADJUSTMENT_PER_YEAR) ** years, 4),
        source=f"{BLP_SOURCE}; {RUV_SOURCE}",
    )


HORIZONS: dict[str, Horizon] = {
    "1y": _short("1y", 1.0),
    "3y": _short("3y", 3.0),
    "long-run": Horizon("long-run", None, None, None, "the world's sectoral estimates"),
}
#: The horizon of ``solve`` and of a scenario that does not name one.
DEFAULT_HORIZON: HorizonName = "long-run"


def horizon(name: str) -> Horizon:
    """The :class:`Horizon` called ``name``, or a :class:`~tradewar.errors.ShockError`."""
    try:
        return HORIZONS[name]
    except KeyError:
        raise ShockError(
            f"horizon={name!r} is not a horizon; use one of {sorted(HORIZONS)}."
        ) from None


def import_weighted_theta(world: World) -> float:
    """The world's trade elasticity weighted by baseline imports (excluding domestic sales)."""
    idx = np.arange(world.n_countries)
    foreign = world.trade.copy()
    foreign[idx, idx, :] = 0.0
    imports = foreign.sum(axis=(0, 1))
    if imports.sum() <= 0:
        return float(np.mean(world.theta))
    return float((world.theta * imports).sum() / imports.sum())


def horizon_theta(world: World, name: str) -> np.ndarray:
    """Sectoral trade elasticities of ``world`` at horizon ``name`` (see the module docstring)."""
    h = horizon(name)
    if h.trade_elasticity is None:
        return np.asarray(world.theta)
    return np.asarray(world.theta) * h.trade_elasticity / import_weighted_theta(world)


def at_horizon(world: World, name: str) -> World:
    """``world`` with its trade elasticities at horizon ``name`` (unchanged for ``long-run``)."""
    h = horizon(name)
    if h.trade_elasticity is None:
        return world
    theta = horizon_theta(world, name)
    if np.allclose(theta, world.theta, rtol=1e-13, atol=0):
        return world
    meta = {**world.meta, "horizon": name, "theta_long_run": [float(t) for t in world.theta]}
    return replace(world, theta=theta, meta=meta)


def wage_flex(name: str, n_countries: int) -> np.ndarray | None:
    """lambda_n at horizon ``name`` for every country (None: flexible wages)."""
    h = horizon(name)
    if h.wage_flex is None or math.isclose(h.wage_flex, 1.0):
        return None
    return np.full(n_countries, h.wage_flex)
