"""``tradewar run`` (the main job) and ``tradewar scenarios list|show|schema``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar._phases import phase
from tradewar.cli._app import app, friendly_errors, print_json

STORE_HELP = "Results store folder (default: $TRADEWAR_STORE, $TRADEWAR_HOME/store or user data)."

scenarios_app = typer.Typer(help="The built-in scenarios and the scenario file format.")
app.add_typer(scenarios_app, name="scenarios")


def _progress_bar(total: int) -> tuple[Any, Any]:
    """A rich progress bar on stderr and the callback that drives it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("compiling", total=2 * total)

    def callback(event: Any) -> None:
        if event.stage == "compile":
            bar.update(task, advance=1, description=f"compiling {event.scenario}")
        elif event.stage == "solve":
            bar.update(task, description=f"solving {event.scenario}")
        elif event.stage in ("done", "failed"):
            bar.update(task, advance=1)

    return bar, callback


@app.command("run")
@friendly_errors
def run_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Scenario TOML files; none runs the built-in scenarios."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Do not save the run in the results store.")
    ] = False,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Comma-separated built-in scenario names to run."),
    ] = None,
    countries: Annotated[
        str | None, typer.Option("--countries", help="Comma-separated economies to show.")
    ] = None,
    tariff: Annotated[
        list[str] | None,
        typer.Option(
            "--tariff",
            help="A tariff of your own, repeatable: USA<-CHN:=60%@2027-01-01 sets 60% from "
            "that day, USA<-CHN:+25% adds 25 points, USA<-CHN[electronics]:+10% or "
            "USA<-CHN[hs:8541,8542]:=50% names the goods. Alone it runs one scenario "
            "('custom'); with files or --only it is added to each.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Policy date of the 'custom' scenario that --tariff builds (default: the "
            "latest @DATE given, else today).",
        ),
    ] = None,
    draws: Annotated[
        int,
        typer.Option(
            "--draws",
            help="Monte Carlo draws of the trade elasticities (0: none); adds quantile bands.",
        ),
    ] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    quantiles: Annotated[
        str, typer.Option("--quantiles", help="Band quantiles, e.g. 0.05,0.5,0.95.")
    ] = "0.05,0.5,0.95",
    theta_cv: Annotated[
        float | None,
        typer.Option(
            "--theta-cv",
            help="Coefficient of variation assumed where no standard error is known (0.25).",
        ),
    ] = None,
    theta_moments: Annotated[
        Path | None,
        typer.Option("--theta-moments", help="CSV sector,mean,se (or sector,mean + --theta-cov)."),
    ] = None,
    theta_cov: Annotated[
        Path | None, typer.Option("--theta-cov", help="CSV covariance matrix of the elasticities.")
    ] = None,
    theta_draws: Annotated[
        Path | None,
        typer.Option("--theta-draws", help="CSV of bootstrap draws, one column per sector."),
    ] = None,
    theta_kind: Annotated[
        str, typer.Option("--theta-kind", help="lognormal or truncated_normal.")
    ] = "lognormal",
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", help="Solve the draws on a Dask scheduler, tcp://HOST:PORT."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Solve the draws on N local worker processes."),
    ] = None,
    horizon: Annotated[
        str | None,
        typer.Option(
            "--horizon", help="1y, 3y or long-run for every scenario (default: each file's own)."
        ),
    ] = None,
) -> None:
    """Simulate the US–China scenarios on the default world (or your scenario files).

    Prints, per scenario: welfare, real wages and prices of the main economies; US–China trade
    both ways and the bilateral balance; every economy's balance and tariff revenue; the
    largest sector moves; trade diversion; commitments met; the solver's diagnostics. The run is
    saved in the results store (see 'tradewar results list'). With --draws N each figure gets
    quantile bands over N draws of the trade elasticities (see docs/uncertainty.md).
    """
    from rich.console import Console

    from tradewar.cli._busy import busy

    with busy("loading tradewar and JAX"):
        from tradewar.cli._render import render_run
        from tradewar.runner import enable_compilation_cache, run_scenarios
        from tradewar.scenarios import builtin_scenario, builtin_scenarios, load_scenario
        from tradewar.store import Store

    given = [parse_tariff(text) for text in tariff or ()]
    if date is not None and not (given and not files and not only):
        raise typer.BadParameter("--date is the date of the scenario --tariff builds alone")
    if files:
        if only:
            raise typer.BadParameter("--only selects built-in scenarios; drop it with files")
        scenarios = [load_scenario(path) for path in files]
    elif only:
        scenarios = [builtin_scenario(name.strip()) for name in only.split(",") if name.strip()]
    elif given:
        scenarios = [custom_scenario(given, date)]
        given = []
    else:
        scenarios = list(builtin_scenarios())
    wanted = [c.strip() for c in countries.split(",") if c.strip()] if countries else None
    if wanted and all(s.world == "default" for s in scenarios):
        from tradewar.worlds import ECONOMIES

        _check_countries(wanted, ECONOMIES)  # before solving anything
    scenarios = [add_tariffs(s, given) for s in scenarios] if given else scenarios
    if horizon is not None:
        from tradewar.model import horizon as check_horizon

        check_horizon(horizon)
        scenarios = [s.model_copy(update={"horizon": horizon}) for s in scenarios]
    target = None if no_save else Store(store)
    enable_compilation_cache()
    bands = _band_options(
        draws, seed, quantiles, theta_cv, theta_moments, theta_cov, theta_draws, theta_kind
    )
    if bands is None and (cluster is not None or workers is not None):
        raise typer.BadParameter("--cluster and --workers solve Monte Carlo draws; add --draws N")
    bar, callback = _progress_bar(len(scenarios))
    from tradewar.batch import open_executor

    with bar, open_executor(cluster, 0 if workers is None else workers) as executor:
        run = run_scenarios(
            scenarios, store=target, progress=callback, bands=bands, executor=executor
        )
    if as_json:
        print_json(run.summary())
    else:
        console = Console()
        if wanted:
            shown = [c for s in run.scenarios for c in s.table("countries").get("iso3", [])]
            if shown:
                _check_countries(wanted, list(dict.fromkeys(shown)))
        with phase("rendering"):
            render_run(run, console, wanted)
        if target is not None:
            console.print(
                f"saved as run [bold]{run.run_id}[/bold] in {target.root}; report: "
                f"tradewar report {run.run_id} --html report.html"
            )
    if not run.converged:
        failed = [s.name for s in run.scenarios if not s.converged]
        typer.secho(f"error: not converged: {', '.join(failed)}", err=True, fg="red")
        raise typer.Exit(code=1)


