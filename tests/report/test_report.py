"""The HTML and PDF reports: complete, offline, and honest about failures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.scenarios._support import TablePolicy, scenario, small_world
from tradewar.report import find_chromium, render, write_html, write_pdf
from tradewar.runner import run_scenarios


def test_html_report_has_every_section_and_needs_no_network(tmp_path, small_run):
    path = write_html(small_run, tmp_path / "report.html")
    text = path.read_text()
    for title in (
        "Summary",
        "Tariffs over time",
        "Scenarios compared",
        "Inputs and sources",
        "Solver diagnostics",
        "Manifest",
    ):
        assert f">{title}</h2>" in text
    for result in small_run.scenarios:
        assert f'id="s-{result.name}"' in text
    assert text.count("<svg") >= 5  # history, welfare, trade, sector bars, diversion ...
    # nothing is fetched: no scripts, no stylesheets, no remote images or fonts
    assert "<script" not in text
    assert "<link" not in text
    assert "@import" not in text
    assert not re.search(r"""(src|xlink:href)=["']https?://""", text)
    assert "url(http" not in text
    # sources are listed as links, with the record that used them
    assert '<a href="https://example.org/us-b">' in text
    assert "Geneva (test)" in text  # events
    assert "United States (USA)" in text  # economies by name
    assert small_run.run_id in text


def test_report_of_a_failed_scenario_says_so(tmp_path, monkeypatch):
    from tradewar.model import solve
    from tradewar.runner import _runner

    monkeypatch.setattr(_runner, "solve", lambda *a, **k: solve(*a, **k, settings={"max_iter": 2}))
    run = run_scenarios(
        [scenario("peak", policy={"date": "2025-04-10"})], world=small_world(), source=TablePolicy()
    )
    text = render(run)
    assert "Not converged (max_iterations)" in text
    assert "No results are reported" in text
    pdf, engine = write_pdf(run, tmp_path / "r.pdf", engine="matplotlib")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert engine == "matplotlib"


def test_matplotlib_pdf_needs_no_browser(tmp_path, small_run):
    pdf, engine = write_pdf(small_run, tmp_path / "report.pdf", engine="matplotlib")
    data = pdf.read_bytes()
    assert engine == "matplotlib"
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 5


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_chromium_pdf(tmp_path, small_run):
    pdf, engine = write_pdf(small_run, tmp_path / "report.pdf", engine="chromium")
    assert engine == "chromium"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= 4


def test_asking_for_chromium_without_one_is_an_error(tmp_path, small_run, monkeypatch):
    from tradewar.errors import TradewarError
    from tradewar.report import _pdf

    monkeypatch.setattr(_pdf, "find_chromium", lambda: None)
    with pytest.raises(TradewarError, match="no Chromium found"):
        write_pdf(small_run, tmp_path / "x.pdf", engine="chromium")
    _, engine = write_pdf(small_run, tmp_path / "y.pdf")
    assert engine == "matplotlib"


def _charts_of(text: str) -> list[str]:
    """The report's charts, with matplotlib's per-drawing ids (clip paths, markers) blanked."""
    charts = re.findall(r"<svg\b.*?</svg>", text, flags=re.DOTALL)
    return [
        re.sub(r"""(id="|url\(#|href="#)[a-z]*[0-9a-f]{8,}(?=[")])""", r"\1*", c) for c in charts
    ]


def test_chart_text_is_text(small_run):
    """Titles and labels stay searchable and readable by screen readers (not glyph paths)."""
    text = render(small_run)
    assert "<text" in text
    assert ">Tariffs both ways since 2018 (trade-weighted averages)</text>" in text
    assert "Welfare (real income) by scenario" in text


def test_charts_drawn_on_forked_workers_match_those_drawn_in_process(tmp_path, small_run):
    """`tradewar report` (no JAX loaded) shares the charts out over forked workers."""
    from tradewar.report import _charts
    from tradewar.store import Store

    assert _charts._workers(20) == 1  # this process has JAX: it never forks
    Store(tmp_path / "store").save(small_run)
    out = tmp_path / "forked.html"
    command = ["report", small_run.run_id, "--html", str(out), "--store", str(tmp_path / "store")]
    subprocess.run(
        [sys.executable, "-m", "tradewar", *command],
        check=True,
        capture_output=True,
    )
    workers = subprocess.run(
        [sys.executable, "-c", "from tradewar.report import _charts; print(_charts._workers(20))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert int(workers) == min(20 // 2, len(os.sched_getaffinity(0)))
    forked = _charts_of(out.read_text())
    assert len(forked) >= 5
    assert forked == _charts_of(render(small_run))


def test_a_process_with_other_threads_never_forks_to_draw() -> None:
    """The dashboard renders reports on worker threads without JAX: forking there could leave a
    lock another thread holds locked in the child forever (a hung request); it draws in-process."""
    code = (
        "import threading\n"
        "from tradewar.report import _charts\n"
        "alone = _charts._workers(20)\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait).start()\n"
        "print(alone, _charts._workers(20))\n"
        "stop.set()\n"
    )
    alone, busy = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert int(alone) == min(10, len(os.sched_getaffinity(0)))
    assert int(busy) == 1
