"""Purchase commitments met by an endogenous demand wedge (managed trade)."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar import results
from tradewar.errors import ShockError
from tradewar.model import PurchaseTarget, solve, solve_managed
from tradewar.worlds.examples import random_world


@pytest.fixture(scope="module")
def free_trade_world():
    return random_world(11, 4, 3, max_tariff=0.0)


def test_binding_commitment_is_met_exactly_and_costs_the_buyer(free_trade_world):
    world = free_trade_world
    before = world.trade[1, 0, :2].sum()
    target = PurchaseTarget("C1", "C0", ("S0", "S1"), 1.4 * before, "buy more from C0")
    managed = solve_managed(world, None, [target])
    row = managed.table().iloc[0]
    assert row["binding"]
    assert row["achieved"] == pytest.approx(target.value, rel=1e-9)
    assert row["without_commitment"] == pytest.approx(before, rel=1e-9)
    assert 0 < row["subsidy_pct"] < 100
    assert row["cost"] > 0
    eq = managed.equilibrium
    # at free trade any steering of purchases costs the buyer real income ...
    assert eq.welfare_hat[1] < 1.0
    # ... and diverts its purchases of those goods away from every other supplier:
    for supplier in (2, 3):
        assert (eq.trade[1, supplier, :2] < world.trade[1, supplier, :2]).all()
    # the equilibrium is a proper one:
    assert max(eq.conditions.values()) < 1e-8
    # the diversion table says the same, supplier by supplier:
    div = managed.diversion().set_index("supplier")
    assert div.loc["C0", "committed_supplier"]
    assert div.loc["C0", "counterfactual"] == pytest.approx(target.value, rel=1e-9)
    assert (div.drop("C0")["change"] < 0).all()


def test_slack_commitment_changes_nothing(free_trade_world):
    world = free_trade_world
    target = PurchaseTarget("C2", "C3", ("S2",), 0.5 * world.trade[2, 3, 2])
    managed = solve_managed(world, None, [target])
    assert not managed.binding[0]
    np.testing.assert_allclose(managed.equilibrium.w_hat, solve(world).w_hat, atol=1e-10)


def test_two_commitments_together(free_trade_world):
    world = free_trade_world
    targets = [
        PurchaseTarget("C1", "C0", ("S0",), 1.3 * world.trade[1, 0, 0]),
        PurchaseTarget("C1", "C0", ("S2",), 1.2 * world.trade[1, 0, 2]),
    ]
    managed = solve_managed(world, None, targets, deficits="zero")
    np.testing.assert_allclose(managed.achieved, [t.value for t in targets], rtol=1e-9)
    assert managed.binding.all()
    table = results.trade(managed.equilibrium)
    assert len(table) > 0


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (PurchaseTarget("C1", "C1", ("S0",), 1.0), "importer and exporter are the same"),
        (PurchaseTarget("C1", "C0", (), 1.0), "names no sector"),
        (PurchaseTarget("C1", "C0", ("S0",), -1.0), "must be > 0"),
    ],
)
def test_bad_commitments(free_trade_world, target, message):
    with pytest.raises(ShockError, match=message):
        solve_managed(free_trade_world, None, [target])


def test_overlapping_commitments_are_rejected(free_trade_world):
    targets = [
        PurchaseTarget("C1", "C0", ("S0", "S1"), 1.0),
        PurchaseTarget("C1", "C0", ("S1",), 1.0),
    ]
    with pytest.raises(ShockError, match="cover the same importer"):
        solve_managed(free_trade_world, None, targets)
