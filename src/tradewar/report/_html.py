"""The HTML report of a run: one self-contained page (inline CSS and SVG, no scripts, no CDN)."""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import pandas as pd

from tradewar.report import _charts as charts
from tradewar.results import (
    Run,
    ScenarioResult,
    band,
    band_labels,
    bands_note,
    headline,
    pair,
    pair_balance,
    pair_band,
    sector_moves,
)
from tradewar.world import economy_name

MAIN = ("USA", "CHN", "MEX", "CAN", "EU27", "GBR", "JPN", "KOR", "TWN", "VNM", "IND", "BRA", "ROW")

CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1d1d1d;
       margin: 0 auto; max-width: 1080px; padding: 24px 32px; line-height: 1.45;
       font-size: 14px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; border-bottom: 2px solid #1f4e9c; padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 16px; margin-top: 26px; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.meta { color: #555; font-size: 12px; }
.note { color: #444; font-style: italic; font-size: 12.5px; }
.warn { color: #8a5a00; } .bad { color: #b00020; font-weight: bold; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 12px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e2e2e2; text-align: right;
         vertical-align: top; }
th { background: #f3f5f9; } td.l, th.l { text-align: left; }
figure { margin: 10px 0 16px; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
.scenario { page-break-before: always; } nav ol { columns: 2; font-size: 13px; }
.pair { display: flex; gap: 16px; flex-wrap: wrap; } .pair figure { flex: 1 1 420px; }
a { color: #1f4e9c; word-break: break-all; } pre { font-size: 10.5px; white-space: pre-wrap; }
@page { size: A4; margin: 14mm; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _num(value: Any, digits: int = 2, sign: bool = False) -> str:
    if value is None:
        return "–"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return _e(value)
    if not math.isfinite(x):
        return "–"
    x = round(x, digits) + 0.0  # no "-0.00"
    return f"{x:+.{digits}f}" if sign else f"{x:,.{digits}f}"


def _sci(value: Any) -> str:
    return "–" if value is None else f"{float(value):.1e}"


def _links(sources: Any) -> str:
    urls = [u for u in str(sources or "").split() if u.startswith("http")]
    return "<br>".join(f'<a href="{_e(u)}">{_e(u)}</a>' for u in urls) or "–"


#: Columns of text, aligned left wherever they are.
TEXT_COLUMNS = frozenset(
    {
        "sources",
        "what",
        "event",
        "place",
        "scenarios",
        "how",
        "kind",
        "value",
        "vintage",
        "id",
        "confirmed",
    }
)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], left: int = 1) -> str:
    """An HTML table; the first ``left`` columns and text columns are left-aligned; cells are
    already HTML."""
    text = {k for k, h in enumerate(header) if h in TEXT_COLUMNS}
    head = "".join(
        f'<th class="{"l" if k < left or k in text else ""}">{_e(h)}</th>'
        for k, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"l" if k < left or k in text else ""}">{c}</td>'
            for k, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# While render() assembles a page its charts wait in this list, each behind a placeholder in the
# text, so that they are built and drawn all at once on the machine's cores (charts.draw_svgs).
_waiting: ContextVar[list[tuple[charts.Chart, str]] | None] = ContextVar(
    "report_charts", default=None
)
_PLACEHOLDER = "\x00figure {}\x00"
_PLACEHOLDER_RE = re.compile("\x00figure (\\d+)\x00")


def _figure_html(drawn: str | None, caption: str) -> str:
    if drawn is None:
        return ""
    cap = f"<figcaption class='meta'>{_e(caption)}</figcaption>" if caption else ""
    return f"<figure>{drawn}{cap}</figure>"


def figure(draw: Callable[..., Any], *args: Any, caption: str = "") -> str:
    """A ``<figure>`` of ``draw(*args)`` (a chart of :mod:`._charts`), or "" if it has none."""
    waiting = _waiting.get()
    if waiting is None:
        return _figure_html(charts.draw_svgs([(draw, args)])[0], caption)
    waiting.append(((draw, args), caption))
    return _PLACEHOLDER.format(len(waiting) - 1)


def _countries(run: Run) -> list[str]:
    codes: list[str] = []
    for result in run.scenarios:
        for code in result.table("countries").get("iso3", []):
            if code not in codes:
                codes.append(code)
    main = [c for c in MAIN if c in codes]
    return main + [c for c in codes if c not in main] if main else codes


def _small_band(result: ScenarioResult, iso3: str) -> str:
    bounds = band(result, "welfare_pct", iso3)
    return "" if bounds is None else f"<br><span class='meta'>{_range(bounds, 3)}</span>"


def _summary(run: Run) -> str:
    rows = []
    for result in run.scenarios:
        h = headline(result)
        if not result.converged:
            rows.append(
                [_e(result.title), '<span class="bad">not converged</span>', "", "", "", "", ""]
            )
            continue
        rows.append(
            [
                f'<a href="#s-{_e(result.name)}">{_e(result.title)}</a>',
                _e(result.meta.get("policy", {}).get("label", "")),
                _num(h.get("welfare_USA_pct"), 3, True) + _small_band(result, "USA"),
                _num(h.get("welfare_CHN_pct"), 3, True) + _small_band(result, "CHN"),
                _num(h.get("us_imports_from_cn_pct"), 1, True),
                _num(h.get("cn_imports_from_us_pct"), 1, True),
                _num(h.get("us_cn_balance_bn"), 1),
            ]
        )
    return table(
        [
            "scenario",
            "policy",
            "welfare USA %",
            "welfare CHN %",
            "US imports from CN %",
            "CN imports from US %",
            "US–CN balance bn",
        ],
        rows,
        2,
    )


def _history(run: Run) -> str:
    parts = [
        figure(
            charts.tariff_history,
            run,
            caption=str(run.manifest.get("diagnostics", {}).get("history_weights", "")),
        )
    ]
    if not run.table("history").empty:
        parts.append(
            "<p class='meta'>Circles: the trade-weighted average tariffs of each dated "
            "scenario, with the default world's bilateral trade as weights.</p>"
        )
    events = run.table("events")
    if not events.empty:
        rows = [
            [
                str(k),
                _e(e.date),
                _e(e.kind),
                _e(e.title),
                _e(e.place),
                "yes" if e.confirmed else '<span class="warn">no</span>',
                _links(e.sources),
            ]
            for k, e in enumerate(events.itertuples(), start=1)
        ]
        parts.append(
            "<h3>Events</h3>"
            + table(["#", "date", "kind", "event", "place", "confirmed", "sources"], rows, 7)
        )
    elif run.table("history").empty:
        why = run.manifest.get("diagnostics", {}).get("history", "no policy history in this run")
        parts.append(f"<p class='note'>{_e(why)}</p>")
    return "".join(parts)


def _country_table(result: ScenarioResult, countries: list[str]) -> str:
    frame = result.table("countries").set_index("iso3")
    labels = band_labels(result)
    rows = []
    for code in [c for c in countries if c in frame.index]:
        r = frame.loc[code]
        rows.append(
            [
                _e(f"{economy_name(code)} ({code})"),
                _num(r["welfare_pct"], 3, True),
                _num(r["real_wage_pct"], 3, True),
                _num(r["price_index_pct"], 2, True),
                _num(r["exports_pct"], 1, True),
                _num(r["imports_pct"], 1, True),
                _num(r["trade_balance_baseline_bn"], 1),
                _num(r["trade_balance_bn"], 1),
                _num(r["tariff_revenue_baseline_bn"], 1),
                _num(r["tariff_revenue_bn"], 1),
                _num(r["gross_output_pct"], 2, True),
            ]
        )
        if labels is not None:
            rows[-1].insert(2, _range(band(result, "welfare_pct", code), 3))
            rows[-1].insert(4, _range(band(result, "real_wage_pct", code), 3))
    header = [
        "economy",
        "welfare %",
        "real wage %",
        "price index %",
        "exports %",
        "imports %",
        "balance 2024 bn",
        "balance bn",
        "tariff rev. 2024 bn",
        "tariff rev. bn",
        "gross output %",
    ]
    if labels is not None:
        span = f"{labels[0]}–{labels[1]}"
        header.insert(2, f"welfare {span}")
        header.insert(4, f"real wage {span}")
    return table(header, rows)


def _range(bounds: tuple[float, float] | None, digits: int) -> str:
    if bounds is None:
        return "–"
    # narrow no-break spaces: a band never wraps inside its cell
    return f"{_num(bounds[0], digits, True)}\u202f…\u202f{_num(bounds[1], digits, True)}"


def _bands_note(result: ScenarioResult) -> str:
    note = bands_note(result)
    if note is None:
        return ""
    text, assumed = note
    return f"<p class='{'warn' if assumed else 'meta'}'>{_e(text)}</p>"


def _scenario(result: ScenarioResult, countries: list[str]) -> str:
    meta = result.meta
    out = [
        f'<section class="scenario" id="s-{_e(result.name)}"><h2>{_e(result.title)}</h2>',
        f"<p>{_e(meta.get('description', ''))}</p>",
    ]
    tariffs = result.tariffs
    facts = [f"policy: <b>{_e(tariffs.get('policy', ''))}</b>"]
    for key, label in (("US_on_CN", "US tariff on China"), ("CN_on_US", "China's on the US")):
        if key in tariffs:
            facts.append(
                f"{label}: {_num(tariffs[key]['baseline_pct'], 1)}% → "
                f"<b>{_num(tariffs[key]['scenario_pct'], 1)}%</b>"
            )
    facts.append(f"deficits: {_e(meta.get('deficits'))}")
    facts.append(f"scenario hash: <code>{_e(str(meta.get('hash', ''))[:23])}…</code>")
    out.append("<p class='meta'>" + " · ".join(facts) + "</p>")
    unconfirmed = tariffs.get("unconfirmed_records", [])
    if unconfirmed:
        out.append(
            f"<p class='warn'>Unconfirmed records in force ({len(unconfirmed)}): "
            f"{_e(', '.join(unconfirmed))}</p>"
        )
    if not result.converged:
        s = result.solver
        out.append(
            f"<p class='bad'>Not converged ({_e(s.get('outcome'))}): "
            f"{_e(s.get('message', ''))}. No results are reported.</p></section>"
        )
        return "".join(out)
    out.append(_country_table(result, countries))
    out.append(_bands_note(result))
    lines = []
    for a, b, label in (
        ("USA", "CHN", "US imports from China"),
        ("CHN", "USA", "China's imports from the US"),
    ):
        flow = pair(result, a, b)
        if flow:
            bounds = pair_band(result, a, b)
            spread = "" if bounds is None else f"; band {_range(bounds, 1)}%"
            lines.append(
                f"{label}: {_num(flow['baseline_bn'], 1)} → "
                f"<b>{_num(flow['counterfactual_bn'], 1)}</b> bn "
                f"({_num(flow['pct_change'], 1, True)}%{spread})"
            )
    balance = pair_balance(result, "USA", "CHN")
    if balance:
        lines.append(
            f"US balance with China: {_num(balance['baseline_bn'], 1)} → "
            f"<b>{_num(balance['counterfactual_bn'], 1)}</b> bn"
        )
    if lines:
        out.append("<p>" + "<br>".join(lines) + "</p>")
    out.append(figure(charts.sector_bars, result))
    pairs = [
        figure(
            charts.diversion_bars,
            result,
            "USA",
            "CHN",
            caption="Who replaces China in US imports (green: gains)",
        ),
        figure(
            charts.diversion_bars,
            result,
            "CHN",
            "USA",
            caption="Who replaces the US in China's imports",
        ),
    ]
    out.append("<div class='pair'>" + "".join(pairs) + "</div>")
    moves = sector_moves(result, tuple(c for c in ("USA", "CHN") if c in countries), 8)
    if len(moves):
        out.append(
            "<h3>Largest sector moves</h3><p class='meta'>Ranked by the change in the sector's "
            "share of its economy's gross output (valued at the baseline size of the economy); "
            "the value of output also moves with the country's wage.</p>"
            + table(
                [
                    "economy",
                    "sector",
                    "output 2024 bn",
                    "share change %",
                    "at 2024 size bn",
                    "value change %",
                    "price %",
                ],
                [
                    [
                        _e(r.country),
                        _e(r.sector),
                        _num(r.output_baseline_bn, 1),
                        _num(r.output_rel_pct, 2, True),
                        _num(r.output_rel_bn, 1, True),
                        _num(r.output_pct, 2, True),
                        _num(r.price_pct, 2, True),
                    ]
                    for r in moves.itertuples()
                ],
                2,
            )
        )
    commitments = result.table("commitments")
    if len(commitments):
        out.append(
            "<h3>Purchase commitments</h3>"
            + table(
                [
                    "commitment",
                    "buyer ← seller",
                    "sectors",
                    "committed bn",
                    "sector target bn",
                    "without it bn",
                    "achieved bn",
                    "binding",
                    "subsidy %",
                    "cost bn",
                    "how",
                ],
                [
                    [
                        _e(r.commitment),
                        f"{_e(r.importer)} ← {_e(r.exporter)}",
                        _e(r.sectors),
                        _num(r.committed_bn, 2),
                        _num(r.sector_target_bn, 2),
                        _num(r.without_commitment_bn, 2),
                        _num(r.achieved_bn, 2),
                        "yes" if r.binding else "no",
                        _num(r.subsidy_pct, 2),
                        _num(r.cost_bn, 3),
                        f"<span class='meta'>{_e(r.how)}</span>",
                    ]
                    for r in commitments.itertuples()
                ],
                3,
            )
        )
    out.append(_observed(result))
    for note in meta.get("notes", []):
        out.append(f"<p class='note'>Note: {_e(note)}</p>")
    for note in meta.get("policy_notes", []):
        out.append(f"<p class='meta'>Timeline: {_e(note)}</p>")
    out.append("</section>")
    return "".join(out)


def _observed(result: ScenarioResult) -> str:
    frame = result.table("observed")
    if frame.empty:
        return ""
    rows = [
        [
            f"{_e(r.country)} {_e(r.measure)} ({_e(r.partner)})",
            f"{_num(r.observed_from_bn, 1)} → {_num(r.observed_to_bn, 1)}",
            f"{_num(r.observed_change_bn, 1, True)} ({_num(r.observed_pct, 1, True)}%)",
            f"{_num(r.model_baseline_bn, 1)} → {_num(r.model_bn, 1)}",
            f"{_num(r.model_change_bn, 1, True)} ({_num(r.model_pct, 1, True)}%)",
            _links(r.sources),
        ]
        for r in frame.itertuples()
    ]
    return (
        "<h3>Model against observed</h3>"
        + figure(charts.observed_bars, result)
        + table(
            ["flow", "observed bn", "observed change", "model bn", "model change", "sources"],
            rows,
            1,
        )
    )


def _inputs(run: Run, expand: bool = False) -> str:
    out = ["<h3>Worlds</h3>"]
    worlds = run.manifest.get("worlds", [])
    out.append(
        table(
            ["world", "vintage", "units", "sources", "content sha256", "data sha256"],
            [
                [
                    _e(w.get("name")),
                    _e(w.get("vintage")),
                    _e(w.get("units")),
                    _links(" ".join(w.get("sources", [])))
                    if any(str(s).startswith("http") for s in w.get("sources", []))
                    else _e(", ".join(w.get("sources", [])) or "–"),
                    f"<code>{_e(w.get('content_sha256'))}</code>",
                    f"<code>{_e(w.get('data_sha256') or '–')}</code>",
                ]
                for w in worlds
            ],
            4,
        )
    )
    for w in worlds:
        by_file = w.get("sources_by_file") or {}
        if not by_file:
            continue
        unconfirmed = w.get("unconfirmed_rows", {})
        rows = [
            [
                f"<code>{_e(name)}</code>",
                f"<code>{_e(str(w.get('files', {}).get('inputs/' + name, ''))[:16])}…</code>",
                _e(unconfirmed.get(name, 0)),
                _links(" ".join(urls)),
            ]
            for name, urls in sorted(by_file.items())
        ]
        out.append(
            f"<details{' open' if expand else ''}><summary>{_e(w.get('name'))}: sources of "
            f"its {len(by_file)} input "
            "files (every figure is a CSV row with its source; method in docs/data.md)"
            "</summary>"
            + table(["file", "sha256", "unconfirmed rows", "sources"], rows, 1)
            + "</details>"
        )
    timeline = run.manifest.get("timeline", {})
    out.append(
        f"<p>Policy timeline: {_e(timeline.get('name'))}, version "
        f"<code>{_e(timeline.get('version'))}</code>.</p>"
    )
    frame = run.table("inputs")
    if frame.empty:
        return "".join(out)
    grouped = (
        frame.fillna({"value": "", "vintage": "", "sources": ""})
        .groupby(["kind", "id"], sort=False)
        .agg(
            description=("description", "first"),
            value=("value", lambda v: "; ".join(dict.fromkeys(x for x in v if x))),
            sources=("sources", "first"),
            vintage=("vintage", "first"),
            confirmed=("confirmed", "first"),
            scenarios=("scenario", lambda v: ", ".join(dict.fromkeys(v))),
        )
        .reset_index()
    )
    titles = {
        "world": "World",
        "timeline": "Timeline",
        "measure": "Policy measures in force",
        "commitment": "Commitment records",
        "price": "Prices",
        "product_share": "Products within sectors",
        "tariff_cut": "Tariff cuts",
        "observed": "Observed figures",
        "elasticities": "Elasticity overrides",
        "overlay": "Overlays",
        "commitment_value": "Commitment values",
    }
    for kind in dict.fromkeys(grouped["kind"]):
        if kind in ("world", "timeline"):
            continue
        rows = grouped[grouped["kind"] == kind]
        out.append(f"<h3>{_e(titles.get(kind, kind))} ({len(rows)})</h3>")
        out.append(
            table(
                ["id", "what", "value", "confirmed", "vintage", "sources", "scenarios"],
                [
                    [
                        f"<code>{_e(r.id)}</code>",
                        _e(r.description),
                        _e(r.value),
                        "–"
                        if pd.isna(r.confirmed)
                        else ("yes" if r.confirmed else '<span class="warn">no</span>'),
                        _e(r.vintage if isinstance(r.vintage, str) else ""),
                        _links(r.sources),
                        f"<span class='meta'>{_e(r.scenarios)}</span>",
                    ]
                    for r in rows.itertuples()
                ],
                2,
            )
        )
    return "".join(out)


def _diagnostics(run: Run) -> str:
    rows = []
    for result in run.scenarios:
        s = result.solver
        converged = "yes" if result.converged else '<span class="bad">NO</span>'
        rows.append(
            [
                _e(result.name),
                converged,
                _e(s.get("outcome", "")),
                _e(s.get("iterations", "")),
                _sci(s.get("residual")),
                _sci(s.get("max_condition")),
                _e(s.get("commitment_iterations", "–")),
                _e(s.get("deficits", "")),
                _num(s.get("total_seconds"), 3),
            ]
        )
    out = [
        table(
            [
                "scenario",
                "converged",
                "outcome",
                "iterations",
                "residual",
                "max condition error",
                "commitment steps",
                "deficits",
                "seconds",
            ],
            rows,
        )
    ]
    for sha, gap in run.manifest.get("diagnostics", {}).get("baseline_tariff_gap", {}).items():
        if "error" in gap:
            out.append(f"<p class='warn'>Baseline check not made: {_e(gap['error'])}</p>")
            continue
        directions = "; ".join(
            f"{_e(k)}: world {v['world_pct']:.1f}% against timeline {v['timeline_pct']:.1f}%"
            for k, v in gap.items()
            if isinstance(v, dict)
        )
        out.append(
            f"<p>Baseline check for world <code>{_e(sha[:23])}…</code>: the world's own tariffs "
            f"against the timeline's for {gap['year']}, weighted by days in force "
            f"(trade-weighted averages) — {directions}; largest cell gap "
            f"{gap['max_abs_pp']:.1f} percentage points at {_e(gap['at'])}. Scenarios are "
            "measured from the world's own tariffs.</p>"
        )
    env = run.manifest.get("environment", {})
    out.append("<p class='meta'>" + " · ".join(f"{_e(k)} {_e(v)}" for k, v in env.items()) + "</p>")
    return "".join(out)


def render(run: Run, *, expand: bool = False) -> str:
    """The report as one HTML document (``expand``: open the folded source lists, for print)."""
    waiting: list[tuple[charts.Chart, str]] = []
    token = _waiting.set(waiting)
    try:
        page = _page(run, expand)
    finally:
        _waiting.reset(token)
    drawn = charts.draw_svgs([chart for chart, _ in waiting])
    figures = [_figure_html(d, caption) for d, (_, caption) in zip(drawn, waiting, strict=True)]
    return _PLACEHOLDER_RE.sub(lambda m: figures[int(m.group(1))], page)


def _page(run: Run, expand: bool) -> str:
    countries = _countries(run)
    manifest = run.manifest
    worlds = ", ".join(
        f"{w.get('name')} (vintage {w.get('vintage')})" for w in manifest.get("worlds", [])
    )
    observed = [r for r in run.scenarios if not r.table("observed").empty]
    sections = [
        ("summary", "Summary", _summary(run)),
        ("tariffs", "Tariffs over time", _history(run)),
        (
            "compare",
            "Scenarios compared",
            figure(charts.welfare_heatmap, run, countries) + figure(charts.us_china_trade, run),
        ),
    ]
    if observed:
        sections.append(
            (
                "reality",
                "Reality check",
                "".join(
                    f"<h3>{_e(r.title)}</h3>"
                    + _observed(r)
                    + "".join(f"<p class='note'>{_e(n)}</p>" for n in r.meta.get("notes", []))
                    for r in observed
                ),
            )
        )
    body = [
        f"<h1>tradewar report</h1><p class='meta'>run <b>{_e(run.run_id)}</b> · created "
        f"{_e(manifest.get('created_at'))} · world {_e(worlds)} · tradewar "
        f"{_e(manifest.get('environment', {}).get('tradewar'))}</p>",
        "<p>Caliendo–Parro (2015) general equilibrium, exact hat algebra; every number is a "
        "change from the baseline world once prices, wages and trade have adjusted (a "
        "long-run comparison, not a forecast path). Values in USD bn of the base year.</p>",
    ]
    nav = [f'<li><a href="#{k}">{_e(t)}</a></li>' for k, t, _ in sections]
    nav += [f'<li><a href="#s-{_e(r.name)}">{_e(r.title)}</a></li>' for r in run.scenarios]
    nav += [
        '<li><a href="#inputs">Inputs and sources</a></li>',
        '<li><a href="#solver">Solver diagnostics</a></li>',
        '<li><a href="#manifest">Manifest</a></li>',
    ]
    body.append("<nav><ol>" + "".join(nav) + "</ol></nav>")
    for key, title, content in sections:
        body.append(f'<section id="{key}"><h2>{_e(title)}</h2>{content}</section>')
    body.extend(_scenario(r, countries) for r in run.scenarios)
    body.append(
        '<section id="inputs" class="scenario"><h2>Inputs and sources</h2>'
        f"{_inputs(run, expand)}</section>"
    )
    body.append(f'<section id="solver"><h2>Solver diagnostics</h2>{_diagnostics(run)}</section>')
    text = json.dumps(dict(manifest), indent=1, sort_keys=True, default=str)
    body.append(
        f'<section id="manifest"><h2>Manifest</h2><details><summary>manifest.json'
        f"</summary><pre>{_e(text)}</pre></details></section>"
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>tradewar report {_e(run.run_id)}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def write_html(run: Run, path: str | Path, *, expand: bool = False) -> Path:
    """Write the HTML report of ``run`` to ``path``."""
    path = Path(path)
    path.write_text(render(run, expand=expand), encoding="utf-8")
    return path
