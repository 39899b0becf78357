"""Rich rendering of a :class:`~tradewar.results.Run` for ``tradewar run`` and ``results show``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tradewar.results import (
    Run,
    ScenarioResult,
    band,
    band_labels,
    bands_note,
    diversion,
    headline,
    pair,
    pair_balance,
    pair_band,
    sector_moves,
)

#: Economies shown by default, when the world has them ("USA, China and the main others").
MAIN = ("USA", "CHN", "MEX", "CAN", "EU27", "JPN", "KOR", "TWN", "VNM", "IND")


def _f(value: Any, digits: int = 2, sign: bool = True) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    value = round(float(value), digits) + 0.0  # no "-0.0"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _bn(value: Any) -> str:
    return _f(value, 1, sign=False)


def shown_countries(result: ScenarioResult, wanted: Sequence[str] | None) -> list[str]:
    codes = list(result.table("countries")["iso3"])
    if wanted:
        return [c for c in wanted if c in codes]
    main = [c for c in MAIN if c in codes]
    return main if len(main) >= 2 else codes[:10]


#: Below this console width the country table is printed as two (changes, then levels).
SPLIT_BELOW = 110


def _country_tables(
    result: ScenarioResult, wanted: Sequence[str] | None, width: int | None = None
) -> list[Table]:
    """The economies' figures: one table, or two when the console is narrower than
    :data:`SPLIT_BELOW` (welfare, wages, prices and trade; then balances and tariff revenue)."""
    columns = [
        ("economy", "left"),
        ("welfare %", "right"),
        ("real wage %", "right"),
        ("prices %", "right"),
        ("exports %", "right"),
        ("imports %", "right"),
        ("balance bn", "right"),
        ("Δ balance", "right"),
        ("tariff rev. bn", "right"),
        ("Δ tariff rev.", "right"),
    ]
    labels = band_labels(result)
    if labels is not None:
        columns[2:2] = [(f"{labels[0]}–{labels[1]}", "right")]
    frame = result.table("countries").set_index("iso3")
    rows = []
    for code in shown_countries(result, wanted):
        r = frame.loc[code]
        cells = [
            code,
            _f(r["welfare_pct"], 3),
            _f(r["real_wage_pct"], 3),
            _f(r["price_index_pct"], 2),
            _f(r["exports_pct"], 1),
            _f(r["imports_pct"], 1),
            _bn(r["trade_balance_bn"]),
            _f(r["trade_balance_bn"] - r["trade_balance_baseline_bn"], 1),
            _bn(r["tariff_revenue_bn"]),
            _f(r["tariff_revenue_bn"] - r["tariff_revenue_baseline_bn"], 1),
        ]
        if labels is not None:
            cells.insert(2, _band(result, code, "welfare_pct", 3))
        rows.append(cells)
    levels = [
        k for k, (name, _) in enumerate(columns) if name.startswith(("balance", "Δ", "tariff"))
    ]
    if width is not None and width < SPLIT_BELOW:
        groups = [[k for k in range(len(columns)) if k not in levels], [0, *levels]]
    else:
        groups = [list(range(len(columns)))]
    tables = []
    for group in groups:
        table = Table(box=None, pad_edge=False, header_style="bold")
        for k in group:
            name, justify = columns[k]
            keep = name.startswith("q") or name in ("economy", "welfare %")  # headline, whole
            table.add_column(name, justify=justify, no_wrap=keep, overflow="fold")  # type: ignore[arg-type]
        for cells in rows:
            table.add_row(*(cells[k] for k in group))
        tables.append(table)
    return tables


def _band(result: ScenarioResult, code: str, variable: str, digits: int) -> str:
    bounds = band(result, variable, code)
    return "–" if bounds is None else f"{_f(bounds[0], digits)}…{_f(bounds[1], digits)}"


def _pair_band(result: ScenarioResult, importer: str, exporter: str) -> str:
    """`` [q05–q95 low…high%]`` of a pair's percent change, or nothing without bands."""
    bounds = pair_band(result, importer, exporter)
    labels = band_labels(result)
    if bounds is None or labels is None:
        return ""
    return f" [{labels[0]}–{labels[1]} {_f(bounds[0], 1)}…{_f(bounds[1], 1)}%]"


def _bands_line(result: ScenarioResult) -> Text | None:
    note = bands_note(result)
    if note is None:
        return None
    text, assumed = note
    return Text(
        f"{text} (Table: welfare; every band is in --json and the report.)",
        style="bold yellow" if assumed else "dim",
    )


def _tariff_line(result: ScenarioResult) -> Text:
    tariffs = result.tariffs
    parts = [f"policy {tariffs.get('policy', '?')}"]
    for key, label in (("US_on_CN", "US tariff on China"), ("CN_on_US", "China's on the US")):
        if key in tariffs:
            d = tariffs[key]
            parts.append(f"{label} {d['baseline_pct']:.1f}% → {d['scenario_pct']:.1f}%")
    unconfirmed = tariffs.get("unconfirmed_records", [])
    parts.append(f"{tariffs.get('records', 0)} timeline records")
    text = Text(" · ".join(parts))
    if tariffs.get("tariffs_given"):
        given = "; ".join(tariffs["tariffs_given"])
        text.append(f"\ntariffs of the scenario: {given}", style="bold")
    if unconfirmed:
        text.append(f"\nunconfirmed records in force ({len(unconfirmed)}): ", style="yellow")
        text.append(", ".join(unconfirmed), style="yellow")
    return text


