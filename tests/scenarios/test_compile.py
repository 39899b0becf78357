"""Compiling scenarios: tariffs from the policy source, cuts, trade costs, commitments, hash."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.scenarios._support import SOY, TablePolicy, additional, scenario, small_world
from tradewar.compile import compile_scenario
from tradewar.errors import ScenarioError
from tradewar.scenarios._policy import weighted_period
from tradewar.worlds import load_world_file, save_world, world_fingerprint

D = dt.date


@pytest.fixture(scope="module")
def world():
    return small_world()


def compile_(s, world, **kw):
    return compile_scenario(s, world=world, source=kw.pop("source", TablePolicy()), **kw)


def test_baseline_policy_keeps_the_worlds_tariffs(world):
    c = compile_(scenario(), world)
    np.testing.assert_array_equal(c.shock.tariffs, world.tariffs)
    assert c.shock.trade_costs is None
    assert c.policy_label == "baseline"
    assert c.policy_date is None
    assert [i.kind for i in c.inputs] == ["world"]


def test_a_date_takes_the_sources_tariffs_on_that_day(world):
    c = compile_(scenario(policy={"date": "2025-04-10"}), world)
    np.testing.assert_allclose(c.shock.tariffs - world.tariffs, additional(world, D(2025, 4, 10)))
    usa, chn = world.country_index("USA"), world.country_index("CHN")
    np.testing.assert_allclose(c.shock.tariffs[usa, chn] - world.tariffs[usa, chn], 0.60)
    assert {r.id for r in c.policy.records} == {"us-a", "us-b", "cn-a"}
    measures = {i.id: i for i in c.inputs if i.kind == "measure"}
    assert measures["us-b"].confirmed is False
    assert measures["us-a"].sources == ("https://example.org/us-a",)
    assert c.policy_date == D(2025, 4, 10)


def test_today_stands_for_the_run_date(world):
    source = TablePolicy()
    c = compile_(scenario(policy={"date": "today"}), world, source=source, today=D(2025, 3, 1))
    assert source.calls == [D(2025, 3, 1)]
    assert c.policy_label == "2025-03-01 (today)"
    other = compile_(scenario(policy={"date": "today"}), world, today=D(2025, 9, 1))
    assert c.hash != other.hash  # the resolved date is part of the scenario's identity


def test_overlay_reaches_the_source(world):
    c = compile_(scenario(policy={"date": "2025-04-10", "overlay": "no-us"}), world)
    np.testing.assert_allclose(
        c.shock.tariffs - world.tariffs, additional(world, D(2025, 4, 10), "no-us")
    )
    with pytest.raises(ScenarioError, match="unknown overlay"):
        compile_(scenario(policy={"date": "2025-04-10", "overlay": "nope"}), world)


def test_a_period_weights_each_days_tariffs_by_days_in_force(world):
    start, end = D(2025, 1, 1), D(2025, 12, 31)
    c = compile_(scenario(policy={"period": {"start": start, "end": end}}), world)
    expected = np.zeros_like(world.tariffs)
    day = start
    while day <= end:  # the slow way: every day of the year
        expected += additional(world, day)
        day += dt.timedelta(days=1)
    expected /= 365
    np.testing.assert_allclose(c.shock.tariffs - world.tariffs, expected, atol=1e-15)
    assert sum(days for _, days in c.segments) == 365
    days = {r.id: r.days for r in c.policy.records}
    assert days["us-b"] == 35  # 2025-04-09 .. 2025-05-13
    assert days["us-a"] == (end - D(2025, 2, 4)).days + 1
    assert "weighted by days" in c.policy_label


def test_weighted_period_of_one_day_is_that_day(world):
    policy, segments = weighted_period(TablePolicy(), D(2025, 4, 9), D(2025, 4, 9), None, world)
    np.testing.assert_allclose(policy.tariffs - world.tariffs, additional(world, D(2025, 4, 9)))
    assert segments == [(D(2025, 4, 9), 1)]


def test_tariff_cuts_remove_a_share_of_the_additional_duties(world):
    usa, chn = world.country_index("USA"), world.country_index("CHN")
    imports = float(world.trade[usa, chn].sum())
    cut = {
        "importer": "USA",
        "exporter": "CHN",
        "covered_bn": imports / 4,
        "sources": ["https://example.org/cut"],
    }
    c = compile_(scenario(policy={"date": "2025-04-10"}, tariff_cuts=[cut]), world)
    extra = additional(world, D(2025, 4, 10))
    np.testing.assert_allclose(
        c.shock.tariffs[usa, chn] - world.tariffs[usa, chn], 0.75 * extra[usa, chn]
    )
    others = np.ones(world.n_countries, bool)
    others[chn] = False
    np.testing.assert_allclose(
        c.shock.tariffs[usa, others], world.tariffs[usa, others] + extra[usa, others]
    )
    assert any(i.kind == "tariff_cut" for i in c.inputs)
    too_much = dict(cut, covered_bn=imports * 1.01)
    with pytest.raises(ScenarioError, match="exceeds the base-year imports"):
        compile_(scenario(policy={"date": "2025-04-10"}, tariff_cuts=[too_much]), world)


def test_trade_costs_enter_the_shock(world):
    c = compile_(
        scenario(
            trade_costs=[
                {"importer": "USA", "exporter": "CHN", "factor": 1000.0, "sectors": ["electronics"]}
            ]
        ),
        world,
    )
    d = c.shock.trade_costs
    assert d[0, 1, 1] == 1000.0
    assert d.sum() == d.size - 1 + 1000.0
    with pytest.raises(ScenarioError, match="unknown sector"):
        compile_(
            scenario(
                trade_costs=[
                    {"importer": "USA", "exporter": "CHN", "factor": 2.0, "sectors": ["steel"]}
                ]
            ),
            world,
        )
    with pytest.raises(ScenarioError, match="economy 'MEX' is not in world"):
        compile_(
            scenario(trade_costs=[{"importer": "USA", "exporter": "MEX", "factor": 2.0}]), world
        )


def test_physical_commitments_are_priced_and_scaled_to_the_sector(world):
    chn, usa, soy = world.country_index("CHN"), world.country_index("USA"), 0
    flow = float(world.trade[chn, usa, soy])
    spec = {
        "record": SOY.id,
        "sectors": ["oilseeds_grains"],
        "product_base_bn": flow / 2,
        "product_sources": ["https://example.org/share"],
        "price": {"usd": 400.0, "per": "tonne", "sources": ["https://example.org/p"]},
    }
    c = compile_(scenario(commitments=[spec]), world)
    (commitment,) = c.commitments
    value = 0.5e6 * 400.0 / 1e9  # 0.5 Mt x 400 USD/t in bn
    assert commitment.committed_bn == pytest.approx(value)
    assert commitment.product_share == pytest.approx(0.5)
    assert commitment.target.value == pytest.approx(2 * value)
    assert (commitment.target.importer, commitment.target.exporter) == ("CHN", "USA")
    kinds = {i.kind for i in c.inputs}
    assert {"commitment", "price", "product_share"} <= kinds
    spread = compile_(scenario(commitments=[dict(spec, years=4, basis="above_base")]), world)
    assert spread.commitments[0].target.value == pytest.approx(flow + 2 * value / 4)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"price": None}, "gives no USD amount"),
        ({"price": {"usd": 1.0, "per": "aircraft", "sources": ["https://a.b"]}}, "per 'aircraft'"),
        ({"importer": "VNM"}, "disagrees with record"),
        ({"record": "com-nope"}, "not in the timeline"),
        ({"product_base_bn": 1e6, "product_sources": ["https://a.b"]}, "exceeds the world"),
        ({"sectors": ["steel"]}, "unknown sector"),
    ],
)
def test_bad_commitments_name_the_problem(world, edit, message):
    spec = {
        "record": SOY.id,
        "sectors": ["oilseeds_grains"],
        "price": {"usd": 400.0, "per": "tonne", "sources": ["https://a.b"]},
    }
    spec.update(edit)
    spec = {k: v for k, v in spec.items() if v is not None}
    with pytest.raises(ScenarioError, match=message):
        compile_(scenario(commitments=[spec]), world)


def test_elasticity_overrides(world):
    c = compile_(scenario(elasticities={"theta": 4.0}), world)
    np.testing.assert_array_equal(c.world.theta, 4.0)
    c = compile_(scenario(elasticities={"theta": {"electronics": 9.0}, "scale": 2.0}), world)
    expected = world.theta * 2
    expected[1] = 18.0
    np.testing.assert_allclose(c.world.theta, expected)
    assert any(i.kind == "elasticities" for i in c.inputs)
    with pytest.raises(ScenarioError, match="unknown sector"):
        compile_(scenario(elasticities={"theta": {"steel": 2.0}}), world)


def test_hash_follows_content(world):
    a = compile_(scenario(description="x"), world).hash
    assert a == compile_(scenario(description="x"), world).hash
    assert a != compile_(scenario(description="y"), world).hash
    assert a != compile_(scenario(description="x"), world.with_theta(3.0)).hash


def test_world_files_round_trip(tmp_path, world):
    path = save_world(world, tmp_path / "w.nc")
    again = load_world_file(path)
    assert world_fingerprint(again) == world_fingerprint(world)
    assert again.meta["base_year"] == 2024
    s = scenario(world="w.nc").with_origin(tmp_path / "s.toml")
    c = compile_scenario(s, source=TablePolicy())
    assert world_fingerprint(c.world) == world_fingerprint(world)
    with pytest.raises(ScenarioError, match="does not exist"):
        compile_scenario(scenario(world="nowhere.nc"), source=TablePolicy())


def test_toy_world_by_name():
    c = compile_scenario(scenario(world="toy"), source=TablePolicy())
    assert c.world.countries == ("Home", "Foreign", "Rest")
