"""JSON-safe values for API responses: numpy scalars to Python, NaN and infinities to null."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any


def clean(value: Any) -> Any:
    """A copy of ``value`` that ``json.dumps(..., allow_nan=False)`` accepts.

    A missing number (NaN: a percent change from a zero baseline, a scenario that did not
    converge) becomes ``null``, never a made-up value.
    """
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: Any) -> list[dict[str, Any]]:
    """Rows of a pandas DataFrame as JSON-safe dicts."""
    out: list[dict[str, Any]] = clean(frame.to_dict("records"))
    return out
