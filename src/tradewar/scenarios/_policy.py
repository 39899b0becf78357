"""Where a scenario's policy comes from: the :class:`PolicySource` protocol and the timeline.

The scenario compiler asks a policy source three things: the tariffs in force on a day (with an
overlay) written into a world's tariff array, the days on which the tariffs change, and the
commitment records. :class:`TimelinePolicy` answers from :mod:`tradewar.timeline` (the built-in,
sourced US–China timeline); tests pass small sources of their own. The source also gives the
history the report draws (bilateral averages over time, and events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from tradewar.errors import ScenarioError
from tradewar.timeline import (
    Event,
    builtin_timeline,
    etr_series,
    resolve_overlay,
    tariffs_on,
    user_timeline_files,
)
from tradewar.world import World

Overlay = str | Path | None


@dataclass(frozen=True)
class RecordRef:
    """A policy record that entered a scenario, with its flag and sources."""

    id: str
    kind: str
    actor: str
    authority: str
    title: str
    rate: float | None
    confirmed: bool
    sources: tuple[str, ...]
    days: int | None = None


@dataclass(frozen=True)
class PolicyTariffs:
    """Tariffs for a world: ``tariffs`` in force, ``base`` without additional duties (N, N, J)."""

    tariffs: np.ndarray
    base: np.ndarray
    importers: tuple[str, ...]
    records: tuple[RecordRef, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommitmentRef:
    """A commitment record: who buys what from whom, how much (USD bn or physical units)."""

    id: str
    title: str
    buyer: str
    seller: str
    product_group: str
    amount_usd_bn: float | None
    amount_physical: float | None
    unit: str | None
    status: str
    confirmed: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HistoryPoint:
    """Trade-weighted average tariffs (percent) from ``date`` until the next point."""

    date: dt.date
    us_on_cn_pct: float
    cn_on_us_pct: float
    started: tuple[str, ...] = ()
    ended: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventRef:
    date: dt.date
    kind: str
    title: str
    place: str
    confirmed: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PolicyHistory:
    """The policy's tariff history both ways, and its events, for charts."""

    points: tuple[HistoryPoint, ...]
    events: tuple[EventRef, ...]
    weights: str = ""


class PolicySource(Protocol):
    """What the scenario compiler needs from a policy timeline."""

    @property
    def version(self) -> str:
        """A fingerprint of the policy data (changes whenever a record changes)."""
        ...

    @property
    def name(self) -> str: ...

    def tariffs_on(self, day: dt.date, overlay: Overlay, world: World) -> PolicyTariffs: ...

    def change_dates(self, start: dt.date, end: dt.date, overlay: Overlay) -> list[dt.date]:
        """``start`` and every later day up to ``end`` on which a tariff starts or ends."""
        ...

    def commitment(self, record_id: str) -> CommitmentRef: ...

    def history(self, start: dt.date, end: dt.date) -> PolicyHistory: ...


def overlay_key(overlay: Overlay) -> Any:
    return str(overlay) if overlay is not None else None


