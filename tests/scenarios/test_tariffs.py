"""A tariff of your own, in one line: ``[[tariffs]]``, ``--tariff`` text and the Python builder."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from tests.scenarios._support import TablePolicy, scenario, small_world
from tradewar.compile import compile_scenario
from tradewar.errors import ScenarioError
from tradewar.scenarios import ScenarioBuilder, parse_scenario, parse_tariff

D = dt.date


@pytest.fixture(scope="module")
def world():
    return small_world()


def compile_(s, world):
    return compile_scenario(s, world=world, source=TablePolicy())


def tariff(**kw):
    return {"importer": "USA", "exporter": "CHN", "rate": 60, **kw}


def test_set_makes_the_goods_tariff_the_rate_and_leaves_services(world):
    c = compile_(scenario(policy={"date": "2025-04-10"}, tariffs=[tariff(mode="set")]), world)
    usa, chn = world.country_index("USA"), world.country_index("CHN")
    goods = [world.sectors.index("oilseeds_grains"), world.sectors.index("electronics")]
    np.testing.assert_allclose(c.shock.tariffs[usa, chn, goods], 0.60)
    svc = world.sectors.index("svc_business")
    policy = compile_(scenario(policy={"date": "2025-04-10"}), world)
    assert c.shock.tariffs[usa, chn, svc] == policy.shock.tariffs[usa, chn, svc]
    others = np.ones_like(c.shock.tariffs, dtype=bool)
    others[usa, chn, goods] = False
    np.testing.assert_array_equal(c.shock.tariffs[others], policy.shock.tariffs[others])
    assert any(i.kind == "tariff" and "=60%" in i.value for i in c.inputs)


def test_add_stacks_on_the_policy_and_sectors_narrow_it(world):
    given = tariff(rate=25, mode="add", sectors=["electronics"])
    c = compile_(scenario(policy={"date": "2025-04-10"}, tariffs=[given]), world)
    policy = compile_(scenario(policy={"date": "2025-04-10"}), world)
    diff = c.shock.tariffs - policy.shock.tariffs
    usa, chn, j = world.country_index("USA"), world.country_index("CHN"), 1
    assert diff[usa, chn, j] == pytest.approx(0.25)
    diff[usa, chn, j] = 0
    assert not diff.any()


def test_from_a_later_date_is_an_error_naming_the_fix_and_a_period_weights_it(world):
    late = tariff(**{"from": "2025-06-01"})
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]: field 'from'.*set policy.date"):
        compile_(scenario(policy={"date": "2025-04-10"}, tariffs=[late]), world)
    period = {"period": {"start": "2025-05-02", "end": "2025-06-30"}}  # 30 of 60 days
    c = compile_(scenario(policy=period, tariffs=[late]), world)
    without = compile_(scenario(policy=period), world)
    usa, chn = world.country_index("USA"), world.country_index("CHN")
    old = without.shock.tariffs[usa, chn, 0]
    assert c.shock.tariffs[usa, chn, 0] == pytest.approx(old + 0.5 * (0.60 - old))
    with pytest.raises(ScenarioError, match="baseline policy has no date"):
        compile_(scenario(tariffs=[late]), world)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (tariff(mode="raise"), "field 'tariffs.0.mode'"),
        (tariff(rate=-5), 'use mode = "add" for a cut'),
        (tariff(sectors=["electronics"], hs=["85"]), "give 'sectors' or 'hs', not both"),
        (tariff(hs=[85]), "quoted string"),
        (tariff(rate=2000), "field 'tariffs.0.rate'"),
        (tariff(importer="CHN"), "importer and exporter are both"),
        (tariff(form="2027-01-01"), "field 'tariffs.0.form'"),
    ],
)
def test_bad_tariffs_name_the_field(item, message):
    with pytest.raises(ScenarioError, match=message.replace("(", r"\(").replace(".", r"\.")):
        scenario(tariffs=[item])


def test_unknown_sector_or_economy_is_named_at_compile(world):
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]: field 'sectors': unknown sector"):
        compile_(scenario(tariffs=[tariff(sectors=["steel"])]), world)
    with pytest.raises(ScenarioError, match="economy 'XXX' is not in world"):
        compile_(scenario(tariffs=[tariff(exporter="XXX")]), world)
    with pytest.raises(ScenarioError, match=r"does not use the default sectors|no HS import"):
        compile_(scenario(tariffs=[tariff(importer="VNM", exporter="CHN", hs=["85"])]), world)
    cut = tariff(rate=-90, mode="add")
    with pytest.raises(ScenarioError, match="below zero"):
        compile_(scenario(tariffs=[cut]), world)


def test_one_line_form_and_builder_give_the_toml_tariff():
    toml = parse_scenario(
        {
            "name": "x",
            "policy": {"date": "2027-01-01"},
            "tariffs": [
                {"importer": "USA", "exporter": "CHN", "rate": 60, "from": "2027-01-01"},
                {"importer": "CHN", "exporter": "USA", "rate": 5, "mode": "add", "hs": ["1201"]},
            ],
        }
    )
    built = (
        ScenarioBuilder("x", date="2027-01-01")
        .tariff("USA", "CHN", 60, start="2027-01-01")
        .tariff("CHN", "USA", 5, mode="add", hs=["1201"])
        .build()
    )
    line = (parse_tariff("USA<-CHN:=60%@2027-01-01"), parse_tariff("CHN<-USA[hs:1201]:+5%"))
    assert toml.tariffs == built.tariffs == line
    assert parse_tariff("USA<-CHN[electronics]:-2.5").rate == -2.5
    for bad, message in (
        ("USA<-CHN:60%", "'=' sets it"),
        ("USA->CHN:+5", "IMPORTER<-EXPORTER"),
        ("USA<-CHN[]:+5", "name no goods"),
        ("USA<-CHN:+5@2027-13-01", "field 'from'"),
    ):
        with pytest.raises(ScenarioError, match=message):
            parse_tariff(bad)


def test_hs_codes_cover_sectors_through_the_timelines_hs_weights():
    """On the default sectors, HS 8542 (integrated circuits) covers part of semiconductors only."""
    from tradewar.sectors import SECTOR_CODES
    from tradewar.timeline import Scope
    from tradewar.timeline._weights import CoverageModel, weight_tables

    world = replace(small_world(), sectors=("oilseeds_grains", "semiconductors", "svc_business"))
    s = scenario(policy={"date": "2025-04-10"}, tariffs=[tariff(hs=["8542"])])
    c = compile_(s, world)
    p = compile_(scenario(policy={"date": "2025-04-10"}), world)
    usa, chn = world.country_index("USA"), world.country_index("CHN")
    share = CoverageModel(weight_tables()[("USA", "CHN")]).sector_coverage(Scope(hs=("8542",)), "t")
    e = SECTOR_CODES.index("semiconductors")
    assert 0 < share[e] < 1
    old = p.shock.tariffs[usa, chn, 1]
    assert c.shock.tariffs[usa, chn, 1] == pytest.approx(old + share[e] * (0.60 - old))
    assert c.shock.tariffs[usa, chn, 0] == p.shock.tariffs[usa, chn, 0]
