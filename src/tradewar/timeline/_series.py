"""Bilateral averages and the effective-rate step series between the US and China.

The trade-weighted average of importer *n* on exporter *i* weights the total rate (base plus
additional) of each goods sector by *n*'s base-year imports from *i* in that sector
(``trade_weights.csv``, 2017, the year the PIIE chart uses); the simple average is the unweighted
mean over the 16 goods sectors. The step series evaluates the schedule at every date a tariff
measure starts or ends, so it is exact between those dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tradewar.timeline._compile import TariffSchedule, parse_date, tariffs_on
from tradewar.timeline._overlay import resolve_overlay
from tradewar.timeline._timeline import Timeline, builtin_timeline

#: The two directions reported by the CLI: key -> (importer, exporter).
DIRECTIONS: dict[str, tuple[str, str]] = {"US_on_CN": ("USA", "CHN"), "CN_on_US": ("CHN", "USA")}


def direction_summary(schedule: TariffSchedule, importer: str, exporter: str) -> dict[str, object]:
    """Averages in percent: ``trade_weighted``, ``simple``, ``by_authority``, ``by_sector``.

    A pair without base-year import weights (China's imports from partners other than the US)
    has ``trade_weighted`` and ``by_authority`` of ``None`` and a ``note`` saying so.
    """
    rates = schedule.rates(importer, exporter)
    weighted = (importer, exporter) in schedule.weights
    out: dict[str, object] = {
        "trade_weighted": round(100 * schedule.average(importer, exporter, "trade"), 3)
        if weighted
        else None,
        "simple": round(100 * schedule.average(importer, exporter, "simple"), 3),
        "by_authority": {
            k: round(100 * v, 3) for k, v in schedule.authority_average(importer, exporter).items()
        }
        if weighted
        else None,
        "by_sector": {
            s: round(100 * float(r), 3) for s, r in zip(schedule.sectors, rates, strict=True)
        },
    }
    if not weighted:
        out["note"] = (
            f"no base-year import weights for {importer} <- {exporter}: only the simple average "
            "and the rates by sector are given"
        )
    return out


def tariffs_summary(schedule: TariffSchedule) -> dict[str, object]:
    """The ``tradewar tariffs --json`` payload."""
    out: dict[str, object] = {"date": schedule.date.isoformat()}
    for key, (imp, exp) in DIRECTIONS.items():
        out[key] = direction_summary(schedule, imp, exp)
    out["unconfirmed_records"] = list(schedule.unconfirmed)
    out["notes"] = list(schedule.notes)
    return out


@dataclass(frozen=True)
class SeriesPoint:
    """Averages (fractions) from ``date`` until the next point, and what changed on ``date``."""

    date: dt.date
    us_on_cn: float
    cn_on_us: float
    us_on_cn_simple: float
    cn_on_us_simple: float
    started: tuple[str, ...]
    ended: tuple[str, ...]


def change_dates(timeline: Timeline, start: dt.date, end: dt.date) -> list[dt.date]:
    """``start`` and every date in ``(start, end]`` on which a tariff measure starts or ends."""
    days = {start}
    for m in timeline.measures:
        if not m.is_tariff or m.effective is None:
            continue
        for d in (m.effective, m.ended + dt.timedelta(days=1) if m.ended else None):
            if d is not None and start < d <= end:
                days.add(d)
    return sorted(days)


def _with_overlay(timeline: Timeline | None, overlay: object | None) -> Timeline:
    """``timeline`` (default: the built-in one) with ``overlay`` applied, if any."""
    tl = timeline if timeline is not None else builtin_timeline()
    return resolve_overlay(overlay).apply(tl) if overlay is not None else tl


def _started_ended(tl: Timeline, day: dt.date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Ids of the tariff measures that start on ``day`` and of those whose last day was the day
    before."""
    started = tuple(m.id for m in tl.measures if m.is_tariff and m.effective == day)
    ended = tuple(
        m.id
        for m in tl.measures
        if m.is_tariff and m.ended is not None and m.ended + dt.timedelta(days=1) == day
    )
    return started, ended


def etr_series(
    start: dt.date | str,
    end: dt.date | str,
    overlay: object | None = None,
    *,
    timeline: Timeline | None = None,
) -> list[SeriesPoint]:
    """Step series of the US tariff on China and China's on the US between two dates."""
    d0, d1 = parse_date(start), parse_date(end)
    tl = _with_overlay(timeline, overlay)
    out = []
    for day in change_dates(tl, d0, d1):
        s = tariffs_on(day, timeline=tl)
        started, ended = _started_ended(tl, day)
        out.append(
            SeriesPoint(
                date=day,
                us_on_cn=s.average("USA", "CHN"),
                cn_on_us=s.average("CHN", "USA"),
                us_on_cn_simple=s.average("USA", "CHN", "simple"),
                cn_on_us_simple=s.average("CHN", "USA", "simple"),
                started=started,
                ended=ended,
            )
        )
    return out


#: Pseudo-exporter meaning all of the importer's imports (weighted by its 2024 imports by partner).
ALL_IMPORTS = "ALL"


def all_imports_average(schedule: TariffSchedule, importer: str = "USA") -> float:
    """Average total tariff (fraction) of ``importer`` on all its imports.

    Each partner's trade-weighted average is weighted by the importer's 2024 imports from it
    (``us_imports_2024.csv``, goods chapters 01-97), over the partners of the schedule.
    """
    from tradewar.errors import TimelineError
    from tradewar.timeline._weights import imports_2024

    tables = {e: t for (n, e), t in imports_2024().items() if n == importer}
    partners = [e for e in schedule.economies if e in tables and e != importer]
    if not partners:
        raise TimelineError(
            f"no 2024 import totals for importer {importer}; all-imports averages are available "
            f"for {sorted({n for n, _ in imports_2024()})}"
        )
    w = [tables[e].total for e in partners]
    return sum(wi * schedule.average(importer, e) for wi, e in zip(w, partners, strict=True)) / sum(
        w
    )


def pair_average(schedule: TariffSchedule, importer: str, exporter: str) -> float:
    """Trade-weighted average of one pair, or of all imports when ``exporter`` is ``ALL``."""
    if exporter == ALL_IMPORTS:
        return all_imports_average(schedule, importer)
    return schedule.average(importer, exporter)


def pair_authorities(schedule: TariffSchedule, importer: str, exporter: str) -> dict[str, float]:
    """Contribution (fraction) of each authority, with the base as ``base``; ``ALL`` allowed."""
    if exporter != ALL_IMPORTS:
        return schedule.authority_average(importer, exporter)
    from tradewar.timeline._weights import imports_2024

    tables = {e: t for (n, e), t in imports_2024().items() if n == importer}
    partners = [e for e in schedule.economies if e in tables and e != importer]
    total = sum(tables[e].total for e in partners)
    out: dict[str, float] = {}
    for e in partners:
        for k, v in schedule.authority_average(importer, e).items():
            out[k] = out.get(k, 0.0) + v * tables[e].total / total
    return out


@dataclass(frozen=True)
class PairPoint:
    """Average (fraction) of one pair from ``date`` until the next point, by authority."""

    date: dt.date
    rate: float
    by_authority: dict[str, float]
    started: tuple[str, ...]
    ended: tuple[str, ...]


def pair_series(
    start: dt.date | str,
    end: dt.date | str,
    importer: str,
    exporter: str,
    overlay: object | None = None,
    *,
    timeline: Timeline | None = None,
) -> list[PairPoint]:
    """Step series of one pair's average (``exporter`` may be ``ALL``) at every change date."""
    d0, d1 = parse_date(start), parse_date(end)
    tl = _with_overlay(timeline, overlay)
    out = []
    for day in change_dates(tl, d0, d1):
        s = tariffs_on(day, timeline=tl)
        started, ended = _started_ended(tl, day)
        out.append(
            PairPoint(
                date=day,
                rate=pair_average(s, importer, exporter),
                by_authority=pair_authorities(s, importer, exporter),
                started=started,
                ended=ended,
            )
        )
    return out


def daily(points: list[PairPoint], end: dt.date | str) -> list[tuple[dt.date, PairPoint]]:
    """Every day from the first point to ``end`` with the point in force that day."""
    last = parse_date(end)
    out: list[tuple[dt.date, PairPoint]] = []
    for k, p in enumerate(points):
        stop = points[k + 1].date if k + 1 < len(points) else last + dt.timedelta(days=1)
        day = p.date
        while day < stop:
            out.append((day, p))
            day += dt.timedelta(days=1)
    return out
