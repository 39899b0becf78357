r"""Welfare and its decomposition into terms-of-trade and volume-of-trade effects.

Caliendo and Parro (2015, eq. 16) split the change in real income of country *n* into

.. math::

    d\ln W_n = \underbrace{\frac{1}{I_n}\sum_{j}\sum_{i}
        \big(E_{ni}^j\, d\ln c_n^j - M_{ni}^j\, d\ln c_i^j\big)}_{\text{terms of trade}}
      + \underbrace{\frac{1}{I_n}\sum_{j}\sum_{i} \tau_{ni}^j M_{ni}^j
        \big(d\ln M_{ni}^j - d\ln c_i^j\big)}_{\text{volume of trade}}

with exports :math:`E_{ni}^j` and imports :math:`M_{ni}^j` at producer prices. Their Tables 2–3
evaluate it for the NAFTA tariff cuts with baseline weights and discrete changes
(:math:`d\ln x \approx \hat x - 1`); the sum is what the paper's Table 2 calls welfare. It is a
first-order approximation: the exact change in real income, :math:`\hat I_n / \hat P_n`, is
reported beside it as ``welfare_pct``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from tradewar.model import Equilibrium


def _terms(eq: Equilibrium) -> tuple[np.ndarray, np.ndarray]:
    """Terms-of-trade and volume-of-trade contributions by (country n, partner i, sector j)."""
    eq.check()
    base = eq.baseline
    imports = base.trade  # M_ni^j
    exports = imports.transpose(1, 0, 2)  # E_ni^j: sales of n to i
    c_growth = eq.c_hat - 1
    income = base.income[:, None, None]
    tot = (exports * c_growth[:, None, :] - imports * c_growth[None, :, :]) / income
    m_hat = np.divide(eq.trade, imports, out=np.ones_like(imports), where=imports > 0)
    vot = base.tariffs * imports * (m_hat - eq.c_hat[None, :, :]) / income
    return tot, vot


def welfare(eq: Equilibrium) -> pd.DataFrame:
    """One row per country: exact welfare, its CP2015 decomposition, real wage, price index.

    Columns (percent changes): ``welfare_pct`` (real income I_hat / P_hat), ``tot_pct``,
    ``vot_pct`` and their sum ``decomposition_pct`` (Caliendo–Parro Table 2's "welfare"),
    ``real_wage_pct``, ``wage_pct`` (nominal, numeraire world value added),
    ``price_index_pct``; levels ``income_baseline`` and ``income_counterfactual``.
    """
    tot, vot = _terms(eq)
    tot_n, vot_n = tot.sum(axis=(1, 2)), vot.sum(axis=(1, 2))
    return pd.DataFrame(
        {
            "country": list(eq.baseline.countries),
            "welfare_pct": 100 * (eq.welfare_hat - 1),
            "tot_pct": 100 * tot_n,
            "vot_pct": 100 * vot_n,
            "decomposition_pct": 100 * (tot_n + vot_n),
            "real_wage_pct": 100 * (eq.real_wage_hat - 1),
            "wage_pct": 100 * (eq.w_hat - 1),
            "price_index_pct": 100 * (eq.price_index_hat - 1),
            "income_baseline": eq.baseline.income,
            "income_counterfactual": eq.income,
        }
    )


def welfare_decomposition(
    eq: Equilibrium, by: Literal["partner", "sector", "partner_sector"] = "partner"
) -> pd.DataFrame:
    """CP2015 eq. (16) contributions in percent, bilaterally and/or by sector (their Table 3).

    Long form: ``country``, then ``partner`` and/or ``sector``, ``tot_pct``, ``vot_pct``. Rows
    of one country sum to its ``tot_pct`` and ``vot_pct`` in :func:`welfare`.
    """
    tot, vot = _terms(eq)
    countries, sectors = eq.baseline.countries, eq.baseline.sectors
    if by == "partner":
        index = pd.MultiIndex.from_product([countries, countries], names=["country", "partner"])
        values = {"tot_pct": tot.sum(axis=2), "vot_pct": vot.sum(axis=2)}
    elif by == "sector":
        index = pd.MultiIndex.from_product([countries, sectors], names=["country", "sector"])
        values = {"tot_pct": tot.sum(axis=1), "vot_pct": vot.sum(axis=1)}
    elif by == "partner_sector":
        index = pd.MultiIndex.from_product(
            [countries, countries, sectors], names=["country", "partner", "sector"]
        )
        values = {"tot_pct": tot, "vot_pct": vot}
    else:
        raise ValueError(f"by={by!r}; use 'partner', 'sector' or 'partner_sector'.")
    frame = pd.DataFrame({k: 100 * v.ravel() for k, v in values.items()}, index=index)
    return frame.reset_index()
