"""World files: save a world, read one back, and fingerprint and describe any world.

A world file is either a netCDF file in the layout of :meth:`World.to_xarray` (write one with
:func:`save_world`) or a folder in the layout of the built default world (``trade.csv``,
``tariffs.csv``, ``io_share.csv``, ``theta.csv``, ``manifest.json``; read by
:func:`~tradewar.worlds.load_built`). :func:`world_fingerprint` is a sha256 of the world's labels
and arrays, so two runs on the same numbers carry the same fingerprint whatever the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from tradewar.errors import ScenarioError, WorldError
from tradewar.world import World
from tradewar.worlds._default import default_world, load_built
from tradewar.worlds._info import data_info

_ARRAYS = ("trade", "tariffs", "va_share", "io_share", "final_share", "theta")


def world_fingerprint(world: World) -> str:
    """sha256 of the labels and every array of ``world`` (float64, C order)."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(world.countries).encode())
    digest.update(b"\x1e")
    digest.update("\x1f".join(world.sectors).encode())
    for name in _ARRAYS:
        digest.update(np.ascontiguousarray(getattr(world, name), dtype="<f8").tobytes())
    return "sha256:" + digest.hexdigest()


def _default_world_data(world: World) -> dict[str, Any] | None:
    """The default world's data files (sha256 each, and combined) and sources, if ``world``
    is the default world."""
    if world_fingerprint(world) != world_fingerprint(default_world()):
        return None
    info = data_info()
    files = dict(sorted(info["sha256"].items()))
    combined = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    return {
        "data_sha256": "sha256:" + combined,
        "files": files,
        "sources_by_file": info["sources"],
        "unconfirmed_rows": info.get("unconfirmed_rows", {}),
    }


def world_info(world: World) -> dict[str, Any]:
    """What the manifest records about a world: name, vintage, units, sources, hashes.

    For the embedded default world it adds the sha256 of every data file it is built from
    (and a combined ``data_sha256``) and the sources of each file.
    """
    meta: Mapping[str, Any] = world.meta
    vintage = meta.get("vintage", meta.get("base_year"))
    sources = meta.get("sources", meta.get("source"))
    if isinstance(sources, str):
        sources = [sources]
    extra = _default_world_data(world) or {}
    return {
        "name": world.name,
        "vintage": None if vintage is None else str(vintage),
        "base_year": meta.get("base_year"),
        "units": meta.get("units", "model units"),
        "sources": list(sources) if sources else [],
        "data_sha256": meta.get("sha256"),
        "content_sha256": world_fingerprint(world),
        "countries": list(world.countries),
        "sectors": list(world.sectors),
        **extra,
    }


def save_world(world: World, path: str | Path) -> Path:
    """Write ``world`` as a netCDF file a scenario can name in ``world = "..."``."""
    path = Path(path)
    dataset = world.to_xarray()
    dataset.attrs = {"name": world.name, "tradewar_world": "1"}
    for key, value in world.meta.items():
        if isinstance(value, str | int | float):
            dataset.attrs[f"meta_{key}"] = value
    dataset.to_netcdf(path)
    return path


def load_world_file(path: Path) -> World:
    """Read a world from a netCDF file or a built world folder."""
    if path.is_dir():
        world: World = load_built(path)
        return world
    if not path.exists():
        raise ScenarioError(f"world file {path} does not exist; give 'default', 'toy' or a path")
    import xarray as xr

    try:
        ds = xr.load_dataset(path)
    except (OSError, ValueError) as exc:
        raise ScenarioError(f"world file {path}: cannot be read as netCDF ({exc})") from exc
    missing = [name for name in _ARRAYS if name not in ds]
    if missing:
        raise ScenarioError(
            f"world file {path}: variables {missing} are missing; write it with "
            "tradewar.worlds.save_world"
        )
    countries = tuple(str(c) for c in ds["importer"].values)
    sectors = tuple(str(s) for s in ds["sector"].values)
    meta = {k[5:]: v for k, v in ds.attrs.items() if str(k).startswith("meta_")}
    meta["file"] = str(path)
    try:
        return World(
            countries=countries,
            sectors=sectors,
            trade=ds["trade"].transpose("importer", "exporter", "sector").values,
            tariffs=ds["tariffs"].transpose("importer", "exporter", "sector").values,
            va_share=ds["va_share"].transpose("country", "sector").values,
            io_share=ds["io_share"].transpose("country", "input", "sector").values,
            final_share=ds["final_share"].transpose("country", "sector").values,
            theta=ds["theta"].values,
            name=str(ds.attrs.get("name", path.stem)),
            meta=meta,
        )
    except WorldError as exc:
        raise ScenarioError(f"world file {path}: {exc}") from exc
