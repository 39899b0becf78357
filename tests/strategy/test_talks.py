"""Trade talks: equal-gains cooperation, the Pareto frontier and the Nash bargaining solution."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest

from tradewar.strategy import (
    StrategyError,
    cooperative,
    nash_bargaining,
    nash_equilibrium,
    pareto_frontier,
)
from tradewar.strategy._compiled import evaluate


@pytest.fixture(scope="module")
def war(small):
    return nash_equilibrium(small).check()


def test_cooperative_from_nash_gives_equal_gains(small, war):
    deal = cooperative(small, start=war.tariffs).check()
    assert deal.violation <= 1e-7
    np.testing.assert_allclose(deal.gains_pct, deal.gains_pct[0], atol=1e-5)
    assert deal.gains_pct[0] > 0  # leaving a trade war pays
    assert deal.pareto_improving


def test_cooperative_is_efficient_among_equal_gains(small, war):
    """Random MFN moves from the solution cannot raise every country's gain."""
    deal = cooperative(small, start=war.tariffs).check()
    rng = np.random.default_rng(2)
    base = evaluate(small, war.tariffs)[1]
    rates = deal.instrument.extract(deal.tariffs)
    for _ in range(20):
        x = np.clip(rates + rng.normal(0, 0.02, rates.shape), 0, None)
        t = np.asarray(deal.instrument.embed(jnp.asarray(x), jnp.asarray(deal.tariffs)))
        gains = 100 * (evaluate(small, t)[1] / base - 1)
        assert gains.min() <= deal.gains_pct.min() + 1e-6


def test_frontier_trades_off_the_parties(small, war):
    frontier = pareto_frontier(
        small, ("C0", "C1"), start=war.tariffs, weights=[0.0, 0.25, 0.5, 0.75, 1.0]
    )
    assert all(p.converged for p in frontier.points)
    gains = frontier.gains_pct
    assert np.all(np.diff(gains[:, 0]) >= -1e-7)  # more weight on C0: C0 gains more ...
    assert np.all(np.diff(gains[:, 1]) <= 1e-7)  # ... and C1 less


def test_nash_bargaining_maximises_the_nash_product(small, war):
    deal = nash_bargaining(small, ("C0", "C1"), start=war.tariffs).check()
    g = deal.gains_pct[:2]
    assert np.all(g > 0)
    frontier = pareto_frontier(
        small, ("C0", "C1"), start=war.tariffs, weights=np.linspace(0.05, 0.95, 10)
    )
    products = [
        p.gains_pct[0] * p.gains_pct[1] for p in frontier.points if np.all(p.gains_pct[:2] > 0)
    ]
    assert g[0] * g[1] >= max(products) - 1e-7


def test_no_bargaining_set_is_an_error(small):
    # From the C0-C1 cooperative optimum there is nothing left for both to gain.
    frontier = pareto_frontier(small, ("C0", "C1"), weights=[0.5])
    with pytest.raises(StrategyError, match="no bargaining set"):
        nash_bargaining(small, ("C0", "C1"), start=frontier.points[0].tariffs)


@pytest.mark.slow
def test_cp_cooperative(cp_small):
    deal = cooperative(cp_small).check()
    np.testing.assert_allclose(deal.gains_pct, deal.gains_pct[0], atol=1e-5)
