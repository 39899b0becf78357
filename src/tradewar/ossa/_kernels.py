r"""Pure JAX kernels of Ossa's (2014) model in changes ("hat algebra"), float64.

The model (Ossa 2014, Section I): *N* countries, *S* industries, labour the only factor. Each
industry is Krugman (1980) monopolistic competition with CES demand (elasticity
:math:`\sigma_s`), a **fixed number of firms** (so tariffs shift profits across countries), and
upper-tier Cobb–Douglas preferences. Governments choose import tariffs :math:`t_{nis}` and
maximise a political-economy welfare with weights :math:`\lambda_{ns}` (Grossman–Helpman style;
:math:`\lambda = 1` is national welfare).

Notation (importer *n*, exporter *i*, industry *s*; all indexing ``[importer, exporter, sector]``):
:math:`X_{nis}` factory-gate flows, :math:`\tau = 1 + t`, :math:`E_n` expenditure,
:math:`Y_{is} = \sum_n X_{nis}` sales, profits :math:`\Pi_{is} = Y_{is}/\sigma_s`,
labour income :math:`w_iL_i`. Given new tariffs :math:`t'` and net exports :math:`NX'`, the
equilibrium in changes solves for wages :math:`\hat w_i` and expenditure :math:`\hat E_n`
(Ossa 2014, Section I.C, "equilibrium in changes"; his program ``myconditions.m``):

* industry price indices  :math:`\hat P_{ns}^{1-\sigma_s} = \sum_i \gamma_{nis}
  (\hat w_i \hat\tau_{nis})^{1-\sigma_s}`;
* trade flows  :math:`\hat X_{nis} = \hat w_i^{1-\sigma_s}\hat\tau_{nis}^{-\sigma_s}
  \hat P_{ns}^{\sigma_s-1}\hat E_n`;
* sales and profits  :math:`\hat Y_{is} = \hat\Pi_{is} = \sum_n \alpha_{nis}\hat X_{nis}`;
* labour-market clearing  :math:`\hat w_i = \sum_s \delta_{is}\hat Y_{is}`;
* budget  :math:`\hat E_n E_n = w_nL_n\hat w_n + \sum_s\Pi_{ns}\hat Y_{ns}
  + \sum_{i,s} t'_{nis}X_{nis}\hat X_{nis} - NX'_n`;
* welfare  :math:`\hat W_n = \hat E_n/\hat P_n`, :math:`\hat P_n = \prod_s
  \hat P_{ns}^{\mu_{ns}}`;

with the baseline shares of :func:`calibrate`. World labour income is the numeraire.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import Array

# Hat algebra near the optimum needs float64 (as in tradewar.model): importing this switches JAX.
jax.config.update("jax_enable_x64", True)

#: Baseline arrays are numpy (constants) or JAX arrays (when differentiating in the baseline).
Data = Array | np.ndarray


class Baseline(NamedTuple):
    """Baseline levels and shares the hat system needs (a JAX pytree), indexed [n, i, s]."""

    trade: Data  # X[n, i, s]
    tariffs: Data  # t[n, i, s]
    sigma: Data  # (S,)
    import_share: Data  # gamma[n, i, s]: share of i in n's tariff-inclusive spending on s
    sales_share: Data  # alpha[n, i, s]: share of i's sales of s that go to n
    labour_share: Data  # delta[i, s]: share of industry s in i's labour income
    spending_share: Data  # mu[n, s]: Cobb-Douglas share of s in n's expenditure
    expenditure: Data  # E[n]
    labour_income: Data  # wL[n]
    profits: Data  # Pi[n, s]
    tariff_revenue: Data  # R[n]


def calibrate(trade: np.ndarray, tariffs: np.ndarray, sigma: np.ndarray) -> Baseline:
    """Baseline shares from flows, tariffs and elasticities (Ossa's ``mycalculations.m``).

    Returns numpy arrays (constants to JAX), so a baseline can be built inside or outside a trace.

    ``gamma``, ``alpha``, ``delta`` and ``mu`` are the share parameters of the equilibrium in
    changes; labour income follows from the budget ``E = wL + Pi + R - NX``.
    """
    x = np.asarray(trade, dtype=np.float64)
    t = np.asarray(tariffs, dtype=np.float64)
    sig = np.asarray(sigma, dtype=np.float64)
    spending = (1.0 + t) * x
    expenditure = spending.sum(axis=(1, 2))
    sales = x.sum(axis=0)  # Y[i, s]
    labour_by_industry = (sig - 1.0) / sig * sales
    profits = sales / sig
    revenue = (t * x).sum(axis=(1, 2))
    net_exports = sales.sum(axis=1) - x.sum(axis=(1, 2))
    labour_income = expenditure + net_exports - revenue - profits.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        import_share = spending / spending.sum(axis=1, keepdims=True)
        sales_share = x / sales[None, :, :]
    return Baseline(
        trade=x,
        tariffs=t,
        sigma=sig,
        import_share=np.nan_to_num(import_share),
        sales_share=np.nan_to_num(sales_share),
        labour_share=labour_by_industry / labour_by_industry.sum(axis=1, keepdims=True),
        spending_share=spending.sum(axis=1) / expenditure[:, None],
        expenditure=expenditure,
        labour_income=labour_income,
        profits=profits,
        tariff_revenue=revenue,
    )


def tau_hat(base: Baseline, tariffs: Array) -> Array:
    """Change in tariff factors, tau' / tau = (1 + t') / (1 + t), (N, N, S)."""
    return (1.0 + tariffs) / (1.0 + base.tariffs)


def price_index_hat_adj(base: Baseline, w_hat: Array, tau: Array) -> Array:
    """Industry price-index changes raised to sigma - 1, P_hat_ns^(sigma_s - 1), (N, S).

    Ossa (2014), equilibrium in changes: P_hat^(1-sigma) = sum_i gamma_nis (w_hat_i tau_hat_nis)
    ^(1-sigma) (the number of firms is fixed, so no entry term).
    """
    one_minus_sigma = 1.0 - base.sigma
    unit_cost = jnp.exp(one_minus_sigma * jnp.log(w_hat[None, :, None] * tau))
    return 1.0 / jnp.sum(base.import_share * unit_cost, axis=1)


def trade_hat_per_expenditure(base: Baseline, w_hat: Array, tau: Array, p_adj: Array) -> Array:
    """X_hat_nis / E_hat_n = w_hat_i^(1-sigma) tau_hat^(-sigma) P_hat_ns^(sigma-1), (N, N, S)."""
    sigma = base.sigma
    log_w = jnp.log(w_hat)[None, :, None]
    return jnp.exp((1.0 - sigma) * log_w - sigma * jnp.log(tau)) * p_adj[:, None, :]


def sales_hat(base: Baseline, x_hat: Array) -> Array:
    """Sales (and profit) changes Y_hat_is = sum_n alpha_nis X_hat_nis, (N, S)."""
    return jnp.sum(base.sales_share * x_hat, axis=0)


def labour_market_residual(base: Baseline, w_hat: Array, y_hat: Array) -> Array:
    """Labour-market clearing, w_hat_i - sum_s delta_is Y_hat_is, (N,)."""
    return w_hat - jnp.sum(base.labour_share * y_hat, axis=1)


def budget_residual(
    base: Baseline,
    e_hat: Array,
    w_hat: Array,
    y_hat: Array,
    x_hat_per_e: Array,
    tariffs: Array,
    net_exports: Array,
) -> Array:
    """Budget constraint in changes, relative to baseline expenditure, (N,).

    E_hat_n - (wL_n w_hat_n + sum_s Pi_ns Y_hat_ns - NX'_n) / E_n
    / (1 - sum_is t'_nis X_nis X_hat_nis / (E_n E_hat_n)): tariff revenue is proportional to
    E_hat_n, so the budget is solved for it explicitly (Ossa's ``myconditions.m``).
    """
    income = base.labour_income * w_hat + jnp.sum(base.profits * y_hat, axis=1) - net_exports
    revenue_share = jnp.sum(tariffs * base.trade * x_hat_per_e, axis=(1, 2)) / base.expenditure
    return e_hat - income / base.expenditure / (1.0 - revenue_share)


def numeraire_residual(base: Baseline, w_hat: Array) -> Array:
    """World labour income is the numeraire: sum_i wL_i w_hat_i / sum_i wL_i - 1."""
    return jnp.sum(base.labour_income * w_hat) / jnp.sum(base.labour_income) - 1.0


def price_index_hat(base: Baseline, p_adj: Array) -> Array:
    """Aggregate (Cobb–Douglas) price-index change P_hat_n = prod_s P_hat_ns^mu_ns, (N,)."""
    log_p = jnp.log(p_adj) / (base.sigma - 1.0)
    return jnp.exp(jnp.sum(base.spending_share * log_p, axis=1))


def lobby_income(sales: Data, sigma: Data, tariff_revenue: Data) -> Array:
    """Income of industry s's interest group: sales plus its labour share of tariff revenue.

    Ossa (2014), Section I.B (``mycongov.m``): Y_ns + delta_ns R_n, with delta the industry's
    share of labour income; summed over s (with lambda = 1) this is national income.
    """
    labour = (sigma - 1.0) / sigma * sales
    delta = labour / jnp.sum(labour, axis=1, keepdims=True)
    return jnp.asarray(sales) + delta * tariff_revenue[:, None]


def government_welfare_hat(
    base: Baseline, weights: Array, y_hat: Array, revenue: Array, p_hat: Array
) -> Array:
    """Government welfare change, sum_s lambda_ns I'_ns / sum_s lambda_ns I_ns / P_hat_n, (N,).

    ``I`` is :func:`lobby_income`; with all weights one it is welfare, E_hat / P_hat, whenever
    net exports are zero.
    """
    sales = jnp.sum(base.trade, axis=0)
    before = jnp.sum(weights * lobby_income(sales, base.sigma, base.tariff_revenue), axis=1)
    after = jnp.sum(weights * lobby_income(sales * y_hat, base.sigma, revenue), axis=1)
    return after / before / p_hat
