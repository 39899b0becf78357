"""``tradewar validate --json`` end to end on the default world (slow: two episodes)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tradewar.cli import app


@pytest.mark.slow
def test_validate_json_on_the_default_world():
    result = CliRunner().invoke(app, ["validate", "--json"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["horizon"] == "1y"
    assert "observed" in card["closure"]
    assert {r["episode"] for r in card["rows"]} == {"2018-19", "2024-25"}
    assert all(r["source"] for r in card["rows"] if r["observed"] is not None)


def test_validate_rejects_an_unknown_horizon():
    result = CliRunner().invoke(app, ["validate", "--horizon", "5y"])
    assert result.exit_code == 2
    assert "horizon='5y'" in result.output
