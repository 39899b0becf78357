"""``tradewar replicate`` prints the JSON keys the issue specifies."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import shared_data
from tradewar.cli import app

runner = CliRunner()


def test_replicate_cp2015_json():
    data = shared_data("cp2015", "original")
    result = runner.invoke(app, ["replicate", "cp2015", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    for key in ("welfare", "tot", "vot", "real_wage"):
        assert set(payload[key]) >= {"Mexico", "Canada", "USA"}
    assert round(payload["welfare"]["Mexico"], 2) == 1.31
    assert set(payload["imports_pct"]) == {
        "Mexico<-USA", "Mexico<-Canada", "Canada<-USA", "Canada<-Mexico", "USA<-Mexico",
        "USA<-Canada",
    }  # fmt: skip
    assert payload["solver"]["converged"] is True
    assert {"iterations", "seconds"} <= set(payload["solver"])


def test_replicate_gegravity_json():
    data = shared_data("gegravity", "sample_data_set.dlm")
    result = runner.invoke(app, ["replicate", "gegravity", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["gdp_pct"]) == 30
    assert payload["gdp_pct"]["CAN"] > 0.3
    assert payload["bilateral_pct"]["CAN->JPN"] > 50
    assert abs(payload["factory_gate_price_pct"]["DEU"]) < 0.01
    assert payload["solver"]["converged"] is True


def test_bad_data_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["replicate", "cp2015", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "missing Caliendo-Parro files" in result.output
