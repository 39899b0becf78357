"""Check candidates against the timeline: *new*, *recorded* (which record) or *conflicts* (how).

A candidate matches a record of its type that is about the same thing — a measure of the same
actor on an overlapping target, under the same authority if both name one, dated near the
record's announcement or entry into force; an event of the same kind starting within two days
(or at the same place); a commitment of the same buyer and goods announced within a week. Among
matches the one agreeing on most fields wins. Then every field the candidate states is compared:
all equal is *recorded*, any difference is a *conflict* listing both values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from tradewar.ingest._candidate import Candidate
from tradewar.ingest._text import CITY_COUNTRY
from tradewar.timeline import ALL, NOT_IN_FORCE, Commitment, Event, Measure, Timeline

Label = Literal["new", "recorded", "conflicts"]

_COMPARED = {
    "measure": ("rate", "replaces_rate", "effective", "announced", "planned_end", "status"),
    "event": ("start", "end", "place"),
    "commitment": ("seller", "amount_usd_bn", "amount_physical", "period_start", "period_end"),
}


@dataclass(frozen=True)
class Conflict:
    field: str
    candidate: Any
    recorded: Any


@dataclass(frozen=True)
class Checked:
    """A candidate and what the timeline says about it."""

    candidate: Candidate
    label: Label
    match: str | None = None
    conflicts: tuple[Conflict, ...] = ()


def check(candidates: tuple[Candidate, ...] | list[Candidate], timeline: Timeline) -> list[Checked]:
    """Label each candidate against ``timeline`` (see the module docstring for the rules)."""
    out = []
    for c in candidates:
        pool: tuple[Any, ...] = {
            "measure": timeline.measures,
            "event": timeline.events,
            "commitment": timeline.commitments,
        }[c.type]
        matches = [r for r in pool if _same_thing(c, r)]
        if not matches:
            out.append(Checked(c, "new"))
            continue
        scored = [(_differences(c, r), r) for r in matches]
        diffs, best = min(scored, key=lambda x: (len(x[0]), x[1].id))
        out.append(Checked(c, "conflicts" if diffs else "recorded", best.id, tuple(diffs)))
    return out


def _near(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= days


def _same_thing(c: Candidate, r: Any) -> bool:
    v = c.value
    if isinstance(r, Measure):
        if v("actor") != r.actor:
            return False
        targets = set(v("targets", {}).get("economies", ()))
        if targets and ALL not in r.targets.economies and not targets & set(r.targets.economies):
            return False
        if v("authority") and v("authority") != r.authority:
            return False
        same_rate = v("rate") is not None and r.rate is not None and abs(v("rate") - r.rate) < 1e-9
        if not v("authority") and not same_rate:
            return False  # without an authority only the rate can tell two measures apart
        days = [d for d in (v("effective"), v("announced")) if d is not None]
        if not days:
            return bool(v("authority")) and same_rate
        short = r.announced and r.effective and (r.effective - r.announced).days <= 31
        planned = v("status") in NOT_IN_FORCE and r.status in NOT_IN_FORCE
        return any(
            _near(d, r.effective, 3)
            or _near(d, r.announced, 14)
            or (short and r.announced <= d <= r.effective)
            or (planned and _near(d, r.announced, 30))
            for d in days
        )
    if isinstance(r, Event):
        if v("kind") != r.kind:
            return False
        if v("start") is not None:
            return _near(v("start"), r.start, 2)
        return bool(v("place")) and _same_place(v("place"), r.place)
    if isinstance(r, Commitment):
        return (
            v("buyer") == r.buyer
            and str(v("product_group", "")).split(" ")[0] in r.product_group
            and _near(v("announced"), r.announced, 7)
        )
    return False


def _same_place(a: str, b: str) -> bool:
    """Same place, or a city and the country it is in ("Kuala Lumpur (Merdeka 118)", "Malaysia")."""
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    if a in b or b in a:
        return True
    countries = {city.lower(): country.lower() for city, country in CITY_COUNTRY.items()}
    return any(
        (city in a and country in b) or (city in b and country in a)
        for city, country in countries.items()
    )


def _differences(c: Candidate, r: Any) -> list[Conflict]:
    out = []
    for name in _COMPARED[c.type]:
        mine = c.value(name)
        if mine is None:
            continue
        theirs = getattr(r, name)
        if name == "place":
            if not theirs or not _same_place(mine, theirs):
                out.append(Conflict(name, mine, theirs))
        elif name == "status":
            if (mine in NOT_IN_FORCE) != (theirs in NOT_IN_FORCE):
                out.append(Conflict(name, mine, theirs))
        elif isinstance(mine, float) and isinstance(theirs, float):
            if abs(mine - theirs) > 1e-9:
                out.append(Conflict(name, mine, theirs))
        elif mine != theirs:
            out.append(Conflict(name, mine, theirs))
    return out
