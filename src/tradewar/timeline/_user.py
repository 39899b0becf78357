"""The user's own timeline records (``tradewar timeline add``), loaded after the shipped ones.

They live in one YAML file with the sections of the shipped files (``measures``, ``events``,
``commitments``): ``$TRADEWAR_USER_TIMELINE`` if that is set (set it empty to use no user
records), else ``timeline.yaml`` in the user data directory (``platformdirs``). The shipped
timeline is never written. :func:`add_user_records` validates new records with the timeline's
models and cross-record checks before it writes anything.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tradewar.errors import TimelineError
from tradewar.timeline._models import Record
from tradewar.timeline._timeline import (
    _BUILTIN_FILES,
    Timeline,
    builtin_timeline,
    data_path,
    load_timeline,
    parse_records,
    read_file,
)

ENV = "TRADEWAR_USER_TIMELINE"
#: Sections of a candidates file (``tradewar ingest --out``) that are for the reviewer only.
REVIEW_SECTIONS = ("evidence", "check")


def user_timeline_path() -> Path | None:
    """Where the user's records are kept (None when ``$TRADEWAR_USER_TIMELINE`` is empty)."""
    value = os.environ.get(ENV)
    if value is not None:
        return Path(value).expanduser() if value.strip() else None
    from platformdirs import user_data_dir

    return Path(user_data_dir("tradewar")) / "timeline.yaml"


def user_timeline_files() -> list[Path]:
    """The user's records file, if there is one (what :func:`builtin_timeline` adds)."""
    path = user_timeline_path()
    return [path] if path is not None and path.exists() else []


@dataclass(frozen=True)
class Added:
    """What :func:`add_user_records` did: the ids added and the file written."""

    ids: tuple[str, ...]
    path: Path


def add_user_records(candidates: str | Path, user_file: str | Path | None = None) -> Added:
    """Validate the records of ``candidates`` and add them to the user's file.

    ``candidates`` is a YAML/TOML file with timeline sections; the review-only sections of
    ``tradewar ingest --out`` (``evidence``, ``check``) are dropped. Raises
    :class:`~tradewar.errors.TimelineError` naming the record and field at fault; nothing is
    written then.
    """
    target = Path(user_file) if user_file is not None else user_timeline_path()
    if target is None:
        raise TimelineError(
            f"${ENV} is empty, so user records are switched off; set it to a file path"
        )
    raw = read_file(candidates)
    if not isinstance(raw, Mapping):
        raise TimelineError(f"{candidates}: expected a mapping with measures/events/commitments")
    body = {k: v for k, v in raw.items() if k not in REVIEW_SECTIONS}
    new = parse_records(body, str(candidates))
    if not new:
        raise TimelineError(
            f"{candidates}: no records to add (sections measures/events/commitments)"
        )
    old = parse_records(read_file(target), str(target)) if target.exists() else []
    shipped = load_timeline(data_path(name) for name in _BUILTIN_FILES)
    for rec in new:
        if rec.id in shipped.by_id:
            raise TimelineError(
                f"{candidates}: record {rec.id!r} is already in the shipped timeline; drop it or "
                "give the new record another id"
            )
        if rec.id in {r.id for r in old}:
            raise TimelineError(
                f"{candidates}: record {rec.id!r} was added before (in {target}); edit that file "
                "to change it"
            )
    merged = [*old, *new]
    Timeline(measures=()).replace_records([*shipped, *merged])  # cross-record checks
    _write(target, merged)
    builtin_timeline.cache_clear()
    return Added(tuple(r.id for r in new), target)


def _write(path: Path, records: list[Record]) -> None:
    sections: dict[str, list[dict[str, Any]]] = {"measures": [], "events": [], "commitments": []}
    for rec in records:
        data = rec.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        data["confirmed"] = rec.confirmed
        sections[rec.record + "s"].append(data)
    text = "# Timeline records added with `tradewar timeline add` (loaded after the shipped ones)\n"
    text += yaml.safe_dump(
        {k: v for k, v in sections.items() if v}, sort_keys=False, allow_unicode=True
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
