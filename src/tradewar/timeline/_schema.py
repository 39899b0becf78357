"""JSON schemas of the timeline records and overlays (written to ``docs/schema/``)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from tradewar.timeline._models import Commitment, Event, Measure
from tradewar.timeline._overlay import Overlay

MODELS: dict[str, type[BaseModel]] = {
    "measure": Measure,
    "event": Event,
    "commitment": Commitment,
    "overlay": Overlay,
}


def schemas() -> dict[str, dict[str, object]]:
    """JSON schema (draft 2020-12, by pydantic) of each record type and of an overlay."""
    return {name: model.model_json_schema(by_alias=True) for name, model in MODELS.items()}


def export_schemas(folder: str | Path) -> list[Path]:
    """Write ``<name>.schema.json`` for each model into ``folder``; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        out.append(path)
    return out
