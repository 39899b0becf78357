"""Quoted outcomes: exact at a zero shock, and pass-through as its defining regression."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tradewar.model import Shock, solve
from tradewar.results import outcomes
from tradewar.worlds.examples import random_world


def test_zero_shock_outcomes():
    world = random_world(5, 3, 2)
    eq = solve(world)
    out = outcomes(eq, "C0", households=1e6)
    assert out["consumer_prices_pct"] == pytest.approx(0.0, abs=1e-9)
    assert math.isnan(out["pass_through"])  # no tariff moved
    assert out["effective_tariff_before_pct"] == pytest.approx(out["effective_tariff_baseline_pct"])
    assert out["effective_tariff_after_pct"] == pytest.approx(out["effective_tariff_baseline_pct"])
    assert out["customs_revenue"] == pytest.approx(out["customs_revenue_baseline"])
    assert out["cost_per_household"] == pytest.approx(0.0, abs=1e-3)


@pytest.mark.parametrize("horizon", ["1y", "long-run"])
def test_pass_through_of_one_tariff_is_one_plus_the_exporter_price_change(horizon):
    world = random_world(5, 3, 2)
    tariffs = world.tariffs.copy()
    tariffs[0, 1, 0] += 0.3
    eq = solve(world, Shock(tariffs=tariffs), horizon=horizon)
    x = np.log((1 + tariffs[0, 1, 0]) / (1 + world.tariffs[0, 1, 0]))
    y = np.log(eq.c_hat[1, 0] / eq.w_hat[0])
    out = outcomes(eq, "C0")
    assert out["pass_through"] == pytest.approx(1 + y / x, rel=1e-12)
    assert out["customs_revenue"] > out["customs_revenue_baseline"]
    assert out["effective_tariff_before_pct"] > out["effective_tariff_baseline_pct"]
