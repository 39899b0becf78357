"""Warnings for results outside the model's range of validity (they travel with the result).

The model is calibrated on observed trade at observed tariffs, mostly below 100% and at most a
few hundred percent (US tariffs on China peaked at 145% in April 2025). Far beyond that, its
constant-elasticity demand is extrapolated out of sample: a 1000% US tariff on every partner
solves and "converges" to a US welfare gain of about 12%, the optimal-tariff arithmetic of the
model, not a forecast. Such a result is kept, and carries a warning saying why to doubt it:

- a statutory tariff above :data:`MAX_TARIFF` on any flow;
- a policy date before the timeline's first record (only base rates apply) or more than
  :data:`CARRY_DAYS` after its last (nothing later is known; what was in force is carried on).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

#: Highest tariff (fraction) inside the range the model's calibration has seen: 300%.
MAX_TARIFF = 3.0
#: Days after the timeline's last record within which a date is still "covered".
CARRY_DAYS = 366


def timeline_range() -> tuple[dt.date, dt.date]:
    """The first and last dates of the built-in timeline's records."""
    from tradewar.timeline import builtin_timeline
    from tradewar.timeline._timeline import record_date

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


def range_warnings(compiled: Any) -> list[str]:
    """The warnings of one compiled scenario (empty inside the range of validity)."""
    out = []
    world = compiled.world
    tariffs = np.asarray(compiled.shock.tariffs_for(world))
    high = tariffs > MAX_TARIFF
    if high.any():
        n, i, j = (int(v) for v in np.unravel_index(int(np.argmax(tariffs)), tariffs.shape))
        out.append(
            f"tariffs above {100 * MAX_TARIFF:.0f}% on {int(high.sum())} flow(s), up to "
            f"{100 * float(tariffs[n, i, j]):.0f}% ({world.countries[n]} on "
            f"{world.countries[i]}, sector {world.sectors[j]}): far outside the tariffs the "
            "model is calibrated on (at most a few hundred percent); its constant-elasticity "
            "demand is extrapolated, so treat the result as illustrative, not a forecast"
        )
    days = [compiled.policy_date] if compiled.policy_date is not None else []
    period = compiled.scenario.policy.period
    if period is not None:
        days += [period.start, period.end]
    if days:
        first, last = timeline_range()
        early = [d for d in days if d < first]
        late = [d for d in days if (d - last).days > CARRY_DAYS]
        if early:
            out.append(
                f"policy date {min(early)} is before the timeline's first record ({first}): "
                f"only base (MFN) rates apply; the timeline covers {first} to {last}"
            )
        if late:
            out.append(
                f"policy date {max(late)} is more than a year after the timeline's last record "
                f"({last}): the tariffs in force then are carried on unchanged; the timeline "
                f"covers {first} to {last}"
            )
    return out
