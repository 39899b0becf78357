"""``tradewar warmup``: one scenario of each kind compiles what every built-in scenario needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli import app
from tradewar.runner._warmup import representatives
from tradewar.scenarios import builtin_scenarios


def _kind(s: object) -> tuple[str, str, bool]:
    return (s.world, s.deficits, bool(s.commitments))  # type: ignore[attr-defined]


def test_representatives_cover_every_kind_once() -> None:
    scenarios = builtin_scenarios()
    chosen = representatives(scenarios)
    assert {_kind(s) for s in chosen} == {_kind(s) for s in scenarios}
    assert len({_kind(s) for s in chosen}) == len(chosen)
    assert any(s.commitments for s in chosen)  # the managed-trade solver is compiled too


def test_warmup_refuses_when_the_cache_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    result = CliRunner().invoke(app, ["warmup"])
    assert result.exit_code == 1
    assert "cache is off" in result.output


@pytest.mark.slow
def test_warmup_fills_the_cache(tmp_path: Path) -> None:
    # A fresh process: this one has compiled solvers in memory, which JAX would not write out.
    env = {**os.environ, "TRADEWAR_JAX_CACHE": str(tmp_path)}
    cmd = [sys.executable, "-m", "tradewar", "warmup", "--no-strategy"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert any(p.name.startswith("jit_solve_raw") for p in tmp_path.iterdir())
