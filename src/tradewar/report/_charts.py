"""The report's charts: matplotlib figures drawn from a stored run.

The HTML report inlines them as SVG (:func:`svg`: text kept as ``<text>``, so it can be searched,
selected and read by screen readers; no fonts or scripts to fetch, so the page works offline);
:func:`draw_svgs` draws many charts on the machine's cores. The pure-Python PDF places the same
figures on pages. Figures use the object API (:class:`matplotlib.figure.Figure`), so no GUI
backend is touched.
"""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Literal

import matplotlib
import matplotlib.dates as mdates
import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from tradewar.results import Run, ScenarioResult, diversion, headline

US_COLOR = "#1f4e9c"
CN_COLOR = "#c23b22"
GAIN = "#2e7d32"
LOSS = "#b23a48"
_SVG_START = re.compile(r"<svg\b")


def svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element (text as text, no external references)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    match = _SVG_START.search(text)
    return text[match.start() :] if match else text


#: A chart to draw: a function of this module and its arguments (it returns None for no chart).
Chart = tuple[Callable[..., Figure | None], tuple[Any, ...]]

# The charts a forked worker of :func:`draw_svgs` draws (inherited from the parent at the fork).
_pending: Sequence[Chart] = ()


def _draw(chart: Chart) -> str | None:
    draw, args = chart
    fig = draw(*args)
    return None if fig is None else svg(fig)


def _draw_pending(index: int) -> str | None:
    return _draw(_pending[index])


def _workers(n_charts: int) -> int:
    """How many processes :func:`draw_svgs` forks: one per core, none where forking is unsafe.

    A forked worker inherits the run it draws from for free, but forking is only safe in a
    process with one thread: a lock another thread holds at the fork stays held in the child
    forever. So a process that has loaded JAX (its thread pools) or runs other threads (the
    dashboard's server and worker threads) draws its charts in-process.
    """
    if (
        "jax" in sys.modules
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, n_charts // 2))


def draw_svgs(charts: Sequence[Chart]) -> list[str | None]:
    """Each chart built and drawn as :func:`svg` (None where it has nothing to show), in order.

    Building and drawing (layout and text metrics) are nearly all of a report's time, so the
    charts are shared out over one forked process per core where that is safe.
    """
    global _pending
    workers = _workers(len(charts))
    if workers == 1:
        return [_draw(chart) for chart in charts]
    _pending = charts
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_draw_pending, range(len(charts)), chunksize=1)
    finally:
        _pending = ()


def _figure(
    width: float, height: float, layout: Literal["constrained"] | None = "constrained"
) -> Figure:
    fig = Figure(figsize=(width, height), layout=layout)
    fig.set_facecolor("white")
    return fig


#: Inches around the axes of a bar chart placed by :func:`_bar_layout` (7 pt tick labels, 9 pt
#: titles): tick labels below, the title above, the last x tick label's overhang on the right,
#: and the gap between a category label and its axis.
_BAR_BOTTOM, _BAR_TOP, _BAR_RIGHT, _BAR_PAD = 0.34, 0.36, 0.22, 0.14
_TEXT = TextToPath()


def _label_width(labels: Sequence[object], size: float) -> float:
    """Inches taken by the widest of ``labels`` at ``size`` points."""
    prop = FontProperties(size=size)
    widths = [_TEXT.get_text_width_height_descent(str(t), prop, ismath=False)[0] for t in labels]
    return max(widths, default=0.0) / 72


def _bar_layout(fig: Figure, *labels: Sequence[object], size: float = 7) -> None:
    """Place side-by-side horizontal-bar panels from their category labels, measured once.

    Constrained layout measures every label of every panel over several passes, half of a
    report's time; in these charts only the category labels' width varies, so the margins are
    set from it directly.
    """
    width, height = fig.get_size_inches()
    gaps = [_label_width(panel, size) + _BAR_PAD for panel in labels]
    between = _BAR_RIGHT + max(gaps[1:], default=0.0)
    axes_width = (width - gaps[0] - _BAR_RIGHT - between * (len(gaps) - 1)) / len(gaps)
    fig.subplots_adjust(
        left=gaps[0] / width,
        right=1 - _BAR_RIGHT / width,
        bottom=_BAR_BOTTOM / height,
        top=1 - _BAR_TOP / height,
        wspace=between / axes_width,
    )


def _day(value: object) -> float:
    """A date (ISO text or date) as a matplotlib date number."""
    return float(mdates.date2num(dt.date.fromisoformat(str(value)[:10])))


#: Changes smaller than this (percent or bn) are numerical noise, not results worth a chart.
NOISE = 1e-6

#: The zoomed panel of the tariff history starts here (the 2025 escalation).
ZOOM_FROM = dt.date(2025, 1, 1)


