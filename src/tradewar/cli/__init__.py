"""Command-line interface: ``tradewar <command> --help`` lists what each command does.

Each submodule registers its commands on the shared Typer ``app``.
"""

from tradewar.cli import data as _data  # noqa: F401  (registers `tradewar data ...`)
from tradewar.cli import replicate  # noqa: F401  (registers commands)
from tradewar.cli import results as _results  # noqa: F401  (registers `results`, `report`)
from tradewar.cli import run as _run  # noqa: F401  (registers `run`, `scenarios`)
from tradewar.cli import serve as _serve  # noqa: F401  (registers `tradewar serve`)
from tradewar.cli import strategy as _strategy  # noqa: F401  (optimal, war, talks, escalate)
from tradewar.cli import sweep as _sweep  # noqa: F401  (registers `tradewar sweep`)
from tradewar.cli import timeline as _timeline  # noqa: F401  (registers commands)
from tradewar.cli import validate as _validate  # noqa: F401  (registers `tradewar validate`)
from tradewar.cli._app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
