"""``tradewar results list|show|export|diff`` and ``tradewar report``: the results store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar._phases import phase
from tradewar.cli._app import app, friendly_errors, print_json
from tradewar.cli.run import STORE_HELP

results_app = typer.Typer(help="Runs saved in the results store: list, show, export, diff.")
app.add_typer(results_app, name="results")

RUN_HELP = (
    "A run id, a unique prefix of one, 'latest' (the newest run) or 'latest~N' (N runs before "
    "the newest)."
)


def _store(path: Path | None) -> Any:
    from tradewar.store import Store

    return Store(path)


@results_app.command("list")
@friendly_errors
def results_list(
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every run in the store, oldest first."""
    st = _store(store)
    frame = st.runs()
    if as_json:
        print_json({"store": str(st.root), "runs": frame.to_dict("records")})
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if frame.empty:
        console.print(f"no runs in {st.root} yet; run 'tradewar run'")
        return
    table = Table(title=f"runs in {st.root}", header_style="bold", title_justify="left")
    table.add_column("run id", no_wrap=True)  # whole: ids differ only in their last digits
    for name in ("created (UTC)", "scenarios", "converged", "world", "tradewar", "files"):
        table.add_column(name, overflow="fold", no_wrap=name == "files")  # "DAMAGED" whole
    damaged = []
    for r in frame.itertuples():
        ok = r.status == "ok"
        if not ok:
            damaged.append(f"{r.run_id}: {r.status}")
        table.add_row(
            r.run_id,
            str(r.created_at) if ok else "–",
            str(r.n_scenarios) if ok else "–",
            ("yes" if r.converged else "NO") if ok else "–",
            str(r.worlds) if ok else "–",
            str(r.tradewar_version) if ok else "–",
            "ok" if ok else "[red]DAMAGED[/red]",
        )
    console.print(table)
    for line in damaged:
        console.print(f"[red]{line}[/red]", markup=True, highlight=False)


