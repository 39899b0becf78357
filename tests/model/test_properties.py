"""Invariants of the equilibrium on small random worlds (Hypothesis).

A zero shock reproduces the baseline; every equilibrium condition holds at a solution; trade
balances equal the deficit rule; nominal scale does not matter (homogeneity); welfare gradients
from implicit differentiation match finite differences.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradewar.model import Shock, solve, welfare_function
from tradewar.world import World
from tradewar.worlds.examples import random_world

SHAPES = st.sampled_from([(2, 1), (3, 2), (4, 3)])
SEEDS = st.integers(min_value=0, max_value=10_000)
RULES = st.sampled_from(["fixed", "zero", "ratio"])
FEW = settings(max_examples=12, deadline=None)


def _tariff_shock(world: World, seed: int, scale: float = 0.5) -> Shock:
    rng = np.random.default_rng(seed)
    tariffs = world.tariffs + rng.uniform(-0.5, 1.0, world.tariffs.shape) * scale * 0.4
    tariffs = np.clip(tariffs, 0.0, None)
    idx = np.arange(world.n_countries)
    tariffs[idx, idx, :] = 0.0
    return Shock(tariffs=tariffs, name="random tariffs")


@FEW
@given(shape=SHAPES, seed=SEEDS)
def test_zero_shock_reproduces_the_baseline(shape, seed):
    world = random_world(seed, *shape)
    eq = solve(world)
    for hat in (eq.w_hat, eq.c_hat, eq.p_hat, eq.welfare_hat):
        np.testing.assert_allclose(hat, 1.0, atol=1e-10)
    np.testing.assert_allclose(eq.trade, world.trade, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(eq.income, world.income, rtol=1e-10)


@FEW
@given(shape=SHAPES, seed=SEEDS, rule=RULES)
def test_equilibrium_conditions_hold_at_the_solution(shape, seed, rule):
    world = random_world(seed, *shape)
    eq = solve(world, _tariff_shock(world, seed + 1), deficits=rule)
    assert max(eq.conditions.values()) < 1e-9
    base = eq.baseline
    # Goods markets (CP2015 eq. 13), recomputed here from the levels in numpy:
    output = eq.trade.sum(axis=0)
    demand = np.einsum("njk,nk->nj", base.io_share, output) + base.final_share * eq.income[:, None]
    np.testing.assert_allclose(demand, eq.expenditure, rtol=1e-9)
    # Labour markets: value added = gamma x gross output, at the numeraire:
    np.testing.assert_allclose(
        (base.va_share * output).sum(axis=1), eq.w_hat * base.value_added, rtol=1e-9
    )
    assert np.sum(eq.w_hat * base.value_added) == pytest.approx(base.value_added.sum(), rel=1e-10)
    # Trade balances: imports - exports = counterfactual deficit, which sums to zero:
    dom = np.einsum("nnj->n", eq.trade)
    deficit = (eq.trade.sum(axis=(1, 2)) - dom) - (eq.trade.sum(axis=(0, 2)) - dom)
    np.testing.assert_allclose(deficit, eq.deficit, atol=1e-9 * base.value_added.sum())
    assert abs(eq.deficit.sum()) < 1e-9 * base.value_added.sum()
    if rule == "fixed":
        np.testing.assert_allclose(eq.deficit, base.deficit, atol=1e-12 * base.value_added.sum())
    if rule == "zero":
        assert np.abs(eq.deficit).max() < 1e-9 * base.value_added.sum()


@FEW
@given(shape=SHAPES, seed=SEEDS, scale=st.floats(0.01, 1000.0))
def test_nominal_scale_is_irrelevant(shape, seed, scale):
    """Prices are homogeneous of degree zero: multiplying every baseline value by a constant
    leaves all changes (hats) unchanged."""
    from dataclasses import replace

    world = random_world(seed, *shape)
    scaled = replace(world, trade=world.trade * scale)
    shock = _tariff_shock(world, seed + 2)
    a, b = solve(world, shock), solve(scaled, shock)
    np.testing.assert_allclose(a.w_hat, b.w_hat, rtol=1e-9)
    np.testing.assert_allclose(a.welfare_hat, b.welfare_hat, rtol=1e-9)
    np.testing.assert_allclose(a.trade * scale, b.trade, rtol=1e-9)


@settings(max_examples=6, deadline=None)
@given(shape=st.sampled_from([(3, 2), (4, 3)]), seed=SEEDS, rule=RULES)
def test_welfare_gradients_match_finite_differences(shape, seed, rule):
    world = random_world(seed, *shape)
    welfare = welfare_function(world, deficits=rule)
    tariffs = np.asarray(_tariff_shock(world, seed + 3, scale=0.3).tariffs)
    jac = np.asarray(jax.jacrev(welfare)(jnp.asarray(tariffs)))
    rng = np.random.default_rng(seed)
    n = world.n_countries
    h = 1e-6
    for _ in range(4):
        imp, exp = rng.choice(n, 2, replace=False)
        sector = int(rng.integers(world.n_sectors))
        up, down = tariffs.copy(), tariffs.copy()
        up[imp, exp, sector] += h
        down[imp, exp, sector] -= h
        fd = (np.asarray(welfare(jnp.asarray(up))) - np.asarray(welfare(jnp.asarray(down)))) / (
            2 * h
        )
        np.testing.assert_allclose(jac[:, imp, exp, sector], fd, atol=1e-7, rtol=1e-5)


def test_welfare_function_agrees_with_solve():
    world = random_world(7, 3, 2)
    shock = _tariff_shock(world, 8)
    welfare = welfare_function(world)
    np.testing.assert_allclose(
        np.asarray(welfare(jnp.asarray(shock.tariffs))), solve(world, shock).welfare_hat, rtol=1e-10
    )


def test_gradient_tolerance_is_relative_to_the_cotangent():
    """The adjoint solve scales with its cotangent: tiny and huge losses give proportional
    gradients (an absolute tolerance would return noise for the tiny one)."""
    world = random_world(9, 3, 2)
    welfare = welfare_function(world)
    tariffs = jnp.asarray(_tariff_shock(world, 10).tariffs)
    unit = np.asarray(jax.grad(lambda t: welfare(t)[1])(tariffs))
    for factor in (1e-12, 1e6):
        scaled = np.asarray(jax.grad(lambda t, f=factor: f * welfare(t)[1])(tariffs))
        np.testing.assert_allclose(scaled / factor, unit, rtol=1e-8, atol=1e-12)
