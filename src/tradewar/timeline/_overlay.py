"""Scenario overlays: add, end, change or remove measures from a date, as validated data.

An overlay is a YAML or TOML file::

    name: truce-lapses
    description: The Busan truce is not renewed.
    end:                 # measure ends: last day in force is the day before 'from'
      - {id: cn-2025-susp-24-busan, from: 2026-11-10}
    change:              # the measure ends the day before 'from'; a copy with 'set' starts then
      - {id: us-s301-list4a-7p5, from: 2027-01-01, set: {rate: 0.15}}
    end_all:                  # the tariff measures of these actors/authorities end ...
      from: 2027-01-01
      actors: [USA, CHN]
      authorities: [s301, tariff_commission]  # default: all but mfn/fta
      targets: [CHN, USA]     # ... on these exporters only (required; [ALL]: every partner)
    remove: [some-id]         # drop a record entirely (it never happened)
    add:                      # new records, validated like the built-in ones
      measures: [...]         # (OverlayAdditions: measures, events, commitments)

Every entry is checked against the timeline it is applied to: an unknown id is an error.

``end_all`` is scoped to the exporters named in ``targets``: ``{actors: [USA], targets: [CHN]}``
ends the US tariffs on China and nothing else. A measure that also covers other partners is
split: it ends for the named targets, and a copy (id ``<id>.kept-<from>``) keeps it in force on
the rest from ``from`` on (a suspension or exclusion naming the original id does not carry over
to the copy). ``targets: [ALL]`` ends the measures on every partner.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tradewar.errors import TimelineError
from tradewar.timeline._codes import ALL, Authority
from tradewar.timeline._models import Commitment, Event, Measure, Record
from tradewar.timeline._timeline import Timeline, data_path, read_file


class _End(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    id: str
    from_: dt.date = Field(alias="from")


class _Change(_End):
    set: dict[str, Any] = Field(min_length=1)


class _EndAll(BaseModel):
    """End every tariff measure of ``actors`` under ``authorities`` on ``targets`` from a date."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    from_: dt.date = Field(alias="from")
    actors: tuple[str, ...] = ()
    authorities: tuple[Authority, ...] = ()
    targets: tuple[str, ...] | None = Field(
        default=None,
        description="Exporters whose tariffs end (e.g. [CHN]); [ALL] for every partner.",
    )

    @model_validator(mode="after")
    def _scoped(self) -> _EndAll:
        if not self.targets:
            raise ValueError(
                "end_all: name the exporters whose tariffs end, e.g. targets: [CHN] "
                "(targets: [ALL] ends them on every partner)"
            )
        if ALL in self.targets and len(self.targets) > 1:
            raise ValueError("end_all: targets: [ALL] cannot be combined with named economies")
        return self


class OverlayAdditions(BaseModel):
    """New records of an overlay, each validated like a built-in one (see ``docs/schema``)::

    add:
      measures:
        - id: us-2027-chn-60
          title: US tariff of 60% on all Chinese goods (scenario)
          actor: USA
          targets: {economies: [CHN]}
          authority: s301
          kind: additional_tariff
          scope: {all_goods: true}
          rate: 0.60                 # a fraction: 0.60 is 60%
          effective: 2027-01-01
          status: in_force
          confirmed: false
          sources: ["https://..."]
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    measures: tuple[Measure, ...] = ()
    events: tuple[Event, ...] = ()
    commitments: tuple[Commitment, ...] = ()


class Overlay(BaseModel):
    """A scenario variant of the timeline. Apply with :meth:`apply` or pass to ``tariffs_on``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    end: tuple[_End, ...] = ()
    change: tuple[_Change, ...] = ()
    end_all: _EndAll | None = None
    remove: tuple[str, ...] = ()
    add: OverlayAdditions = OverlayAdditions()

    def added_records(self) -> list[Record]:
        return [*self.add.measures, *self.add.events, *self.add.commitments]

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
            before = dict(records)
            splits: dict[str, str] = {}
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
                copy_id = _end_on_targets(records, rec, ea, where)
                if copy_id is not None:
                    splits[rid] = copy_id
            _carry_references(records, before, splits, ea.from_)
        for rec in self.added_records():
            if rec.id in records:
                raise TimelineError(f"{where}: add: record {rec.id!r} already exists")
            records[rec.id] = rec
        return timeline.replace_records(records.values())


def _end_on_targets(
    records: dict[str, Record], rec: Measure, ea: _EndAll, where: str
) -> str | None:
    """End ``rec`` from ``ea.from_`` on the exporters ``ea.targets``.

    Returns the id of the copy that keeps it in force on the other partners, if it was split.
    """
    assert ea.targets is not None
    covered, excepted = rec.targets.economies, rec.targets.except_
    if ALL in ea.targets:
        rest = None
    elif ALL in covered:
        hit = [c for c in ea.targets if c not in excepted]
        if not hit:
            return None
        rest = rec.targets.model_copy(update={"except_": (*excepted, *hit)})
    else:
        if not set(covered) & set(ea.targets):
            return None
        kept = tuple(c for c in covered if c not in ea.targets)
        rest = rec.targets.model_copy(update={"economies": kept}) if kept else None
    if rec.ended is not None and rec.ended < ea.from_:
        return None
    if rec.effective is None or rec.effective >= ea.from_:
        if rest is None:
            del records[rec.id]
        else:
            records[rec.id] = rec.model_copy(update={"targets": rest})
        return None
    records[rec.id] = _ended(rec, ea.from_, where)
    if rest is None:
        return None
    copy_id = f"{rec.id}.kept-{ea.from_.isoformat()}"
    records[copy_id] = rec.model_copy(
        update={
            "id": copy_id,
            "targets": rest,
            "effective": ea.from_,
            "announced": None,
            "notes": f"{where}: kept in force on the other partners. {rec.notes}",
        }
    )
    return copy_id


def _carry_references(
    records: dict[str, Record], before: dict[str, Record], splits: dict[str, str], start: dt.date
) -> None:
    """Suspensions and exclusions of a split measure also apply to its kept copy."""
    for rec in before.values():
        if not isinstance(rec, Measure):
            continue
        for field in ("suspends", "excludes"):
            ref = getattr(rec, field)
            if ref not in splits or (rec.ended is not None and rec.ended < start):
                continue
            copy_id = f"{rec.id}.kept-{start.isoformat()}"
            first = max(rec.effective, start) if rec.effective else None
            records[copy_id] = rec.model_copy(
                update={"id": copy_id, field: splits[ref], "effective": first, "announced": None}
            )


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
        problems = [f"field '{_field(raw, e['loc'])}': {e['msg']}" for e in exc.errors()]
        raise TimelineError(f"{path}: invalid overlay:\n  " + "\n  ".join(problems)) from exc
    return overlay


def _field(raw: Any, loc: tuple[Any, ...]) -> str:
    """``add.measures.0.rate`` with the record's id: ``add.measures[us-x].rate``."""
    parts = [str(p) for p in loc]
    if len(loc) >= 3 and loc[0] == "add" and isinstance(loc[2], int):
        try:
            rid = raw["add"][loc[1]][loc[2]]["id"]
        except (KeyError, IndexError, TypeError):
            rid = None
        if rid:
            parts[1:3] = [f"{loc[1]}[{rid!r}]"]
    return ".".join(parts) or "(file)"


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
