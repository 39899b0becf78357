"""Expected-collected tariffs: statutory rates scaled by the share of statutory duty paid in 2024.

For the US (the only importer with duties-paid data), exporter *i* and sector *j*::

    ratio[i, j] = duty_2024[i, j] / (statutory_2024[i, j] * imports_2024[i, j])
    collected[n, i, j] = total[n, i, j] * ratio[i, j]

``duty_2024`` and ``imports_2024`` are the Census duties actually paid and imports for consumption
(``us_imports_2024.csv``); ``statutory_2024`` is this timeline's total rate on 2024-07-01.
The ratio folds in FTA and USMCA use, duty-free programmes, exclusions and specific-duty effects
as they were in 2024, and is assumed to carry over to the date of the schedule. Where the 2024
statutory rate is zero or there were no imports, the ratio is 1 (no information: statutory). Other
importers' rows are their statutory rates.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np

from tradewar.sectors import SECTOR_CODES

#: The date whose statutory rates are compared with the duties paid in 2024.
REFERENCE_DAY = dt.date(2024, 7, 1)


@cache
def collection_ratios(
    economies: tuple[str, ...], sectors: tuple[str, ...]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """(N, J) ratios of duty paid to statutory duty for US imports, and the exporters covered."""
    from tradewar.timeline._compile import tariffs_on
    from tradewar.timeline._weights import duty_tables, imports_2024

    statutory = tariffs_on(REFERENCE_DAY, economies=economies, sectors=sectors)
    sidx = [SECTOR_CODES.index(s) for s in sectors]
    ratio = np.ones((len(economies), len(sectors)))
    covered = []
    if "USA" not in economies:
        return ratio, ()
    n = economies.index("USA")
    duties, imports = duty_tables(), imports_2024()
    for i, exp in enumerate(economies):
        key = ("USA", exp)
        if key not in duties or i == n:
            continue
        paid = duties[key].sector_totals()[sidx]
        value = imports[key].sector_totals()[sidx]
        owed = statutory.total[n, i] * value
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where(owed > 0, paid / np.where(owed > 0, owed, 1.0), 1.0)
        ratio[i] = r
        covered.append(exp)
    ratio.setflags(write=False)
    return ratio, tuple(covered)
