"""What a loader changed: every drop, move or re-aggregation, with counts (never printed)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One kind of change a loader made: what, how many items, and an example or total."""

    what: str
    count: int
    detail: str = ""

    def __str__(self) -> str:
        tail = f" ({self.detail})" if self.detail else ""
        return f"{self.what}: {self.count}{tail}"


@dataclass(frozen=True)
class LoadReport:
    """The source a loader read and the changes it made, in order."""

    source: str
    changes: tuple[Change, ...] = ()

    def with_change(self, change: Change) -> LoadReport:
        if change.count == 0:
            return self
        return LoadReport(self.source, (*self.changes, change))

    def count(self, what: str) -> int:
        return sum(c.count for c in self.changes if c.what == what)

    def lines(self) -> list[str]:
        return [str(c) for c in self.changes] or ["no changes"]
