"""``tradewar ingest``: candidate timeline records from a document, checked against the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar.cli._app import app, friendly_errors, print_json
from tradewar.cli.timeline import timeline_app
from tradewar.errors import IngestError

# Commands import the packages they use when they run, not here: `tradewar --help` imports every
# command module, and must load neither JAX nor the data packages (tests/cli/test_lazy_imports.py).

_SHOWN = {
    "measure": (
        "actor",
        "targets",
        "authority",
        "rate",
        "replaces_rate",
        "announced",
        "effective",
        "planned_end",
        "status",
        "scope",
    ),
    "event": ("kind", "start", "end", "place", "participants"),
    "commitment": (
        "buyer",
        "seller",
        "product_group",
        "amount_usd_bn",
        "amount_physical",
        "unit",
        "period_start",
        "period_end",
    ),
}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@app.command("ingest")
@friendly_errors
def ingest_cmd(
    file: Annotated[str, typer.Argument(help="A text, HTML or Federal Register (JSON/text) file.")],
    source_url: Annotated[
        str | None, typer.Option("--source-url", help="Where the document was published.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The document's date, YYYY-MM-DD (for 'August 23', 'Sunday')."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the candidates as YAML for review and `timeline add`."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Propose timeline records from a news report, press release or Federal Register notice.

    Every field cites the sentence it came from; nothing is confirmed. Each candidate is labelled
    new, recorded (with the record's id) or conflicts (with both values). Exit status 1 when the
    document yields no candidate.
    """
    from tradewar.ingest import candidates_yaml, check, propose, read_document
    from tradewar.timeline import builtin_timeline

    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError as exc:
            raise IngestError(f"--date {date!r} is not an ISO date (YYYY-MM-DD)") from exc
    proposal = propose(read_document(file, source_url=source_url, date=day))
    if not proposal.candidates:
        typer.secho(proposal.message, err=True, fg=typer.colors.YELLOW)
        if as_json:
            print_json([])
        raise typer.Exit(code=1)
    checked = check(proposal.candidates, builtin_timeline())
    if out is not None:
        out.write_text(candidates_yaml(checked, file), encoding="utf-8")
    rows = []
    for item in checked:
        c = item.candidate
        _record, problems = c.validate()
        rows.append(
            {
                "type": c.type,
                "id": c.id,
                "label": item.label,
                "match": item.match,
                "conflicts": [
                    {
                        "field": k.field,
                        "candidate": _plain(k.candidate),
                        "recorded": _plain(k.recorded),
                    }
                    for k in item.conflicts
                ],
                "record": _plain(c.record_data()),
                "evidence": {name: ev.sentence for name, ev in c.fields.items()},
                "to_fill": problems,
            }
        )
    if as_json:
        print_json(rows)
        return
    _table(rows, file, out)


def _table(rows: list[dict[str, Any]], file: str, out: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Candidate records from {file} (none confirmed)", show_lines=True)
    for col in ("record", "fields", "check", "to fill"):
        table.add_column(col, overflow="fold")
    for row in rows:
        rec = row["record"]
        fields = "\n".join(
            f"{name}: {rec[name]}" for name in _SHOWN[row["type"]] if rec.get(name) is not None
        )
        label = row["label"] + (f" {row['match']}" if row["match"] else "")
        for k in row["conflicts"]:
            label += f"\n{k['field']}: {k['candidate']} here, {k['recorded']} recorded"
        table.add_row(f"{row['type']}\n{row['id']}", fields, label, "\n".join(row["to_fill"]))
    console = Console(width=160)
    console.print(table)
    if out is not None:
        console.print(
            f"candidates written to {out}; review them, then `tradewar timeline add {out}`"
        )


@timeline_app.command("add")
@friendly_errors
def timeline_add_cmd(
    candidates: Annotated[
        Path, typer.Argument(help="Reviewed records (YAML/TOML), e.g. from ingest --out.")
    ],
    user_file: Annotated[
        Path | None,
        typer.Option(
            "--user-file",
            help="Your records file (default: $TRADEWAR_USER_TIMELINE or the user data dir).",
        ),
    ] = None,
) -> None:
    """Validate reviewed records and add them to your timeline file (the shipped one is untouched).

    `tradewar tariffs`, `etr`, `timeline` and scenarios load your records after the shipped ones.
    """
    from tradewar.timeline import add_user_records

    added = add_user_records(candidates, user_file)
    typer.echo(f"added {len(added.ids)} record(s) to {added.path}: {', '.join(added.ids)}")
