"""``tradewar timeline``, ``tariffs`` and ``etr``: the policy timeline on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar.cli._app import app, friendly_errors, print_json

_DATE = "ISO date, YYYY-MM-DD"


def _date(value: str | None) -> dt.date | None:
    from tradewar.timeline._compile import parse_date

    return None if value is None else parse_date(value)


def _overlay(value: str | None) -> Any:
    return None if value is None else value


@app.command("timeline")
@friendly_errors
def timeline_cmd(
    start: Annotated[str | None, typer.Option("--from", help=f"First date ({_DATE}).")] = None,
    end: Annotated[str | None, typer.Option("--to", help=f"Last date ({_DATE}).")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="measure, event or commitment.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the US–China timeline records by date, with their sources."""
    from rich.console import Console
    from rich.table import Table

    from tradewar.errors import TimelineError
    from tradewar.timeline import builtin_timeline
    from tradewar.timeline._timeline import record_date

    if kind not in (None, "measure", "event", "commitment"):
        raise TimelineError(f"--kind must be measure, event or commitment, not {kind!r}")
    records = builtin_timeline().between(_date(start), _date(end), kind)
    rows: list[dict[str, Any]] = [
        {
            "date": str(record_date(r)),
            "id": r.id,
            "kind": r.record,
            "what": r.title,
            "confirmed": r.confirmed,
            "sources": list(r.sources),
        }
        for r in records
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"US–China policy timeline ({len(rows)} records)")
    for col in ("date", "kind", "id", "what", "ok", "source"):
        table.add_column(col, overflow="fold", no_wrap=col in ("date", "id"))  # ids whole
    for row in rows:
        table.add_row(
            row["date"],
            row["kind"],
            row["id"],
            row["what"],
            "yes" if row["confirmed"] else "UNCONFIRMED",
            "\n".join(row["sources"]),
        )
    Console().print(table)


@app.command("tariffs")
@friendly_errors
def tariffs_cmd(
    on: Annotated[str, typer.Option("--on", help=f"Date ({_DATE}).")],
    overlay: Annotated[
        str | None, typer.Option("--overlay", help="Overlay file (YAML/TOML) or built-in name.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Tariffs in force between the US and China on a date (percent), by authority and sector."""
    from tradewar.timeline import tariffs_on, tariffs_summary

    payload = tariffs_summary(tariffs_on(on, _overlay(overlay)))
    if as_json:
        print_json(payload)
        return
    typer.echo(f"Tariffs in force on {payload['date']} (percent, trade-weighted on 2017 imports)")
    for key in ("US_on_CN", "CN_on_US"):
        d = payload[key]
        assert isinstance(d, dict)
        typer.echo(f"\n{key}: trade-weighted {d['trade_weighted']:.1f}, simple {d['simple']:.1f}")
        for auth, value in d["by_authority"].items():
            typer.echo(f"  {auth:<20} {value:7.2f}")
    unconfirmed = payload["unconfirmed_records"]
    if unconfirmed:
        import shutil
        import textwrap

        text = f"Unconfirmed records used: {', '.join(unconfirmed)}"  # type: ignore[arg-type]
        typer.echo("\n" + textwrap.fill(text, width=shutil.get_terminal_size().columns))


@app.command("etr")
@friendly_errors
def etr_cmd(
    start: Annotated[str, typer.Option("--from", help=f"First date ({_DATE}).")],
    end: Annotated[str, typer.Option("--to", help=f"Last date ({_DATE}).")],
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a PNG chart here.")] = None,
    overlay: Annotated[
        str | None, typer.Option("--overlay", help="Overlay file (YAML/TOML) or built-in name.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Step series of the average US tariff on China and China's on the US, with events."""
    from tradewar.cli._busy import busy
    from tradewar.timeline import builtin_timeline, etr_series

    with busy(f"compiling the tariffs of every change date from {start} to {end}"):
        points = etr_series(start, end, _overlay(overlay))
    rows: list[dict[str, Any]] = [
        {
            "date": p.date.isoformat(),
            "US_on_CN": round(100 * p.us_on_cn, 3),
            "CN_on_US": round(100 * p.cn_on_us, 3),
            "US_on_CN_simple": round(100 * p.us_on_cn_simple, 3),
            "CN_on_US_simple": round(100 * p.cn_on_us_simple, 3),
            "started": list(p.started),
            "ended": list(p.ended),
        }
        for p in points
    ]
    events = [
        {"date": e.start.isoformat(), "id": e.id, "kind": e.kind}
        for e in builtin_timeline().events
        if points and points[0].date <= e.start <= (_date(end) or e.start)
    ]
    if plot is not None:
        from tradewar.cli._etr_plot import plot_etr

        with busy("drawing the chart"):
            plot_etr(points, events, end, plot)
    if as_json:
        print_json({"series": rows, "events": events, "plot": str(plot) if plot else None})
        return
    typer.echo(f"{'date':<12}{'US_on_CN':>10}{'CN_on_US':>10}  changes")
    for row in rows:
        changes = ", ".join([f"+{x}" for x in row["started"]] + [f"-{x}" for x in row["ended"]])
        typer.echo(f"{row['date']:<12}{row['US_on_CN']:>10.2f}{row['CN_on_US']:>10.2f}  {changes}")
    if plot is not None:
        typer.echo(f"chart written to {plot}")
