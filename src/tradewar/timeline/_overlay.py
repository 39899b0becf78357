"""Scenario overlays: add, end, change or remove measures from a date, as validated data.

An overlay is a YAML or TOML file::

    name: truce-lapses
    description: The Busan truce is not renewed.
    end:                 # measure ends: last day in force is the day before 'from'
      - {id: cn-2025-susp-24-busan, from: 2026-11-10}
    change:              # the measure ends the day before 'from'; a copy with 'set' starts then
      - {id: us-s301-list4a-7p5, from: 2027-01-01, set: {rate: 0.15}}
    end_all:                  # every tariff measure of these actors/authorities ends
      from: 2027-01-01
      actors: [USA, CHN]
      authorities: [s301, tariff_commission]  # default: all but mfn/fta
    remove: [some-id]         # drop a record entirely (it never happened)
    add:                      # new records, validated like the built-in ones
      measures: [...]

Every entry is checked against the timeline it is applied to: an unknown id is an error.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tradewar.errors import TimelineError
from tradewar.timeline._codes import Authority
from tradewar.timeline._models import Measure, Record
from tradewar.timeline._timeline import Timeline, data_path, parse_records, read_file


class _End(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    id: str
    from_: dt.date = Field(alias="from")


class _Change(_End):
    set: dict[str, Any] = Field(min_length=1)


class _EndAll(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    from_: dt.date = Field(alias="from")
    actors: tuple[str, ...] = ()
    authorities: tuple[Authority, ...] = ()


class Overlay(BaseModel):
    """A scenario variant of the timeline. Apply with :meth:`apply` or pass to ``tariffs_on``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    end: tuple[_End, ...] = ()
    change: tuple[_Change, ...] = ()
    end_all: _EndAll | None = None
    remove: tuple[str, ...] = ()
    add: dict[str, Any] = Field(default_factory=dict)

    def added_records(self) -> list[Record]:
        return parse_records(self.add, f"overlay {self.name!r}: add") if self.add else []

    def apply(self, timeline: Timeline) -> Timeline:
        """A new timeline with the overlay's changes (the input is not modified)."""
        where = f"overlay {self.name!r}"
        records: dict[str, Record] = {r.id: r for r in timeline}
        for rid in self.remove:
            if rid not in records:
                raise TimelineError(f"{where}: remove: unknown record {rid!r}")
            del records[rid]
        for item in self.end:
            m = _measure(records, item.id, f"{where}: end")
            records[m.id] = _ended(m, item.from_, where)
        for ch in self.change:
            m = _measure(records, ch.id, f"{where}: change")
            new_id = f"{m.id}@{ch.from_.isoformat()}"
            data = m.model_dump(by_alias=True)
            data.update(ch.set)
            data.update(
                id=new_id,
                effective=ch.from_,
                announced=None,
                status="in_force",
                ended=data.get("ended") if "ended" in ch.set else None,
            )
            data["notes"] = f"{where}: changed from {ch.from_}. " + data.get("notes", "")
            try:
                changed = Measure.model_validate(data)
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = ".".join(str(p) for p in err["loc"])
                raise TimelineError(
                    f"{where}: change of {m.id!r}: field '{loc}': {err['msg']}"
                ) from exc
            records[m.id] = _ended(m, ch.from_, where)
            records[new_id] = changed
        if self.end_all is not None:
            ea = self.end_all
            for rid, rec in list(records.items()):
                if not isinstance(rec, Measure) or not rec.is_tariff:
                    continue
                if ea.actors and rec.actor not in ea.actors:
                    continue
                if ea.authorities:
                    if rec.authority not in ea.authorities:
                        continue
                elif rec.authority in ("mfn", "fta"):
                    continue
                if rec.effective and rec.effective >= ea.from_:
                    del records[rid]
                elif rec.ended is None or rec.ended >= ea.from_:
                    records[rid] = _ended(rec, ea.from_, where)
        for rec in self.added_records():
            if rec.id in records:
                raise TimelineError(f"{where}: add: record {rec.id!r} already exists")
            records[rec.id] = rec
        return timeline.replace_records(records.values())


def _measure(records: dict[str, Record], rid: str, where: str) -> Measure:
    rec = records.get(rid)
    if not isinstance(rec, Measure):
        raise TimelineError(f"{where}: unknown measure id {rid!r}")
    return rec


def _ended(m: Measure, start: dt.date, where: str) -> Measure:
    last = start - dt.timedelta(days=1)
    if m.effective is not None and last < m.effective:
        raise TimelineError(
            f"{where}: measure {m.id!r} starts {m.effective}, after the overlay date {start}; "
            "remove it instead"
        )
    if m.ended is not None and m.ended <= last:
        return m
    return m.model_copy(update={"ended": last, "notes": f"{where}: ended {last}. {m.notes}"})


def load_overlay(path: str | Path) -> Overlay:
    """Read and validate an overlay file (YAML or TOML)."""
    raw = read_file(path)
    try:
        overlay = Overlay.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"field '{'.'.join(str(p) for p in e['loc'])}': {e['msg']}" for e in exc.errors()
        ]
        raise TimelineError(f"{path}: invalid overlay:\n  " + "\n  ".join(problems)) from exc
    overlay.added_records()  # validate added records now, naming the file
    return overlay


BUILTIN_OVERLAYS = ("truce-lapses-2026-11-10", "excess-capacity-301-2027", "back-to-2017")


@cache
def builtin_overlay(name: str) -> Overlay:
    """A shipped example overlay by name (see :data:`BUILTIN_OVERLAYS`)."""
    if name not in BUILTIN_OVERLAYS:
        raise TimelineError(f"unknown built-in overlay {name!r}; choose from {BUILTIN_OVERLAYS}")
    return load_overlay(data_path(f"overlays/{name}.yaml"))


def resolve_overlay(overlay: object) -> Overlay:
    if isinstance(overlay, Overlay):
        return overlay
    if isinstance(overlay, str) and overlay in BUILTIN_OVERLAYS:
        return builtin_overlay(overlay)
    if isinstance(overlay, str | Path):
        return load_overlay(overlay)
    raise TimelineError(
        f"overlay must be an Overlay, a file path or a built-in name, not {overlay!r}"
    )
