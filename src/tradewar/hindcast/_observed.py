"""The observed figures the hindcast is scored against, shipped as data with their sources.

``data/observed.csv``: one row per observed change (``from_value`` in ``from_year`` to
``to_value`` in ``to_year``) or level (``from_value`` empty), with ``unit``, ``source_url``, a
``confirmed`` flag (true when the figure was read from the cited page or rebuilt from shared data
by a test; false when it comes from a secondary report or from memory, as the note says) and a
``note``. Nothing here is a model output.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tradewar.errors import TradewarError


class ObservedDataError(TradewarError):
    """A row of the observed data is malformed (names the row and the fix)."""


@dataclass(frozen=True)
class Observation:
    id: str
    episode: str
    quantity: str
    from_year: int
    to_year: int
    from_value: float | None
    to_value: float
    unit: str
    source_url: str
    confirmed: bool
    note: str

    @property
    def change_pct(self) -> float | None:
        """Percent change from ``from_value`` to ``to_value`` (None for a level)."""
        if self.from_value is None:
            return None
        return 100 * (self.to_value / self.from_value - 1)


def _row(raw: dict[str, str], line: int) -> Observation:
    where = f"observed.csv line {line} ({raw.get('id', '?')!r})"
    url = raw.get("source_url", "").strip()
    if not url.startswith("https://"):
        raise ObservedDataError(f"{where}: source_url {url!r} must be an https:// address.")
    if raw.get("confirmed") not in ("true", "false"):
        raise ObservedDataError(f"{where}: confirmed must be 'true' or 'false'.")
    try:
        start = raw["from_value"].strip()
        value = float(raw["to_value"])
        from_value = float(start) if start else None
    except (KeyError, ValueError) as exc:
        raise ObservedDataError(f"{where}: values must be numbers ({exc}).") from exc
    if not math.isfinite(value) or (from_value is not None and not from_value > 0):
        raise ObservedDataError(f"{where}: from_value must be positive and to_value finite.")
    return Observation(
        id=raw["id"],
        episode=raw["episode"],
        quantity=raw["quantity"],
        from_year=int(raw["from_year"]),
        to_year=int(raw["to_year"]),
        from_value=from_value,
        to_value=value,
        unit=raw["unit"],
        source_url=url,
        confirmed=raw["confirmed"] == "true",
        note=raw["note"],
    )


@cache
def observations() -> tuple[Observation, ...]:
    """Every observed figure, validated (see the module docstring)."""
    text = resources.files("tradewar.hindcast").joinpath("data/observed.csv").read_text("utf-8")
    rows = [_row(raw, line) for line, raw in enumerate(csv.DictReader(text.splitlines()), 2)]
    ids = [r.id for r in rows]
    if len(set(ids)) != len(ids):
        raise ObservedDataError("observed.csv: ids must be unique.")
    return tuple(rows)


def observed(episode: str, quantity: str) -> Observation | None:
    """The observation of ``quantity`` in ``episode`` (None if none is shipped)."""
    for row in observations():
        if row.episode == episode and row.quantity == quantity:
            return row
    return None


def household_count() -> Observation:
    """The US household count used for the cost per household."""
    for row in observations():
        if row.quantity == "households":
            return row
    raise ObservedDataError("observed.csv has no 'households' row.")
