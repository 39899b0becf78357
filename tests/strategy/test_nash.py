"""Nash equilibria: the fixed-point criterion, and no player gains from deviating on a grid."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import ConvergenceError
from tradewar.strategy import StrategyError, deviation_gains, nash_equilibrium


@pytest.fixture(scope="module")
def war(small):
    return nash_equilibrium(small).check()


def test_fixed_point_criterion(war):
    assert war.converged
    assert war.change <= war.tol
    assert war.history[-1] == war.change
    assert len(war.history) == war.rounds
    assert all(r.converged for r in war.responses)
    # A trade war hurts on average (Ossa's finding; also here).
    assert np.mean(war.welfare) < 1.0


def test_no_profitable_unilateral_deviation(small, war):
    check = deviation_gains(small, war, steps=(-0.1, -0.02, -0.005, 0.005, 0.02, 0.1))
    assert check.deviations == 3 * 6 * (2 + 1)
    assert check.worst < 1e-8, check.max_gain_pct


def test_bilateral_war_among_two(small_pol):
    war = nash_equilibrium(small_pol, ["C0", "C1"], mfn=False, among_players=True).check()
    # C2's tariffs are untouched, and only C0 <-> C1 tariffs moved.
    np.testing.assert_array_equal(war.tariffs[2], small_pol.factual_tariffs()[2])
    np.testing.assert_array_equal(war.tariffs[0, 2], small_pol.factual_tariffs()[0, 2])
    assert deviation_gains(small_pol, war).worst < 1e-8


@pytest.mark.slow
def test_cp_nash(cp_small):
    war = nash_equilibrium(cp_small).check()
    assert deviation_gains(cp_small, war, steps=(-0.02, 0.02)).worst < 1e-7


def test_round_limit_is_reported(small):
    war = nash_equilibrium(small, max_rounds=1)
    assert not war.converged
    with pytest.raises(ConvergenceError, match="stopped after 1 rounds"):
        war.check()


def test_needs_two_players(small):
    with pytest.raises(StrategyError, match="two distinct players"):
        nash_equilibrium(small, ["C0"])
