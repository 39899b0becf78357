"""``python -m tradewar``: the same as the ``tradewar`` command."""

from tradewar.cli import main

main()
