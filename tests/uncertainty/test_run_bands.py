"""``tradewar run --draws N``: bands beside every figure in the JSON, tables, store and report."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.scenarios._support import small_world
from tradewar.cli import app
from tradewar.compile import compile_scenario
from tradewar.scenarios import load_scenario
from tradewar.uncertainty import monte_carlo, proportional
from tradewar.worlds import save_world

runner = CliRunner()

SHOCK = """
name = "costly"
title = "Costlier US imports from China"
world = "small.nc"
[policy]
baseline = true
[[trade_costs]]
importer = "USA"
exporter = "CHN"
factor = 1.5
"""

FIGURES = ("welfare_pct", "real_wage_pct", "exports_pct", "imports_pct", "trade_balance_bn")


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    monkeypatch.setenv("TRADEWAR_STORE", str(tmp_path / "store"))
    save_world(small_world(), tmp_path / "small.nc")
    (tmp_path / "shock.toml").write_text(SHOCK)
    return tmp_path


def invoke(*args):
    return runner.invoke(app, list(map(str, args)))


def test_json_carries_a_band_beside_each_figure(files):
    result = invoke(
        "run", files / "shock.toml", "--draws", 16, "--theta-cv", 0.2, "--seed", 3, "--json"
    )
    assert result.exit_code == 0, result.output
    scenario = json.loads(result.stdout)["scenarios"][0]
    bands = scenario["bands"]
    assert bands["draws"] == 16
    assert bands["converged"] + bands["failed"] == 16
    assert bands["quantiles"] == [0.05, 0.5, 0.95]
    assert bands["distribution"]["assumed"] is True
    for country in scenario["countries"]:
        keys = list(country)
        for figure in FIGURES:
            assert keys[keys.index(figure) + 1] == f"{figure}_bands"  # right beside it
            band = country[f"{figure}_bands"]
            assert set(band) == {"q05", "q50", "q95"}
            assert band["q05"] <= band["q50"] <= band["q95"]
    pair = next(
        b for b in scenario["bilateral"] if (b["importer"], b["exporter"]) == ("USA", "CHN")
    )
    assert pair["pct_change_bands"]["q95"] < 0  # costlier imports fall in every draw

    # The bands are the Monte Carlo of the compiled scenario, draw for draw.
    compiled = compile_scenario(load_scenario(files / "shock.toml"))
    world = compiled.world
    dist = proportional(world.sectors, world.theta, 0.2)
    mc = monte_carlo(
        world,
        compiled.shock,
        targets=compiled.targets,
        deficits=compiled.scenario.deficits,
        draws=16,
        distribution=dist,
        seed=3,
    )
    usa = scenario["countries"][0]
    assert usa["iso3"] == "USA"
    expect = mc.band("welfare_pct", "USA")
    np.testing.assert_allclose(
        [usa["welfare_pct_bands"][k] for k in ("q05", "q50", "q95")],
        [expect[k] for k in ("q05", "q50", "q95")],
        rtol=1e-9,
    )

    # The store gives the same JSON back; tables and report show the bands.
    shown = invoke("results", "show", "latest", "--json")
    assert json.loads(shown.stdout)["scenarios"][0] == scenario
    table = invoke("results", "show", "latest")
    assert "q05–q95" in table.stdout
    assert "ASSUMED" in table.stdout
    report = invoke("report", "latest", "--html", files / "r.html")
    assert report.exit_code == 0, report.output
    html = (files / "r.html").read_text()
    assert "welfare q05–q95" in html
    assert "draws of the trade elasticities" in html


def test_quantiles_and_bootstrap_draws(files):
    world = small_world()
    draws = files / "draws.csv"
    rows = [",".join(world.sectors)] + [
        ",".join(f"{t * f:.6f}" for t in world.theta) for f in (0.8, 0.9, 1.0, 1.1, 1.2)
    ]
    draws.write_text("\n".join(rows) + "\n")
    result = invoke(
        "run",
        files / "shock.toml",
        "--draws",
        5,
        "--theta-draws",
        draws,
        "--quantiles",
        "10,50,90",
        "--json",
        "--no-save",
    )
    assert result.exit_code == 0, result.output
    scenario = json.loads(result.stdout)["scenarios"][0]
    assert set(scenario["countries"][0]["welfare_pct_bands"]) == {"q10", "q50", "q90"}
    assert scenario["bands"]["distribution"]["kind"] == "bootstrap"
    assert scenario["bands"]["distribution"]["assumed"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theta-cv", "0.2"], "need --draws"),
        (["--draws", "5"], "proportional"),  # no CP2015 map onto this world's sectors
        (["--draws", "5", "--theta-cv", "0.2", "--quantiles", "0,1"], "strictly between"),
        (["--workers", "2"], "add --draws"),
    ],
)
def test_bad_band_options_are_one_line_errors(files, args, message):
    result = invoke("run", files / "shock.toml", "--no-save", *args)
    assert result.exit_code != 0
    assert message in result.output
