"""tradewar: simulate trade wars and trade talks (US–China first).

The package is layered; each subpackage has one job and imports only the layers below it:

- :mod:`tradewar.timeline` — the dated, sourced policy record; ``tariffs_on(date)``.
- :mod:`tradewar.world`, :mod:`tradewar.worlds`, :mod:`tradewar.data` — baseline economies: the
  validated ``World``, the embedded 2024 default world, loaders for published data.
- :mod:`tradewar.model` — the Caliendo–Parro (2015) equilibrium: ``solve(world, shock)``,
  gradients, batched solves, managed trade.
- :mod:`tradewar.results` — long-form tables of an equilibrium.
- :mod:`tradewar.cli` — the ``tradewar`` command.

Importing :mod:`tradewar.model` switches JAX to 64-bit floats.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tradewar")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
