"""The dates the built-in timeline covers, and the warning for a date outside them.

Used by the range warnings of :mod:`tradewar.runner` and the timeline commands of the CLI; no
solver is imported. Before the first record only base (MFN) rates apply; more than
:data:`CARRY_DAYS` after the last, nothing is known and what was in force is carried on.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from tradewar.timeline import builtin_timeline, record_date

#: Days after the timeline's last record within which a date is still "covered".
CARRY_DAYS = 366


@cache
def timeline_range() -> tuple[dt.date, dt.date]:
    """The first and last dates of the built-in timeline's records."""
    dates = []
    for rec in builtin_timeline():
        day = record_date(rec)
        if day is not None:
            dates.append(day)
        for name in ("ended", "end"):
            extra = getattr(rec, name, None)
            if isinstance(extra, dt.date):
                dates.append(extra)
    return min(dates), max(dates)


def date_warnings(days: list[dt.date], what: str = "policy date") -> list[str]:
    """One warning per side (before, long after) on which some of ``days`` fall outside."""
    if not days:
        return []
    first, last = timeline_range()
    early = [d for d in days if d < first]
    late = [d for d in days if (d - last).days > CARRY_DAYS]
    out = []
    if early:
        out.append(
            f"{what} {min(early)} is before the timeline's first record ({first}): only base "
            f"(MFN) rates apply; the timeline covers {first} to {last}"
        )
    if late:
        out.append(
            f"{what} {max(late)} is more than a year after the timeline's last record ({last}): "
            f"the tariffs in force then are carried on unchanged; the timeline covers {first} "
            f"to {last}"
        )
    return out
