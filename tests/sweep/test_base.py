"""A sweep around a built-in scenario: its zero point is that scenario."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tradewar.compile import compile_scenario
from tradewar.model import solve
from tradewar.scenarios import builtin_scenario
from tradewar.sweep import load_sweep, parse_sweep, prepare
from tradewar.sweep.run import run_sweep


@pytest.mark.slow
def test_zero_point_of_a_scenario_sweep_is_the_scenario(tmp_path):
    spec = parse_sweep(
        {
            "name": "around-geneva",
            "base": "geneva-truce",
            "axes": [
                {
                    "name": "us_extra",
                    "kind": "tariff",
                    "importer": "USA",
                    "exporter": "CHN",
                    "values": [0, 10],
                },
            ],
        }
    )
    prepared = prepare(spec)
    compiled = compile_scenario(builtin_scenario("geneva-truce"), today=dt.date(2026, 1, 15))
    np.testing.assert_array_equal(prepared.tariffs, compiled.shock.tariffs_for(compiled.world))
    assert prepared.deficits == "fixed"
    assert "geneva-truce" in prepared.base_label
    run_sweep(spec, tmp_path)
    table = load_sweep(tmp_path).countries()
    zero = table[table.us_extra == 0].set_index("iso3")
    eq = solve(compiled.world, compiled.shock)
    world = compiled.world
    np.testing.assert_allclose(
        zero.loc[list(world.countries), "welfare_pct"], 100 * (eq.welfare_hat - 1), rtol=1e-9
    )
    ten = table[table.us_extra == 10].set_index("iso3")
    assert ten.loc["CHN", "exports_pct"] < zero.loc["CHN", "exports_pct"]  # a higher US tariff
