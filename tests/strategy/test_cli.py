"""``tradewar optimal / war / talks / escalate / replicate ossa2014`` print what they promise."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from tests.conftest import shared_data
from tradewar.cli import app
from tradewar.cli.strategy import register_replicate

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_disk_cache(monkeypatch):
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")


def _ossa() -> list[str]:
    return ["--model", "ossa2014", "--data", str(shared_data("ossa2014", "mat"))]


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_optimal_json():
    payload = _json(["optimal", "US", *_ossa(), "--json"])
    assert payload["country"] == "US"
    assert len(payload["rates"]) == 33
    assert payload["median_tariff_pct"] == pytest.approx(60.8, abs=0.1)
    assert payload["welfare_pct"]["US"] == pytest.approx(2.32, abs=0.01)
    assert payload["solver"]["converged"] is True
    assert {"optimality", "iterations", "seconds"} <= set(payload["solver"])


def test_optimal_table_and_errors():
    result = runner.invoke(app, ["optimal", "US", *_ossa(), "--sectors", "ric,wht"])
    assert result.exit_code == 0, result.output
    assert "median tariff" in result.output
    bad = runner.invoke(app, ["optimal", "Atlantis", *_ossa()])
    assert bad.exit_code == 2
    assert "unknown country 'Atlantis'" in bad.output
    bad = runner.invoke(app, ["optimal", "US", "--model", "nonsense"])
    assert bad.exit_code == 2


def test_war_json_with_check():
    payload = _json(
        ["war", *_ossa(), "--players", "US,China", "--among-players", "--check", "--json"]
    )
    assert payload["players"] == ["China", "US"] or set(payload["players"]) == {"US", "China"}
    assert payload["solver"]["converged"] is True
    assert max(payload["deviation_check"]["max_gain_pct"].values()) < 1e-7


def test_talks_bargaining_json():
    payload = _json(
        ["talks", *_ossa(), "--parties", "US,China", "--concept", "bargaining", "--json"]
    )
    point = payload["points"][0]
    assert point["gains_pct"]["US"] > 0
    assert point["gains_pct"]["China"] > 0
    assert 0 < point["weight"] < 1


def test_escalate_json():
    payload = _json(
        ["escalate", *_ossa(), "--players", "US,China", "--months", "6",
         "--strategies", "tft,myopic", "--truce", "2:4:deal", "--json"]
    )  # fmt: skip
    assert len(payload["plays"]) == 4
    tft = payload["plays"][0]
    assert tft["strategies"] == ["tit-for-tat", "tit-for-tat"]
    assert tft["average_payoff_pct"]["US"] == pytest.approx(0.0, abs=1e-9)
    assert len(tft["path_payoff_pct"]) == 6


def test_escalate_rejects_unknown_strategy():
    result = runner.invoke(
        app, ["escalate", *_ossa(), "--players", "US,China", "--strategies", "x"]
    )
    assert result.exit_code == 2
    assert "unknown strategy 'x'" in result.output


def test_ossa2014_attaches_to_a_replicate_app():
    sub = typer.Typer()
    register_replicate(sub)
    assert [c.name for c in sub.registered_commands] == ["ossa2014"]


@pytest.mark.slow
def test_replicate_ossa2014_json():
    data = shared_data("ossa2014", "mat")
    payload = _json(["replicate", "ossa2014", "--data", str(data), "--json"])
    us = payload["regions"]["US"]
    for key in (
        "optimal_mfn_median_tariff",
        "optimal_mfn_welfare_pct",
        "nash_mfn_welfare_pct",
        "talks_mfn_gain_pct",
    ):
        assert key in us
    assert us["optimal_mfn_median_tariff"] == pytest.approx(60.8, abs=0.1)
    assert payload["mean"]["nash_mfn_welfare_pct"] == pytest.approx(-2.38, abs=0.01)
    assert payload["mean"]["talks_mfn_gain_pct"] == pytest.approx(0.3, abs=0.05)
    assert payload["solver"]["nash"]["converged"] is True


@pytest.mark.slow
def test_default_world_as_it_happened():
    payload = _json(
        ["escalate", "--as-it-happened", "2018-01-01", "--months", "24",
         "--strategies", "tft", "--json"]
    )  # fmt: skip
    assert payload["dates"][0] == "2018-01-01"
    actual = payload["plays"][-1]
    assert actual["strategies"] == ["as it happened", "as it happened"]
    # The 2018-19 escalation: US extra tariffs on China rise from zero.
    assert actual["path_extra_tariff_pct"][0] == [0.0, 0.0]
    assert actual["path_extra_tariff_pct"][-1][0] > 10
