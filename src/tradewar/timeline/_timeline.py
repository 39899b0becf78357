"""The :class:`Timeline`: all records, loaded from YAML and checked across records.

Loading validates every record; a bad record raises :class:`~tradewar.errors.TimelineError` naming
the file, the record id and the field. Nothing is ever dropped: all errors of a file are reported
together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from tradewar.errors import TimelineError
from tradewar.timeline._models import Commitment, Event, Measure, Record

_SECTIONS: dict[str, type[BaseModel]] = {
    "measures": Measure,
    "events": Event,
    "commitments": Commitment,
}


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(record)"


def parse_records(raw: Any, origin: str) -> list[Record]:
    """Validate the parsed YAML/TOML content of one file: ``{measures: [...], events: [...]}``."""
    if not isinstance(raw, Mapping):
        raise TimelineError(
            f"{origin}: expected a mapping with keys {sorted(_SECTIONS)}, got {type(raw).__name__}"
        )
    unknown = set(raw) - set(_SECTIONS)
    if unknown:
        raise TimelineError(
            f"{origin}: unknown section(s) {sorted(unknown)}; use {sorted(_SECTIONS)}"
        )
    records: list[Record] = []
    problems: list[str] = []
    for section, model in _SECTIONS.items():
        items = raw.get(section) or []
        if not isinstance(items, list):
            raise TimelineError(f"{origin}: section {section!r} must be a list of records")
        for k, item in enumerate(items):
            rid = item.get("id", f"#{k + 1}") if isinstance(item, Mapping) else f"#{k + 1}"
            try:
                records.append(model.model_validate(item))  # type: ignore[arg-type]
            except ValidationError as exc:
                for err in exc.errors():
                    problems.append(
                        f"{origin}: record {rid!r} ({section[:-1]}), field "
                        f"'{_where(err['loc'])}': {err['msg']}"
                    )
    if problems:
        raise TimelineError(
            f"{len(problems)} invalid field(s); fix them and reload:\n  " + "\n  ".join(problems)
        )
    return records


def read_file(path: str | Path) -> Any:
    """Read a YAML (``.yaml``/``.yml``) or TOML (``.toml``) file."""
    path = Path(path)
    from tradewar._text import read_text

    text = read_text(path, TimelineError)  # names the file: unreadable, too large, not UTF-8
    try:
        if path.suffix == ".toml":
            import tomllib

            return tomllib.loads(text)
        return yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise TimelineError(f"{path}: not valid {path.suffix[1:].upper()} ({exc})") from exc


@dataclass(frozen=True)
class Timeline:
    """All measures, events and commitments, with cross-record checks done on construction."""

    measures: tuple[Measure, ...]
    events: tuple[Event, ...] = ()
    commitments: tuple[Commitment, ...] = ()

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for rec in self:
            if rec.id in seen:
                raise TimelineError(
                    f"record {rec.id!r}: duplicate id (also used by a {seen[rec.id]}); ids must "
                    "be unique across measures, events and commitments"
                )
            seen[rec.id] = rec.record
        by_id = self.by_id
        for m in self.measures:
            for field, ref in (("suspends", m.suspends), ("excludes", m.excludes)):
                if ref is None:
                    continue
                if ref not in by_id or by_id[ref].record != "measure":
                    raise TimelineError(
                        f"record {m.id!r}: field '{field}' names {ref!r}, which is not a measure"
                    )
                target = by_id[ref]
                assert isinstance(target, Measure)
                if target.actor != m.actor:
                    raise TimelineError(
                        f"record {m.id!r}: field '{field}' names {ref!r} of another actor "
                        f"({target.actor}, not {m.actor})"
                    )
        for e in self.events:
            for ref in e.measures:
                if ref not in by_id:
                    raise TimelineError(
                        f"record {e.id!r}: field 'measures' names unknown record {ref!r}"
                    )
        for c in self.commitments:
            if c.event is not None and (c.event not in by_id or by_id[c.event].record != "event"):
                raise TimelineError(
                    f"record {c.id!r}: field 'event' names unknown event {c.event!r}"
                )
        self._check_mutual_exemptions()

    def _check_mutual_exemptions(self) -> None:
        exempt: dict[tuple[str, str, str], str] = {}
        for m in self.measures:
            for other in m.stacking.exempt_if:
                exempt.setdefault((m.actor, m.authority, other), m.id)
        for (actor, a, b), rid in exempt.items():
            if (actor, b, a) in exempt:
                raise TimelineError(
                    f"record {rid!r}: stacking rules contradict: {a} is exempt where {b} applies "
                    f"and record {exempt[(actor, b, a)]!r} makes {b} exempt where {a} applies "
                    "(field 'stacking.exempt_if'); one of them must stack"
                )

    def __iter__(self) -> Iterator[Record]:
        yield from self.measures
        yield from self.events
        yield from self.commitments

    def __len__(self) -> int:
        return len(self.measures) + len(self.events) + len(self.commitments)

    @property
    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self}

    def measure(self, rid: str) -> Measure:
        rec = self.by_id.get(rid)
        if not isinstance(rec, Measure):
            raise TimelineError(f"no measure with id {rid!r}")
        return rec

    def replace_records(self, records: Iterable[Record]) -> Timeline:
        records = list(records)
        return Timeline(
            measures=tuple(r for r in records if isinstance(r, Measure)),
            events=tuple(r for r in records if isinstance(r, Event)),
            commitments=tuple(r for r in records if isinstance(r, Commitment)),
        )

    def between(
        self, start: dt.date | None = None, end: dt.date | None = None, kind: str | None = None
    ) -> list[Record]:
        """Records dated within ``[start, end]``, sorted by date (a measure by its first date)."""
        out = []
        for rec in self:
            if kind is not None and rec.record != kind:
                continue
            day = record_date(rec)
            if day is None:
                continue
            if (start and day < start) or (end and day > end):
                continue
            out.append(rec)
        return sorted(out, key=lambda r: (record_date(r) or dt.date.min, r.id))


def record_date(rec: Record) -> dt.date | None:
    """The date a record is listed under: effective (else announced), start, or announced."""
    if isinstance(rec, Measure):
        return rec.effective or rec.announced
    if isinstance(rec, Event):
        return rec.start
    return rec.announced


def load_timeline(paths: Iterable[str | Path]) -> Timeline:
    """Load and validate YAML/TOML files into one :class:`Timeline`."""
    records: list[Record] = []
    for path in paths:
        records.extend(parse_records(read_file(path), str(path)))
    return Timeline(measures=(), events=(), commitments=()).replace_records(records)


def data_path(name: str) -> Path:
    """Path of a file shipped in ``tradewar/timeline/data``."""
    return Path(str(resources.files("tradewar.timeline") / "data" / name))


_BUILTIN_FILES = (
    "measures_us_china.yaml",
    "measures_china_us.yaml",
    "measures_us_partners.yaml",
    "non_tariff.yaml",
    "events.yaml",
    "commitments.yaml",
)


@cache
def builtin_timeline() -> Timeline:
    """The shipped US–China timeline, 2018 to date, plus the user's added records (cached)."""
    from tradewar.timeline._user import user_timeline_files  # `tradewar timeline add`

    return load_timeline([*(data_path(name) for name in _BUILTIN_FILES), *user_timeline_files()])
