"""run_scenarios: results against a direct solve, invariants, manifest, failures, views."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.scenarios._support import SOY, TablePolicy, scenario, small_world
from tradewar import results
from tradewar.compile import compile_scenario
from tradewar.errors import ScenarioError
from tradewar.model import Shock, solve
from tradewar.results import diff_runs, diversion, headline, pair, pair_balance, sector_moves
from tradewar.runner import run_scenarios

D = dt.date
TODAY = D(2025, 9, 1)


def soy_commitment(world, factor=1.3):
    chn, usa = world.country_index("CHN"), world.country_index("USA")
    flow = float(world.trade[chn, usa, 0])
    # a price that makes the commitment `factor` times the base-year flow
    price = factor * flow * 1e9 / 0.5e6
    return {
        "record": SOY.id,
        "sectors": ["oilseeds_grains"],
        "price": {"usd": price, "per": "tonne", "sources": ["https://example.org/p"]},
    }


def make_scenarios(world):
    return [
        scenario("base"),
        scenario("peak", policy={"date": "2025-04-10"}),
        scenario("deal", policy={"date": "today"}, commitments=[soy_commitment(world)]),
        scenario(
            "year",
            policy={"period": {"start": "2025-01-01", "end": "2025-12-31"}},
            observed=[
                {
                    "measure": "imports",
                    "country": "USA",
                    "partner": "CHN",
                    "from_year": 2024,
                    "to_year": 2025,
                    "from_bn": 10.0,
                    "to_bn": 8.0,
                    "sources": ["https://example.org/census"],
                }
            ],
        ),
    ]


@pytest.fixture(scope="module")
def world():
    return small_world()


EVENTS: list = []


@pytest.fixture(scope="module")
def run(world):
    return run_scenarios(
        make_scenarios(world),
        world=world,
        source=TablePolicy(),
        today=TODAY,
        progress=EVENTS.append,
    )


def test_the_baseline_scenario_changes_nothing(run):
    base = run.scenario("base")
    countries = base.table("countries")
    for column in ("welfare_pct", "real_wage_pct", "price_index_pct", "exports_pct", "imports_pct"):
        np.testing.assert_allclose(countries[column], 0.0, atol=1e-9)
    np.testing.assert_allclose(base.table("bilateral")["change_bn"], 0.0, atol=1e-9)
    assert base.converged


def test_results_equal_a_direct_solve_of_the_same_tariffs(run, world):
    compiled = compile_scenario(make_scenarios(world)[1], world=world, source=TablePolicy())
    eq = solve(world, Shock(tariffs=compiled.shock.tariffs))
    direct = results.trade(eq, "pair")
    stored = run.scenario("peak").table("bilateral")
    np.testing.assert_allclose(stored["counterfactual_bn"], direct["counterfactual"], rtol=1e-9)
    welfare = results.welfare(eq)
    np.testing.assert_allclose(
        run.scenario("peak").table("countries")["welfare_pct"],
        welfare["welfare_pct"],
        rtol=1e-9,
        atol=1e-12,
    )


def test_market_clearing_holds_in_every_stored_scenario(run):
    for result in run.scenarios:
        countries = result.table("countries")
        # exports - imports = trade balance; world exports = world imports
        np.testing.assert_allclose(
            countries["exports_bn"] - countries["imports_bn"],
            countries["trade_balance_bn"],
            rtol=1e-12,
            atol=1e-12,
        )
        assert countries["exports_bn"].sum() == pytest.approx(countries["imports_bn"].sum())
        # deficits are held fixed, so total balances stay where they were
        np.testing.assert_allclose(
            countries["trade_balance_bn"], countries["trade_balance_baseline_bn"], atol=1e-9
        )


def test_commitment_is_met_and_binding(run, world):
    table = run.scenario("deal").table("commitments")
    (row,) = table.to_dict("records")
    assert row["binding"]
    assert row["achieved_bn"] == pytest.approx(row["sector_target_bn"], rel=1e-8)
    assert row["without_commitment_bn"] < row["sector_target_bn"]
    chn, usa = world.country_index("CHN"), world.country_index("USA")
    assert row["sector_target_bn"] == pytest.approx(1.3 * world.trade[chn, usa, 0])
    assert row["subsidy_pct"] > 0
    assert row["cost_bn"] > 0
    assert "commitment_iterations" in run.scenario("deal").solver


def test_observed_is_set_beside_the_model(run):
    (row,) = run.scenario("year").table("observed").to_dict("records")
    assert row["observed_change_bn"] == pytest.approx(-2.0)
    assert row["observed_pct"] == pytest.approx(-20.0)
    flow = pair(run.scenario("year"), "USA", "CHN")
    assert row["model_bn"] == pytest.approx(flow["counterfactual_bn"])
    assert row["model_pct"] == pytest.approx(flow["pct_change"])


def test_json_summary_has_exactly_the_documented_keys(run):
    summary = run.summary()
    assert set(summary) == {"run_id", "scenarios"}
    assert [s["name"] for s in summary["scenarios"]] == ["base", "peak", "deal", "year"]
    for s in summary["scenarios"]:
        assert set(s) == {
            "name",
            "tariffs",
            "countries",
            "bilateral",
            "solver",
            "warnings",
            "horizon",
            "closure",
            "outcomes",
        }
        assert s["horizon"] == "long-run"
        assert s["solver"]["converged"] is True
        for c in s["countries"]:
            assert set(c) == {
                "iso3",
                "welfare_pct",
                "real_wage_pct",
                "exports_pct",
                "imports_pct",
                "trade_balance_bn",
            }
        for b in s["bilateral"]:
            assert set(b) == {
                "importer",
                "exporter",
                "baseline_bn",
                "counterfactual_bn",
                "pct_change",
            }
        assert len(s["bilateral"]) == 4 * 3
    peak = summary["scenarios"][1]["tariffs"]
    assert peak["US_on_CN"]["scenario_pct"] - peak["US_on_CN"]["baseline_pct"] == pytest.approx(60)
    assert peak["unconfirmed_records"] == ["us-b"]


def test_manifest_records_what_makes_the_run_reproducible(run, world):
    m = run.manifest
    assert m["run_id"] == run.run_id
    assert m["today"] == "2025-09-01"
    assert m["timeline"] == {"name": "test policy table", "version": "test-1"}
    assert m["environment"]["tradewar"]
    assert m["environment"]["jax"]
    (w,) = m["worlds"]
    assert w["content_sha256"].startswith("sha256:")
    assert w["vintage"] == "2024"
    for s in m["scenarios"]:
        assert s["hash"].startswith("sha256:")
        assert {"iterations", "residual", "converged", "seconds"} <= set(s["solver"])
    assert m["scenarios"][2]["policy"]["date"] == "2025-09-01"
    gap = m["diagnostics"]["baseline_tariff_gap"][w["content_sha256"]]
    assert gap["year"] == 2024
    assert gap["max_abs_pp"] == 0
    history = run.table("history")
    assert list(history.columns) == ["date", "us_on_cn_pct", "cn_on_us_pct", "started", "ended"]
    assert len(run.table("events")) == 1


def test_progress_reports_every_stage(run):
    stages = [(e.scenario, e.stage) for e in EVENTS]
    assert stages[:4] == [(n, "compile") for n in ("base", "peak", "deal", "year")]
    assert ("deal", "done") in stages
    assert stages[-1] == ("year", "done")


def test_views(run):
    peak = run.scenario("peak")
    rows = diversion(peak, "USA", "CHN")
    assert rows["change_bn"].is_monotonic_decreasing
    lost = -pair(peak, "USA", "CHN")["change_bn"]
    gainers = rows[rows["change_bn"] > 0]
    np.testing.assert_allclose(
        gainers["share_of_rival_loss_pct"], 100 * gainers["change_bn"] / lost
    )
    balance = pair_balance(peak, "USA", "CHN")
    imports, exports = pair(peak, "USA", "CHN"), pair(peak, "CHN", "USA")
    assert balance["counterfactual_bn"] == pytest.approx(
        exports["counterfactual_bn"] - imports["counterfactual_bn"]
    )
    moves = sector_moves(peak, ("USA", "CHN"), 3)
    assert len(moves) == 3
    assert moves["output_rel_bn"].abs().is_monotonic_decreasing
    h = headline(peak)
    assert h["welfare_USA_pct"] == pytest.approx(
        float(peak.table("countries").set_index("iso3").loc["USA", "welfare_pct"])
    )


def test_a_scenario_that_does_not_converge_is_recorded_not_reported(world, monkeypatch):
    from tradewar.runner import _runner

    def capped(*args, **kwargs):
        return solve(*args, **kwargs, settings={"max_iter": 2})

    monkeypatch.setattr(_runner, "solve", capped)
    run = run_scenarios(
        [scenario("peak", policy={"date": "2025-04-10"})], world=world, source=TablePolicy()
    )
    result = run.scenario("peak")
    assert not result.converged
    assert not run.converged
    assert result.solver["outcome"] == "max_iterations"
    assert "iteration limit" in result.solver["message"]
    assert result.table("countries").empty
    assert result.table("bilateral").empty
    summary = run.summary()["scenarios"][0]
    assert summary["solver"]["converged"] is False
    assert summary["countries"] == []


def test_bad_scenario_sets_are_rejected(world):
    with pytest.raises(ScenarioError, match="no scenarios"):
        run_scenarios([], world=world)
    with pytest.raises(ScenarioError, match="share the name"):
        run_scenarios([scenario("a"), scenario("a")], world=world, source=TablePolicy())


def test_diff_of_two_runs(run, world):
    again = run_scenarios(
        make_scenarios(world)[:2], world=world.with_theta(5.0), source=TablePolicy(), today=TODAY
    )
    diff = diff_runs(run, again)
    assert diff["only_in_a"] == ["deal", "year"]
    assert diff["only_in_b"] == []
    assert "worlds" in diff["inputs_changed"]
    base, peak = diff["scenarios"]
    assert not base["same_hash"]
    assert base["max_abs_welfare_diff_pp"] < 1e-9
    assert peak["max_abs_welfare_diff_pp"] > 0
    same = diff_runs(run, run)
    assert same["inputs_changed"] == {}
    assert all(s["same_hash"] for s in same["scenarios"])


def test_scenarios_start_from_the_nearest_one_solved(run, world):
    solvers = {r.name: r.solver for r in run.scenarios}
    assert solvers["base"]["warm_start"] is None  # the first one starts from the baseline
    assert solvers["peak"]["warm_start"] == "base"  # the only one solved before it
    assert "warm_start" not in solvers["deal"] or solvers["deal"]["warm_start"] is None
    assert solvers["year"]["warm_start"] in ("base", "peak")  # not the managed "deal"
    compiled = compile_scenario(make_scenarios(world)[3], world=world, source=TablePolicy())
    cold = solve(world, Shock(tariffs=compiled.shock.tariffs))
    assert cold.warm_start is None
    np.testing.assert_allclose(
        run.scenario("year").table("bilateral")["counterfactual_bn"],
        results.trade(cold, "pair")["counterfactual"],
        rtol=1e-9,
    )
    assert solvers["year"]["iterations"] <= cold.iterations
