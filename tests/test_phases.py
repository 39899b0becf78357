"""Phase timings of a command (``tradewar._phases``), as benchmarks/bench_cli.py reads them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import pytest

from tradewar import _phases


@pytest.fixture
def profiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_phases.PROFILE_ENV, "on")
    monkeypatch.setattr(_phases, "_totals", type(_phases._totals)(float))
    monkeypatch.setattr(_phases, "_counts", type(_phases._counts)(int))


def test_nested_phases_are_charged_their_own_time(profiling: None) -> None:
    with _phases.phase("outer"):
        time.sleep(0.05)
        with _phases.phase("inner"):
            time.sleep(0.1)
    seconds = _phases.snapshot()["seconds"]
    assert 0.1 <= seconds["inner"] < 0.2
    assert 0.05 <= seconds["outer"] < 0.1  # the inner 0.1 s is not counted twice


def test_jax_tracing_and_compilation_are_taken_out_of_the_phase(profiling: None) -> None:
    @jax.jit
    def f(x: jax.Array) -> jax.Array:
        return jnp.sin(x) * 2.0 + x**3

    start = time.perf_counter()
    with _phases.phase("solve"):
        f(jnp.arange(1000.0)).block_until_ready()
    wall = time.perf_counter() - start
    snap = _phases.snapshot()
    assert snap["counts"]["tracing"] >= 1
    assert snap["counts"]["compilation"] >= 1
    seconds = snap["seconds"]
    assert seconds["tracing"] > 0
    assert seconds["solve"] < wall - seconds["tracing"] - seconds["compilation"] + 1e-3


def test_nothing_is_recorded_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_phases.PROFILE_ENV, raising=False)
    monkeypatch.setattr(_phases, "_totals", type(_phases._totals)(float))
    with _phases.phase("solve"):
        pass
    assert _phases.snapshot()["seconds"] == {}


def test_the_cli_writes_its_phases_at_exit(tmp_path: Path) -> None:
    out = tmp_path / "phases.json"
    done = subprocess.run(
        [sys.executable, "-m", "tradewar", "tariffs", "--on", "2025-06-01"],
        env={**os.environ, _phases.PROFILE_ENV: str(out)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    recorded = json.loads(out.read_text())
    assert recorded["seconds"]["imports"] > 0
    assert recorded["seconds"]["command"] > 0
    assert recorded["jax_loaded"] is False
    assert "main_entered_at" in recorded
