"""``tradewar run``, ``results``, ``report`` and ``scenarios`` on the command line.

User scenario files run on a small world saved as a file, so these tests need neither the
timeline nor the default world; the built-in run on the default world is in test_builtin_run.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.scenarios._support import small_world
from tradewar.cli import app
from tradewar.worlds import save_world

runner = CliRunner()

BASE = """
name = "base"
title = "No change"
world = "small.nc"
[policy]
baseline = true
"""

SHOCK = """
name = "costly"
title = "Costlier US imports from China, with a purchase commitment"
world = "small.nc"
notes = ["a test scenario"]
[policy]
baseline = true
[[trade_costs]]
importer = "USA"
exporter = "CHN"
factor = 1.5
[[commitments]]
name = "grain"
importer = "CHN"
exporter = "USA"
sectors = ["oilseeds_grains"]
value_bn = {value}
sources = ["https://example.org/grain"]
"""

COST = """
[[trade_costs]]
importer = "USA"
exporter = "CHN"
factor = 3.0
"""


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    monkeypatch.setenv("TRADEWAR_STORE", str(tmp_path / "store"))
    world = small_world()
    save_world(world, tmp_path / "small.nc")
    chn, usa = world.country_index("CHN"), world.country_index("USA")
    (tmp_path / "base.toml").write_text(BASE)
    (tmp_path / "shock.toml").write_text(SHOCK.format(value=1.2 * world.trade[chn, usa, 0]))
    return tmp_path


def invoke(*args):
    result = runner.invoke(app, list(map(str, args)))
    return result


def test_run_json_and_the_store(files):
    result = invoke("run", files / "base.toml", files / "shock.toml", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"run_id", "scenarios"}
    assert [s["name"] for s in payload["scenarios"]] == ["base", "costly"]
    for s in payload["scenarios"]:
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
        assert {c["iso3"] for c in s["countries"]} == {"USA", "CHN", "VNM", "ROW"}
    costly = payload["scenarios"][1]
    usa_cn = next(
        b for b in costly["bilateral"] if (b["importer"], b["exporter"]) == ("USA", "CHN")
    )
    assert usa_cn["pct_change"] < 0  # costlier imports fall

    listed = json.loads(invoke("results", "list", "--json").stdout)
    assert [r["run_id"] for r in listed["runs"]] == [payload["run_id"]]
    shown = invoke("results", "show", "latest", "--json")
    assert json.loads(shown.stdout) == payload  # the store gives back what the run printed
    manifest = json.loads(invoke("results", "show", "latest", "--manifest").stdout)
    assert manifest["scenarios"][1]["hash"].startswith("sha256:")


def test_run_prints_the_tables(files):
    assert invoke("run", files / "base.toml", files / "shock.toml", "--json").exit_code == 0
    shown = invoke("results", "show", "latest")  # renders exactly as 'tradewar run' does
    assert shown.exit_code == 0, shown.output
    for text in (
        "Costlier US imports from China",
        "welfare %",
        "US imports from China",
        "US balance with China",
        "Commitment grain",
        "binding",
        "note: a test scenario",
        "solver: converged",
        "Scenarios side by side",
    ):
        assert text in shown.stdout, text
    one = invoke("results", "show", "latest", "--scenario", "costly")
    assert one.exit_code == 0
    assert "Commitment grain" in one.stdout
    assert "No change" not in one.stdout.split("Scenarios side by side")[0]
    printed = invoke("run", files / "base.toml")
    assert printed.exit_code == 0, printed.output
    assert "No change" in printed.stdout
    assert "saved as run" in printed.stdout


def test_export_diff_and_report(files):
    assert invoke("run", files / "base.toml", "--no-save").exit_code == 0
    assert invoke("results", "show", "latest").exit_code == 2  # --no-save left it empty
    for _ in range(2):
        assert invoke("run", files / "base.toml", "--json").exit_code == 0
    out = invoke("results", "export", "latest", "--to", files / "csv")
    assert out.exit_code == 0
    assert "countries.csv" in out.stdout
    diff = invoke("results", "diff", "latest~1", "latest", "--json")
    payload = json.loads(diff.stdout)
    assert payload["inputs_changed"] == {}
    assert all(s["same_hash"] for s in payload["scenarios"])
    assert max(s["max_abs_welfare_diff_pp"] for s in payload["scenarios"]) < 1e-9
    assert "same package" in invoke("results", "diff", "latest~1").stdout
    report = invoke("report", "latest", "--html", files / "r.html")
    assert report.exit_code == 0, report.output
    html = (files / "r.html").read_text()
    assert html.count("<svg") >= 2  # welfare and trade charts (a baseline has no change to bar)
    assert ">Solver diagnostics</h2>" in html


def test_errors_are_one_line_and_name_the_problem(files):
    (files / "bad.toml").write_text('name = "bad"\n[policy]\nbaseline = true\ndate = 2025-01-01\n')
    result = invoke("run", files / "bad.toml")
    assert result.exit_code == 2
    assert "bad.toml: invalid scenario" in result.output
    assert "exactly one" in result.output
    result = invoke("results", "show", "nope")
    assert result.exit_code == 2
    assert "holds no runs" in result.output
    assert invoke("run", "--only", "no-such-scenario").exit_code == 2
    assert invoke("report", "latest").exit_code == 2


def test_scenarios_commands():
    listed = json.loads(invoke("scenarios", "list", "--json").stdout)
    names = [s["name"] for s in listed]
    assert names[0] == "baseline-2024"
    assert "beijing-deal" in names
    assert len(names) == 11
    shown = invoke("scenarios", "show", "beijing-deal")
    assert shown.exit_code == 0
    assert "com-busan-soy-25" in shown.stdout
    schema = json.loads(invoke("scenarios", "schema").stdout)
    assert schema["title"] == "tradewar scenario"


def test_a_scenario_that_does_not_converge_fails_the_command(files, monkeypatch):
    from tradewar.model import solve
    from tradewar.runner import _runner

    monkeypatch.setattr(_runner, "solve", lambda *a, **k: solve(*a, **k, settings={"max_iter": 2}))
    (files / "cost.toml").write_text(BASE.replace('"base"', '"cost"') + COST)
    result = invoke("run", files / "cost.toml")
    assert result.exit_code == 1
    assert "NOT CONVERGED (max_iterations)" in result.stdout
    assert "not converged: cost" in result.output
