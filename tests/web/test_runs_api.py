"""Scenario runs through the API: the same run as the CLI's, results read from the store,
downloads, comparison, and the refusals (file paths, sizes, unknown names, a full queue)."""

from __future__ import annotations

import copy
import io
import json
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tradewar.worlds import ECONOMIES

#: Keys of a scenario's manifest entry that differ between two runs of the same scenario.
VOLATILE = ("compile_seconds", "total_seconds", "seconds")


def wait_job(client: Any, job_id: str, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        seen.append(job["progress"]["done"])
        if job["status"] in ("done", "failed"):
            assert seen == sorted(seen), "progress went backwards"
            return job  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not finished after {timeout} s")


@pytest.fixture(scope="module")
def run_id(client: Any) -> str:
    r = client.post("/api/runs", json={"builtin": ["geneva-truce", "peak-2025-04-10"]})
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done", job["error"]
    assert job["result"]["converged"] is True
    assert job["progress"]["done"] == job["progress"]["total"]
    return str(job["result"]["run_id"])


def _stable(meta: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(meta)
    for key in VOLATILE:
        out["solver"].pop(key, None)
    return out


def test_a_web_run_is_the_cli_run(client: Any, run_id: str) -> None:
    """Same scenario, same manifest entry (hash, world sha256, tariffs, solver) and tables."""
    from tradewar.runner import run_scenarios
    from tradewar.scenarios import builtin_scenario
    from tradewar.store import Store

    store = Store(client.app.state.settings.store)
    web = store.load(run_id)
    direct = run_scenarios([builtin_scenario("geneva-truce")], today=None)
    a, b = web.scenario("geneva-truce"), direct.scenario("geneva-truce")
    assert _stable(dict(a.meta)) == _stable(dict(b.meta))
    assert web.manifest["timeline"] == direct.manifest["timeline"]
    assert web.manifest["worlds"] == direct.manifest["worlds"]
    assert a.table("countries").equals(b.table("countries"))


def test_run_summary_is_the_stored_runs(client: Any, run_id: str) -> None:
    from tradewar.store import Store

    stored = Store(client.app.state.settings.store).load(run_id)
    payload = client.get(f"/api/runs/{run_id}").json()
    assert payload["run_id"] == run_id
    assert payload["converged"] is True
    assert [s["scenario"] for s in payload["scenarios"]] == ["geneva-truce", "peak-2025-04-10"]
    assert payload["summary"]["run_id"] == run_id
    assert json.loads(json.dumps(payload["summary"])) == json.loads(
        json.dumps(stored.summary(), default=float)
    )
    listed = client.get("/api/runs").json()
    assert run_id in [r["run_id"] for r in listed]
    assert client.get("/api/runs/latest").json()["run_id"] == listed[0]["run_id"]


def test_scenario_numbers_are_the_stores(client: Any, run_id: str) -> None:
    from tradewar.store import Store

    result = Store(client.app.state.settings.store).load(run_id).scenario("peak-2025-04-10")
    s = client.get(f"/api/runs/{run_id}/scenarios/peak-2025-04-10").json()
    countries = result.table("countries").set_index("iso3")
    assert [c["iso3"] for c in s["countries"]][:2] == ["USA", "CHN"]
    for row in s["countries"]:
        assert row["welfare_pct"] == pytest.approx(countries.loc[row["iso3"], "welfare_pct"])
        assert row["trade_balance_bn"] == pytest.approx(
            countries.loc[row["iso3"], "trade_balance_bn"]
        )
    assert s["headline"]["welfare_USA_pct"] == pytest.approx(countries.loc["USA", "welfare_pct"])
    flow = s["us_china"]["us_imports_from_cn"]
    assert flow["counterfactual_bn"] == pytest.approx(flow["baseline_bn"] + flow["change_bn"])
    # diversion: changes in US imports by source, largest gain first, China's own loss included
    changes = [r["change_bn"] for r in s["diversion"]]
    assert changes == sorted(changes, reverse=True)
    assert {r["importer"] for r in s["diversion"]} == {"USA"}
    assert s["solver"]["converged"] is True


def test_downloads(client: Any, run_id: str) -> None:
    csv = client.get(f"/api/runs/{run_id}/tables/countries")
    assert csv.headers["content-type"].startswith("text/csv")
    header, *rows = csv.text.strip().splitlines()
    assert header.startswith("scenario,iso3,welfare_pct")
    assert len(rows) == 2 * len(ECONOMIES)
    as_json = client.get(f"/api/runs/{run_id}/tables/bilateral", params={"format": "json"}).json()
    assert {r["scenario"] for r in as_json} == {"geneva-truce", "peak-2025-04-10"}
    full = client.get(f"/api/runs/{run_id}/export.json").json()
    assert full["manifest"]["run_id"] == run_id
    assert "countries" in full["tables"]
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/api/runs/{run_id}/export.zip").content))
    names = {Path(n).name for n in archive.namelist()}
    assert {"countries.csv", "bilateral.csv", "manifest.json"} <= names
    report = client.get(f"/api/runs/{run_id}/report.html")
    assert report.headers["content-type"].startswith("text/html")
    assert run_id in report.text
    assert "<svg" in report.text
    assert client.get(f"/api/runs/{run_id}/tables/secrets").status_code == 422


def test_compare_two_scenarios(client: Any, run_id: str) -> None:
    c = client.get(
        "/api/compare",
        params={
            "run_a": run_id,
            "scenario_a": "geneva-truce",
            "run_b": run_id,
            "scenario_b": "peak-2025-04-10",
        },
    ).json()
    assert c["a"]["scenario"] == "geneva-truce"
    assert c["b"]["scenario"] == "peak-2025-04-10"
    usa = c["countries"][0]
    assert usa["iso3"] == "USA"
    w = usa["welfare_pct"]
    assert w["diff"] == pytest.approx(w["b"] - w["a"])
    assert w["a"] == pytest.approx(c["a"]["welfare_USA_pct"])


def test_unknown_runs_and_scenarios_are_404(client: Any, run_id: str) -> None:
    assert client.get("/api/runs/20000101-000000-abcdef").status_code == 404
    assert client.get(f"/api/runs/{run_id}/scenarios/nope").status_code == 404
    assert client.get("/api/runs/..%2F..%2Fetc").status_code in (404, 422)
    assert client.get("/api/scenarios/nope").status_code == 404


def test_builtin_scenarios_and_schema(client: Any) -> None:
    from tradewar.scenarios import builtin_scenarios

    listed = client.get("/api/scenarios").json()
    assert [s["name"] for s in listed] == [s.name for s in builtin_scenarios()]
    schema = client.get("/api/scenarios/schema").json()
    assert schema["properties"]["world"]["enum"] == ["default"]
    overlay = schema["properties"]["policy"]["properties"]["overlay"]
    assert overlay["anyOf"][0]["enum"]
    assert "$ref" not in json.dumps(schema)
    spec = client.get("/api/scenarios/geneva-truce").json()
    assert spec["name"] == "geneva-truce"
    assert spec["policy"]["date"] == "2025-05-14"


def test_a_scenario_built_in_the_form_runs(client: Any) -> None:
    spec = client.get("/api/scenarios/busan-truce").json()
    spec.update(name="busan-lapses", title="Busan truce, then it lapses")
    spec["policy"] = {"date": "2026-12-01", "overlay": "truce-lapses-2026-11-10"}
    r = client.post("/api/runs", json={"scenarios": [spec]})
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done", job["error"]
    s = client.get(f"/api/runs/{job['result']['run_id']}/scenarios/busan-lapses").json()
    assert s["policy"]["overlay"] == "truce-lapses-2026-11-10"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "needs 'builtin' names or 'scenarios'"),
        ({"builtin": ["no-such-scenario"]}, "no built-in scenario"),
        ({"builtin": ["today"] * 13}, "at most 12"),
        ({"builtin": ["today", "today"]}, "share the name"),
        ({"run": "rm -rf /"}, "Extra inputs are not permitted"),
        (
            {"scenarios": [{"name": "x", "policy": {"baseline": True}, "world": "/etc/passwd"}]},
            "not a built-in world",
        ),
        (
            {"scenarios": [{"name": "x", "policy": {"baseline": True}, "world": "toy"}]},
            "not a built-in world",
        ),
        (
            {
                "scenarios": [
                    {"name": "x", "policy": {"date": "2025-01-01", "overlay": "/etc/x.yaml"}}
                ]
            },
            "not a built-in overlay",
        ),
        ({"scenarios": [{"name": "x", "policy": {"date": "1990-01-01"}}]}, "outside"),
        ({"scenarios": [{"name": "X Y", "policy": {"baseline": True}}]}, "name"),
        ({"scenarios": [{"name": "x", "policy": {}}]}, "exactly one of"),
        (
            {"scenarios": [{"name": "x", "policy": {"baseline": True}, "notes": ["n"] * 13}]},
            "at most 12",
        ),
    ],
)
def test_bad_run_requests_are_refused_with_the_reason(
    client: Any, body: dict[str, Any], fragment: str
) -> None:
    before = len(client.get("/api/jobs").json())
    r = client.post("/api/runs", json=body)
    assert r.status_code == 422, r.text
    assert fragment in r.json()["detail"]
    assert len(client.get("/api/jobs").json()) == before  # nothing queued