@dataclass(frozen=True)
class TimelinePolicy:
    """The built-in US–China policy timeline (:mod:`tradewar.timeline`)."""

    name: str = "tradewar.timeline (built-in US-China timeline)"
    #: "statutory" (the legal rates) or "collected" (statutory times the 2024 ratio of duties paid
    #: to statutory duty, by partner and sector: TariffSchedule.collected).
    rates: str = "statutory"
    _cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.rates not in ("statutory", "collected"):
            raise ScenarioError(
                f"TimelinePolicy(rates={self.rates!r}): use 'statutory' or 'collected'"
            )

    @property
    def version(self) -> str:
        return timeline_version()

    def _timeline(self, overlay: Overlay) -> Any:
        key = ("timeline", overlay_key(overlay))
        if key not in self._cache:
            tl = builtin_timeline()
            if overlay is not None:
                tl = resolve_overlay(overlay).apply(tl)
            self._cache[key] = tl
        return self._cache[key]

    def tariffs_on(self, day: dt.date, overlay: Overlay, world: World) -> PolicyTariffs:
        stamp = hashlib.sha256(world.tariffs.tobytes()).hexdigest()
        key = (self.rates, day, overlay_key(overlay), world.countries, world.sectors, stamp)
        if key in self._cache:
            cached: PolicyTariffs = self._cache[key]
            return replace(cached, tariffs=cached.tariffs.copy(), base=cached.base.copy())
        tl = self._timeline(overlay)
        schedule = tariffs_on(day, economies=world.countries, sectors=world.sectors, timeline=tl)
        collected = self.rates == "collected"
        total = schedule.apply(world.tariffs, world.countries, world.sectors, collected=collected)
        base_only = replace(schedule, additional=np.zeros_like(schedule.additional))
        base = base_only.apply(world.tariffs, world.countries, world.sectors, collected=collected)
        by_id = tl.by_id
        records = tuple(
            RecordRef(
                id=r.id,
                kind=r.kind,
                actor=r.actor,
                authority=r.authority,
                title=getattr(by_id.get(r.id), "title", r.id),
                rate=r.rate,
                confirmed=bool(r.confirmed),
                sources=tuple(getattr(by_id.get(r.id), "sources", ())),
            )
            for r in schedule.records
        )
        result = PolicyTariffs(
            tariffs=total,
            base=base,
            importers=tuple(schedule.importers),
            records=records,
            notes=tuple(schedule.notes),
        )
        self._cache[key] = result
        return replace(result, tariffs=total.copy(), base=base.copy())

    def change_dates(self, start: dt.date, end: dt.date, overlay: Overlay) -> list[dt.date]:
        days = {start}
        for m in self._timeline(overlay).measures:
            if not m.is_tariff or m.effective is None:
                continue
            for day in (m.effective, m.ended + dt.timedelta(days=1) if m.ended else None):
                if day is not None and start < day <= end:
                    days.add(day)
        return sorted(days)

    def commitment(self, record_id: str) -> CommitmentRef:
        rec = self._timeline(None).by_id.get(record_id)
        if rec is None or getattr(rec, "record", None) != "commitment":
            raise ScenarioError(
                f"commitment record {record_id!r} is not in the timeline; list them with "
                "'tradewar timeline --kind commitment'."
            )
        return CommitmentRef(
            id=rec.id,
            title=rec.title,
            buyer=rec.buyer,
            seller=rec.seller,
            product_group=rec.product_group,
            amount_usd_bn=rec.amount_usd_bn,
            amount_physical=rec.amount_physical,
            unit=rec.unit,
            status=rec.status,
            confirmed=bool(rec.confirmed),
            sources=tuple(rec.sources),
        )

    def history(self, start: dt.date, end: dt.date) -> PolicyHistory:
        key = ("history", start, end)
        if key not in self._cache:
            points = tuple(
                HistoryPoint(
                    date=p.date,
                    us_on_cn_pct=100 * p.us_on_cn,
                    cn_on_us_pct=100 * p.cn_on_us,
                    started=tuple(p.started),
                    ended=tuple(p.ended),
                )
                for p in etr_series(start, end)
            )
            events = tuple(
                EventRef(
                    date=e.start,
                    kind=e.kind,
                    title=e.title,
                    place=e.place,
                    confirmed=bool(e.confirmed),
                    sources=tuple(e.sources),
                )
                for e in builtin_timeline().between(start, end, "event")
                if isinstance(e, Event)  # every "event" record is one; this tells mypy
            )
            self._cache[key] = PolicyHistory(
                points=points,
                events=events,
                weights="trade-weighted averages of all goods sectors, with the timeline's "
                "base-year bilateral import weights (tradewar.timeline)",
            )
        history: PolicyHistory = self._cache[key]
        return history


def timeline_version() -> str:
    """sha256 over the timeline's shipped data files, plus that of the user's added records."""
    users = [hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in user_timeline_files()]
    return _shipped_version() + "".join(f"+user:{u}" for u in users)


@cache
def _shipped_version() -> str:
    """sha256 over the timeline's shipped data files (record YAML, concordance, weights)."""
    root = Path(str(resources.files("tradewar.timeline") / "data"))
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return "sha256:" + digest.hexdigest()


def weighted_period(
    source: PolicySource,
    start: dt.date,
    end: dt.date,
    overlay: Overlay,
    world: World,
) -> tuple[PolicyTariffs, list[tuple[dt.date, int]]]:
    """The tariffs of ``[start, end]``, each day's weighted by the days it was in force.

    Returns the day-weighted tariffs and the segments ``(first day, days)``. Each record carries
    the number of days it was in force within the period.
    """
    dates = source.change_dates(start, end, overlay)
    stops = [*dates[1:], end + dt.timedelta(days=1)]
    total_days = (end - start).days + 1
    tariffs = np.zeros_like(world.tariffs)
    base = np.zeros_like(world.tariffs)
    days_by_record: dict[str, int] = {}
    refs: dict[str, RecordRef] = {}
    notes: list[str] = []
    importers: set[str] = set()
    segments = []
    for first, stop in zip(dates, stops, strict=True):
        days = (stop - first).days
        if days <= 0:
            continue
        policy = source.tariffs_on(first, overlay, world)
        weight = days / total_days
        tariffs += weight * policy.tariffs
        base += weight * policy.base
        importers.update(policy.importers)
        for ref in policy.records:
            refs.setdefault(ref.id, ref)
            days_by_record[ref.id] = days_by_record.get(ref.id, 0) + days
        notes.extend(n for n in policy.notes if n not in notes)
        segments.append((first, days))
    records = tuple(replace(refs[k], days=days_by_record[k]) for k in refs)
    return (
        PolicyTariffs(
            tariffs=tariffs,
            base=base,
            importers=tuple(c for c in world.countries if c in importers),
            records=records,
            notes=tuple(notes),
        ),
        segments,
    )


def sector_labels(world: World, sectors: Sequence[str] | str, where: str) -> list[int]:
    """Indices of ``sectors`` ("all" = every sector), with an error naming unknown ones."""
    if isinstance(sectors, str):
        if sectors != "all":
            raise ScenarioError(f'{where}: sectors must be a list or "all", not {sectors!r}')
        return list(range(world.n_sectors))
    unknown = [s for s in sectors if s not in world.sectors]
    if unknown:
        raise ScenarioError(
            f"{where}: unknown sector(s) {unknown}; the world's sectors are {list(world.sectors)}"
        )
    return [world.sectors.index(s) for s in sectors]
