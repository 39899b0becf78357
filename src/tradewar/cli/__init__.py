"""Command-line interface: ``tradewar <command> --help`` lists what each command does.

Each submodule registers its commands on the shared Typer ``app``. The submodules import only
Typer, the standard library and tradewar's light helpers at load time, so that
``tradewar --help``, ``timeline``, ``tariffs`` and file validation answer without loading JAX
(tests/cli/test_lazy_imports.py); each command loads the heavy packages it needs when it runs.
"""

import atexit
import os
import time

from tradewar import _phases
from tradewar.cli import data as _data  # noqa: F401  (registers `tradewar data ...`)
from tradewar.cli import ingest as _ingest  # noqa: F401  (registers `tradewar ingest`)
from tradewar.cli import replicate  # noqa: F401  (registers commands)
from tradewar.cli import results as _results  # noqa: F401  (registers `results`, `report`)
from tradewar.cli import run as _run  # noqa: F401  (registers `run`, `scenarios`)
from tradewar.cli import serve as _serve  # noqa: F401  (registers `tradewar serve`)
from tradewar.cli import strategy as _strategy  # noqa: F401  (optimal, war, talks, escalate)
from tradewar.cli import sweep as _sweep  # noqa: F401  (registers `tradewar sweep`)
from tradewar.cli import timeline as _timeline  # noqa: F401  (registers commands)
from tradewar.cli import validate as _validate  # noqa: F401  (registers `tradewar validate`)
from tradewar.cli import warmup as _warmup  # noqa: F401  (registers `tradewar warmup`)
from tradewar.cli._app import app


def main() -> None:
    profile = os.environ.get(_phases.PROFILE_ENV)
    if profile:
        # Hidden: phase timings for benchmarks/bench_cli.py, written however the command exits.
        atexit.register(_phases.write, profile, main_entered_at=time.time())
        _phases.track_imports()
    with _phases.phase("command"):
        app()


__all__ = ["app", "main"]
