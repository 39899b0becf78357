"""Named worlds: the embedded default world (base year 2024), world files, and the demo worlds.

``default_world()`` loads the shipped world; ``data_info()`` reports what it holds;
``load_world_file()``/``save_world()`` read and write a world as a file, and ``world_info()`` and
``world_fingerprint()`` describe any world. Importing this package loads no JAX.

Two public submodules sit apart because they need more:

* :mod:`tradewar.worlds.build` rebuilds the default world from the sourced input CSVs in
  ``tradewar/worlds/data/inputs`` and the real tables in ``../shared/data``
  (``tradewar data build-default``);
* :mod:`tradewar.worlds.examples` makes the toy and seeded random worlds, which it solves to an
  exact equilibrium with the model (so it loads JAX).

The :class:`~tradewar.world.World` type itself lives in :mod:`tradewar.world`; the loaders of
published tables in :mod:`tradewar.data`. Method and sources: ``docs/data.md``.
"""

from tradewar.worlds._default import (
    BASE_YEAR,
    BUILT_FILES,
    ECONOMIES,
    INPUT_FILES,
    built_dir,
    default_world,
    inputs_dir,
    load_built,
)
from tradewar.worlds._files import load_world_file, save_world, world_fingerprint, world_info
from tradewar.worlds._info import CHECK_MIN_BN, CHECK_TOLERANCE, data_info, us_imports_check

__all__ = [
    "BASE_YEAR",
    "BUILT_FILES",
    "CHECK_MIN_BN",
    "CHECK_TOLERANCE",
    "ECONOMIES",
    "INPUT_FILES",
    "built_dir",
    "data_info",
    "default_world",
    "inputs_dir",
    "load_built",
    "load_world_file",
    "save_world",
    "us_imports_check",
    "world_fingerprint",
    "world_info",
]
