"""The PDF report: the HTML page printed by headless Chromium, or drawn with matplotlib.

Chromium gives the PDF its full layout (the same page as the HTML). Where no Chromium is
installed, :func:`write_pdf` falls back to a pure-Python PDF (matplotlib's PDF backend): the
same charts, one per page, and the tables as text pages.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from tradewar.errors import TradewarError
from tradewar.report import _charts as charts
from tradewar.report._html import _countries, write_html
from tradewar.results import Run, band, bands_note, headline

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

Engine = Literal["auto", "chromium", "matplotlib"]


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) executable, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_pdf(html: Path, pdf: Path, executable: str, timeout: float = 180.0) -> None:
    """Print ``html`` to ``pdf`` with headless Chromium (no network, throwaway profile)."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise TradewarError(
            f"Chromium ({executable}) did not write {pdf} (exit {done.returncode}): "
            f"{done.stderr.strip()[-500:]}"
        )


def _text_pages(title: str, lines: list[str], per_page: int = 62) -> Iterator[Figure]:
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, 118, subsequent_indent="    ") or [""])
    for start in range(0, max(len(wrapped), 1), per_page):
        fig = Figure(figsize=(8.27, 11.69))
        fig.text(0.06, 0.965, title, fontsize=12, weight="bold", va="top")
        fig.text(
            0.06,
            0.94,
            "\n".join(wrapped[start : start + per_page]),
            fontsize=6.6,
            family="monospace",
            va="top",
        )
        yield fig


def _summary_lines(run: Run) -> list[str]:
    manifest = run.manifest
    lines = [
        f"run {run.run_id}, created {manifest.get('created_at')}, tradewar "
        f"{manifest.get('environment', {}).get('tradewar')}",
        f"timeline {manifest.get('timeline', {}).get('version')}",
    ]
    for w in manifest.get("worlds", []):
        lines.append(
            f"world {w.get('name')} (vintage {w.get('vintage')}) {w.get('content_sha256')}"
        )
    lines += [
        "",
        f"{'scenario':28s} {'welf USA%':>9s} {'welf CHN%':>9s} {'US<-CN %':>9s} "
        f"{'CN<-US %':>9s} {'bal. bn':>8s}  solver",
    ]
    for result in run.scenarios:
        h = headline(result)
        if not result.converged:
            lines.append(f"{result.name:28s} NOT CONVERGED: {result.solver.get('message', '')}")
            continue
        lines.append(
            f"{result.name:28s} {h.get('welfare_USA_pct', float('nan')):+9.3f} "
            f"{h.get('welfare_CHN_pct', float('nan')):+9.3f} "
            f"{h.get('us_imports_from_cn_pct', float('nan')):+9.1f} "
            f"{h.get('cn_imports_from_us_pct', float('nan')):+9.1f} "
            f"{h.get('us_cn_balance_bn', float('nan')):8.1f}  "
            f"{result.solver.get('iterations')} it., residual "
            f"{float(result.solver.get('residual', 0)):.1e}"
        )
    for result in run.scenarios:
        lines += [
            "",
            f"[{result.name}] {result.title}: {result.meta.get('description', '')}",
            f"  policy {result.tariffs.get('policy')}; unconfirmed records: "
            f"{', '.join(result.tariffs.get('unconfirmed_records', [])) or 'none'}",
        ]
        lines += [f"  note: {n}" for n in result.meta.get("notes", [])]
        note = bands_note(result)
        if note is not None:
            lines.append(f"  {note[0]}")
            for iso3 in ("USA", "CHN"):
                bounds = band(result, "welfare_pct", iso3)
                if bounds is not None:
                    lines.append(
                        f"  welfare {iso3}: {bounds[0]:+.3f} ... {bounds[1]:+.3f} % (band)"
                    )
    return lines


def _input_lines(run: Run) -> list[str]:
    frame = run.table("inputs")
    if frame.empty:
        return ["no inputs recorded"]
    frame = frame.drop_duplicates(subset=["kind", "id", "value", "sources"])
    lines = []
    for r in frame.to_dict("records"):
        confirmed = r["confirmed"]
        flag = (
            ""
            if confirmed is None or pd.isna(confirmed)
            else (" [confirmed]" if confirmed else " [UNCONFIRMED]")
        )
        lines.append(f"{r['kind']}: {r['id']} — {r['description']} {r['value']}{flag}")
        if r["sources"]:
            lines.append(f"    sources: {r['sources']}")
    return lines


def matplotlib_pdf(run: Run, pdf: Path) -> None:
    """Draw the report with matplotlib alone (no browser)."""
    countries = _countries(run)
    with PdfPages(pdf, metadata={"Title": f"tradewar report {run.run_id}"}) as pages:
        for fig in _text_pages(f"tradewar report — run {run.run_id}", _summary_lines(run)):
            pages.savefig(fig)
        overview = (
            charts.tariff_history(run),
            charts.welfare_heatmap(run, countries),
            charts.us_china_trade(run),
        )
        for chart in overview:
            if chart is not None:
                pages.savefig(chart)
        for result in run.scenarios:
            for figure in (
                charts.sector_bars(result),
                charts.diversion_bars(result),
                charts.observed_bars(result),
            ):
                if figure is not None:
                    figure.suptitle(result.title, fontsize=10)
                    pages.savefig(figure)
        for page in _text_pages("Inputs and sources", _input_lines(run)):
            pages.savefig(page)


def write_pdf(run: Run, path: str | Path, *, engine: Engine = "auto") -> tuple[Path, str]:
    """Write the PDF report of ``run``; returns the path and the engine used.

    ``engine="auto"`` prints the HTML with Chromium when one is installed and otherwise draws
    the report with matplotlib; ``"chromium"`` insists on Chromium (an error if absent).
    """
    pdf = Path(path)
    if engine in ("auto", "chromium"):
        executable = find_chromium()
        if executable is None and engine == "chromium":
            raise TradewarError(
                "no Chromium found (looked for " + ", ".join(CHROMIUM_NAMES) + "); install "
                "one (Debian: apt-get install chromium) or use engine='matplotlib'"
            )
        if executable is not None:
            with tempfile.TemporaryDirectory() as tmp:
                html = write_html(run, Path(tmp) / "report.html", expand=True)
                chromium_pdf(html, pdf, executable)
            return pdf, "chromium"
    matplotlib_pdf(run, pdf)
    return pdf, "matplotlib"
