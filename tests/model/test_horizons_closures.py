"""Horizon and closure invariants on small random worlds (Hypothesis).

Under every horizon (elasticities scaled, sticky wages) and every closure (deficits fixed in
levels, as a share of value added, purged, or at a given path): a zero shock reproduces the
baseline, every market clears at a solution, and trade balances are what the closure says.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradewar.errors import ShockError
from tradewar.model import (
    HORIZONS,
    Shock,
    at_horizon,
    horizon_theta,
    import_weighted_theta,
    solve,
)
from tradewar.world import World
from tradewar.worlds.examples import random_world

SHAPES = st.sampled_from([(2, 1), (3, 2), (4, 3)])
SEEDS = st.integers(min_value=0, max_value=10_000)
HORIZON_NAMES = st.sampled_from(sorted(HORIZONS))
CLOSURES = st.sampled_from(["fixed", "zero", "ratio", "observed"])
FEW = settings(max_examples=12, deadline=None)


def _shock(world: World, seed: int) -> Shock:
    rng = np.random.default_rng(seed)
    tariffs = np.clip(world.tariffs + rng.uniform(-0.1, 0.4, world.tariffs.shape), 0.0, None)
    idx = np.arange(world.n_countries)
    tariffs[idx, idx, :] = 0.0
    return Shock(tariffs=tariffs, name="random")


def _moved_deficits(world: World, seed: int) -> np.ndarray:
    """A path of deficits that differs from the baseline and sums to zero."""
    rng = np.random.default_rng(seed)
    move = rng.uniform(-0.05, 0.05, world.n_countries) * world.value_added
    return world.deficit + move - world.value_added / world.value_added.sum() * move.sum()


def _kwargs(closure: str, path: np.ndarray) -> dict:
    return {"deficits": closure, "deficit_path": path if closure == "observed" else None}


@FEW
@given(shape=SHAPES, seed=SEEDS, name=HORIZON_NAMES, closure=CLOSURES)
def test_zero_shock_reproduces_the_baseline_at_every_horizon_and_closure(
    shape, seed, name, closure
):
    world = random_world(seed, *shape)
    eq = solve(world, horizon=name, **_kwargs(closure, world.deficit))
    base = eq.baseline  # at the horizon (and purged under "zero")
    for hat in (eq.w_hat, eq.c_hat, eq.p_hat, eq.welfare_hat, eq.employment_hat):
        np.testing.assert_allclose(hat, 1.0, atol=1e-10)
    np.testing.assert_allclose(eq.trade, base.trade, rtol=1e-9, atol=1e-12)


@FEW
@given(shape=SHAPES, seed=SEEDS, name=HORIZON_NAMES, closure=CLOSURES)
def test_markets_clear_and_balances_follow_the_closure(shape, seed, name, closure):
    world = random_world(seed, *shape)
    path = _moved_deficits(world, seed + 2)
    eq = solve(world, _shock(world, seed + 1), horizon=name, **_kwargs(closure, path))
    assert max(eq.conditions.values()) < 1e-9
    base = eq.baseline
    scale = base.value_added.sum()
    output = eq.trade.sum(axis=0)
    demand = np.einsum("njk,nk->nj", base.io_share, output) + base.final_share * eq.income[:, None]
    np.testing.assert_allclose(demand, eq.expenditure, rtol=1e-9)
    # Labour: value added = gamma x output = w' L'; wages and employment as the horizon splits.
    labour = (base.va_share * output).sum(axis=1)
    np.testing.assert_allclose(labour, eq.labour_income, rtol=1e-9)
    assert eq.labour_income.sum() == pytest.approx(scale, rel=1e-10)
    flex = HORIZONS[name].wage_flex
    v_hat = eq.labour_income / base.value_added
    if flex is None:
        np.testing.assert_allclose(eq.employment_hat, 1.0, atol=1e-12)
    else:
        np.testing.assert_allclose(eq.w_hat, v_hat**flex, rtol=1e-9)
    dom = np.einsum("nnj->n", eq.trade)
    deficit = (eq.trade.sum(axis=(1, 2)) - dom) - (eq.trade.sum(axis=(0, 2)) - dom)
    np.testing.assert_allclose(deficit, eq.deficit, atol=1e-9 * scale)
    assert abs(eq.deficit.sum()) < 1e-9 * scale
    if closure == "fixed":
        np.testing.assert_allclose(eq.deficit, base.deficit, atol=1e-12 * scale)
    elif closure == "zero":
        assert np.abs(eq.deficit).max() < 1e-9 * scale
    elif closure == "observed":
        np.testing.assert_allclose(eq.deficit, path, atol=1e-12 * scale)
    else:  # a share of value added, up to the world correction that keeps the sum at zero
        share = eq.deficit / eq.labour_income - base.deficit / base.value_added
        np.testing.assert_allclose(share, share[0], atol=1e-9)


@FEW
@given(shape=SHAPES, seed=SEEDS, name=HORIZON_NAMES)
def test_horizon_elasticities_match_the_published_mean_and_keep_sector_ratios(shape, seed, name):
    world = random_world(seed, *shape)
    theta = horizon_theta(world, name)
    target = HORIZONS[name].trade_elasticity
    np.testing.assert_allclose(theta / theta[0], world.theta / world.theta[0], rtol=1e-12)
    if target is None:
        np.testing.assert_array_equal(theta, world.theta)
    else:
        assert import_weighted_theta(at_horizon(world, name)) == pytest.approx(target, rel=1e-12)
        again = at_horizon(at_horizon(world, name), name)
        np.testing.assert_allclose(again.theta, theta, rtol=1e-12)


def test_published_horizon_figures():
    """BLP (2023): 0.76 at one year; the 3-year value is the documented interpolation."""
    assert HORIZONS["1y"].trade_elasticity == 0.76
    assert HORIZONS["3y"].trade_elasticity == pytest.approx(
        0.76 * (2.0 / 0.76) ** (2 / 7.5), abs=1e-4
    )
    assert HORIZONS["long-run"].trade_elasticity is None
    assert 0 < HORIZONS["1y"].wage_flex < HORIZONS["3y"].wage_flex < 1


def test_bad_horizon_and_closure_inputs_name_the_fix():
    world = random_world(1, 3, 2)
    with pytest.raises(ShockError, match=r"horizon='5y'.*one of"):
        solve(world, horizon="5y")  # type: ignore[arg-type]
    with pytest.raises(ShockError, match="needs deficit_path"):
        solve(world, deficits="observed")
    with pytest.raises(ShockError, match="sums to"):
        solve(world, deficits="observed", deficit_path=world.deficit + 1.0)
    with pytest.raises(ShockError, match="deficits='observed'"):
        solve(world, deficits="fixed", deficit_path=world.deficit)
    with pytest.raises(ShockError, match="one finite deficit per country"):
        solve(world, deficits="observed", deficit_path=[0.0, 0.0])


def test_sticky_wages_pass_a_tariff_through_to_import_prices():
    """At one year a tariff shows up in the importer's prices; in the long run less of it does."""
    world = random_world(11, 4, 3)
    tariffs = world.tariffs.copy()
    tariffs[0, 1:, :] += 0.25
    shares = {}
    for name in ("1y", "long-run"):
        eq = solve(world, Shock(tariffs=tariffs), horizon=name)
        # exporters' prices in the importer's wage units, tariff included
        price = np.log(eq.c_hat[1:, :] / eq.w_hat[0]) + np.log(
            (1 + tariffs[0, 1:, :]) / (1 + world.tariffs[0, 1:, :])
        )
        shares[name] = price.sum() / np.log((1 + tariffs[0, 1:]) / (1 + world.tariffs[0, 1:])).sum()
    assert shares["1y"] > 0.85
    assert shares["1y"] > shares["long-run"]


@pytest.mark.parametrize("name", ["1y", "long-run"])
def test_welfare_function_at_a_horizon_matches_solve(name):
    from tradewar.model import welfare_function

    world = random_world(3, 3, 2)
    tariffs = world.tariffs.copy()
    tariffs[0, 1:, :] += 0.2
    f = welfare_function(world, horizon=name)
    eq = solve(world, Shock(tariffs=tariffs), horizon=name)
    np.testing.assert_allclose(np.asarray(f(tariffs)), eq.welfare_hat, rtol=1e-9)
