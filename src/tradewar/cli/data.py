"""``tradewar data ...``: the embedded default world and data downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.cli._app import app, friendly_errors, print_json

data_app = typer.Typer(help="The embedded 2024 default world, its sources, and data downloads.")
fetch_app = typer.Typer(help="Download public input-output tables into the local cache.")
data_app.add_typer(fetch_app, name="fetch")
app.add_typer(data_app, name="data")


@data_app.command("info")
@friendly_errors
def info(
    json_out: Annotated[bool, typer.Option("--json", help="Print everything as JSON.")] = False,
) -> None:
    """Economies, sectors, base year, sources, file hashes and headline figures (USD bn)."""
    from tradewar.worlds import data_info

    payload = data_info()
    if json_out:
        print_json(payload)
        return
    typer.echo(f"{payload['name']} (base year {payload['base_year']}; {payload['units']})")
    typer.echo(f"economies: {', '.join(payload['economies'])}")
    typer.echo(f"sectors:   {', '.join(payload['sectors'])}")
    typer.echo("")
    typer.echo(f"{'economy':8s}{'GDP':>11s}{'goods exports':>15s}{'goods imports':>15s}")
    for c in payload["economies"]:
        typer.echo(
            f"{c:8s}{payload['gdp_bn'][c]:11.1f}{payload['goods_exports_bn'][c]:15.1f}"
            f"{payload['goods_imports_bn'][c]:15.1f}"
        )
    b = payload["bilateral_goods_bn"]
    typer.echo(f"\nUSA<-CHN {b['USA<-CHN']:.1f}   CHN<-USA {b['CHN<-USA']:.1f}")
    unconfirmed = sum(payload["unconfirmed_rows"].values())
    typer.echo(
        f"\n{len(payload['sha256'])} data files (sha256 with --json); {unconfirmed} input rows are "
        "estimates or not yet re-checked against their source (see docs/data.md)."
    )


@data_app.command("build-default")
@friendly_errors
def build_default(
    out: Annotated[
        Path | None,
        typer.Option(help="Write here instead of the package's shipped folder."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only compare a fresh build with the shipped files.")
    ] = False,
    us_china: Annotated[
        str,
        typer.Option(
            help="Source of the USA and CHN import tariffs: 'timeline' (the policy timeline "
            "compiler at 2024-07-01) or 'csv' (the package's own sourced CSV, a cross-check)."
        ),
    ] = "timeline",
) -> None:
    """Rebuild the default world from its sourced CSVs (bit for bit)."""
    from tradewar.worlds import build_default as build
    from tradewar.worlds import build_files, built_dir

    if check:
        fresh = build_files(us_china=us_china)
        differ = [n for n, d in fresh.items() if (built_dir() / n).read_bytes() != d]
        if differ:
            typer.secho(f"differs from the shipped build: {differ}", err=True, fg="red")
            raise typer.Exit(code=1)
        typer.echo(f"identical to the shipped build ({len(fresh)} files)")
        return
    hashes = build(out, us_china=us_china)
    for name, sha in hashes.items():
        typer.echo(f"{sha}  {name}")


@fetch_app.command("icio")
@friendly_errors
def fetch_icio(
    year: Annotated[int, typer.Option(help="Year of the table (the release's file block).")],
    url: Annotated[str | None, typer.Option(help="Download from this URL instead.")] = None,
    sha256: Annotated[
        str | None, typer.Option(help="Expected sha256 of the download (checked).")
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Cache folder (default: the user cache dir).")
    ] = None,
) -> None:
    """Download an OECD ICIO table with a checksum into the cache (needs the network)."""
    from tradewar.data.fetch import fetch_icio as fetch

    result = fetch(year, url=url, sha256=sha256, cache_dir=cache_dir)
    typer.echo(f"{result.sha256}  {result.path}")
    for line in result.notes:
        typer.echo(line)