@results_app.command("sweeps")
@friendly_errors
def results_sweeps(
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The sweeps in the store ('tradewar sweep'), with how many points are finished."""
    st = _store(store)
    frame = st.sweeps()
    if as_json:
        print_json({"store": str(st.root), "sweeps": frame.to_dict("records")})
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if frame.empty:
        console.print(f"no sweeps in {st.sweeps_dir} yet; run 'tradewar sweep SPEC.toml'")
        return
    table = Table(title=f"sweeps in {st.sweeps_dir}", header_style="bold", title_justify="left")
    for name in ("name", "status", "points", "finished", "not converged", "created", "base"):
        table.add_column(name)
    for r in frame.itertuples():
        table.add_row(
            str(r.name),
            str(r.status),
            str(r.points),
            str(r.finished),
            str(r.failed),
            str(r.created),
            str(r.base),
        )
    console.print(table)


@results_app.command("show")
@friendly_errors
def results_show(
    run: Annotated[str, typer.Argument(help=RUN_HELP)] = "latest",
    scenario: Annotated[
        str | None, typer.Option("--scenario", help="Comma-separated scenarios to show.")
    ] = None,
    manifest: Annotated[bool, typer.Option("--manifest", help="Print the manifest.")] = False,
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the same JSON as 'tradewar run --json'.")
    ] = False,
) -> None:
    """Show a stored run as 'tradewar run' printed it (or its manifest)."""
    loaded = _store(store).load(run)
    if manifest:
        print_json(dict(loaded.manifest))
        return
    if as_json:
        print_json(loaded.summary())
        return
    from rich.console import Console

    from tradewar.cli._render import render_run

    names = [s.strip() for s in scenario.split(",")] if scenario else None
    if names:
        for name in names:
            loaded.scenario(name)  # an unknown name is an error, not an empty page
    console = Console()
    render_run(loaded, console, None, names)


@results_app.command("export")
@friendly_errors
def results_export(
    run: Annotated[str, typer.Argument(help=RUN_HELP)],
    to: Annotated[Path, typer.Option("--to", help="Folder to write into.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or json.")] = "csv",
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
) -> None:
    """Write a run's tables (and manifest) to a folder as CSV, Parquet or JSON."""
    from tradewar.errors import StoreError

    if fmt not in ("csv", "parquet", "json"):
        raise StoreError(f"--format {fmt!r}: use csv, parquet or json")
    for path in _store(store).export(run, to, fmt):
        typer.echo(str(path))


@results_app.command("diff")
@friendly_errors
def results_diff(
    a: Annotated[str, typer.Argument(help=RUN_HELP)],
    b: Annotated[str, typer.Argument(help=RUN_HELP)] = "latest",
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Compare two runs: inputs that changed, and results scenario by scenario."""
    from tradewar.results import diff_runs

    st = _store(store)
    diff = diff_runs(st.load(a), st.load(b))
    if as_json:
        print_json(diff)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{diff['a']}[/bold] (a) vs [bold]{diff['b']}[/bold] (b)")
    if diff["inputs_changed"]:
        for key, (va, vb) in diff["inputs_changed"].items():
            console.print(f"  input changed: {key}: {va} → {vb}")
    else:
        console.print("  same package, timeline, worlds and date")
    for name in diff["only_in_a"] + diff["only_in_b"]:
        where = "a" if name in diff["only_in_a"] else "b"
        console.print(f"  scenario {name} only in {where}")
    table = Table(header_style="bold")
    for col in (
        "scenario",
        "same hash",
        "welfare USA a → b",
        "welfare CHN a → b",
        "US imp. from CN % a → b",
        "max |Δ welfare| pp",
    ):
        table.add_column(col, justify="left" if col == "scenario" else "right")
    for s in diff["scenarios"]:
        if "countries" not in s:
            table.add_row(s["name"], str(s["same_hash"]), "not converged", "", "", "")
            continue
        by = {c["iso3"]: c for c in s["countries"]}

        def arrow(code: str, by: dict[str, Any] = by) -> str:
            if code not in by:
                return "–"
            va, vb = by[code]["welfare_pct"]
            return f"{va:+.3f} → {vb:+.3f}"

        flow = s["us_china_trade"].get("USA<-CHN")
        flow_text = "–" if not flow else "{:+.1f} → {:+.1f}".format(*flow["pct_change"])
        table.add_row(
            s["name"],
            "yes" if s["same_hash"] else "no",
            arrow("USA"),
            arrow("CHN"),
            flow_text,
            f"{s['max_abs_welfare_diff_pp']:.2e}",
        )
    console.print(table)


@app.command("report")
@friendly_errors
def report_cmd(
    run: Annotated[str, typer.Argument(help=RUN_HELP)] = "latest",
    html: Annotated[Path | None, typer.Option("--html", help="Write the HTML report here.")] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write a PDF report here.")] = None,
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
) -> None:
    """Write a report of a stored run: charts, tables, inputs with sources, solver diagnostics.

    The HTML is self-contained (charts inlined as SVG; no network needed to view it). The PDF
    is printed by headless Chromium when it is installed, else drawn with matplotlib.
    """
    from tradewar.errors import StoreError
    from tradewar.report import write_html, write_pdf

    if html is None and pdf is None:
        raise StoreError("give --html FILE and/or --pdf FILE")
    from tradewar.cli._busy import busy, say
    from tradewar.cli._paths import output_file

    st = _store(store)
    run_id = st.resolve(run)
    html = output_file(html, "--html", ".html", f"{run_id}.html") if html else None
    pdf = output_file(pdf, "--pdf", ".pdf", f"{run_id}.pdf") if pdf else None
    with phase("data"):
        loaded = st.load(run_id)
    if html is not None:
        say("writing the HTML report (drawing charts)")
        with phase("rendering"):
            written = write_html(loaded, html)
        _check_written(written, "--html")
        typer.echo(f"HTML report: {written}")
    if pdf is not None:
        with busy("writing the PDF report"):
            path, engine = write_pdf(loaded, pdf)
        _check_written(path, "--pdf")
        typer.echo(f"PDF report ({engine}): {path}")


def _check_written(path: Path, option: str) -> None:
    from tradewar.errors import OutputPathError

    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        raise OutputPathError(f"{option}: {path} was not written")
