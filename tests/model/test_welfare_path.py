"""The path-integrated welfare decomposition adds up to the exact change (Hypothesis).

Caliendo–Parro's eq. (16) is exact as a differential; integrated along the path from baseline to
counterfactual its parts must sum to ln(I_hat / P_hat). The one-step formula does not (it is first
order), which the last test checks is still the case, so the two stay distinct.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tradewar.model import PATH_PARTS, Shock, solve, welfare_path_decomposition
from tradewar.results import welfare
from tradewar.world import World
from tradewar.worlds.examples import random_world

SHAPES = st.sampled_from([(2, 1), (3, 2), (4, 3)])
SEEDS = st.integers(min_value=0, max_value=10_000)
RULES = st.sampled_from(["fixed", "zero", "ratio", "observed"])
HORIZONS = st.sampled_from(["1y", "3y", "long-run"])


def _shock(world: World, seed: int, costs: bool) -> Shock:
    rng = np.random.default_rng(seed)
    tariffs = np.clip(world.tariffs + rng.uniform(-0.2, 0.6, world.tariffs.shape), 0.0, None)
    idx = np.arange(world.n_countries)
    tariffs[idx, idx, :] = 0.0
    trade_costs = rng.uniform(0.8, 1.25, tariffs.shape) if costs else None
    return Shock(tariffs=tariffs, trade_costs=trade_costs, name="random")


@settings(max_examples=15, deadline=None)
@given(shape=SHAPES, seed=SEEDS, rule=RULES, costs=st.booleans(), horizon=HORIZONS)
def test_path_parts_sum_to_the_exact_welfare_change(shape, seed, rule, costs, horizon):
    world = random_world(seed, *shape)
    path = None
    if rule == "observed":  # move deficits by up to 3% of value added, netting out
        move = np.random.default_rng(seed).uniform(-0.03, 0.03, world.n_countries)
        move = (move - move.mean()) * world.value_added.mean()
        path = world.deficit + move
    shock = _shock(world, seed + 1, costs)
    eq = solve(world, shock, deficits=rule, horizon=horizon, deficit_path=path)
    table = welfare_path_decomposition(eq)
    parts = table[[f"{p}_pct" for p in PATH_PARTS]].sum(axis=1).to_numpy()
    exact = 100 * (eq.welfare_hat - 1)
    np.testing.assert_allclose(parts, exact, rtol=0, atol=1e-6)
    assert (table["gap_log_points"] <= 1e-9).all()
    if not costs:
        np.testing.assert_allclose(table["trade_costs_pct"], 0.0, atol=1e-12)
    if rule in ("fixed", "zero"):  # deficits do not move
        np.testing.assert_allclose(table["deficit_pct"], 0.0, atol=1e-12)
    if horizon == "long-run":  # full employment
        np.testing.assert_allclose(table["employment_pct"], 0.0, atol=1e-12)


def test_the_one_step_formula_is_first_order_and_the_path_is_exact():
    """For a small shock both agree to first order; for a large one only the path adds up."""
    world = random_world(7, 3, 2)
    for scale, agree in ((1e-3, True), (0.8, False)):
        tariffs = world.tariffs.copy()
        tariffs[0, 1:, :] += scale
        eq = solve(world, Shock(tariffs=tariffs), deficits="fixed")
        path = welfare_path_decomposition(eq)
        one_step = welfare(eq)
        np.testing.assert_allclose(
            path[[f"{p}_pct" for p in PATH_PARTS]].sum(axis=1), one_step["welfare_pct"], atol=1e-6
        )
        gap = np.abs(one_step["decomposition_pct"] - one_step["welfare_pct"]).max()
        scale_pct = np.abs(one_step["welfare_pct"]).max()
        if agree:
            assert gap < 1e-2 * scale_pct
            np.testing.assert_allclose(path["terms_of_trade_pct"], one_step["tot_pct"], atol=1e-3)
        else:
            assert gap > 1e-3
