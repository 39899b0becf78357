"""Printing what a strategy result means (:mod:`tradewar.strategy._summary` computes it):
per player, goods tariffs at the start → at the result; welfare against start and baseline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def tariff_moves(*args: Any, **kwargs: Any) -> dict[str, dict[str, float]]:
    """:func:`tradewar.strategy.tariff_moves`, imported when called (the CLI loads JAX late)."""
    from tradewar.strategy import tariff_moves as moves

    return moves(*args, **kwargs)


def say(text: str) -> None:
    """A line of plain text, wrapped to the terminal."""
    from rich.console import Console

    Console().print(text, highlight=False, markup=False)


def print_moves(title: str, moves: dict[str, dict[str, float]]) -> None:
    """A table: player, goods tariffs at the start → at the result (median; trade-weighted)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("player")
    table.add_column("median: start → result", justify="right")
    table.add_column("trade-weighted", justify="right")
    for player, m in moves.items():
        table.add_row(
            player,
            f"{m['from_median_pct']:.1f}% → {m['to_median_pct']:.1f}%",
            f"{m['from_average_pct']:.1f}% → {m['to_average_pct']:.1f}%",
        )
    Console().print(table)


def print_welfare(
    title: str,
    countries: Sequence[str],
    vs_start: dict[str, float],
    vs_base: dict[str, float],
    start: str,
) -> None:
    """Welfare against the starting point and against the baseline, one row per country."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("country")
    table.add_column(f"vs {start} %", justify="right")
    table.add_column("vs baseline %", justify="right")
    for c in countries:
        table.add_row(c, f"{vs_start[c]:+.3f}", f"{vs_base[c]:+.3f}")
    Console().print(table)