def _trade_lines(result: ScenarioResult) -> list[Text]:
    lines = []
    for a, b, label in (
        ("USA", "CHN", "US imports from China"),
        ("CHN", "USA", "China's imports from the US"),
    ):
        flow = pair(result, a, b)
        if flow is not None:
            lines.append(
                Text(
                    f"{label}: {_bn(flow['baseline_bn'])} → {_bn(flow['counterfactual_bn'])} bn "
                    f"({_f(flow['pct_change'], 1)}%{_pair_band(result, a, b)})"
                )
            )
    balance = pair_balance(result, "USA", "CHN")
    if balance is not None:
        lines.append(
            Text(
                f"US balance with China: {_bn(balance['baseline_bn'])} → "
                f"{_bn(balance['counterfactual_bn'])} bn ({_f(balance['change_bn'], 1)} bn)"
            )
        )
    return lines


def _moves(result: ScenarioResult) -> list[Text]:
    lines = []
    codes = tuple(c for c in ("USA", "CHN") if c in set(result.table("countries")["iso3"]))
    moves = sector_moves(result, codes or tuple(result.table("countries")["iso3"]), 6)
    if len(moves):
        items = [
            f"{r.country} {r.sector} {_f(r.output_rel_pct, 1)}% ({_f(r.output_rel_bn, 1)} bn)"
            for r in moves.itertuples()
        ]
        lines.append(
            Text("Largest sector moves (share of the economy's output): " + "; ".join(items))
        )
    for importer, rival in (("USA", "CHN"), ("CHN", "USA")):
        rows = diversion(result, importer, rival)
        if rows.empty or rival not in set(rows["exporter"]):
            continue
        lost = pair(result, importer, rival)
        if lost is None or lost["change_bn"] > -1e-6:
            continue
        gains = rows[(rows["change_bn"] > 0) & (rows["exporter"] != rival)].head(5)
        if gains.empty:
            continue
        items = [
            f"{r.exporter} {_f(r.change_bn, 1)} bn ({_f(r.share_of_rival_loss_pct, 0, False)}%)"
            for r in gains.itertuples()
        ]
        lines.append(
            Text(
                f"Diversion: who replaces {rival} in {importer}'s imports "
                f"({_f(lost['change_bn'], 1)} bn): " + "; ".join(items)
            )
        )
    return lines


def _commitments(result: ScenarioResult) -> list[Text]:
    frame = result.table("commitments")
    lines = []
    for r in frame.itertuples():
        state = "binding" if r.binding else "met without help"
        lines.append(
            Text(
                f"Commitment {r.commitment}: {r.importer} buys ≥ {_bn(r.committed_bn)} bn "
                f"(sector target {_bn(r.sector_target_bn)}); without it "
                f"{_bn(r.without_commitment_bn)}, achieved {_bn(r.achieved_bn)} — {state}, "
                "purchase subsidy "
                f"{_f(r.subsidy_pct, 1, False)}%, cost {_f(r.cost_bn, 2, False)} bn"
            )
        )
    return lines


_PREPOSITION = {"imports": "from", "exports": "to", "balance": "with"}


def _observed(result: ScenarioResult) -> Table | None:
    frame = result.table("observed")
    if frame.empty:
        return None
    table = Table(title="Model vs observed", box=None, header_style="bold", title_justify="left")
    for name in ("flow", "observed", "Δ observed", "model", "Δ model"):
        table.add_column(name, justify="left" if name == "flow" else "right")
    for r in frame.itertuples():
        table.add_row(
            f"{r.country} {r.measure} {_PREPOSITION[str(r.measure)]} {r.partner}",
            f"{_bn(r.observed_from_bn)} → {_bn(r.observed_to_bn)}",
            f"{_f(r.observed_change_bn, 1)} bn ({_f(r.observed_pct, 1)}%)",
            f"{_bn(r.model_baseline_bn)} → {_bn(r.model_bn)}",
            f"{_f(r.model_change_bn, 1)} bn ({_f(r.model_pct, 1)}%)",
        )
    return table


def _solver_line(result: ScenarioResult) -> Text:
    s = result.solver
    if not result.converged:
        return Text(
            f"NOT CONVERGED ({s.get('outcome', 'failed')}): {s.get('message', '')}. "
            "No results are reported for this scenario.",
            style="bold red",
        )
    text = (
        f"solver: converged in {s.get('iterations')} iterations, residual "
        f"{s.get('residual', 0):.1e}, largest condition error {s.get('max_condition', 0):.1e}, "
        f"deficits {s.get('deficits')}, horizon {s.get('horizon', 'long-run')}"
    )
    if "commitment_iterations" in s:
        text += f", {s['commitment_iterations']} commitment steps"
    return Text(text, style="dim")


