"""The US–China policy timeline: dated, sourced records compiled to the tariffs in force on a date.

Records (:class:`Measure`, :class:`Event`, :class:`Commitment`) live as YAML in
``tradewar/timeline/data``; :func:`builtin_timeline` loads and validates them. :func:`tariffs_on`
compiles the tariffs in force on a date — base (MFN/preferential) plus additional, importer x
exporter x sector, by authority — into a :class:`TariffSchedule`, whose ``apply`` writes them into
a model tariff array. :class:`Overlay` files describe scenario variants. :func:`etr_series` gives
the step series of the bilateral averages. This package never imports the solver.

    >>> from tradewar.timeline import tariffs_on
    >>> s = tariffs_on("2025-06-01")
    >>> round(100 * s.average("USA", "CHN"))  # trade-weighted, percent
    45
"""

from tradewar.timeline._codes import ALL, AUTHORITIES, DEFAULT_ECONOMIES, NOT_IN_FORCE
from tradewar.timeline._compile import TariffSchedule, UsedRecord, parse_date, tariffs_on
from tradewar.timeline._models import Commitment, Event, Measure, Record, Scope, Stacking, Targets
from tradewar.timeline._overlay import (
    BUILTIN_OVERLAYS,
    Overlay,
    builtin_overlay,
    load_overlay,
    resolve_overlay,
)
from tradewar.timeline._products import ProductDuty, ProductSchedule, product_duties
from tradewar.timeline._schema import export_schemas
from tradewar.timeline._series import (
    ALL_IMPORTS,
    DIRECTIONS,
    PairPoint,
    SeriesPoint,
    all_imports_average,
    daily,
    direction_summary,
    etr_series,
    pair_average,
    pair_series,
    tariffs_summary,
)
from tradewar.timeline._timeline import Timeline, builtin_timeline, load_timeline, record_date
from tradewar.timeline._user import Added, add_user_records, user_timeline_files
from tradewar.timeline._weights import CoverageModel, WeightTable, weight_tables

__all__ = [
    "ALL",
    "ALL_IMPORTS",
    "AUTHORITIES",
    "BUILTIN_OVERLAYS",
    "DEFAULT_ECONOMIES",
    "DIRECTIONS",
    "NOT_IN_FORCE",
    "Added",
    "Commitment",
    "CoverageModel",
    "Event",
    "Measure",
    "Overlay",
    "PairPoint",
    "ProductDuty",
    "ProductSchedule",
    "Record",
    "Scope",
    "SeriesPoint",
    "Stacking",
    "Targets",
    "TariffSchedule",
    "Timeline",
    "UsedRecord",
    "WeightTable",
    "add_user_records",
    "all_imports_average",
    "builtin_overlay",
    "builtin_timeline",
    "daily",
    "direction_summary",
    "etr_series",
    "export_schemas",
    "load_overlay",
    "load_timeline",
    "pair_average",
    "pair_series",
    "parse_date",
    "product_duties",
    "record_date",
    "resolve_overlay",
    "tariffs_on",
    "tariffs_summary",
    "user_timeline_files",
    "weight_tables",
]
