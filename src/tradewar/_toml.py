"""Input files written by users (scenarios, sweeps) as TOML validated by a pydantic model.

One place for reading, validating and describing such files, so every kind reports a bad file
the same way: the file, then each offending field and what is wrong with it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

#: The largest scenario or sweep file read (bytes); real ones are a few kB.
MAX_BYTES = 1024 * 1024


def read_toml(path: Path, error: type[Exception]) -> Any:
    """Parse the TOML file at ``path``; raise ``error`` naming the file when it cannot (not
    found, over :data:`MAX_BYTES`, not UTF-8 text, not TOML)."""
    from tradewar._text import read_text

    text = read_text(path, error, max_bytes=MAX_BYTES)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc}).") from exc


def field_problems(exc: ValidationError) -> str:
    """One line per invalid field: ``field 'a.b': message``."""
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        lines.append(f"field '{where}': {err['msg']}")
    return "\n  ".join(lines)


def validate(
    model: type[M], data: Any, *, kind: str, origin: str | Path | None, error: type[Exception]
) -> M:
    """Validate parsed TOML as ``model``; errors name ``origin`` (or ``kind``) and each field."""
    where = str(origin) if origin is not None else kind
    if not isinstance(data, dict):
        raise error(f"{where}: expected a table of {kind} fields, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(f"{where}: invalid {kind}:\n  {field_problems(exc)}") from exc


def json_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of files validated by ``model``."""
    schema = model.model_json_schema()
    schema["title"] = title
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
