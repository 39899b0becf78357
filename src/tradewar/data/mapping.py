"""Aggregation mapping files: which source economy/sector goes into which target label.

A mapping file is a CSV with columns ``kind`` (``country`` or ``sector``), ``source`` and
``target``; one row per source label. Every label of the data must be mapped (nothing is dropped
silently); :func:`read_mapping` checks the file and :func:`check_complete` the coverage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tradewar.data._table import read_csv
from tradewar.errors import DataError


@dataclass(frozen=True)
class AggregationMap:
    countries: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    source: str = ""


def read_mapping(path: str | Path) -> AggregationMap:
    """Read a mapping CSV (see the module docstring)."""
    countries: dict[str, str] = {}
    sectors: dict[str, str] = {}
    for row in read_csv(path, ("kind", "source", "target")):
        kind = row.text("kind", allowed=("country", "sector"))
        table = countries if kind == "country" else sectors
        source = row.text("source")
        if source in table:
            raise row.error("source", f"{kind} {source!r} is mapped twice")
        table[source] = row.text("target")
    return AggregationMap(countries, sectors, str(path))


def check_complete(
    mapping: Mapping[str, str] | None, labels: Iterable[str], kind: str, where: str
) -> None:
    """Raise if some of ``labels`` are not mapped (a partial map would drop data)."""
    if not mapping:
        return
    missing = [label for label in labels if label not in mapping]
    if missing:
        raise DataError(
            f"{where}: {kind} {missing[:10]}{' ...' if len(missing) > 10 else ''} are not in the "
            f"mapping ({len(missing)} unmapped); map every {kind}, to itself if it should stay."
        )
