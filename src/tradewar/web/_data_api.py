"""``/api/data``: the world in use, its sources and vintage (:func:`tradewar.worlds.data_info`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter

from tradewar.web._json import clean
from tradewar.web._models import ERROR_RESPONSES, DataOut
from tradewar.world import economy_names
from tradewar.worlds import data_info, default_world

router = APIRouter(prefix="/api", tags=["data"], responses=ERROR_RESPONSES)


@cache
def data_payload() -> dict[str, Any]:
    """``data_info()`` of the default world plus its trade elasticities (theta) by sector."""
    info = data_info()
    world = default_world()
    info["theta"] = {s: float(t) for s, t in zip(world.sectors, world.theta, strict=True)}
    info["names"] = economy_names(world.countries)
    info["docs"] = "docs/data.md"
    out: dict[str, Any] = clean(info)
    return out


@router.get("/data", response_model=DataOut, summary="The world in use, its sources and vintage")
def data() -> Any:
    """Economies (codes and names), sectors, base year, units, sources of every input file,
    sha256 of every data file, headline figures (USD bn) and trade elasticities of the embedded
    default world."""
    return data_payload()
