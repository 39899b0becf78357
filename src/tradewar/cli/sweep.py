"""``tradewar sweep SPEC.toml``: solve a grid or list of scenario variants, resumably."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar.cli._app import app, friendly_errors, print_json


def default_sweep_dir(name: str, store: Path | None = None) -> Path:
    """``<results store>/sweeps/<name>`` (``--store``, else the default store folder)."""
    from tradewar.store import Store

    return Store(store).sweeps_dir / name


@app.command("sweep")
@friendly_errors
def sweep_command(
    spec_file: Annotated[Path, typer.Argument(help="Sweep file (TOML); see docs/uncertainty.md.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Sweep directory (default: <store>/sweeps/<name>)."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", help="Dask scheduler address, tcp://HOST:PORT (default: local)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Local worker processes (default: one per CPU core; 0: this process, no Dask).",
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Results store folder; the sweep goes in its sweeps/."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
) -> None:
    """Solve every point of a sweep not yet on disk; run again to resume an interrupted one."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from tradewar.batch import open_executor
    from tradewar.sweep import load_sweep_spec
    from tradewar.sweep.run import SweepProgress, run_sweep

    if out is not None and store is not None:
        raise typer.BadParameter("give --out or --store, not both")
    spec = load_sweep_spec(spec_file)
    root = out or default_sweep_dir(spec.name, store)
    console = Console(stderr=True)
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=as_json,
    )
    task = bar.add_task(f"sweep {spec.name}", total=None)

    def progress(p: SweepProgress) -> None:
        bar.update(task, total=p.total, completed=p.done)

    try:
        with bar, open_executor(cluster, workers) as executor:
            report = run_sweep(spec, root, executor=executor, progress=progress)
    except KeyboardInterrupt:
        from tradewar.sweep import SweepDirectory

        done = len(SweepDirectory(root).finished())
        console.print(
            f"interrupted: {done} point(s) are saved in {root}; run the same command to resume."
        )
        raise typer.Exit(code=130) from None
    payload: dict[str, Any] = report.as_dict()
    if as_json:
        print_json(payload)
        return
    typer.echo(
        f"sweep {report.name}: {report.total} points ({report.computed} solved now, "
        f"{report.skipped} already on disk), {report.failed} did not converge; "
        f"{report.seconds:.1f} s on {report.where}."
    )
    typer.echo(f"results: {report.root}")
