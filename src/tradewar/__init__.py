"""tradewar: simulate trade wars and trade talks (US–China first).

The package is layered; each subpackage has one job and imports only the layers below it:

- :mod:`tradewar.timeline` — the dated, sourced policy record; ``tariffs_on(date)``.
- :mod:`tradewar.world`, :mod:`tradewar.worlds`, :mod:`tradewar.data` — baseline economies: the
  validated ``World``; the named worlds (the embedded 2024 default world, world files, the demo
  worlds); readers of published data.
- :mod:`tradewar.model` — the Caliendo–Parro (2015) equilibrium: ``solve(world, shock)``,
  gradients, batched solves, managed trade.
- :mod:`tradewar.results` — long-form tables of an equilibrium.
- :mod:`tradewar.scenarios` — scenario files and the built-in library; :mod:`tradewar.compile` —
  a scenario compiled to world, shock and purchase commitments; :mod:`tradewar.runner` —
  ``run_scenarios`` into a ``Run``.
- :mod:`tradewar.store` — saved runs (Parquet, manifest, DuckDB index); :mod:`tradewar.report` —
  HTML and PDF reports of a stored run.
- :mod:`tradewar.cli` — the ``tradewar`` command.

Importing :mod:`tradewar.model` switches JAX to 64-bit floats. The layers and the JAX-free line:
``docs/architecture.md``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tradewar")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
