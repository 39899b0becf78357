"""200-draw bands for the built-in US–China scenarios on the default world (slow)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tradewar.compile import compile_scenario
from tradewar.model import solve, solve_managed
from tradewar.scenarios import builtin_scenarios
from tradewar.uncertainty import monte_carlo

#: Every built-in scenario that changes something (the 2024 baseline is the zero shock).
NAMES = [s.name for s in builtin_scenarios() if not s.policy.baseline]
TODAY = dt.date(2026, 1, 15)  # "today" pinned, so the test does not move with the calendar


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_two_hundred_draw_bands_for_the_us_china_scenarios(name):
    scenario = next(s for s in builtin_scenarios() if s.name == name)
    compiled = compile_scenario(scenario, today=TODAY)
    world = compiled.world
    mc = monte_carlo(
        world,
        compiled.shock,
        targets=compiled.targets,
        deficits=scenario.deficits,
        draws=200,
        seed=2025,
    )
    if compiled.targets:
        central = solve_managed(world, compiled.shock, compiled.targets).equilibrium
    else:
        central = solve(world, compiled.shock, deficits=scenario.deficits)
    assert mc.draws == 200
    assert mc.failures == int((~mc.converged).sum())  # counted, whatever it is
    assert mc.failures < 10, mc.failed_draws()
    bands = mc.country_bands().set_index(["iso3", "variable"])
    for iso3 in ("USA", "CHN"):
        n = world.country_index(iso3)
        for variable, point in (
            ("welfare_pct", 100 * (central.welfare_hat[n] - 1)),
            ("real_wage_pct", 100 * (central.real_wage_hat[n] - 1)),
        ):
            row = bands.loc[(iso3, variable)]
            assert row["q05"] < row["q50"] < row["q95"]  # a spread, in order
            assert row["q05"] <= point <= row["q95"]  # the point estimate lies inside its band
            assert row["converged"] == 200 - mc.failures
            assert row["failed"] == mc.failures
    imports = mc.band("pct_change", "USA", "CHN")
    assert np.isfinite(list(imports.values())).all()
    assert imports["q05"] < imports["q95"]
