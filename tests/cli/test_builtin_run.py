"""``tradewar run`` with no arguments: the built-in scenarios on the default world."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tradewar.cli import app


@pytest.mark.slow
def test_tradewar_run_json(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    result = CliRunner().invoke(app, ["run", "--json", "--store", str(tmp_path)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["scenarios"]) == 11
    assert all(s["solver"]["converged"] for s in payload["scenarios"])
    usa = next(c for c in payload["scenarios"][1]["countries"] if c["iso3"] == "USA")
    assert set(usa) == {
        "iso3",
        "welfare_pct",
        "real_wage_pct",
        "exports_pct",
        "imports_pct",
        "trade_balance_bn",
    }
    html = tmp_path / "report.html"
    report = CliRunner().invoke(
        app,
        [
            "report",
            payload["run_id"],
            "--store",
            str(tmp_path),
            "--html",
            str(html),
            "--pdf",
            str(tmp_path / "r.pdf"),
        ],
    )
    assert report.exit_code == 0, report.output
    assert html.stat().st_size > 100_000
