"""PNG chart of the US–China effective-rate step series (matplotlib, Agg backend)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tradewar.timeline import SeriesPoint


def plot_etr(
    points: Sequence[SeriesPoint], events: Sequence[dict[str, Any]], end: str, path: Path
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    last = dt.date.fromisoformat(str(end))
    xs = [p.date for p in points] + [last]
    fig, ax = plt.subplots(figsize=(11, 5), dpi=120)
    for attr, label in (
        ("us_on_cn", "US tariff on Chinese goods"),
        ("cn_on_us", "China's tariff on US goods"),
    ):
        ys = [100 * getattr(p, attr) for p in points]
        ax.step(xs, [*ys, ys[-1]], where="post", label=label, linewidth=2)  # type: ignore[arg-type]
    for e in events:
        day = dt.date.fromisoformat(e["date"])
        ax.axvline(day, color="grey", alpha=0.25, linewidth=0.8)  # type: ignore[arg-type]
    ax.set_ylabel("trade-weighted average tariff, % (2017 weights)")
    ax.set_title("US–China tariffs in force (tradewar timeline); grey lines: talks, calls, rulings")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
