"""``/api/timeline/...``: the tariff step series both ways, events, and the tariffs on a date.

Everything comes from :mod:`tradewar.timeline` (the built-in timeline, optionally with one of its
built-in overlays: a client names an overlay, it never sends a file). Results are cached per
(dates, overlay): the timeline is immutable, so a cached answer is always the current one.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import lru_cache
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from tradewar.web._compute import compute
from tradewar.web._models import (
    ERROR_RESPONSES,
    OverlayOut,
    RecordOut,
    SeriesOut,
    TariffsOut,
)

router = APIRouter(prefix="/api/timeline", tags=["timeline"], responses=ERROR_RESPONSES)

#: The dates the API accepts (the timeline starts in 2018; overlays run to 2030).
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2040, 12, 31)
SERIES_START = dt.date(2018, 1, 1)

#: The timeline's BUILTIN_OVERLAYS (a test checks they agree).
OverlayName = Literal["truce-lapses-2026-11-10", "excess-capacity-301-2027", "back-to-2017"]
#: FIRST_DAY..LAST_DAY as a pattern, so the OpenAPI schema states the bounds (it has no
#: minimum or maximum for dates).
DAY_PATTERN = r"^(20[0-3][0-9]|2040)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
Day = Annotated[
    dt.date,
    Query(
        ge=FIRST_DAY,
        le=LAST_DAY,
        description="ISO date, YYYY-MM-DD, 2000-01-01 to 2040-12-31",
        json_schema_extra={"pattern": DAY_PATTERN},
    ),
]
OverlayQuery = Annotated[
    OverlayName | None, Query(description="A built-in overlay (scenario variant of the timeline)")
]
EconomyQuery = Annotated[
    str, Query(pattern=r"^[A-Z][A-Z0-9]{2,4}$", description="Economy code (USA, CHN, VNM, ...)")
]
KindQuery = Annotated[
    Literal["measure", "event", "commitment"] | None, Query(description="Only records of a kind")
]


def record_out(rec: Any) -> dict[str, Any]:
    """One timeline record (measure, event or commitment) with its date and sources."""
    from tradewar.timeline import record_date

    out: dict[str, Any] = {
        "id": rec.id,
        "record": rec.record,
        "date": (record_date(rec) or dt.date.min).isoformat(),
        "title": rec.title,
        "confirmed": rec.confirmed,
        "sources": list(rec.sources),
        "notes": rec.notes,
        "kind": str(getattr(rec, "kind", "commitment")),
    }
    if rec.record == "measure":
        out.update(
            actor=rec.actor,
            authority=rec.authority,
            rate=rec.rate,
            status=rec.status,
            effective=rec.effective.isoformat() if rec.effective else None,
            ended=rec.ended.isoformat() if rec.ended else None,
            targets=list(rec.targets.economies),
        )
    elif rec.record == "event":
        out.update(
            end=rec.end.isoformat() if rec.end else None,
            place=rec.place,
            outcome=rec.outcome,
            participants=list(rec.participants),
        )
    else:
        out.update(
            actor=rec.buyer,
            status=rec.status,
            amount_usd_bn=rec.amount_usd_bn,
            outcome=rec.reported_fulfilment,
        )
    return out


@lru_cache(maxsize=32)
def series_payload(start: dt.date, end: dt.date, overlay: str | None) -> dict[str, Any]:
    """The step series (percent) and the events between ``start`` and ``end``."""
    from tradewar.timeline import builtin_overlay, builtin_timeline, etr_series

    timeline = builtin_timeline()
    if overlay is not None:
        timeline = builtin_overlay(overlay).apply(timeline)
    points = etr_series(start, end, timeline=timeline)
    events = [record_out(e) for e in timeline.events if start <= e.start <= end]
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "overlay": overlay,
        "weights": "trade-weighted on 2017 imports by sector (goods); simple: unweighted mean",
        "series": [
            {
                "date": p.date.isoformat(),
                "us_on_cn": round(100 * p.us_on_cn, 3),
                "cn_on_us": round(100 * p.cn_on_us, 3),
                "us_on_cn_simple": round(100 * p.us_on_cn_simple, 3),
                "cn_on_us_simple": round(100 * p.cn_on_us_simple, 3),
                "started": list(p.started),
                "ended": list(p.ended),
            }
            for p in points
        ],
        "events": sorted(events, key=lambda e: (e["date"], e["id"])),
    }


#: One timeline computation at a time (they are CPU-bound: two at once take as long as one
#: after the other), so that identical requests arriving together compute once, then hit the cache.
_COMPUTING = threading.Lock()


def _once(fn: Any, *args: Any) -> Any:
    with _COMPUTING:
        return fn(*args)


def _targets_pair(measure: Any, exporter: str) -> bool:
    economies = measure.targets.economies
    if "ALL" in economies:
        return exporter not in measure.targets.except_
    return exporter in economies


@lru_cache(maxsize=256)
def tariffs_payload(day: dt.date, overlay: str | None) -> dict[str, Any]:
    """Tariffs in force on ``day`` both ways: averages, by authority, by sector, with sources."""
    from tradewar.sectors import GOODS_CODES
    from tradewar.timeline import DIRECTIONS, builtin_overlay, builtin_timeline, tariffs_on

    timeline = builtin_timeline()
    if overlay is not None:
        timeline = builtin_overlay(overlay).apply(timeline)
    schedule = tariffs_on(day, timeline=timeline)
    by_id = timeline.by_id
    directions = {}
    for key, (imp, exp) in DIRECTIONS.items():
        n, i = schedule.economies.index(imp), schedule.economies.index(exp)
        weights = schedule.sector_weights(imp, exp)
        goods_total = sum(
            float(w) for s, w in zip(schedule.sectors, weights, strict=True) if s in GOODS_CODES
        )
        sectors = []
        for k, sector in enumerate(schedule.sectors):
            layers = {
                auth: round(100 * float(arr[n, i, k]), 3)
                for auth, arr in schedule.by_authority.items()
                if auth != "mfn" and abs(float(arr[n, i, k])) > 0
            }
            goods = sector in GOODS_CODES
            sectors.append(
                {
                    "sector": sector,
                    "goods": goods,
                    "weight_pct": round(100 * float(weights[k]) / goods_total, 3)
                    if goods and goods_total > 0
                    else None,
                    "base": round(100 * float(schedule.base[n, i, k]), 3),
                    "total": round(100 * float(schedule.total[n, i, k]), 3),
                    "by_authority": layers,
                }
            )
        used = [
            record_out(by_id[r.id])
            for r in schedule.records
            if r.actor == imp and _targets_pair(by_id[r.id], exp)
        ]
        directions[key] = {
            "importer": imp,
            "exporter": exp,
            "trade_weighted": round(100 * schedule.average(imp, exp, "trade"), 3),
            "simple": round(100 * schedule.average(imp, exp, "simple"), 3),
            "by_authority": {
                k: round(100 * v, 3) for k, v in schedule.authority_average(imp, exp).items()
            },
            "sectors": sectors,
            "records": used,
        }
    return {
        "date": day.isoformat(),
        "overlay": overlay,
        "directions": directions,
        "unconfirmed_records": list(schedule.unconfirmed),
        "notes": list(schedule.notes),
    }


@router.get("/series", response_model=SeriesOut, summary="Average tariffs each way, step series")
async def series(
    request: Request,
    start: Day = SERIES_START,
    end: Day | None = None,
    overlay: OverlayQuery = None,
) -> Any:
    """The trade-weighted and simple average tariff of the US on China and of China on the US
    (percent), from every date a tariff measure starts or ends, with the events in the range.

    ``end`` defaults to today. The series is exact between its dates.
    """
    from tradewar.web._errors import bad_request

    last = end or dt.date.today()
    if last < start:
        raise bad_request(f"end {last} is before start {start}")
    return await compute(request, _once, series_payload, start, last, overlay)


@router.get("/tariffs", response_model=TariffsOut, summary="Tariffs in force on a date")
async def tariffs(request: Request, date: Day, overlay: OverlayQuery = None) -> Any:
    """Tariffs in force on ``date`` between the US and China: averages, the contribution of
    each legal authority, the rate by sector, and the records (with sources) behind them."""
    return await compute(request, _once, tariffs_payload, date, overlay)


@router.get("/overlays", response_model=list[OverlayOut], summary="The built-in overlays")
def overlays() -> Any:
    """The scenario variants of the timeline shipped with tradewar (name and description)."""
    from tradewar.timeline import BUILTIN_OVERLAYS, builtin_overlay

    return [
        {"name": n, "description": " ".join(builtin_overlay(n).description.split())}
        for n in BUILTIN_OVERLAYS
    ]


@router.get("/records", response_model=list[RecordOut], summary="Timeline records by date")
def records(
    start: Day | None = None,
    end: Day | None = None,
    kind: KindQuery = None,
) -> Any:
    """Measures, events and commitments dated within ``[start, end]``, with their sources and
    confirmed flags."""
    from tradewar.timeline import builtin_timeline

    return [record_out(r) for r in builtin_timeline().between(start, end, kind)]


class PairPointOut(BaseModel):
    date: str
    rate: float
    by_authority: dict[str, float]
    started: list[str]
    ended: list[str]


class PairSeriesOut(BaseModel):
    """One pair's average tariff (percent) from each date until the next, by authority."""

    importer: str
    exporter: str
    start: str
    end: str
    overlay: str | None
    series: list[PairPointOut]
    events: list[RecordOut]


