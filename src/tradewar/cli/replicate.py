"""``tradewar replicate``: reproduce published experiments from their data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.cli._app import app, friendly_errors, print_json

# Commands import the packages they use when they run, not here: `tradewar --help` imports every
# command module, and must load neither JAX nor the data packages (tests/cli/test_lazy_imports.py).

replicate_app = typer.Typer(help="Reproduce published results from their data files.")
app.add_typer(replicate_app, name="replicate")

DEFAULT_CP2015 = Path("../shared/data/cp2015/original")
DEFAULT_GEGRAVITY = Path("../shared/data/gegravity/sample_data_set.dlm")


@replicate_app.command("cp2015")
@friendly_errors
def cp2015(
    data: Annotated[
        Path, typer.Option(help="Folder with the authors' original input files.")
    ] = DEFAULT_CP2015,
    experiment: Annotated[
        str, typer.Option(help="nafta: NAFTA members' 2005 tariffs; world: all 2005 tariffs.")
    ] = "nafta",
    deficits: Annotated[
        str, typer.Option(help="zero: purge deficits first (Table 2); fixed: keep 1993's.")
    ] = "zero",
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Caliendo & Parro (2015): welfare, its decomposition, real wages and NAFTA imports."""
    from tradewar import replication

    eq, _ = replication.cp2015_experiment(data, experiment, deficits)  # type: ignore[arg-type]
    report = replication.cp2015_report(eq)
    if json:
        print_json(report)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Caliendo-Parro (2015), {experiment}, deficits {deficits} (percent)")
    for column in ("region", "welfare", "terms of trade", "volume of trade", "real wage"):
        table.add_column(column, justify="right" if column != "region" else "left")
    for region in report["welfare"]:
        table.add_row(
            region,
            *(f"{report[key][region]:.2f}" for key in ("welfare", "tot", "vot", "real_wage")),
        )
    console = Console()
    console.print(table)
    console.print("NAFTA import changes (Table 5):")
    for pair, value in report["imports_pct"].items():
        console.print(f"  {pair}: {value:+.2f}%")
    solver = report["solver"]
    console.print(
        f"solver: converged={solver['converged']}, iterations={solver['iterations']}, "
        f"{solver['seconds'] * 1000:.1f} ms"
    )


@replicate_app.command("gegravity")
@friendly_errors
def gegravity(
    data: Annotated[
        Path, typer.Option(help="gegravity's sample_data_set.dlm.")
    ] = DEFAULT_GEGRAVITY,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """gegravity's example: a Canada–Japan trade agreement in one-sector structural gravity."""
    from tradewar import replication

    report = replication.gegravity_report(replication.gegravity_experiment(data))
    if json:
        print_json(report)
        return
    typer.echo("country  GDP change %  factory-gate price change %")
    for country, value in report["gdp_pct"].items():
        gate = report["factory_gate_price_pct"][country]
        typer.echo(f"{country:7s}  {value:+12.5f}  {gate:+12.5f}")
    for pair in ("CAN->JPN", "JPN->CAN"):
        typer.echo(f"{pair}: {report['bilateral_pct'][pair]:+.3f}%")
