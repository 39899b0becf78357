"""The default world: its economies, its shipped files, and ``default_world()`` that loads them
(no network, no solve)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tradewar.data import read_csv
from tradewar.errors import DataError, WorldError
from tradewar.sectors import SECTOR_CODES
from tradewar.world import World

#: The default world's economies, in order.
ECONOMIES: tuple[str, ...] = (
    "USA", "CHN", "MEX", "CAN", "EU27", "GBR", "JPN", "KOR", "TWN", "VNM", "IND", "BRA",
    "THA", "MYS", "IDN", "SGP", "CHE", "AUS", "RUS", "TUR", "SAU", "ROW",
)  # fmt: skip
#: The default world's base year.
BASE_YEAR = 2024

INPUT_FILES = (
    "economies.csv",
    "gdp.csv",
    "goods_trade.csv",
    "bilateral_goods.csv",
    "theta_choice.csv",
)


def inputs_dir() -> Path:
    """The package folder holding the sourced input CSVs the default world is built from."""
    return Path(__file__).resolve().parent / "data" / "inputs"


BUILT_FILES = (
    "trade.csv",
    "tariffs.csv",
    "io_share.csv",
    "va_share.csv",
    "theta.csv",
    "imputed.csv",
    "us_imports_2024.csv",
    "hs6_sector.csv",
    "elasticities.csv",
    "manifest.json",
)


def built_dir() -> Path:
    """The package folder holding the built default world (:data:`BUILT_FILES`)."""
    return Path(__file__).resolve().parent / "data" / "built"


def load_built(directory: Path) -> World:
    """Read a built world (trade, tariffs, io/va shares, theta, manifest) from ``directory``."""
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{manifest_path}: cannot be read as JSON ({exc}).") from exc
    countries = tuple(manifest["economies"])
    sectors = tuple(manifest["sectors"])
    n, j = len(countries), len(sectors)
    ci = {c: i for i, c in enumerate(countries)}
    si = {s: i for i, s in enumerate(sectors)}

    def cube(name: str, value: str, shape: tuple[int, ...], keys: tuple[str, ...]) -> np.ndarray:
        out = np.zeros(shape)
        for row in read_csv(directory / name, (*keys, value)):
            index = tuple(
                (ci if key in ("importer", "exporter", "economy") else si)[row.text(key)]
                for key in keys
            )
            out[index] = row.number(value)
        return out

    trade = cube("trade.csv", "value_bn", (n, n, j), ("importer", "exporter", "sector"))
    tariffs = cube("tariffs.csv", "rate", (n, n, j), ("importer", "exporter", "sector"))
    io = cube("io_share.csv", "share", (n, j, j), ("economy", "input", "sector"))
    if (directory / "va_share.csv").exists():
        va = cube("va_share.csv", "share", (n, j), ("economy", "sector"))
    else:  # worlds built before 2026 ship no va_share.csv: value added is the rest of output
        va = 1.0 - io.sum(axis=1)
    theta = cube("theta.csv", "theta", (j,), ("sector",))
    meta = {
        "base_year": manifest["base_year"],
        "units": manifest["units"],
        "source": "tradewar.worlds (docs/data.md)",
    }
    return World.from_flows(
        countries,
        sectors,
        trade,
        tariffs,
        va,
        io,
        theta,
        name=manifest["name"],
        meta=meta,
    )


@lru_cache(maxsize=1)
def _default() -> World:
    return load_built(built_dir())


def default_world(theta: float | Mapping[str, float] | Any | None = None) -> World:
    """The embedded 2024 world: 22 economies x 27 sectors (see ``docs/data.md``).

    ``theta`` overrides the Caliendo-Parro trade elasticities: a scalar, one value per sector in
    :data:`tradewar.sectors.SECTOR_CODES` order, or a mapping {sector: value} for some sectors.
    Loading takes no network and solves nothing; the result is cached.
    """
    world = _default()
    if theta is None:
        return world
    if isinstance(theta, Mapping):
        unknown = sorted(set(theta) - set(SECTOR_CODES))
        if unknown:
            raise WorldError(
                f"theta: unknown sector(s) {unknown}; sectors are {list(SECTOR_CODES)}."
            )
        values = world.theta.copy()
        for sector, value in theta.items():
            values[world.sector_index(sector)] = float(value)
        return world.with_theta(values)
    return world.with_theta(theta)


def built_files() -> dict[str, Path]:
    return {name: built_dir() / name for name in BUILT_FILES}