def _history_panel(ax: Any, run: Run, start: float | None) -> None:
    history = run.table("history")
    days = [_day(d) for d in history["date"]]
    end = max(days[-1], _day(run.manifest.get("today", history["date"].iloc[-1]))) + 20
    for column, color, label in (
        ("us_on_cn_pct", US_COLOR, "US tariff on Chinese goods"),
        ("cn_on_us_pct", CN_COLOR, "China's tariff on US goods"),
    ):
        y = [*history[column], history[column].iloc[-1]]
        ax.step([*days, end], y, where="post", color=color, linewidth=1.6, label=label)
    top = float(max(history["us_on_cn_pct"].max(), history["cn_on_us_pct"].max()))
    left = start if start is not None else days[0]
    for k, date in enumerate(run.table("events").get("date", []), start=1):
        when = _day(date)
        if when < left:
            continue
        ax.axvline(when, color="#999999", linewidth=0.6, linestyle=":", zorder=0)
        ax.text(
            when, top * (1.03 + 0.05 * (k % 3)), str(k), fontsize=6, ha="center", color="#555555"
        )
    for result in run.scenarios:
        date = result.meta.get("policy", {}).get("date")
        if not date or "US_on_CN" not in result.tariffs:
            continue
        for key, color in (("US_on_CN", US_COLOR), ("CN_on_US", CN_COLOR)):
            ax.plot(
                [_day(date)],
                [result.tariffs[key]["scenario_pct"]],
                marker="o",
                markersize=4.5,
                markerfacecolor="white",
                markeredgecolor=color,
                linestyle="none",
            )
    right = max(
        end,
        *(
            _day(r.meta["policy"]["date"]) + 20
            for r in run.scenarios
            if r.meta.get("policy", {}).get("date")
        ),
    )
    ax.set_xlim(left - 10, right)
    ax.set_ylim(0, top * 1.2)
    ax.xaxis_date()
    ax.grid(axis="y", color="#e5e5e5")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7)


def tariff_history(run: Run) -> Figure | None:
    """Average tariffs both ways over time, with events and the scenarios' dates marked.

    Two panels: the whole history, and the escalation since 2025 with the events numbered as
    in the report's event table.
    """
    history = run.table("history")
    if history.empty:
        return None
    fig = _figure(10.5, 6.4)
    whole, zoom = fig.subplots(2, 1, height_ratios=[1, 1.6])
    _history_panel(whole, run, None)
    whole.xaxis.set_major_locator(mdates.YearLocator())
    whole.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    whole.set_ylabel("average tariff, %", fontsize=8)
    whole.legend(loc="upper left", frameon=False, fontsize=8)
    whole.set_title(
        "Tariffs both ways since 2018 (trade-weighted averages)", fontsize=10, loc="left"
    )
    _history_panel(zoom, run, _day(ZOOM_FROM))
    zoom.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    zoom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    zoom.set_ylabel("average tariff, %", fontsize=8)
    zoom.set_title(
        "Since 2025: events (numbered, see the table) and scenario dates (circles)",
        fontsize=10,
        loc="left",
    )
    return fig


