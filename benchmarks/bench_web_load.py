"""Load check of the dashboard on loopback: N concurrent scenario run requests, 0 errors.

Starts ``tradewar serve`` in its own process on a free 127.0.0.1 port with an empty results
store, then sends N run requests at once (each one built-in scenario, cycling through a few),
polls every job until it is done, and reads every result back, also N at once. Prints the
latency of accepting a request (POST /api/runs -> 202), of getting a result (request -> job done;
jobs queue behind each other on one worker), and of reading a result, as p50 / p95 / max.

Requests for the same scenario share one job (the dashboard computes nothing twice), so the
default mix of four scenarios costs four solves; ``--distinct`` sends N different scenarios
instead (your own scenario on N different policy dates), each its own job, which is the worst
case for the queue. Bounded in count (N, default 50) and time (``--timeout``, default 900 s)::

    PYTHONPATH=src python benchmarks/bench_web_load.py [--n 50] [--timeout 900] [--distinct]

``tests/web/test_load.py`` (slow) runs the same check and requires 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import httpx

SCENARIOS = ("geneva-truce", "peak-2025-04-10", "busan-truce", "after-scotus-2026")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def served(store: str, max_jobs: int = 64, timeout: float = 120) -> Iterator[str]:
    """``tradewar serve`` in a child process; yields its base URL."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-c",
        "from tradewar.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--store",
        store,
        "--max-jobs",
        str(max_jobs),
    ]
    proc = subprocess.Popen(cmd, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{url}/api/status", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"tradewar serve did not start (exit {proc.poll()})")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def percentiles(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else []
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": q[94] if q else ordered[0],
        "max": ordered[-1],
    }


def _request(k: int, distinct: bool) -> tuple[str, dict[str, Any]]:
    """The k-th request: a built-in scenario, or a scenario of its own on its own date."""
    if not distinct:
        name = SCENARIOS[k % len(SCENARIOS)]
        return name, {"builtin": [name]}
    day = dt.date(2025, 1, 1) + dt.timedelta(days=7 * k)
    name = f"load-{k:03d}"
    scenario = {"name": name, "title": f"Tariffs on {day}", "policy": {"date": day.isoformat()}}
    return name, {"scenarios": [scenario]}


async def _one(
    client: httpx.AsyncClient, name: str, body: dict[str, Any], timeout: float
) -> dict[str, Any]:
    start = time.perf_counter()
    r = await client.post("/api/runs", json=body)
    accepted = time.perf_counter() - start
    if r.status_code != 202:
        return {"ok": False, "why": f"POST {r.status_code}: {r.text[:200]}", "accept": accepted}
    job_id = r.json()["id"]
    while time.perf_counter() - start < timeout:
        job = (await client.get(f"/api/jobs/{job_id}")).json()
        if job["status"] == "done":
            result = job["result"]
            if not result["converged"]:
                return {"ok": False, "why": f"{name}: not converged", "accept": accepted}
            return {
                "ok": True,
                "accept": accepted,
                "complete": time.perf_counter() - start,
                "run_id": result["run_id"],
                "job": job_id,
                "name": name,
            }
        if job["status"] == "failed":
            return {"ok": False, "why": f"{name}: {job['error']}", "accept": accepted}
        await asyncio.sleep(0.5)
    return {"ok": False, "why": f"{name}: not done after {timeout} s", "accept": accepted}


async def _read(client: httpx.AsyncClient, run_id: str, name: str) -> tuple[bool, float]:
    start = time.perf_counter()
    r = await client.get(f"/api/runs/{run_id}/scenarios/{name}")
    ok = r.status_code == 200 and r.json()["converged"]
    return ok, time.perf_counter() - start


async def _load(url: str, n: int, timeout: float, distinct: bool) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        requests = [_request(k, distinct) for k in range(n)]
        start = time.perf_counter()
        runs = await asyncio.gather(*(_one(client, name, body, timeout) for name, body in requests))
        wall = time.perf_counter() - start
        done = [r for r in runs if r["ok"]]
        reads = await asyncio.gather(*(_read(client, r["run_id"], r["name"]) for r in done))
    errors = [r["why"] for r in runs if not r["ok"]]
    errors += [f"read {k} failed" for k, (ok, _) in enumerate(reads) if not ok]
    return {
        "requests": n,
        "distinct": distinct,
        "jobs": len({r["job"] for r in done}),
        "errors": len(errors),
        "error_messages": errors[:10],
        "wall_seconds": wall,
        "accept_seconds": percentiles([r["accept"] for r in runs]),
        "complete_seconds": percentiles([r["complete"] for r in done]) if done else None,
        "read_seconds": percentiles([t for _, t in reads]) if reads else None,
    }


def load_check(n: int = 50, timeout: float = 900, distinct: bool = False) -> dict[str, Any]:
    """Serve on loopback with a fresh store, send ``n`` concurrent run requests, report."""
    with tempfile.TemporaryDirectory(prefix="tradewar-load-") as store, served(store) as url:
        return asyncio.run(_load(url, n, timeout, distinct))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="concurrent run requests")
    parser.add_argument("--timeout", type=float, default=900, help="seconds, in all")
    parser.add_argument("--distinct", action="store_true", help="N different scenarios")
    args = parser.parse_args()
    report = load_check(args.n, args.timeout, args.distinct)
    print(json.dumps(report, indent=2))
    for key in ("accept_seconds", "complete_seconds", "read_seconds"):
        p = report[key]
        if p:
            print(f"{key:18s} p50 {p['p50']:8.3f}  p95 {p['p95']:8.3f}  max {p['max']:8.3f}")
    print(
        f"{report['requests']} requests ({report['jobs']} jobs), {report['errors']} errors, "
        f"{report['wall_seconds']:.1f} s"
    )
    if report["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
