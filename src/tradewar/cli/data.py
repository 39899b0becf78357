"""``tradewar data ...``: the embedded default world and data downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.cli._app import app, friendly_errors, print_json

# Commands import the packages they use when they run, not here: `tradewar --help` imports every
# command module, and must load neither JAX nor the data packages (tests/cli/test_lazy_imports.py).

data_app = typer.Typer(help="The embedded 2024 default world, its sources, and data downloads.")
fetch_app = typer.Typer(help="Download public input-output tables into the local cache.")
data_app.add_typer(fetch_app, name="fetch")
app.add_typer(data_app, name="data")


def _say(text: str, indent: int = 0) -> None:
    """A paragraph wrapped to the terminal (``$COLUMNS``), continuation lines indented."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns
    typer.echo(
        textwrap.fill(
            text,
            width,
            subsequent_indent=" " * indent,
            break_long_words=False,  # URLs stay whole
            break_on_hyphens=False,
        )
    )


@data_app.command("info")
@friendly_errors
def info(
    json_out: Annotated[bool, typer.Option("--json", help="Print everything as JSON.")] = False,
    economy: Annotated[
        list[str] | None,
        typer.Option(help="Show this economy's goods trade by sector (repeatable)."),
    ] = None,
) -> None:
    """Economies, sectors, sources, margins against their sources, trade by sector (USD bn)."""
    from tradewar.world import economy_names
    from tradewar.worlds import data_info

    payload = data_info()
    if json_out:
        print_json(payload)
        return
    _say(f"{payload['name']} (base year {payload['base_year']}; {payload['units']})")
    names = economy_names(payload["economies"])
    _say(f"economies: {', '.join(f'{c} {n}' for c, n in names.items())}", indent=11)
    _say(f"sectors:   {', '.join(payload['sectors'])}", indent=11)
    typer.echo("")
    margins = payload["build_report"]["margins_bn"]
    typer.echo(
        f"{'economy':8s}{'GDP':>10s}{'(source)':>10s}{'goods X':>10s}{'(source)':>10s}"
        f"{'goods M':>10s}{'(source)':>10s}"
    )
    for c in payload["economies"]:
        m = margins[c]
        src_m = m.get("goods_imports_source")
        typer.echo(
            f"{c:8s}{payload['gdp_bn'][c]:10.1f}{m['gdp_source']:10.1f}"
            f"{payload['goods_exports_bn'][c]:10.1f}{m['goods_exports_source']:10.1f}"
            f"{payload['goods_imports_bn'][c]:10.1f}"
            + (f"{src_m:10.1f}" if src_m is not None else f"{'residual':>10s}")
        )
    report = payload["build_report"]
    _say(
        f"USA imports: the WTO figure includes "
        f"{report['us_imports_hs10']['chapters_98_99_bn']:.1f} bn of HS chapters 98-99 (no goods "
        "sector). ROW: its source exports (world less the rest) include trade within the rest of "
        "the world, which is home sales here."
    )
    b = payload["bilateral_goods_bn"]
    typer.echo(f"\nUSA<-CHN {b['USA<-CHN']:.1f}   CHN<-USA {b['CHN<-USA']:.1f}")
    for c in economy or ["USA", "CHN"]:
        if c not in payload["composition_bn"]:
            raise typer.BadParameter(f"{c!r}: economies are {payload['economies']}")
        comp = payload["composition_bn"][c]
        typer.echo(f"\n{c} goods trade by sector (bn USD)")
        typer.echo(f"  {'sector':20s}{'exports':>10s}{'imports':>10s}")
        for s in payload["goods_sectors"]:
            typer.echo(f"  {s:20s}{comp['exports'][s]:10.1f}{comp['imports'][s]:10.1f}")
    typer.echo("\nsources:")
    for name, urls in payload["sources"].items():
        _say(f"  {name}: {'; '.join(urls) if urls else '-'}", indent=4)
    unconfirmed = sum(payload["unconfirmed_rows"].values())
    typer.echo("")
    _say(
        f"{len(payload['sha256'])} data files (sha256 with --json); {unconfirmed} input rows are "
        "estimates or not yet re-checked against their source; "
        f"{report['imputed_cells']} imputed flow cells (built/imputed.csv); economies without "
        f"a table of their own: {', '.join(report['economies_without_a_table'])} (docs/data.md)."
    )


