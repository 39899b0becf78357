"""The candidates file that a reviewer edits and ``tradewar timeline add`` reads.

Its ``measures`` / ``events`` / ``commitments`` sections are timeline records exactly as the
shipped YAML holds them. Two more sections are for the reviewer and are dropped on adding:
``evidence`` (record id -> field -> the sentence it came from) and ``check`` (record id -> label,
matching record, conflicting fields).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from tradewar.ingest._check import Checked

HEADER = """\
# Candidate timeline records proposed by `tradewar ingest` from {path}
# Nothing here is confirmed. Review every field against the source (see `evidence`), fill what
# is missing, delete what is wrong or already recorded (see `check`), then run
#     tradewar timeline add THIS_FILE
"""


def candidates_yaml(checked: list[Checked], path: str) -> str:
    """YAML text of the candidates, their evidence and their check results."""
    sections: dict[str, list[dict[str, Any]]] = {"measures": [], "events": [], "commitments": []}
    evidence: dict[str, dict[str, str]] = {}
    checks: dict[str, dict[str, Any]] = {}
    for item in checked:
        c = item.candidate
        data = c.record_data()
        sections[c.type + "s"].append(data)
        evidence[data["id"]] = {name: ev.sentence for name, ev in c.fields.items()}
        entry: dict[str, Any] = {"label": item.label}
        if item.match:
            entry["match"] = item.match
        if item.conflicts:
            entry["conflicts"] = {
                k.field: {"candidate": _plain(k.candidate), "recorded": _plain(k.recorded)}
                for k in item.conflicts
            }
        _record, problems = c.validate()
        if problems:
            entry["to_fill"] = problems
        checks[data["id"]] = entry
    body = {k: v for k, v in sections.items() if v}
    body["evidence"] = evidence  # type: ignore[assignment]
    body["check"] = checks  # type: ignore[assignment]
    return HEADER.format(path=path) + yaml.safe_dump(
        body, sort_keys=False, allow_unicode=True, width=100
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
