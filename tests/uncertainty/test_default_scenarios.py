"""200-draw bands for the US–China scenarios on the default world (slow)."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.model import Shock, solve
from tradewar.timeline import tariffs_on
from tradewar.uncertainty import monte_carlo
from tradewar.worlds import default_world

DATES = {"peak-2025-04-10": "2025-04-10", "geneva-truce": "2025-05-14", "busan-truce": "2025-11-10"}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DATES))
def test_two_hundred_draw_bands_for_the_us_china_scenarios(name):
    world = default_world()
    tariffs = tariffs_on(DATES[name]).apply(world.tariffs, world.countries, world.sectors)
    shock = Shock(tariffs=tariffs, name=name)
    mc = monte_carlo(world, shock, draws=200, seed=2025)
    central = solve(world, shock)
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
    # Elasticity uncertainty moves US imports from China the most; its band is wide.
    imports = mc.band("pct_change", "USA", "CHN")
    assert imports["q95"] - imports["q05"] > 1.0
    assert np.isfinite(list(imports.values())).all()
