"""``tradewar warmup``: fill JAX's persistent compilation cache before the first real command."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from tradewar.cli._app import app, friendly_errors

# Commands import the packages they use when they run, not here: `tradewar --help` imports every
# command module, and must load neither JAX nor the data packages (tests/cli/test_lazy_imports.py).


@app.command("warmup")
@friendly_errors
def warmup_cmd(
    strategy: Annotated[
        bool,
        typer.Option(
            "--strategy/--no-strategy",
            help="Also compile the strategy layer (optimal, war, talks) on the default world.",
        ),
    ] = True,
) -> None:
    """Compile the solvers of 'run' (and 'optimal', 'war', 'talks') once, into the cache.

    Later processes load the compiled code from the cache (see 'tradewar run --help' and
    $TRADEWAR_JAX_CACHE) instead of compiling it again. Commands work without a warmup; the
    first one just pays the compilation.
    """
    # The model and the strategy layer load JAX; imported when the command runs so that the
    # rest of the CLI (help, timeline, file validation) never loads it.
    from tradewar.runner import enable_compilation_cache, warm_up

    folder = enable_compilation_cache()
    if folder is None:
        typer.secho("the compilation cache is off ($TRADEWAR_JAX_CACHE); nothing to warm", err=True)
        raise typer.Exit(code=1)
    start = time.perf_counter()
    report = warm_up(strategy=strategy)
    typer.echo(
        f"compiled {report['programs']} solver program(s) for {report['scenarios']} scenario "
        f"kind(s){' and the strategy layer' if strategy else ''} into {folder} "
        f"in {time.perf_counter() - start:.1f} s"
    )
