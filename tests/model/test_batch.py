"""Batched solves agree item by item with single solves; failures are flagged, never reported."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import ShockError
from tradewar.model import Shock, solve, solve_batch
from tradewar.worlds.examples import random_world


@pytest.fixture(scope="module")
def world():
    return random_world(3, 4, 3)


def _tariffs(world, batch, seed=0):
    rng = np.random.default_rng(seed)
    tariffs = np.clip(
        world.tariffs[None] + rng.uniform(0, 0.5, (batch, *world.tariffs.shape)), 0, None
    )
    idx = np.arange(world.n_countries)
    tariffs[:, idx, idx, :] = 0.0
    return tariffs


@pytest.mark.parametrize("deficits", ["fixed", "zero"])
def test_batch_items_equal_single_solves(world, deficits):
    rng = np.random.default_rng(1)
    tariffs = _tariffs(world, 5)
    theta = world.theta[None] * rng.uniform(0.7, 1.3, (5, world.n_sectors))
    batch = solve_batch(world, tariffs=tariffs, theta=theta, deficits=deficits, chunk_size=2)
    assert batch.converged.all()
    assert batch.size == 5
    for b in range(5):
        eq = solve(world.with_theta(theta[b]), Shock(tariffs=tariffs[b]), deficits=deficits)
        np.testing.assert_allclose(batch.welfare_hat[b], eq.welfare_hat, rtol=1e-10)
        np.testing.assert_allclose(batch.trade[b], eq.trade.sum(axis=2), rtol=1e-10)


def test_single_items_broadcast(world):
    tariffs = _tariffs(world, 1)[0]
    theta = np.stack([world.theta, 2 * world.theta, 0.5 * world.theta])
    batch = solve_batch(world, tariffs=tariffs, theta=theta, keep_sectors=True)
    assert batch.trade.shape == (3, 4, 4, 3)
    assert batch.converged.all()


def test_failed_items_are_flagged_and_blank(world):
    tariffs = _tariffs(world, 3)
    batch = solve_batch(world, tariffs=tariffs, settings={"max_iter": 2})
    assert batch.failures == 3
    assert np.isnan(batch.welfare_hat).all()


def test_bad_batch_shapes(world):
    with pytest.raises(ShockError, match="theta has shape"):
        solve_batch(world, theta=np.ones((2, 5)))
    with pytest.raises(ShockError, match="non-positive"):
        solve_batch(world, theta=np.array([[1.0, -1.0, 2.0]]))


def test_purged_items_carry_their_own_baseline(world):
    """With deficits purged, each item's hats are relative to its own purged world."""
    rng = np.random.default_rng(4)
    theta = world.theta[None] * rng.uniform(0.6, 1.4, (3, world.n_sectors))
    tariffs = _tariffs(world, 3, seed=2)
    batch = solve_batch(world, tariffs=tariffs, theta=theta, deficits="zero")
    assert batch.baseline_trade is not None
    assert batch.baseline_income is not None
    for b in range(3):
        eq = solve(world.with_theta(theta[b]), Shock(tariffs=tariffs[b]), deficits="zero")
        np.testing.assert_allclose(
            batch.baseline_trade[b], eq.baseline.trade.sum(axis=2), rtol=1e-10
        )
        np.testing.assert_allclose(batch.baseline_income[b], eq.baseline.income, rtol=1e-10)
    fixed = solve_batch(world, tariffs=tariffs, theta=theta)
    assert fixed.baseline_trade is None
    assert fixed.baseline_income is None
