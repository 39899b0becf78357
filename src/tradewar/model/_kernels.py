r"""Pure equilibrium equations of Caliendo and Parro (2015) in exact hat algebra.

Notation follows the paper: *n* importer, *i* exporter, *j*, *k* sectors; a hat is the ratio of
counterfactual to baseline. With :math:`\kappa_{ni}^j = (1+\tau_{ni}^j) d_{ni}^j`, the equilibrium
in relative changes (CP2015, section 3.3) is

.. math::

    \hat c_n^j &= \hat w_n^{\gamma_n^j} \prod_k (\hat P_n^k)^{\gamma_n^{k,j}}
        && \text{(10) input cost}\\
    \hat P_n^j &= \Big[\sum_i \pi_{ni}^j
        (\hat\kappa_{ni}^j \hat c_i^j)^{-\theta^j}\Big]^{-1/\theta^j}
        && \text{(11) price index}\\
    \pi_{ni}^{j\prime} &= \pi_{ni}^j \big(\hat c_i^j \hat\kappa_{ni}^j / \hat P_n^j\big)^{-\theta^j}
        && \text{(12) trade shares}\\
    X_n^{j\prime} &= \sum_k \gamma_n^{j,k} \sum_i \frac{\pi_{in}^{k\prime} X_i^{k\prime}}
        {1+\tau_{in}^{k\prime}} + \alpha_n^j I_n'
        && \text{(13) expenditure}\\
    I_n' &= \hat w_n w_n L_n + \sum_{i,j} \tau_{ni}^{j\prime}
        \frac{\pi_{ni}^{j\prime} X_n^{j\prime}}{1+\tau_{ni}^{j\prime}} + D_n'
        && \text{(income: wages, rebated tariffs, deficit)}

and labour-market clearing :math:`\hat w_n \hat L_n w_n L_n = \sum_j \gamma_n^j Y_n^{j\prime}`,
which given (13) is the trade balance condition (14). The numeraire is world value added
(:math:`\sum_n \hat w_n \hat L_n w_n L_n = \sum_n w_n L_n`).

Sticky wages (an extension for short horizons). With a wage flexibility
:math:`\lambda_n \in (0, 1]` a change in the value of labour demand is split between the wage and
employment, :math:`\hat w_n = \hat V_n^{\lambda_n}` and :math:`\hat L_n = \hat V_n^{1-\lambda_n}`
with :math:`\hat V_n = \hat w_n \hat L_n`: a reduced form of nominal wage rigidity
(Rodríguez-Clare, Ulate and Vásquez, *JPE* 2026) in which employment, not the wage, absorbs most
of a shock in the short run. :math:`\lambda = 1` (the default) is Caliendo–Parro's full employment.

Every function here is pure, works on ``jax.numpy`` arrays in float64 and is differentiable. The
unknowns are kept in logs, ``(log w_hat, log P_hat, log X_hat)``, which keeps them positive under
extrapolation and puts them on one scale.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)

#: Deficit rules for the counterfactual (see :func:`counterfactual_deficit`).
DEFICIT_FIXED = 0
DEFICIT_RATIO = 1
DEFICIT_PATH = 2


class Baseline(NamedTuple):
    """The baseline arrays the equations need (a JAX pytree)."""

    pi: jax.Array  # (N, N, J) expenditure shares pi_ni^j
    tariffs: jax.Array  # (N, N, J) baseline tau_ni^j
    value_added: jax.Array  # (N,) w_n L_n
    deficit: jax.Array  # (N,) D_n
    expenditure: jax.Array  # (N, J) X_n^j
    va_share: jax.Array  # (N, J) gamma_n^j
    io_share: jax.Array  # (N, K, J) gamma_n^{k,j}
    final_share: jax.Array  # (N, J) alpha_n^j
    theta: jax.Array  # (J,)
    wage_flex: jax.Array | None = None  # (N,) lambda_n in (0, 1]; None: flexible wages


class Counterfactual(NamedTuple):
    """What changes: new tariffs and iceberg-cost changes (a JAX pytree)."""

    tariffs: jax.Array  # (N, N, J) tau'
    trade_costs: jax.Array  # (N, N, J) d_hat
    deficit: jax.Array | None = None  # (N,) D' under DEFICIT_PATH (summing to zero)


class State(NamedTuple):
    """The unknowns, in logs."""

    log_w: jax.Array  # (N,) log w_hat (the wage, not value added, under sticky wages)
    log_p: jax.Array  # (N, J) log P_hat
    log_x: jax.Array  # (N, J) log X_hat


class Levels(NamedTuple):
    """Counterfactual quantities implied by a state."""

    w_hat: jax.Array  # (N,)
    c_hat: jax.Array  # (N, J)
    p_hat: jax.Array  # (N, J) price index implied by c_hat (eq. 11)
    pi: jax.Array  # (N, N, J) pi'
    expenditure: jax.Array  # (N, J) X'
    trade: jax.Array  # (N, N, J) imports at producer prices, pi' X' / (1 + tau')
    gross_output: jax.Array  # (N, J) Y'
    tariff_revenue: jax.Array  # (N,)
    deficit: jax.Array  # (N,) D'
    income: jax.Array  # (N,) I'
    employment: jax.Array  # (N,) L_hat (ones under flexible wages)
    value_added: jax.Array  # (N,) w_n' L_n'


def value_added_hat(log_w: jax.Array, base: Baseline) -> tuple[jax.Array, jax.Array]:
    """(V_hat, L_hat) at wage change exp(log_w): V_hat = w_hat^(1/lambda), L_hat = V_hat / w_hat."""
    if base.wage_flex is None:
        return jnp.exp(log_w), jnp.ones_like(log_w)
    log_v = log_w / base.wage_flex
    return jnp.exp(log_v), jnp.exp(log_v - log_w)


def wage_from_value_added(v_hat: jax.Array, base: Baseline) -> jax.Array:
    """log w_hat given the value-added change V_hat (the inverse of :func:`value_added_hat`)."""
    if base.wage_flex is None:
        return jnp.log(v_hat)
    return base.wage_flex * jnp.log(v_hat)


def input_cost_hat(log_w: jax.Array, log_p: jax.Array, base: Baseline) -> jax.Array:
    """log c_hat_n^j, CP2015 eq. (10)."""
    return base.va_share * log_w[:, None] + jnp.einsum("nkj,nk->nj", base.io_share, log_p)


def trade_weights(base: Baseline, cf: Counterfactual) -> jax.Array:
    """pi_ni^j kappa_hat_ni^{j, -theta^j}, the shock-dependent constant of eqs. (11)-(12)."""
    kappa_hat = (1 + cf.tariffs) / (1 + base.tariffs) * cf.trade_costs
    return base.pi * kappa_hat ** (-base.theta)


def price_index_and_shares(
    log_c: jax.Array, weights: jax.Array, theta: jax.Array
) -> tuple[jax.Array, jax.Array]:
    """log P_hat (eq. 11) and the new trade shares pi' (eq. 12) given log c_hat."""
    terms = weights * jnp.exp(-theta * log_c)[None, :, :]
    total = terms.sum(axis=1)
    return -jnp.log(total) / theta, terms / total[:, None, :]


