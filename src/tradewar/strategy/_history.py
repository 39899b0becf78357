"""Tariff profiles "as it happened": the policy timeline's tariffs in force, month by month.

This is the one place where the strategy layer reads the timeline (the timeline knows nothing of
strategies): :func:`timeline_profiles` writes the timeline's tariffs in force on each date into a
model's tariff tensor, for the :class:`~tradewar.strategy.AsItHappened` strategy and
:func:`~tradewar.strategy.replay`. The model's country and sector labels must be the timeline's
(the default world's are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from tradewar.strategy._game import TariffModel


def month_starts(start: dt.date | str, months: int) -> list[dt.date]:
    """The first day of ``months`` consecutive months from ``start``'s month."""
    day = dt.date.fromisoformat(start) if isinstance(start, str) else start
    out = []
    year, month = day.year, day.month
    for _ in range(months):
        out.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def timeline_profiles(
    model: TariffModel,
    dates: Sequence[dt.date | str],
    *,
    overlay: object | None = None,
) -> list[np.ndarray]:
    """The model's factual tariffs with the timeline's tariffs in force on each date written in.

    Rows of importers the timeline covers are replaced (goods, and services a measure covers);
    other rows keep the model's factual tariffs. Raises
    :class:`~tradewar.errors.TimelineError` when the model's labels are not the timeline's.
    """
    from tradewar.timeline import tariffs_on

    countries, sectors = list(model.countries), list(model.sectors)
    factual = model.factual_tariffs()
    return [
        tariffs_on(date, overlay, economies=countries, sectors=sectors).apply(
            factual, countries, sectors
        )
        for date in dates
    ]
