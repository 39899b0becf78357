"""World Input-Output Database (WIOD) tables, read with pymrio's parser.

``load_wiod(path, year=...)`` takes a WIOT file of the 2013 release (``wiotYY_row_apr12.xlsx``, or
a folder holding one per year), parses it with :func:`pymrio.parse_wiod`, optionally aggregates
regions and sectors through a mapping file, and returns a :class:`~tradewar.world.World` and the
:class:`~tradewar.data.LoadReport` of what changed (inventory changes, category c42, are the usual
negative entries). pymrio's warnings about absent satellite accounts (SEA, environmental
extensions) are not about the flows and are silenced. Values stay in USD million.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

from tradewar.data._mrio import aggregate, from_iosystem, to_world
from tradewar.data._report import LoadReport
from tradewar.data.mapping import AggregationMap, read_mapping
from tradewar.errors import DataError
from tradewar.world import World


def load_wiod(
    path: str | Path,
    year: int | None = None,
    *,
    mapping: str | Path | AggregationMap | None = None,
    theta: float | Mapping[str, float] | None = None,
) -> tuple[World, LoadReport]:
    """Read a WIOD world input-output table into a world (see the module docstring)."""
    import pymrio
    from pymrio.tools.ioparser import ParserError, ParserWarning

    source = str(path)
    if not Path(path).exists():
        raise DataError(f"{source}: no such file or folder.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ParserWarning)
            io = pymrio.parse_wiod(path, year=year)
    except (OSError, ValueError, KeyError, IndexError, TypeError, ParserError) as exc:
        raise DataError(f"{source}: not a WIOD table pymrio can parse ({exc}).") from exc
    flows = from_iosystem(io, source)
    table = read_mapping(mapping) if isinstance(mapping, str | Path) else mapping
    flows = aggregate(flows, table)
    return to_world(flows, theta=theta, name=f"WIOD {Path(path).name}")
