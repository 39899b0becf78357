"""Shock validation and honest failure: a solve that did not converge is never a result."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar import results
from tradewar.errors import ConvergenceError, ShockError
from tradewar.model import Outcome, Shock, solve
from tradewar.worlds.examples import toy_world


@pytest.fixture(scope="module")
def world():
    return toy_world()


def test_shock_shape_must_match(world):
    with pytest.raises(ShockError, match=r"tariffs has shape \(2, 2, 2\).*needs \(3, 3, 2\)"):
        solve(world, Shock(tariffs=np.zeros((2, 2, 2))))


def test_shock_values_are_named(world):
    tariffs = np.array(world.tariffs)
    tariffs[1, 2, 0] = -1.2
    with pytest.raises(ShockError, match="importer 'Foreign', exporter 'Rest', sector 'goods'"):
        solve(world, Shock(tariffs=tariffs))
    costs = np.ones_like(world.trade)
    costs[0, 1, 1] = 0.0
    with pytest.raises(ShockError, match="non-positive trade-cost change"):
        solve(world, Shock(trade_costs=costs))
    tariffs = np.array(world.tariffs)
    tariffs[2, 2, 1] = 0.1
    with pytest.raises(ShockError, match="domestic sales of 'Rest' in 'services'"):
        solve(world, Shock(tariffs=tariffs))


def test_unknown_deficit_rule(world):
    with pytest.raises(ShockError, match="deficits='none' is not a deficit rule"):
        solve(world, deficits="none")  # type: ignore[arg-type]


def test_set_tariffs_by_label(world):
    shock = Shock.set_tariffs(
        world, {("Home", "Foreign", None): 0.5, ("Rest", "Home", "goods"): 0.1}
    )
    assert np.all(shock.tariffs[0, 1] == 0.5)
    assert shock.tariffs[2, 0, 0] == 0.1
    assert shock.tariffs[2, 0, 1] == world.tariffs[2, 0, 1]


def test_non_convergence_raises_and_is_never_read(world):
    shock = Shock.set_tariffs(world, {("Home", "Foreign", None): 1.0})
    with pytest.raises(ConvergenceError, match="did not converge after 3 iterations"):
        solve(world, shock, settings={"max_iter": 3})
    eq = solve(world, shock, settings={"max_iter": 3}, throw=False)
    assert eq.outcome is Outcome.MAX_ITERATIONS
    assert not eq.converged
    assert eq.solver_info()["converged"] is False
    with pytest.raises(ConvergenceError):
        _ = eq.welfare_hat
    with pytest.raises(ConvergenceError):
        results.welfare(eq)
    with pytest.raises(ConvergenceError):
        eq.to_world()


def test_unknown_solver_setting(world):
    with pytest.raises(ShockError, match="unknown solver settings"):
        solve(world, settings={"tolerance": 1e-3})


def test_infeasible_fixed_deficits_are_named():
    """B sells A nine times what it buys: a 1000% tariff on B cannot leave B's surplus intact,
    since B's spending would have to be negative; with deficits held fixed no equilibrium
    exists, and the solver says so."""
    from tradewar.world import World

    trade = np.array([[[10.0], [9.0]], [[1.0], [10.0]]])  # [importer, exporter, sector]
    world = World.from_flows(
        ("A", "B"), ("goods",), trade, np.zeros((2, 2, 1)), np.ones((2, 1)),
        np.zeros((2, 1, 1)), [8.0],
    )  # fmt: skip
    shock = Shock.set_tariffs(world, {("A", "B", None): 10.0})
    eq = solve(world, shock, throw=False)
    assert eq.outcome is Outcome.DEFICITS_INFEASIBLE
    with pytest.raises(ConvergenceError, match="no equilibrium exists with these deficits"):
        eq.check()
    assert solve(world, shock, deficits="zero").converged
