"""OECD Inter-Country Input-Output (ICIO) tables, read with pymrio's parser.

``load_icio(path, year=...)`` takes an ICIO CSV file (or zip, or a folder holding
``ICIO20xx_<year>.csv``), parses it with :func:`pymrio.parse_oecd` (which folds the CN1/CN2 and
MX1/MX2 split rows into CHN and MEX), optionally aggregates regions and sectors through a mapping
file (:mod:`tradewar.data.mapping`), and returns a :class:`~tradewar.world.World` and the
:class:`~tradewar.data.LoadReport` of what changed. Values stay in the table's unit (USD million).
Download a table with ``tradewar data fetch icio --year Y``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tradewar.data._mrio import aggregate, from_iosystem, to_world
from tradewar.data._report import LoadReport
from tradewar.data.mapping import AggregationMap, read_mapping
from tradewar.errors import DataError
from tradewar.world import World


def load_icio(
    path: str | Path,
    year: int | None = None,
    *,
    mapping: str | Path | AggregationMap | None = None,
    theta: float | Mapping[str, float] | None = None,
) -> tuple[World, LoadReport]:
    """Read an OECD ICIO table into a world (see the module docstring)."""
    import pymrio
    from pymrio.tools.ioparser import ParserError

    source = str(path)
    if not Path(path).exists():
        raise DataError(
            f"{source}: no such file or folder; download it with `tradewar data fetch icio`."
        )
    try:
        io = pymrio.parse_oecd(path, year=year)
    except (OSError, ValueError, KeyError, IndexError, ParserError) as exc:
        raise DataError(f"{source}: not an OECD ICIO table pymrio can parse ({exc}).") from exc
    flows = from_iosystem(io, source)
    table = read_mapping(mapping) if isinstance(mapping, str | Path) else mapping
    flows = aggregate(flows, table)
    return to_world(flows, theta=theta, name=f"OECD ICIO {Path(path).name}")
