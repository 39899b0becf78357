"""Warnings for results outside the model's range of validity (they travel with the result).

The model is calibrated on observed trade at observed tariffs, mostly below 100% and at most a
few hundred percent (US tariffs on China peaked at 145% in April 2025). Far beyond that, its
constant-elasticity demand is extrapolated out of sample: a 1000% US tariff on every partner
solves and "converges" to a US welfare gain of 12.2% on the default world, the optimal-tariff
arithmetic of the model, not a forecast. Such a result is kept, and carries a warning saying why
to doubt it:

- a statutory tariff above :data:`MAX_TARIFF` on any flow;
- a policy date before the timeline's first record (only base rates apply) or more than a year
  after its last (nothing later is known; what was in force is carried on): see
  :mod:`tradewar._coverage`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tradewar._coverage import date_warnings, timeline_range

__all__ = ["MAX_TARIFF", "range_warnings", "timeline_range"]

#: Highest tariff (fraction) inside the range the model's calibration has seen: 300%.
MAX_TARIFF = 3.0


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
    return out + date_warnings(days)