def _check_countries(wanted: list[str], known: Sequence[str]) -> None:
    """``--countries`` names only economies of the world (else an error listing them)."""
    from tradewar.errors import ScenarioError

    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ScenarioError(
            f"--countries: {', '.join(unknown)} not in the world; its economies are "
            f"{', '.join(known)}"
        )


def parse_tariff(text: str) -> Any:
    """``--tariff`` text to a scenario ``Tariff`` (errors name the syntax)."""
    from tradewar.scenarios import parse_tariff as parse

    return parse(text)


def custom_scenario(tariffs: list[Any], date: str | None) -> Any:
    """The scenario ``--tariff`` builds alone: today's policy (or ``--date``) plus the tariffs."""
    from tradewar.scenarios import ScenarioBuilder

    starts = [t.from_ for t in tariffs if t.from_ is not None]
    day = date or (max(starts).isoformat() if starts else "today")
    builder = ScenarioBuilder(
        "custom",
        date=day,
        title="Custom tariffs",
        description="; ".join(t.label for t in tariffs),
    )
    data = builder.data()
    data["tariffs"] = [
        t.model_dump(mode="json", by_alias=True, exclude_defaults=True) for t in tariffs
    ]
    from tradewar.scenarios import parse_scenario

    return parse_scenario(data, origin=None)


def add_tariffs(scenario: Any, tariffs: list[Any]) -> Any:
    """``scenario`` with ``tariffs`` appended to its own (re-validated)."""
    from tradewar.scenarios import parse_scenario

    data = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["tariffs"] = [
        *data.get("tariffs", []),
        *(t.model_dump(mode="json", by_alias=True, exclude_defaults=True) for t in tariffs),
    ]
    return parse_scenario(data).with_origin(scenario.origin)


def _band_options(
    draws: int,
    seed: int,
    quantiles: str,
    cv: float | None,
    moments: Path | None,
    cov: Path | None,
    draws_file: Path | None,
    kind: str,
) -> Any:
    """``BandOptions`` from the command line, or None without --draws."""
    from tradewar.errors import UncertaintyError
    from tradewar.uncertainty import BandOptions, parse_quantiles

    given = [cv, moments, cov, draws_file]
    if draws <= 0:
        if draws < 0 or any(v is not None for v in given):
            raise UncertaintyError("the --theta-* options need --draws N (a positive number).")
        return None
    if kind not in ("lognormal", "truncated_normal"):
        raise UncertaintyError(f"--theta-kind {kind!r}: use lognormal or truncated_normal.")
    return BandOptions(
        draws=draws,
        seed=seed,
        quantiles=parse_quantiles(quantiles),
        kind=kind,  # type: ignore[arg-type]
        cv=cv,
        moments=moments,
        cov=cov,
        draws_file=draws_file,
    )


@scenarios_app.command("list")
@friendly_errors
def scenarios_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The built-in scenarios, in the order of the story."""
    from tradewar.scenarios import builtin_scenarios

    rows: list[dict[str, Any]] = [
        {
            "name": s.name,
            "title": s.label,
            "policy": s.policy.model_dump(mode="json", exclude_defaults=True),
            "commitments": len(s.commitments),
            "description": " ".join(s.description.split()),
        }
        for s in builtin_scenarios()
    ]
    if as_json:
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for name in ("name", "title", "policy", "description"):
        table.add_column(name, overflow="fold")
    for row in rows:
        policy = ", ".join(f"{k}={v}" for k, v in row["policy"].items())
        table.add_row(row["name"], row["title"], policy, row["description"])
    Console().print(table)


@scenarios_app.command("show")
@friendly_errors
def scenarios_show(name: Annotated[str, typer.Argument(help="A built-in scenario name.")]) -> None:
    """Print a built-in scenario's TOML file (a template for your own)."""
    from tradewar.scenarios import builtin_scenario

    origin = builtin_scenario(name).origin
    assert origin is not None
    sys.stdout.write(origin.read_text(encoding="utf-8"))


@scenarios_app.command("schema")
@friendly_errors
def scenarios_schema() -> None:
    """Print the JSON schema of a scenario file."""
    from tradewar.scenarios import scenario_schema

    print_json(scenario_schema())
