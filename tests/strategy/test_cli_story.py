"""Every strategy command names the starting and the resulting tariffs, at 80 columns.

A Nash equilibrium where both sides gain means little without the tariffs they started from, so
``optimal``, ``war``, ``talks`` and ``escalate`` print each player's goods tariffs at the start
and at the result, and welfare against the start and against the baseline.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_data
from tradewar.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _narrow(monkeypatch):
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    monkeypatch.setenv("COLUMNS", "80")


def _ossa() -> list[str]:
    return ["--model", "ossa2014", "--data", str(shared_data("ossa2014", "mat"))]


def _text(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    long = [line for line in result.output.splitlines() if len(line) > 80]
    assert not long, long
    return result.output


MOVE = r"(\d+\.\d)% → (\d+\.\d)%"


def _moves(text: str, player: str) -> tuple[float, float]:
    line = next(ln for ln in text.splitlines() if re.search(rf"\b{player}\b.*{MOVE}", ln))
    start, end = re.search(MOVE, line).groups()  # type: ignore[union-attr]
    return float(start), float(end)


def test_optimal_names_factual_and_optimal_tariffs():
    out = _text(["optimal", "US", *_ossa(), "--sectors", "ric,wht"])
    assert "factual → optimal" in out
    start, end = _moves(out, "US")
    assert start != end
    assert "vs factual %" in out
    assert "vs baseline %" in out


def test_war_names_factual_and_nash_tariffs():
    out = _text(["war", *_ossa(), "--players", "US,China", "--among-players"])
    assert "factual → Nash" in out
    for player in ("US", "China"):
        start, end = _moves(out, player)
        assert end > start  # a trade war raises both sides' tariffs


def test_talks_names_the_agreed_tariffs():
    out = _text(["talks", *_ossa(), "--parties", "US,China", "--concept", "bargaining"])
    flat = " ".join(out.split())
    assert "agreed tariffs on goods, factual → deal" in flat
    for player in ("US", "China"):
        _moves(out, player)
    assert "vs baseline %" in out


def test_escalate_says_what_it_starts_from_and_drops_plays_that_never_move():
    out = _text(
        ["escalate", *_ossa(), "--players", "US,China", "--months", "6",
         "--strategies", "tft,myopic"]
    )  # fmt: skip
    assert re.search(r"starting tariffs on goods .*US \d+\.\d%", out.replace("\n", " "))
    assert "never move off the starting tariffs" in out or "Nothing moves" in out


def test_default_world_optimal_fits_80_columns_and_names_the_move():
    """The default model's long name wraps instead of running past 80 columns."""
    out = _text(["optimal", "CHN", "--sectors", "computers_phones"])
    assert "factual → optimal" in " ".join(out.split())
    start, end = _moves(out, "CHN")
    assert end != start