@data_app.command("check-us-imports")
@friendly_errors
def check_us_imports(
    markdown: Annotated[bool, typer.Option(help="Print a markdown table (docs/data.md).")] = False,
) -> None:
    """US 2024 imports by sector: default world against the HS10 data (share of each partner)."""
    from tradewar.worlds import CHECK_MIN_BN, CHECK_TOLERANCE, us_imports_check

    rows = us_imports_check()
    bad = [
        r
        for r in rows
        if r["checked"] and abs(r["model_share"] / r["data_share"] - 1) > CHECK_TOLERANCE
    ]
    if markdown:
        typer.echo("| partner | sector | HS10 2024 (bn) | world (bn) | HS10 share | world share |")
        typer.echo("|---|---|---:|---:|---:|---:|")
    for r in rows:
        if r["data_bn"] < 10.0:
            continue
        mark = "" if r["checked"] else " (below the size checked)"
        if markdown:
            typer.echo(
                f"| {r['partner']} | {r['sector']}{mark} | {r['data_bn']:.1f} | "
                f"{r['model_bn']:.1f} | {100 * r['data_share']:.1f}% | "
                f"{100 * r['model_share']:.1f}% |"
            )
        else:
            typer.echo(
                f"{r['partner']:5s}{r['sector']:20s}{r['data_bn']:9.1f}{r['model_bn']:9.1f}"
                f"{100 * r['data_share']:8.1f}%{100 * r['model_share']:8.1f}%{mark}"
            )
    if bad:
        typer.secho(
            f"{len(bad)} sector(s) of at least {CHECK_MIN_BN:g} bn off by more than "
            f"{100 * CHECK_TOLERANCE:g}%: {[(r['partner'], r['sector']) for r in bad]}",
            err=True,
            fg="red",
        )
        raise typer.Exit(code=1)


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
    shared: Annotated[
        Path | None,
        typer.Option(help="The real tables (default: ../shared/data beside the repository)."),
    ] = None,
) -> None:
    """Rebuild the default world from the real tables and its sourced CSVs (bit for bit)."""
    from tradewar.worlds import built_dir
    from tradewar.worlds.build import build_default as build
    from tradewar.worlds.build import build_files

    if check:
        fresh = build_files(shared=shared)
        differ = [n for n, d in fresh.items() if (built_dir() / n).read_bytes() != d]
        if differ:
            typer.secho(f"differs from the shipped build: {differ}", err=True, fg="red")
            raise typer.Exit(code=1)
        typer.echo(f"identical to the shipped build ({len(fresh)} files)")
        return
    hashes = build(out, shared=shared)
    for name, sha in hashes.items():
        typer.echo(f"{sha}  {name}")


@data_app.command("build")
@friendly_errors
def build_world(
    out: Annotated[Path, typer.Option(help="The world file to write (.nc).")],
    icio: Annotated[
        Path | None, typer.Option(help="An OECD ICIO table (CSV, zip or folder).")
    ] = None,
    wiod: Annotated[Path | None, typer.Option(help="A WIOD 2013-release table.")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the table.")] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="Aggregation mapping CSV (kind, source, target).")
    ] = None,
    theta: Annotated[float, typer.Option(help="Trade elasticity of every sector.")] = 4.5,
) -> None:
    """Turn your own ICIO or WIOD table into a world file that `tradewar run` and a scenario's
    ``world = "..."`` accept."""
    from tradewar.data import load_icio, load_wiod
    from tradewar.worlds import save_world

    if (icio is None) == (wiod is None):
        raise typer.BadParameter("give exactly one of --icio DIR or --wiod DIR")
    loader = load_icio if icio is not None else load_wiod
    path = icio if icio is not None else wiod
    assert path is not None
    world, report = loader(path, year, mapping=mapping, theta=theta)
    save_world(world, out)
    typer.echo(f"{out}: {world.n_countries} economies x {world.n_sectors} sectors")
    for change in report.changes:
        typer.echo(f"  {change}")


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
