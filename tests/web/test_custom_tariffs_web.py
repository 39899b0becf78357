"""A tariff of your own through the dashboard: the form offers it (no class names), the API runs
it, and the numbers are the CLI's for the same TOML (docs/examples/us-china-2027.toml)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.web.test_runs_api import wait_job

TOML = Path(__file__).resolve().parents[2] / "docs" / "examples" / "us-china-2027.toml"
CLASS_NAMES = ("Tariff", "TariffCut", "TradeCost", "CommitmentSpec")


def test_the_form_schema_offers_tariffs_with_plain_titles(client: Any) -> None:
    schema = client.get("/api/scenarios/schema").json()
    tariffs = schema["properties"]["tariffs"]
    assert tariffs["items"]["title"] == "tariff"  # the form's button reads "add tariff"
    assert "USA" in tariffs["items"]["properties"]["importer"]["enum"]
    assert set(tariffs["items"]["properties"]["mode"]["enum"]) == {"set", "add"}
    assert "from" in tariffs["items"]["properties"]
    titles = [m for m in CLASS_NAMES if f'"title": "{m}"' in json.dumps(schema)]
    assert not titles, f"class names shown in the form: {titles}"


def test_a_custom_tariff_run_from_the_dashboard_matches_the_cli(client: Any, monkeypatch) -> None:
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    spec = json.loads(json.dumps(tomllib.loads(TOML.read_text(encoding="utf-8")), default=str))
    r = client.post("/api/runs", json={"scenarios": [spec]})
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done", job["error"]
    web = client.get(f"/api/runs/{job['result']['run_id']}/scenarios/us-china-2027").json()

    from tradewar.cli import app

    res = CliRunner().invoke(app, ["run", str(TOML), "--no-save", "--json"])
    assert res.exit_code == 0, res.output
    cli = {c["iso3"]: c for c in json.loads(res.output)["scenarios"][0]["countries"]}
    assert web["countries"]
    for row in web["countries"]:
        for key in ("welfare_pct", "real_wage_pct", "imports_pct", "exports_pct"):
            assert row[key] == pytest.approx(cli[row["iso3"]][key], rel=1e-9, abs=1e-12)
