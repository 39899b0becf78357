"""``tradewar timeline``, ``tariffs`` and ``etr``: the policy timeline on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar.cli._app import app, friendly_errors, print_json

# Commands import the packages they use when they run, not here: `tradewar --help` imports every
# command module, and must load neither JAX nor the data packages (tests/cli/test_lazy_imports.py).

_DATE = "ISO date, YYYY-MM-DD"


def _date(value: str | None) -> dt.date | None:
    from tradewar.timeline import parse_date

    return None if value is None else parse_date(value)


def _warn_dates(days: list[dt.date | None], what: str) -> None:
    """A warning on stderr for dates outside the timeline's range (the range named)."""
    from tradewar._coverage import date_warnings

    for line in date_warnings([d for d in days if d is not None], what):
        typer.secho(f"warning: {line}", err=True, fg="yellow")


def _overlay(value: str | None) -> Any:
    return None if value is None else value


timeline_app = typer.Typer(help="List the timeline's records; `timeline add` adds your own.")
app.add_typer(timeline_app, name="timeline")


@timeline_app.callback(invoke_without_command=True)
@friendly_errors
def timeline_cmd(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help=f"First date ({_DATE}).")] = None,
    end: Annotated[str | None, typer.Option("--to", help=f"Last date ({_DATE}).")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="measure, event or commitment.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the US–China timeline records by date, with their sources."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.table import Table

    from tradewar.errors import TimelineError
    from tradewar.timeline import builtin_timeline, record_date

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
        # ids and the "UNCONFIRMED" flag whole
        table.add_column(col, overflow="fold", no_wrap=col in ("date", "id", "ok"))
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
    importer: Annotated[
        str | None, typer.Option("--importer", help="Importer of a pair to show (e.g. USA).")
    ] = None,
    exporter: Annotated[
        str | None, typer.Option("--exporter", help="Exporter of the pair (e.g. VNM).")
    ] = None,
    hs: Annotated[
        str | None,
        typer.Option("--hs", help="One product (HS code, 4-10 digits) imported by the US."),
    ] = None,
    origin: Annotated[
        str | None, typer.Option("--from", help="Exporter of the --hs product (e.g. CHN).")
    ] = None,
    usmca: Annotated[
        bool | None,
        typer.Option(
            "--usmca/--non-usmca",
            help="--hs from CAN/MEX: USMCA-qualifying or not (default: 2024 claim share).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Tariffs in force on a date (percent) by authority and sector, and the US rate on all imports.

    With --hs CODE --from ISO3: one product's US duties stacked by authority, each with its record
    and source.

    Without --importer/--exporter: the US on China and China on the US. With them: any pair of the
    default economies.
    """
    from tradewar.errors import TimelineError
    from tradewar.timeline import (
        all_imports_average,
        direction_summary,
        tariffs_on,
        tariffs_summary,
    )

    _warn_dates([_date(on)], "--on")
    if hs is not None or origin is not None:
        if hs is None or origin is None:
            raise TimelineError(
                "give both --hs CODE and --from ISO3 (e.g. --hs 8517.13 --from CHN)"
            )
        _product(on, hs, origin, usmca, overlay, as_json)
        return
    schedule = tariffs_on(on, _overlay(overlay))
    payload = tariffs_summary(schedule)
    payload["US_on_all_imports"] = round(100 * all_imports_average(schedule, "USA"), 3)
    keys = ["US_on_CN", "CN_on_US"]
    if importer is not None or exporter is not None:
        if importer is None or exporter is None:
            raise TimelineError(
                "give both --importer and --exporter (e.g. --importer USA --exporter VNM)"
            )
        key = f"{importer}_on_{exporter}"
        payload[key] = direction_summary(schedule, importer, exporter)
        keys = [key]
    if as_json:
        print_json(payload)
        return
    typer.echo(f"Tariffs in force on {payload['date']} (percent, trade-weighted)")
    typer.echo(f"US effective rate on all imports: {payload['US_on_all_imports']:.2f}")
    for key in keys:
        d = payload[key]
        assert isinstance(d, dict)
        if d["trade_weighted"] is None:
            typer.echo(f"\n{key}: simple {d['simple']:.1f} ({d['note']})")
            for sector, value in d["by_sector"].items():
                typer.echo(f"  {sector:<20} {value:7.2f}")
            continue
        typer.echo(f"\n{key}: trade-weighted {d['trade_weighted']:.1f}, simple {d['simple']:.1f}")
        for auth, value in d["by_authority"].items():
            typer.echo(f"  {auth:<20} {value:7.2f}")
    unconfirmed = payload["unconfirmed_records"]
    if unconfirmed:
        import shutil
        import textwrap

        text = f"Unconfirmed records used: {', '.join(unconfirmed)}"  # type: ignore[arg-type]
        typer.echo("\n" + textwrap.fill(text, width=shutil.get_terminal_size().columns))


def _product(
    on: str, hs: str, origin: str, usmca: bool | None, overlay: str | None, as_json: bool
) -> None:
    from tradewar.timeline import product_duties

    p = product_duties(on, hs, origin, usmca=usmca, overlay=_overlay(overlay))
    payload: dict[str, Any] = {
        "date": p.date.isoformat(),
        "importer": p.importer,
        "exporter": p.exporter,
        "hs": p.hs,
        "base": round(100 * p.base, 3),
        "base_note": p.base_note,
        "duties": [
            {
                "authority": d.authority,
                "record": d.record,
                "rate": round(100 * d.rate, 3),
                "applies": round(d.applies, 4),
                "expected": round(100 * d.expected, 3),
                "confirmed": d.confirmed,
                "source": d.source,
            }
            for d in p.duties
        ],
        "by_authority": {k: round(100 * v, 3) for k, v in p.by_authority().items()},
        "total": round(100 * p.total, 3),
        "notes": list(p.notes),
    }
    if as_json:
        print_json(payload)
        return
    typer.echo(f"US duties on HS {p.hs} from {p.exporter} on {payload['date']} (percent)")
    typer.echo(f"  {'base':<18} {payload['base']:7.2f}  {p.base_note}")
    for d in payload["duties"]:
        share = "" if d["applies"] == 1 else f" x {d['applies']:.2f}"
        flag = "" if d["confirmed"] else "  UNCONFIRMED"
        typer.echo(
            f"  {d['authority']:<18} {d['rate']:7.2f}{share}  {d['record']}  {d['source']}{flag}"
        )
    typer.echo(f"  {'total':<18} {payload['total']:7.2f}")
    for note in p.notes:
        typer.echo(f"  note: {note}")


@app.command("etr")
@friendly_errors
def etr_cmd(
    start: Annotated[str, typer.Option("--from", help=f"First date ({_DATE}).")],
    end: Annotated[str, typer.Option("--to", help=f"Last date ({_DATE}).")],
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a PNG chart here.")] = None,
    overlay: Annotated[
        str | None, typer.Option("--overlay", help="Overlay file (YAML/TOML) or built-in name.")
    ] = None,
    importer: Annotated[
        str | None, typer.Option("--importer", help="Importer of one pair (e.g. USA).")
    ] = None,
    exporter: Annotated[
        str | None,
        typer.Option("--exporter", help="Exporter of the pair, or ALL for all of its imports."),
    ] = None,
    csv_path: Annotated[
        Path | None, typer.Option("--csv", help="Write the daily series (CSV) here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Step series of average tariffs with events: US–China both ways, or one pair (--importer).

    --csv writes one row per day (the rate in force that day, by authority) instead of change dates.
    """
    from tradewar.cli._busy import busy
    from tradewar.cli._paths import output_file
    from tradewar.errors import TimelineError
    from tradewar.timeline import builtin_timeline, etr_series

    plot = output_file(plot, "--plot", ".png", "etr.png") if plot else None
    first, last = _date(start), _date(end)
    if first is not None and last is not None and last < first:
        raise TimelineError(f"--to {end} is before --from {start}; give the earlier date first")
    _warn_dates([first, last], "date")

    if importer is not None or exporter is not None:
        if importer is None or exporter is None:
            raise TimelineError(
                "give both --importer and --exporter (exporter ALL for all imports)"
            )
        _pair_etr(start, end, importer, exporter, overlay, csv_path, as_json)
        return
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
    if csv_path is not None:
        _write_daily_csv(
            csv_path,
            ["US_on_CN", "CN_on_US"],
            [(day, [row["US_on_CN"], row["CN_on_US"]]) for day, row in _daily_rows(rows, end)],
        )
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
    if csv_path is not None:
        typer.echo(f"daily series written to {csv_path}")


def _daily_rows(rows: list[dict[str, Any]], end: str) -> list[tuple[dt.date, dict[str, Any]]]:
    last = _date(end)
    assert last is not None
    out = []
    for k, row in enumerate(rows):
        day = dt.date.fromisoformat(row["date"])
        stop = dt.date.fromisoformat(rows[k + 1]["date"]) if k + 1 < len(rows) else last
        while day < stop or (k + 1 == len(rows) and day <= stop):
            out.append((day, row))
            day += dt.timedelta(days=1)
    return out


def _write_daily_csv(
    path: Path, columns: list[str], rows: list[tuple[dt.date, list[float]]]
) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["date", *columns])
        for day, values in rows:
            writer.writerow([day.isoformat(), *(f"{v:.3f}" for v in values)])


def _pair_etr(
    start: str,
    end: str,
    importer: str,
    exporter: str,
    overlay: str | None,
    csv_path: Path | None,
    as_json: bool,
) -> None:
    from tradewar.timeline import daily, pair_series

    points = pair_series(start, end, importer, exporter, _overlay(overlay))
    key = f"{importer}_on_{exporter}"
    authorities = sorted({a for p in points for a in p.by_authority})
    rows: list[dict[str, Any]] = [
        {
            "date": p.date.isoformat(),
            key: round(100 * p.rate, 3),
            "by_authority": {a: round(100 * v, 3) for a, v in p.by_authority.items()},
            "started": list(p.started),
            "ended": list(p.ended),
        }
        for p in points
    ]
    if csv_path is not None:
        _write_daily_csv(
            csv_path,
            [key, *authorities],
            [
                (day, [100 * p.rate, *(100 * p.by_authority.get(a, 0.0) for a in authorities)])
                for day, p in daily(points, end)
            ],
        )
    if as_json:
        print_json({"series": rows, "csv": str(csv_path) if csv_path else None})
        return
    typer.echo(f"{'date':<12}{key:>14}  changes")
    for row in rows:
        changes = ", ".join([f"+{x}" for x in row["started"]] + [f"-{x}" for x in row["ended"]])
        typer.echo(f"{row['date']:<12}{row[key]:>14.2f}  {changes}")
    if csv_path is not None:
        typer.echo(f"daily series written to {csv_path}")