@lru_cache(maxsize=64)
def pair_payload(
    importer: str, exporter: str, start: dt.date, end: dt.date, overlay: str | None
) -> dict[str, Any]:
    """The step series of one pair (``exporter`` ``ALL``: all the importer's imports)."""
    from tradewar.timeline import builtin_overlay, builtin_timeline, pair_series

    timeline = builtin_timeline()
    if overlay is not None:
        timeline = builtin_overlay(overlay).apply(timeline)
    points = pair_series(start, end, importer, exporter, timeline=timeline)
    events = [record_out(e) for e in timeline.events if start <= e.start <= end]
    return {
        "importer": importer,
        "exporter": exporter,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "overlay": overlay,
        "series": [
            {
                "date": p.date.isoformat(),
                "rate": round(100 * p.rate, 3),
                "by_authority": {k: round(100 * v, 3) for k, v in p.by_authority.items()},
                "started": list(p.started),
                "ended": list(p.ended),
            }
            for p in points
        ],
        "events": sorted(events, key=lambda e: (e["date"], e["id"])),
    }


@router.get(
    "/pair", response_model=PairSeriesOut, summary="One pair's average tariff, by authority"
)
async def pair(
    request: Request,
    importer: EconomyQuery = "USA",
    exporter: EconomyQuery = "CHN",
    start: Day = SERIES_START,
    end: Day | None = None,
    overlay: OverlayQuery = None,
) -> Any:
    """The trade-weighted average tariff of ``importer`` on ``exporter`` (``ALL``: on all its
    imports) in percent, split by legal authority, from every date a tariff measure starts or
    ends, with the events in the range (for a chart stacked by authority)."""
    from tradewar.errors import TimelineError
    from tradewar.web._errors import bad_request

    last = end or dt.date.today()
    if last < start:
        raise bad_request(f"end {last} is before start {start}")
    try:
        return await compute(request, _once, pair_payload, importer, exporter, start, last, overlay)
    except TimelineError as exc:
        raise bad_request(str(exc)) from exc
