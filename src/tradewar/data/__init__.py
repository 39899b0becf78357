"""Loaders that turn published data into :class:`~tradewar.world.World` objects.

Each loader returns ``(world, report)``: the :class:`LoadReport` lists every change it made
(rows dropped, inventories moved, sectors re-aggregated) with counts; what it cannot interpret
raises :class:`~tradewar.errors.DataError` naming the file, row and column.

* :func:`load_icio` — OECD ICIO tables (through pymrio); download with :func:`fetch_icio`;
* :func:`load_wiod` — WIOD world input-output tables (through pymrio);
* :func:`load_longform` — long-form CSV/Parquet trade, input-output, value added, deficits;
* :mod:`tradewar.data.cp2015` — the Caliendo-Parro (2015) files;
* :func:`read_mapping` — aggregation mapping files used by all of them;
* :func:`read_csv` — the strict CSV reader they share (every bad cell named by file, row, column).
"""

from tradewar.data._report import Change, LoadReport
from tradewar.data._table import Row, read_csv, read_rows
from tradewar.data.fetch import FetchResult, default_cache_dir, fetch, fetch_icio
from tradewar.data.icio import load_icio
from tradewar.data.longform import load_longform
from tradewar.data.mapping import AggregationMap, read_mapping
from tradewar.data.wiod import load_wiod

__all__ = [
    "AggregationMap",
    "Change",
    "FetchResult",
    "LoadReport",
    "Row",
    "default_cache_dir",
    "fetch",
    "fetch_icio",
    "load_icio",
    "load_longform",
    "load_wiod",
    "read_csv",
    "read_mapping",
    "read_rows",
]