def scenario_panel(
    result: ScenarioResult, countries: Sequence[str] | None = None, width: int | None = None
) -> Panel:
    """One scenario's results; ``width`` (the console's) decides how the tables are laid out."""
    parts: list[Any] = [_tariff_line(result)]
    if result.converged:
        parts.extend(_country_tables(result, countries, width))
        bands_line = _bands_line(result)
        if bands_line is not None:
            parts.append(bands_line)
        quoted = (result.meta.get("outcomes") or {}).get("USA")
        if quoted and quoted.get("pass_through") is not None:
            parts.append(
                Text(
                    f"USA: pass-through {quoted['pass_through']:.2f}, consumer prices "
                    f"{quoted['consumer_prices_pct']:+.2f}%, effective tariff "
                    f"{quoted['effective_tariff_before_pct']:.1f}% before / "
                    f"{quoted['effective_tariff_after_pct']:.1f}% after substitution, customs "
                    f"revenue {quoted['customs_revenue']:.0f}, cost per household "
                    f"{quoted['cost_per_household']:+,.0f} USD",
                    style="dim",
                )
            )
        if result.meta.get("deficits") == "fixed":
            parts.append(
                Text(
                    "total trade balances are held at their baseline levels (deficits 'fixed')",
                    style="dim",
                )
            )
        parts.extend(_trade_lines(result))
        parts.extend(_moves(result))
        parts.extend(_commitments(result))
        observed = _observed(result)
        if observed is not None:
            parts.append(observed)
    for warning in result.meta.get("warnings", []):
        parts.append(Text(f"warning: {warning}", style="bold yellow"))
    for note in result.meta.get("notes", []):
        parts.append(Text(f"note: {note}", style="italic"))
    for note in result.meta.get("policy_notes", []):
        parts.append(Text(f"timeline: {note}", style="dim"))
    parts.append(_solver_line(result))
    return Panel(
        Group(*parts), title=f"[bold]{result.title}[/bold]  ({result.name})", title_align="left"
    )


def comparison_table(run: Run) -> Table:
    table = Table(title="Scenarios side by side", header_style="bold", title_justify="left")
    for name in (
        "scenario",
        "welfare USA %",
        "welfare CHN %",
        "US imp. from CN %",
        "CN imp. from US %",
        "US–CN balance bn",
        "Δ balance bn",
    ):
        if name == "scenario":
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, justify="right")
    for result in run.scenarios:
        h = headline(result)
        if not result.converged:
            table.add_row(result.name, *(["not converged"] + [""] * 5), style="red")
            continue
        table.add_row(
            result.name,
            _f(h.get("welfare_USA_pct"), 3),
            _f(h.get("welfare_CHN_pct"), 3),
            _f(h.get("us_imports_from_cn_pct"), 1),
            _f(h.get("cn_imports_from_us_pct"), 1),
            _bn(h.get("us_cn_balance_bn")),
            _f(h.get("us_cn_balance_change_bn"), 1),
        )
    return table


def diagnostics_lines(run: Run) -> list[Text]:
    lines = []
    for sha, gap in run.manifest.get("diagnostics", {}).get("baseline_tariff_gap", {}).items():
        if "error" in gap:
            lines.append(Text(f"baseline check not made: {gap['error']}", style="yellow"))
            continue
        directions = "; ".join(
            f"{k}: world {v['world_pct']:.1f}% vs timeline {v['timeline_pct']:.1f}%"
            for k, v in gap.items()
            if isinstance(v, dict)
        )
        off = [abs(v["world_pct"] - v["timeline_pct"]) for v in gap.values() if isinstance(v, dict)]
        style = "yellow" if off and max(off) > 1.0 else "dim"  # averages more than 1 pp apart
        lines.append(
            Text(
                f"baseline check ({sha[:15]}…): the world's tariffs against the timeline's for "
                f"{gap['year']} (trade-weighted) — {directions}; largest cell gap "
                f"{gap['max_abs_pp']:.1f} pp at {gap['at']}",
                style=style,
            )
        )
    return lines


def render_run(
    run: Run,
    console: Console,
    countries: Sequence[str] | None = None,
    scenarios: Sequence[str] | None = None,
) -> None:
    for result in run.scenarios:
        if scenarios and result.name not in scenarios:
            continue
        console.print(scenario_panel(result, countries, console.width))
    console.print(comparison_table(run))
    for line in diagnostics_lines(run):
        console.print(line)
    worlds = ", ".join(
        f"{w['name']} (vintage {w.get('vintage')}, {w['content_sha256'][:15]}…)"
        for w in run.manifest.get("worlds", [])
    )
    console.print(
        Text(
            f"run {run.run_id} · {run.manifest.get('created_at')} · world {worlds} · timeline "
            f"{str(run.manifest.get('timeline', {}).get('version'))[:15]}… · tradewar "
            f"{run.manifest.get('environment', {}).get('tradewar')}",
            style="dim",
        )
    )
