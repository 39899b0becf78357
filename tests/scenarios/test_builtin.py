"""The built-in scenario library: its files, and compiling it from the real timeline onto the
default world."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tradewar.scenarios import builtin_scenario, builtin_scenarios

STORY = [
    "baseline-2024",
    "peak-2025-04-10",
    "geneva-truce",
    "busan-truce",
    "as-it-happened-2025",
    "after-scotus-2026",
    "today",
    "truce-lapses",
    "s301-excess-capacity",
    "full-decoupling",
    "beijing-deal",
]
DATES = {
    "peak-2025-04-10": dt.date(2025, 4, 10),
    "geneva-truce": dt.date(2025, 5, 14),
    "busan-truce": dt.date(2025, 11, 10),
    "after-scotus-2026": dt.date(2026, 2, 24),
    "truce-lapses": dt.date(2026, 11, 10),
    "s301-excess-capacity": dt.date(2027, 1, 1),
}
TODAY = dt.date(2026, 6, 1)


def test_the_library_tells_the_story_in_order():
    scenarios = builtin_scenarios()
    assert [s.name for s in scenarios] == STORY
    for s in scenarios:
        assert s.world == "default"
        assert s.description
        assert s.title
    for name, day in DATES.items():
        assert builtin_scenario(name).policy.date == day
    assert builtin_scenario("baseline-2024").policy.baseline
    assert builtin_scenario("today").policy.date == "today"
    period = builtin_scenario("as-it-happened-2025").policy.period
    assert (period.start, period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert builtin_scenario("truce-lapses").policy.overlay == "truce-lapses-2026-11-10"
    assert builtin_scenario("s301-excess-capacity").policy.overlay == "excess-capacity-301-2027"


def test_every_number_typed_into_the_library_has_a_source():
    for s in builtin_scenarios():
        for c in s.commitments:
            assert c.record, "commitment amounts come from timeline records"
            if c.price is not None:
                assert c.price.sources
            if c.product_base_bn is not None:
                assert c.product_sources
        for cut in s.tariff_cuts:
            assert cut.sources
        for obs in s.observed:
            assert obs.sources
            assert obs.sources[0].startswith("https://www.census.gov/")
    deal = builtin_scenario("beijing-deal")
    assert {c.record for c in deal.commitments} == {"com-busan-soy-25", "com-2026-boeing-200"}
    observed = {o.measure: o for o in builtin_scenario("as-it-happened-2025").observed}
    assert set(observed) == {"imports", "exports", "balance"}
    # the balance is exports minus imports (to the rounding of the published figures)
    for year in ("from_bn", "to_bn"):
        balance = getattr(observed["exports"], year) - getattr(observed["imports"], year)
        assert getattr(observed["balance"], year) == pytest.approx(balance, abs=0.15)


def test_unknown_builtin_name():
    from tradewar.errors import ScenarioError

    with pytest.raises(ScenarioError, match="the built-in scenarios are: baseline-2024"):
        builtin_scenario("nope")


@pytest.fixture(scope="module")
def real():
    import tradewar.timeline as timeline
    from tradewar.scenarios import TimelinePolicy
    from tradewar.worlds import default_world

    return timeline, default_world(), TimelinePolicy()


def test_builtin_scenarios_compile_from_the_timeline(real):
    from tradewar.compile import compile_scenario

    timeline, world, source = real
    for s in builtin_scenarios():
        c = compile_scenario(s, world=world, source=source, today=TODAY)
        if s.name in DATES:  # the compiled tariffs are the timeline's, written into the world
            overlay = s.policy.overlay
            tl = timeline.builtin_timeline()
            if overlay:
                tl = timeline.builtin_overlay(overlay).apply(tl)
            schedule = timeline.tariffs_on(
                DATES[s.name], economies=world.countries, sectors=world.sectors, timeline=tl
            )
            expected = schedule.apply(world.tariffs, world.countries, world.sectors)
            np.testing.assert_array_equal(c.shock.tariffs, expected)
            assert {r.id for r in c.policy.records} == {r.id for r in schedule.records}
            assert {r.id for r in c.policy.records if not r.confirmed} == set(schedule.unconfirmed)
        for ref in c.policy.records:
            assert ref.sources, f"{s.name}: record {ref.id} has no source"
    deal = compile_scenario(
        builtin_scenario("beijing-deal"), world=world, source=source, today=TODAY
    )
    soy, boeing = deal.commitments
    record = timeline.builtin_timeline().by_id["com-busan-soy-25"]
    assert soy.committed_bn == pytest.approx(record.amount_physical * 1e6 * 471.9 / 1e9)
    assert boeing.committed_bn == pytest.approx(50.0 / 5)


@pytest.mark.slow
def test_the_builtin_run_on_the_default_world(real):
    from tradewar.results import pair
    from tradewar.runner import run_scenarios

    _, _world, source = real
    run = run_scenarios(builtin_scenarios(), source=source, today=TODAY)
    assert run.converged
    assert run.names == tuple(STORY)
    base = run.scenario("baseline-2024").table("countries")
    np.testing.assert_allclose(base["welfare_pct"], 0.0, atol=1e-9)
    peak = pair(run.scenario("peak-2025-04-10"), "USA", "CHN")
    geneva = pair(run.scenario("geneva-truce"), "USA", "CHN")
    assert peak["pct_change"] < geneva["pct_change"] < 0  # the truce undoes part of the peak
    decoupled = pair(run.scenario("full-decoupling"), "USA", "CHN")
    assert decoupled["counterfactual_bn"] < 1e-3 * decoupled["baseline_bn"]
    commitments = run.scenario("beijing-deal").table("commitments")
    np.testing.assert_allclose(
        commitments["achieved_bn"], commitments["sector_target_bn"], rtol=1e-8
    )
    observed = run.scenario("as-it-happened-2025").table("observed")
    assert list(observed["measure"]) == ["imports", "exports", "balance"]
    assert run.manifest["worlds"][0]["content_sha256"].startswith("sha256:")
