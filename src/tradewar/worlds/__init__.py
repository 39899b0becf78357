"""The embedded default world (base year 2024) and its deterministic builder.

``default_world()`` loads the shipped world; ``build_default()`` rebuilds it from the sourced input
CSVs in ``tradewar/worlds/data/inputs`` (``tradewar data build-default``); ``data_info()`` reports
what it holds. Method and sources: ``docs/data.md``.
"""

from tradewar.worlds._build import build_default, build_files, built_dir, compose
from tradewar.worlds._default import default_world, load_built
from tradewar.worlds._info import data_info
from tradewar.worlds._inputs import BASE_YEAR, ECONOMIES, inputs_dir, read_inputs

__all__ = [
    "BASE_YEAR",
    "ECONOMIES",
    "build_default",
    "build_files",
    "built_dir",
    "compose",
    "data_info",
    "default_world",
    "inputs_dir",
    "load_built",
    "read_inputs",
]