def welfare_heatmap(run: Run, countries: list[str]) -> Figure | None:
    """Welfare change (percent) by scenario and economy, annotated."""
    rows, names = [], []
    for result in run.scenarios:
        frame = result.table("countries")
        if frame.empty:
            continue
        by = frame.set_index("iso3")["welfare_pct"]
        rows.append([float(by.get(c, np.nan)) for c in countries])
        names.append(result.title)
    if not rows:
        return None
    data = np.array(rows)
    limit = float(np.nanmax(np.abs(data))) or 1.0
    fig = _figure(10.5, 0.42 * len(rows) + 1.4)
    ax = fig.add_subplot()
    image = ax.imshow(data, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    ax.set_xticks(range(len(countries)), countries, fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    for (i, j), value in np.ndenumerate(data):
        if np.isfinite(value):
            ax.text(
                j,
                i,
                f"{value:+.2f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if abs(value) > 0.6 * limit else "black",
            )
    fig.colorbar(image, ax=ax, shrink=0.8, label="welfare change, %")
    ax.set_title(
        "Welfare (real income) by scenario, percent change from the 2024 baseline",
        fontsize=10,
        loc="left",
    )
    return fig


def us_china_trade(run: Run) -> Figure | None:
    """US–China trade both ways (percent change) and the bilateral balance, by scenario."""
    heads = [headline(r) for r in run.scenarios if r.converged]
    heads = [h for h in heads if "us_imports_from_cn_pct" in h]
    if not heads:
        return None
    names = [h["title"] for h in heads]
    y = np.arange(len(heads))
    fig = _figure(10.5, 0.42 * len(heads) + 1.6)
    left, right = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
    left.barh(
        y - 0.2,
        [h["us_imports_from_cn_pct"] for h in heads],
        height=0.38,
        color=US_COLOR,
        label="US imports from China",
    )
    left.barh(
        y + 0.2,
        [h["cn_imports_from_us_pct"] for h in heads],
        height=0.38,
        color=CN_COLOR,
        label="China's imports from the US",
    )
    left.set_yticks(y, names, fontsize=8)
    left.invert_yaxis()
    left.axvline(0, color="black", linewidth=0.6)
    left.set_xlabel("percent change from 2024")
    left.legend(frameon=False, fontsize=8, loc="lower left")
    left.set_title("US–China trade both ways", fontsize=10, loc="left")
    balance = [h["us_cn_balance_bn"] for h in heads]
    right.barh(y, balance, color="#6d6d6d", height=0.6)
    base = heads[0]["us_cn_balance_bn"] - heads[0]["us_cn_balance_change_bn"]
    right.axvline(base, color="black", linewidth=0.8, linestyle="--")
    right.set_xlabel("bn (dashed: baseline)")
    right.set_title("US balance with China", fontsize=10, loc="left")
    for ax in (left, right):
        ax.grid(axis="x", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig


def sector_bars(result: ScenarioResult) -> Figure | None:
    """Percent change of US–China trade by sector, both ways."""
    frame = result.table("sector_trade")
    if frame.empty:
        return None
    panels = []
    for importer, exporter, color in (("USA", "CHN", US_COLOR), ("CHN", "USA", CN_COLOR)):
        rows = frame[(frame["importer"] == importer) & (frame["exporter"] == exporter)]
        rows = rows[rows["baseline_bn"] > 0]
        if len(rows) and rows["pct_change"].abs().max() > NOISE:
            panels.append((importer, exporter, color, rows))
    if not panels:
        return None
    fig = _figure(10.5, 0.2 * max(len(p[3]) for p in panels) + 1.5, layout=None)
    _bar_layout(fig, *(list(p[3]["sector"]) for p in panels))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, (importer, exporter, color, rows) in zip(axes, panels, strict=True):
        rows = rows.sort_values("pct_change")
        ax.barh(rows["sector"], rows["pct_change"], color=color)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_title(
            f"{importer} imports from {exporter}, % change by sector", fontsize=9, loc="left"
        )
        ax.tick_params(axis="y", labelsize=7)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig


def diversion_bars(
    result: ScenarioResult, importer: str = "USA", rival: str = "CHN"
) -> Figure | None:
    """Change in ``importer``'s imports from every source but ``rival`` (bn).

    The rival's own loss (in the title) would dwarf the bars, so it is left out of them.
    """
    rows = diversion(result, importer, rival)
    if rows.empty or rows["change_bn"].abs().max() < NOISE:
        return None
    lost = rows.loc[rows["exporter"] == rival, "change_bn"]
    rows = rows[rows["exporter"] != rival].sort_values("change_bn")
    fig = _figure(5.2, 0.22 * len(rows) + 1.3, layout=None)
    _bar_layout(fig, list(rows["exporter"]))
    ax = fig.add_subplot()
    colors = [GAIN if v > 0 else LOSS for v in rows["change_bn"]]
    ax.barh(rows["exporter"], rows["change_bn"], color=colors)
    ax.axvline(0, color="black", linewidth=0.6)
    loss = f"; from {rival}: {float(lost.iloc[0]):+,.1f} bn" if len(lost) else ""
    ax.set_title(f"{importer} imports by source, change in bn{loss}", fontsize=9, loc="left")
    ax.tick_params(labelsize=7)
    ax.grid(axis="x", color="#e5e5e5")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def observed_bars(result: ScenarioResult) -> Figure | None:
    """Model against observed changes (bn) for the flows a scenario lists."""
    frame = result.table("observed")
    if frame.empty:
        return None
    labels = [f"{r.country} {r.measure}\n({r.partner})" for r in frame.itertuples()]
    y = np.arange(len(frame))
    fig = _figure(6.5, 0.6 * len(frame) + 1.2)
    ax = fig.add_subplot()
    ax.barh(
        y - 0.2,
        frame["observed_change_bn"],
        height=0.38,
        color="#444444",
        label=f"observed {int(frame['from_year'].iloc[0])}→{int(frame['to_year'].iloc[0])}",
    )
    ax.barh(y + 0.2, frame["model_change_bn"], height=0.38, color="#d98c1f", label="model")
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel("change, bn")
    ax.legend(frameon=False, fontsize=8)
    ax.set_title("Model against observed", fontsize=9, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