def counterfactual_deficit(
    base: Baseline, v_hat: jax.Array, rule: int, cf: Counterfactual | None = None
) -> jax.Array:
    """D_n': fixed in levels of the numeraire, a fixed share of value added, or a given path.

    ``v_hat`` is each country's change in value added (its wage change under full employment).
    The ratio rule keeps world deficits summing to zero by charging the discrepancy to every
    country in proportion to its value added; the path rule takes ``cf.deficit`` as given.
    """
    if rule == DEFICIT_FIXED:
        return base.deficit
    if rule == DEFICIT_PATH:
        if cf is None or cf.deficit is None:
            raise ValueError("the observed-path deficit rule needs Counterfactual.deficit")
        return cf.deficit
    scaled = base.deficit * v_hat
    va = v_hat * base.value_added
    return scaled - va / va.sum() * scaled.sum()


def levels(
    state: State,
    base: Baseline,
    cf: Counterfactual,
    rule: int,
    weights: jax.Array | None = None,
) -> Levels:
    """All counterfactual quantities implied by ``state`` (eqs. 10-13 evaluated once).

    ``weights`` (from :func:`trade_weights`) may be passed in when they are loop-invariant.
    """
    if weights is None:
        weights = trade_weights(base, cf)
    log_c = input_cost_hat(state.log_w, state.log_p, base)
    log_p, pi_new = price_index_and_shares(log_c, weights, base.theta)
    w_hat = jnp.exp(state.log_w)
    v_hat, employment = value_added_hat(state.log_w, base)
    expenditure = base.expenditure * jnp.exp(state.log_x)
    trade = pi_new * expenditure[:, None, :] / (1 + cf.tariffs)
    gross_output = trade.sum(axis=0)
    revenue = (cf.tariffs * trade).sum(axis=(1, 2))
    deficit = counterfactual_deficit(base, v_hat, rule, cf)
    income = v_hat * base.value_added + revenue + deficit
    return Levels(
        w_hat=w_hat,
        c_hat=jnp.exp(log_c),
        p_hat=jnp.exp(log_p),
        pi=pi_new,
        expenditure=expenditure,
        trade=trade,
        gross_output=gross_output,
        tariff_revenue=revenue,
        deficit=deficit,
        income=income,
        employment=employment,
        value_added=v_hat * base.value_added,
    )


