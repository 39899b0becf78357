"""``tradewar validate``: the hindcast scorecard (2018-19 and 2025, one parameter set)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlparse

import typer

from tradewar.cli._app import app, friendly_errors, print_json


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if unit == "share" else f"{value:+.1f}"


@app.command("validate")
@friendly_errors
def validate_command(
    horizon: Annotated[
        str, typer.Option(help="1y, 3y or long-run: the horizon both episodes are read at.")
    ] = "1y",
    closure: Annotated[
        str,
        typer.Option(help="observed (US deficit at its observed path), fixed, ratio or zero."),
    ] = "observed",
    json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
) -> None:
    """Run the 2017->2019 and 2024->2025 episodes and score them against observed data."""
    from tradewar.hindcast import validate
    from tradewar.model import horizon as check_horizon

    check_horizon(horizon)
    card = validate(horizon=horizon, closure=closure)  # type: ignore[arg-type]
    if json:
        print_json(card.as_dict())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"tradewar validate: horizon {horizon}; {card.closure}; {card.world}")
    for column in ("episode", "quantity", "model", "observed", "target", "met", "source"):
        table.add_column(column, justify="right" if column in ("model", "observed") else "left")
    for row in card.rows:
        met = {True: "yes", False: "NO", None: ""}[row.met]
        source = urlparse(row.source).netloc if row.source else row.note
        if row.confirmed is False:
            source += " (unconfirmed)"
        table.add_row(
            row.episode,
            row.label,
            _fmt(row.model, row.unit),
            _fmt(row.observed, row.unit),
            row.target,
            met,
            source,
        )
    console = Console()
    console.print(table)
    console.print(card.method, style="dim")
    for episode, quoted in card.outcomes.items():
        if quoted:
            console.print(
                f"{episode}: US consumer prices {quoted['consumer_prices_pct']:+.2f}%, "
                f"pass-through {quoted['pass_through']:.2f}, effective tariff "
                f"{quoted['effective_tariff_baseline_pct']:.1f}% -> "
                f"{quoted['effective_tariff_before_pct']:.1f}% (before substitution), "
                f"{quoted['effective_tariff_after_pct']:.1f}% (after), customs revenue "
                f"{quoted['customs_revenue']:.0f} (world units), cost per household "
                f"{quoted['cost_per_household']:+,.0f} USD"
            )
