"""The dashboard is safe on a laptop (issue 19, "Why" cases 2-4): no cross-site or rebinding
request gets through, bodies are bounded, heavy requests never freeze the server, and a damaged
stored run is a clear JSON answer."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tradewar.web import WebSettings, create_app
from tradewar.web._guard import json_depth

TOKEN = "a-test-token-of-24-chars"


def _recording_app(store: Path, **settings: Any) -> tuple[Any, list[Any]]:
    calls: list[Any] = []

    def record(scenarios: Any, store: Any, report: Any) -> dict[str, Any]:
        calls.append([s.name for s in scenarios])
        return {"run_id": None}

    app = create_app(WebSettings(store=store, **settings))
    app.state.execute = record
    return app, calls


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[tuple[TestClient, list[Any]]]:
    app, calls = _recording_app(tmp_path)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c, calls


# ---------------------------------------------------------------- case 2: cross-site requests


def test_a_cross_site_text_plain_run_request_is_refused_and_runs_nothing(guarded: Any) -> None:
    client, calls = guarded
    body = json.dumps({"builtin": ["today"]})
    r = client.post(
        "/api/runs",
        content=body,
        headers={"Content-Type": "text/plain", "Origin": "http://evil.example"},
    )
    assert r.status_code == 403
    assert "evil.example" in r.json()["detail"]
    # the same body without an Origin but as text/plain (a form post) is refused too
    r = client.post("/api/runs", content=body, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert "application/json" in r.json()["detail"]
    r = client.post(
        "/api/runs", json={"builtin": ["today"]}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert r.status_code == 403
    r = client.post("/api/runs", json={"builtin": ["today"]}, headers={"Origin": "null"})
    assert r.status_code == 403
    r = client.post(
        "/api/runs",
        json={"builtin": ["today"]},
        headers={"Referer": "http://evil.example/page"},
    )
    assert r.status_code == 403
    assert client.get("/api/jobs").json() == []
    assert calls == []


def test_same_origin_json_requests_still_run(guarded: Any) -> None:
    client, _ = guarded
    r = client.post(
        "/api/runs",
        json={"builtin": ["today"]},
        headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},
    )
    assert r.status_code == 202, r.text


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_foreign_host_header_is_refused_dns_rebinding(guarded: Any, host: str) -> None:
    client, _ = guarded
    r = client.get("/api/status", headers={"Host": host})
    assert r.status_code == 400
    assert "is not this server's address" in r.json()["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"])
def test_loopback_host_names_pass(guarded: Any, host: str) -> None:
    client, _ = guarded
    assert client.get("/api/status", headers={"Host": host}).status_code == 200


def test_a_token_guards_every_route_and_a_page_link_sets_a_cookie(tmp_path: Path) -> None:
    app, _ = _recording_app(tmp_path, host="192.168.1.5", token=TOKEN)
    with TestClient(app, base_url="http://192.168.1.5:8000") as c:
        r = c.get("/api/status")
        assert r.status_code == 401
        assert r.headers["www-authenticate"] == "Bearer"
        assert c.get("/timeline").status_code == 401
        assert c.get("/api/status", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.get("/api/status", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        page = c.get("/timeline", params={"token": TOKEN})
        assert page.status_code == 200
        assert "HttpOnly" in page.headers["set-cookie"]
        assert c.get("/api/status").status_code == 200  # the cookie now carries the token
        assert c.get("/api/status", headers={"Host": "evil.example"}).status_code == 400


def test_settings_refuse_a_short_token() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        WebSettings(token="short")


def test_serve_reads_the_token_from_the_settings_variable() -> None:
    from tradewar.cli import serve
    from tradewar.web import _settings

    assert serve.TOKEN_ENV == _settings.TOKEN_ENV


def test_serve_requires_a_token_off_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from tradewar.cli import app

    monkeypatch.delenv("TRADEWAR_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--token" in result.output
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--token", "short"])
    assert result.exit_code == 2
    assert "16 characters" in result.output


# ---------------------------------------------------------------- case 3: size limits


def test_a_body_over_the_limit_is_413_and_runs_nothing(tmp_path: Path) -> None:
    app, calls = _recording_app(tmp_path, max_body_bytes=10_000)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        notes = "x" * 20_000
        r = c.post("/api/runs", json={"scenarios": [{"name": "big", "notes": [notes]}]})
        assert r.status_code == 413
        assert "at most 10000" in r.json()["detail"]
    assert calls == []


def test_a_long_field_is_422_naming_it(guarded: Any) -> None:
    client, calls = guarded
    scenario = client.get("/api/scenarios/today").json()
    scenario["name"] = "long-notes"
    scenario["notes"] = ["x" * 5000]
    r = client.post("/api/runs", json={"scenarios": [scenario]})
    assert r.status_code == 422
    assert "notes.0" in r.json()["detail"]
    assert "2000 characters" in r.json()["detail"]
    assert calls == []


def test_the_openapi_schema_states_the_text_limits(guarded: Any) -> None:
    client, _ = guarded
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/api/runs"]["post"]["requestBody"]["content"]["application/json"]
    notes = body["schema"]["properties"]["scenarios"]["items"]["properties"]["notes"]
    assert notes["items"]["maxLength"] == 2000
    for code in ("400", "401", "403", "413", "415", "422", "503"):
        assert code in schema["paths"]["/api/status"]["get"]["responses"]


@pytest.mark.parametrize("depth", [33, 5000, 200_000])
def test_deeply_nested_json_is_422_not_a_server_error(guarded: Any, depth: int) -> None:
    client, _ = guarded
    body = "[" * depth + "]" * depth
    r = client.post("/api/runs", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert "nested" in r.json()["detail"]
    strategy = client.post(
        "/api/strategy", content=body, headers={"Content-Type": "application/json"}
    )
    assert strategy.status_code == 422


def test_json_depth_skips_brackets_inside_strings() -> None:
    assert json_depth(b'{"a": [1, {"b": "[[[[\\"]]"}]}') == 3
    assert json_depth(b"[]") == 1
    assert json_depth(b"3") == 0


# ---------------------------------------------------------------- case 4: the server freezes


def test_status_answers_while_heavy_requests_fill_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Heavy requests block on a gate: the pool (2 threads, 2 waiting) fills, one more is 503,
    and /api/status still answers (it waited behind them before: one shared thread pool)."""
    from tradewar.web import _timeline_api

    gate = threading.Event()
    started = threading.Semaphore(0)

    def blocked(start: Any, end: Any, overlay: Any) -> dict[str, Any]:
        started.release()
        gate.wait(30)
        return {"start": str(start), "end": str(end), "overlay": None, "weights": "", "series": [],
                "events": []}  # fmt: skip

    monkeypatch.setattr(_timeline_api, "series_payload", blocked)
    app = create_app(WebSettings(store=tmp_path, compute_threads=2, compute_queue=2))
    answers: list[int] = []
    with TestClient(app, base_url="http://127.0.0.1") as c:

        def ask(k: int) -> None:
            answers.append(c.get("/api/timeline/series", params={"end": f"2025-01-{k + 1:02d}"})
                           .status_code)  # fmt: skip

        threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        assert started.acquire(timeout=30)  # one computes (one at a time), three wait
        try:
            # the two waiting requests are queued; a fifth is refused at once
            for _ in range(200):
                if app.state.compute.in_flight == 4:
                    break
                threading.Event().wait(0.05)
            assert app.state.compute.in_flight == 4
            busy = c.get("/api/timeline/series", params={"end": "2025-02-01"})
            assert busy.status_code == 503
            assert busy.headers["retry-after"]
            status = c.get("/api/status")
            assert status.status_code == 200
        finally:
            gate.set()
            for t in threads:
                t.join(30)
    assert answers == [200, 200, 200, 200]


def test_a_run_with_a_deleted_parquet_file_is_a_json_409(tmp_path: Path, small_run: Any) -> None:
    from tradewar.store import Store

    folder = Store(tmp_path).save(small_run)
    (folder / "countries.parquet").unlink()
    app = create_app(WebSettings(store=tmp_path))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        for path in (
            "/api/runs/latest",
            "/api/runs/latest/scenarios/base",
            "/api/runs/latest/export.json",
            "/api/runs/latest/report.html",
        ):
            r = c.get(path)
            assert r.status_code == 409, (path, r.text)
            assert "countries.parquet" in r.json()["detail"]
            assert "damaged" in r.json()["detail"]
        listed = c.get("/api/runs").json()
        assert listed[0]["status"].startswith("damaged")
        assert c.get("/api/status").status_code == 200