def update(
    state: State,
    base: Baseline,
    cf: Counterfactual,
    rule: int,
    weights: jax.Array | None = None,
) -> State:
    """One sweep of the equilibrium map: a fixed point of it is an equilibrium.

    Prices come from eqs. (10)-(11) at the current state; value added from labour-market
    clearing (value added equals gamma times gross output) normalised to the numeraire, and the
    wage from value added (:func:`wage_from_value_added`); expenditure from eq. (13) with income
    at the updated value added.
    """
    lv = levels(state, base, cf, rule, weights)
    labour_income = (base.va_share * lv.gross_output).sum(axis=1)
    v_new = labour_income / base.value_added
    v_new = v_new * base.value_added.sum() / labour_income.sum()
    deficit = counterfactual_deficit(base, v_new, rule, cf)
    income = v_new * base.value_added + lv.tariff_revenue + deficit
    # Keep the map defined on the way to the solution: spending cannot be negative. At a
    # solution income is positive (the equilibrium check recomputes it without this floor).
    income = jnp.maximum(income, 1e-9 * v_new * base.value_added)
    intermediate = jnp.einsum("njk,nk->nj", base.io_share, lv.gross_output)
    x_new = intermediate + base.final_share * income[:, None]
    log_p = jnp.log(lv.p_hat)
    return State(wage_from_value_added(v_new, base), log_p, jnp.log(x_new / base.expenditure))


def residuals(state: State, base: Baseline, cf: Counterfactual, rule: int) -> dict[str, jax.Array]:
    """Equilibrium conditions at ``state``, each as a relative residual (zero at a solution)."""
    lv = levels(state, base, cf, rule)
    labour = (base.va_share * lv.gross_output).sum(axis=1)
    intermediate = jnp.einsum("njk,nk->nj", base.io_share, lv.gross_output)
    demand = intermediate + base.final_share * lv.income[:, None]
    imports = lv.trade.sum(axis=(1, 2)) - jnp.einsum("nnj->n", lv.trade)
    exports = lv.trade.sum(axis=(0, 2)) - jnp.einsum("nnj->n", lv.trade)
    scale = base.value_added.sum()
    return {
        "price_index": jnp.abs(jnp.log(lv.p_hat) - state.log_p),
        "goods_market": jnp.abs(demand - lv.expenditure) / lv.expenditure.sum(axis=1)[:, None],
        "labour_market": jnp.abs(labour - lv.value_added) / scale,
        "trade_balance": jnp.abs(imports - exports - lv.deficit) / scale,
        "numeraire": jnp.abs(jnp.sum(lv.value_added) - scale)[None] / scale,
    }
