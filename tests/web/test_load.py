"""Load check on loopback (slow): 50 concurrent scenario run requests to ``tradewar serve`` in
its own process, every one accepted, solved, saved and read back: 0 errors. The latencies are
printed; ``benchmarks/bench_web_load.py`` is the same check as a script."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_web_load.py"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_web_load", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_fifty_concurrent_scenario_requests_without_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = _bench().load_check(n=50, timeout=900)
    with capsys.disabled():
        for key in ("accept_seconds", "complete_seconds", "read_seconds"):
            p = report[key]
            print(f"\nload check {key}: p50 {p['p50']:.3f} p95 {p['p95']:.3f} max {p['max']:.3f}")
    assert report["errors"] == 0, report["error_messages"]
    assert report["accept_seconds"]["n"] == 50
    assert report["complete_seconds"]["n"] == 50
    assert report["read_seconds"]["n"] == 50
