"""A candidate record: timeline fields, each with the sentence it came from.

A candidate is not a second schema: :meth:`Candidate.record_data` is a dict of the timeline's own
fields (:class:`~tradewar.timeline.Measure`, :class:`~tradewar.timeline.Event`,
:class:`~tradewar.timeline.Commitment`), always with ``confirmed: false``, and
:meth:`Candidate.validate` runs the timeline's own pydantic model on it. A candidate the text does
not fully determine (no goods named, no source URL) fails validation with the timeline's messages,
which say what the reviewer must fill in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from tradewar.timeline import Commitment, Event, Measure, Record

RecordType = Literal["measure", "event", "commitment"]
MODELS: dict[str, type[Measure] | type[Event] | type[Commitment]] = {
    "measure": Measure,
    "event": Event,
    "commitment": Commitment,
}


@dataclass(frozen=True)
class Evidence:
    """A field value and the sentence of the document it was read from."""

    value: Any
    sentence: str


@dataclass(frozen=True)
class Candidate:
    """A proposed timeline record of one type; ``fields`` are the timeline's field names."""

    type: RecordType
    fields: Mapping[str, Evidence]
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def value(self, name: str, default: Any = None) -> Any:
        ev = self.fields.get(name)
        return default if ev is None else ev.value

    @property
    def id(self) -> str:
        v = self.value
        if self.type == "measure":
            rate = v("rate")
            pct = "x" if rate is None else f"{100 * rate:g}".replace(".", "p")
            day = v("effective") or v("announced")
            parts = [v("actor") or "xxx", v("authority") or "tariff", pct, str(day or "undated")]
        elif self.type == "event":
            parts = ["event", v("kind") or "x", str(v("start") or "undated"), v("place") or ""]
        else:
            parts = [
                "com",
                v("buyer") or "x",
                v("product_group") or "goods",
                str(v("announced") or "undated"),
            ]
        slug = "-".join(p for p in parts if p).lower()
        return "ingest-" + re.sub(r"[^a-z0-9.]+", "-", slug).strip("-")[:70]

    @property
    def title(self) -> str:
        v = self.value
        if self.type == "measure":
            rate = v("rate")
            targets = ", ".join(v("targets", {}).get("economies", ())) or "?"
            rate_s = "?" if rate is None else f"{100 * rate:g}%"
            return f"{v('actor') or '?'} {v('authority') or 'tariff'} {rate_s} on {targets}"
        if self.type == "event":
            return f"{(v('kind') or 'event').replace('_', ' ')} in {v('place') or '?'}"
        return f"{v('buyer') or '?'} to buy {v('product_group') or 'goods'}"

    def record_data(self) -> dict[str, Any]:
        """The record as the timeline's YAML would hold it (``confirmed`` is always false)."""
        data: dict[str, Any] = {"id": self.id, "title": self.title}
        for name, ev in self.fields.items():
            data[name] = ev.value
        data["confirmed"] = False
        data["sources"] = list(self.sources)
        note = "Proposed by tradewar ingest; every field needs review."
        data["notes"] = " ".join((note, *self.notes))
        return data

    def validate(self) -> tuple[Record | None, list[str]]:
        """The validated timeline record, or ``None`` and the timeline's messages (what to fill)."""
        try:
            return MODELS[self.type].model_validate(self.record_data()), []
        except ValidationError as exc:
            return None, [
                f"field '{'.'.join(str(p) for p in e['loc']) or '(record)'}': {e['msg']}"
                for e in exc.errors()
            ]

    def merged(self, other: Candidate) -> Candidate:
        """This candidate with the fields only ``other`` has (used for one measure told twice)."""
        fields = dict(self.fields)
        for name, ev in other.fields.items():
            fields.setdefault(name, ev)
        return Candidate(
            self.type, fields, self.sources, tuple(dict.fromkeys(self.notes + other.notes))
        )