def test_a_body_that_is_not_json_is_refused(client: Any) -> None:
    r = client.post("/api/runs", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "not JSON" in r.json()["detail"]


def test_a_full_queue_answers_429_and_a_failed_run_says_why(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tradewar.errors import ScenarioError
    from tradewar.web import WebSettings, create_app

    app = create_app(WebSettings(store=tmp_path, max_pending_jobs=1))
    gate = threading.Event()

    def blocked(scenarios: Any, store: Any, report: Any) -> dict[str, Any]:
        gate.wait(30)
        raise ScenarioError("scenario 'today': field 'x': made to fail")

    app.state.execute = blocked
    with TestClient(app, base_url="http://127.0.0.1") as c:
        first = c.post("/api/runs", json={"builtin": ["today"]})
        assert first.status_code == 202
        same = c.post("/api/runs", json={"builtin": ["today"]})
        assert same.status_code == 202  # the same run: answered by the same job
        assert same.json()["id"] == first.json()["id"]
        second = c.post("/api/runs", json={"builtin": ["geneva-truce"]})
        assert second.status_code == 429
        assert second.headers["retry-after"] == "5"
        assert "limit is 1" in second.json()["detail"]
        gate.set()
        job = wait_job(c, first.json()["id"], timeout=30)
        assert job["status"] == "failed"
        assert "made to fail" in job["error"]


def test_every_table_of_a_run_can_be_downloaded() -> None:
    """The API's table names are the run's: the literal in the schema follows tradewar.results."""
    from typing import get_args

    from tradewar.results import RUN_TABLES, SCENARIO_TABLES
    from tradewar.web._results_api import TableName

    assert get_args(TableName) == (*SCENARIO_TABLES, *RUN_TABLES)
