r"""The outcomes people quote about a tariff, per importer: prices, pass-through, cost, revenue.

All prices are in the importer's currency, taking its nominal wage as the anchor of that
currency (the wage is what is sticky in local currency; under the numeraire, world value added,
a country's prices are otherwise only defined relative to the world). For importer *n*:

* ``consumer_prices_pct`` — :math:`100(\hat P_n / \hat w_n - 1)`, with :math:`\hat P_n` the
  final-demand price index (CP2015).
* ``pass_through`` — the share of the tariff change that shows up in the tariff-inclusive price
  of its imports: one plus the import-weighted least-squares slope (through the origin) of the
  change in exporters' prices, :math:`\ln(\hat c_i^j / \hat w_n)`, on the tariff change
  :math:`\ln\big((1+\tau'_{ni})/(1+\tau_{ni})\big)`, over the cells whose tariff moved — the
  regression of Amiti, Redding and Weinstein (2019) and Fajgelbaum et al. (2020), run on the
  model. 1 means foreign exporters' prices do not fall at all (buyers bear the whole tariff).
  ``NaN`` when no tariff of the importer moved.
* ``effective_tariff_before_pct`` / ``effective_tariff_after_pct`` — the new tariffs weighted by
  baseline imports (before substitution) and by counterfactual imports (after: customs revenue
  over imports); ``effective_tariff_baseline_pct`` the baseline tariffs on baseline imports.
* ``customs_revenue`` and ``customs_revenue_baseline`` — tariff revenue, the world's units.
* ``cost_per_household`` — the equivalent variation per household: the fall in real income
  :math:`(1 - \hat W_n) I_n` times the world's unit (e.g. 1e9 USD) over ``households``; only
  when a household count is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tradewar.model import Equilibrium


def _foreign(eq: Equilibrium) -> np.ndarray:
    mask = np.ones(eq.trade.shape, dtype=bool)
    idx = np.arange(eq.baseline.n_countries)
    mask[idx, idx, :] = False
    return mask


def pass_through(eq: Equilibrium, n: int) -> float:
    """Share of importer ``n``'s tariff changes borne by its buyers (see the module docstring)."""
    eq.check()
    base = eq.baseline
    x = np.log((1 + eq.tariffs[n]) / (1 + base.tariffs[n]))  # (I, J)
    foreign = np.ones_like(x, dtype=bool)
    foreign[n] = False
    moved = foreign & (np.abs(x) > 1e-12) & (base.trade[n] > 0)
    if not moved.any():
        return float("nan")
    y = np.log(eq.c_hat / eq.w_hat[n])  # exporters' prices in n's currency, (I, J)
    weight = base.trade[n]
    slope = (weight * x * y)[moved].sum() / (weight * x * x)[moved].sum()
    return float(1.0 + slope)


def outcomes(
    eq: Equilibrium, country: str, *, households: float | None = None, unit: float = 1e9
) -> dict[str, float]:
    """The quoted outcomes for importer ``country`` (see the module docstring).

    ``unit``: the currency amount of one unit of the world's values (1e9 for USD billions).
    """
    eq.check()
    base = eq.baseline
    n = base.country_index(country)
    foreign = _foreign(eq)[n]
    imports0, imports1 = base.trade[n], eq.trade[n]
    tau0, tau1 = base.tariffs[n], eq.tariffs[n]
    out = {
        "consumer_prices_pct": 100 * float(eq.price_index_hat[n] / eq.w_hat[n] - 1),
        "pass_through": pass_through(eq, n),
        "effective_tariff_baseline_pct": 100
        * float((tau0 * imports0)[foreign].sum() / imports0[foreign].sum()),
        "effective_tariff_before_pct": 100
        * float((tau1 * imports0)[foreign].sum() / imports0[foreign].sum()),
        "effective_tariff_after_pct": 100
        * float((tau1 * imports1)[foreign].sum() / imports1[foreign].sum()),
        "customs_revenue": float(eq.tariff_revenue[n]),
        "customs_revenue_baseline": float(base.tariff_revenue[n]),
        "welfare_pct": 100 * float(eq.welfare_hat[n] - 1),
        "employment_pct": 100 * float(eq.employment_hat[n] - 1),
    }
    if households is not None:
        loss = (1 - float(eq.welfare_hat[n])) * float(base.income[n]) * unit
        out["cost_per_household"] = loss / households
    return out
