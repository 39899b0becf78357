"""A bounded burst on loopback (issue 19, slow): 200 requests in 10 s spread over every GET route
(pages, timeline, data, jobs, stored runs, tables, exports, the report, compare) against a live
server in its own process, while ``/api/status`` is polled throughout: 0 errors (every answer the
expected one: 200, and 404 for a well-formed job id the server never issued), and
``/api/status`` answers within 1 s every time. Before the bounded compute pool, 50 uncached
timeline series in 10 s froze every route, ``/api/status`` included, for a minute."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import _free_port

N_REQUESTS = 200
SECONDS = 10.0


def _routes(app: Any, job_id: str) -> list[tuple[str, dict[str, str]]]:
    """One request (path, query) per GET route of the schema and per page."""
    from tradewar.web import PAGES

    fill = {"{run_id}": "latest", "{table}": "countries", "{job_id}": job_id}
    query = {
        "/api/timeline/tariffs": {"date": "2025-06-01"},
        "/api/compare": {
            "run_a": "latest",
            "scenario_a": "base",
            "run_b": "latest",
            "scenario_b": "peak",
        },
    }
    routes = []
    for template, operations in app.openapi()["paths"].items():
        if "get" not in operations:
            continue
        # a scenario of the stored run, or a built-in scenario
        path = template.replace("{name}", "base" if template.startswith("/api/runs/") else "today")
        for key, value in fill.items():
            path = path.replace(key, value)
        routes.append((path, query.get(template, {})))
    routes.extend((route, {}) for route in PAGES)
    return routes


@pytest.mark.slow
def test_a_burst_over_every_get_route_has_no_error_and_status_stays_fast(
    tmp_path: Path, small_run: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from tradewar.store import Store
    from tradewar.web import WebSettings, create_app

    Store(tmp_path).save(small_run)
    app = create_app(WebSettings(store=tmp_path))
    port = _free_port()
    code = (
        "import uvicorn; from tradewar.web import WebSettings, create_app; "
        f"uvicorn.run(create_app(WebSettings(store={str(tmp_path)!r})), host='127.0.0.1', "
        f"port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, proc)
        _burst(url, _routes(app, "000000-00000000"), capsys)
    finally:
        proc.terminate()
        proc.wait(30)


def _wait_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the dashboard server exited")
        try:
            if httpx.get(f"{url}/api/status", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the dashboard server did not start within 120 s")


def _burst(url: str, routes: list[tuple[str, dict[str, str]]], capsys: Any) -> None:
    answers: list[tuple[str, int | str]] = []
    status_seconds: list[float] = []
    done = threading.Event()

    def poll_status() -> None:
        with httpx.Client(base_url=url, timeout=30) as own:
            while not done.is_set():
                t = time.perf_counter()
                ok = own.get("/api/status").status_code == 200
                status_seconds.append(time.perf_counter() - t if ok else float("inf"))
                time.sleep(0.1)

    def ask(k: int, start: float) -> None:
        time.sleep(max(0.0, start + k * SECONDS / N_REQUESTS - time.perf_counter()))
        path, params = routes[k % len(routes)]
        try:
            with httpx.Client(base_url=url, timeout=60) as own:
                answers.append((path, own.get(path, params=params).status_code))
        except httpx.HTTPError as exc:
            answers.append((path, f"{type(exc).__name__}: {exc}"))

    poller = threading.Thread(target=poll_status)
    poller.start()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for k in range(N_REQUESTS):
            pool.submit(ask, k, start)
    elapsed = time.perf_counter() - start
    done.set()
    poller.join(30)
    errors = [(p, s) for p, s in answers if s != (404 if p.startswith("/api/jobs/") else 200)]
    ordered = sorted(status_seconds)
    with capsys.disabled():
        print(
            f"\nburst: {len(answers)} requests over {len(routes)} routes in {elapsed:.1f} s, "
            f"{len(errors)} errors; /api/status polled {len(ordered)} times, p50 "
            f"{ordered[len(ordered) // 2]:.3f} s, slowest {ordered[-1]:.3f} s (load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
    assert len(answers) == N_REQUESTS
    assert errors == []
    assert max(status_seconds) < 1.0
