"""Step 4: the USA and CHN import rows of the tariffs from the policy timeline."""

from __future__ import annotations

import numpy as np

from tradewar.sectors import SECTOR_CODES
from tradewar.timeline import tariffs_on
from tradewar.worlds.build._inputs import ECONOMIES

#: Mid-2024: before the four-year-review increases of 2024-09-27, which touched little 2024 trade.
TIMELINE_DATE = "2024-07-01"


def timeline_tariffs(tariffs: np.ndarray, date: str = TIMELINE_DATE) -> np.ndarray:
    """Replace the USA and CHN import rows with the timeline compiler's tariffs on ``date``."""
    schedule = tariffs_on(date, economies=ECONOMIES, sectors=SECTOR_CODES)
    return np.asarray(schedule.apply(tariffs, ECONOMIES, SECTOR_CODES), dtype=np.float64)
