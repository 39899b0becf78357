"""``tradewar optimal``, ``war``, ``talks``, ``escalate`` and ``replicate ossa2014``.

Every command runs on Caliendo–Parro over the embedded default world (``--model default``,
deficits purged by default) or on Ossa's (2014) model and data (``--model ossa2014 --data DIR``),
and prints a table, or JSON with ``--json``. Compiled JAX code is cached on disk between runs
(in the user cache directory; set ``TRADEWAR_JAX_CACHE=off`` to disable or to a folder to move it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer

from tradewar._phases import phase
from tradewar.cli import _strategy_view as view
from tradewar.cli._app import app, friendly_errors, print_json
from tradewar.cli._busy import busy
from tradewar.cli.replicate import replicate_app

DEFAULT_OSSA = Path("../shared/data/ossa2014/mat")

ModelOpt = Annotated[
    str, typer.Option("--model", help="default: Caliendo-Parro on the default world; ossa2014.")
]
DataOpt = Annotated[
    Path, typer.Option("--data", help="Ossa's mat/ folder (DATA.mat), for --model ossa2014.")
]
LobbyOpt = Annotated[
    str, typer.Option("--lobbying", help="ossa2014: BAS (welfare) or POL (lobbying weights).")
]
DeficitOpt = Annotated[
    str, typer.Option("--deficits", help="default model: zero (purged), fixed or ratio.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
UpperOpt = Annotated[float, typer.Option("--upper", help="Upper bound on chosen tariffs.")]


def _jax_setup() -> None:
    import jax

    from tradewar.runner import enable_compilation_cache

    jax.config.update("jax_enable_x64", True)
    enable_compilation_cache()


def _model(model: str, data: Path, lobbying: str, deficits: str) -> Any:
    _jax_setup()
    with phase("data"):
        return _cached_model(model, data.resolve(), lobbying, deficits)


@cache
def _cached_model(model: str, data: Path, lobbying: str, deficits: str) -> Any:
    """One model object per set of options and process, so its compiled code is reused."""
    from tradewar.errors import TradewarError

    if model == "ossa2014":
        from tradewar.ossa import OssaModel, load_ossa2014

        if lobbying not in ("BAS", "POL"):
            raise TradewarError(f"--lobbying must be BAS or POL, not {lobbying!r}")
        return OssaModel(load_ossa2014(data), lobbying=lobbying)  # type: ignore[arg-type]
    if model == "default":
        from tradewar.strategy import CaliendoParro
        from tradewar.worlds import default_world

        if deficits not in ("zero", "fixed", "ratio"):
            raise TradewarError(f"--deficits must be zero, fixed or ratio, not {deficits!r}")
        return CaliendoParro(default_world(), deficits=deficits)  # type: ignore[arg-type]
    raise TradewarError(f"--model must be 'default' or 'ossa2014', not {model!r}")


def _names(value: str | None) -> list[str] | None:
    return None if not value else [v.strip() for v in value.split(",") if v.strip()]


def _print_welfare(title: str, model: Any, columns: dict[str, dict[str, float]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    table.add_column("country")
    for name in columns:
        table.add_column(name, justify="right")
    for country in model.countries:
        table.add_row(country, *(f"{col[country]:+.3f}" for col in columns.values()))
    Console().print(table)


@app.command("optimal")
@friendly_errors
def optimal_cmd(
    country: Annotated[str, typer.Argument(help="The country setting tariffs, e.g. USA.")],
    bilateral: Annotated[
        bool, typer.Option("--bilateral", help="One rate per partner and sector (not MFN).")
    ] = False,
    partners: Annotated[str | None, typer.Option(help="Comma-separated partners.")] = None,
    sectors: Annotated[str | None, typer.Option(help="Comma-separated sectors.")] = None,
    upper: UpperOpt = 10.0,
    model: ModelOpt = "default",
    data: DataOpt = DEFAULT_OSSA,
    lobbying: LobbyOpt = "BAS",
    deficits: DeficitOpt = "zero",
    as_json: JsonOpt = False,
) -> None:
    """A country's welfare-maximising tariffs, everyone else's held at factual levels."""
    from tradewar.strategy import optimal_summary, optimal_tariffs

    with busy(f"optimal tariffs of {country}: loading the model and solving"):
        m = _model(model, data, lobbying, deficits)
        result = optimal_tariffs(
            m,
            country,
            mfn=not bilateral,
            partners=_names(partners),
            sectors=_names(sectors),
            bounds=(0.0, upper),
        ).check()
    payload = optimal_summary(m, result, _names(partners), _names(sectors))
    if as_json:
        print_json(payload)
        return
    view.say(f"{m.name}: optimal tariffs of {result.country}")
    for row in payload["rates"]:
        typer.echo(f"  {row['exporter']:>6s} {row['sector']:<22s} {row['tariff_pct']:8.2f}%")
    typer.echo(f"median tariff {payload['median_tariff_pct']:.2f}%")
    view.print_moves(
        f"tariffs {result.country} sets on goods, factual → optimal", payload["tariffs"]
    )
    view.print_welfare(
        "welfare change (%)",
        m.countries,
        payload["welfare_vs_start_pct"],
        payload["welfare_pct"],
        "factual",
    )
    _print_welfare(
        "government welfare change relative to the baseline (%)",
        m,
        {"gov. welfare": payload["government_welfare_pct"]},
    )
    _solver_line(payload["solver"])


def _solver_line(info: dict[str, Any]) -> None:
    keys = ("outcome", "optimality", "violation", "rounds", "iterations", "seconds")
    parts = [
        f"{k}={info[k]:.3g}" if isinstance(info[k], float) else f"{k}={info[k]}"
        for k in keys
        if k in info
    ]
    from rich.console import Console

    Console().print("solver: " + ", ".join(parts), highlight=False, markup=False)


@app.command("war")
@friendly_errors
def war_cmd(
    players: Annotated[
        str | None, typer.Option(help="Comma-separated players (default: every country).")
    ] = None,
    bilateral: Annotated[bool, typer.Option("--bilateral", help="Non-MFN tariffs.")] = False,
    among_players: Annotated[
        bool,
        typer.Option("--among-players", help="Players tax only each other (a bilateral war)."),
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Verify: no unilateral deviation on a grid gains.")
    ] = False,
    upper: UpperOpt = 10.0,
    model: ModelOpt = "default",
    data: DataOpt = DEFAULT_OSSA,
    lobbying: LobbyOpt = "BAS",
    deficits: DeficitOpt = "zero",
    as_json: JsonOpt = False,
) -> None:
    """The Nash equilibrium in tariffs (a trade war) among the players."""

    from tradewar.strategy import deviation_gains, nash_equilibrium, war_summary

    with busy("Nash tariffs: loading the model and solving"):
        m = _model(model, data, lobbying, deficits)
        war = nash_equilibrium(
            m,
            _names(players),
            mfn=not bilateral,
            among_players=among_players,
            bounds=(0.0, upper),
        ).check()
    payload = war_summary(m, war, among_players=among_players)
    if check:
        result = deviation_gains(m, war, bounds=(0.0, upper))
        payload["deviation_check"] = {
            "max_gain_pct": dict(zip(result.players, result.max_gain_pct.tolist(), strict=True)),
            "deviations": result.deviations,
        }
    if as_json:
        print_json(payload)
        return
    view.say(f"{m.name}: Nash tariffs among {', '.join(war.players)}")
    view.print_moves("tariffs each player sets on goods, factual → Nash", payload["tariffs"])
    view.print_welfare(
        "welfare change (%)",
        m.countries,
        payload["welfare_vs_start_pct"],
        payload["welfare_pct"],
        "factual",
    )
    if check:
        worst = max(payload["deviation_check"]["max_gain_pct"].values())
        typer.echo(f"largest gain from a unilateral deviation: {worst:.2e}%")
    _solver_line(payload["solver"])


@app.command("talks")
@friendly_errors
def talks_cmd(
    parties: Annotated[
        str | None, typer.Option(help="Comma-separated parties (default: every country).")
    ] = None,
    concept: Annotated[
        str, typer.Option(help="cooperative (equal gains), bargaining (Nash) or frontier.")
    ] = "cooperative",
    start: Annotated[
        str, typer.Option("--from", help="Starting point: factual, nash or free-trade.")
    ] = "factual",
    among_parties: Annotated[
        bool, typer.Option("--among-parties", help="Parties negotiate only their mutual tariffs.")
    ] = False,
    points: Annotated[int, typer.Option(help="Frontier: number of weights.")] = 11,
    upper: UpperOpt = 10.0,
    model: ModelOpt = "default",
    data: DataOpt = DEFAULT_OSSA,
    lobbying: LobbyOpt = "BAS",
    deficits: DeficitOpt = "zero",
    as_json: JsonOpt = False,
) -> None:
    """Negotiated tariffs from a starting point: Ossa's cooperative, Nash bargaining, frontier."""
    import numpy as np

    from tradewar.errors import TradewarError
    from tradewar.strategy import (
        cooperative,
        deal_summary,
        nash_bargaining,
        nash_equilibrium,
        pareto_frontier,
    )

    with busy(f"talks ({concept}): loading the model and negotiating"):
        m = _model(model, data, lobbying, deficits)
        names = _names(parties)
        bounds = (0.0, upper)
        if start == "factual":
            profile = m.factual_tariffs()
        elif start == "free-trade":
            profile = np.zeros_like(m.factual_tariffs())
        elif start == "nash":
            profile = nash_equilibrium(m, names, bounds=bounds, among_players=among_parties).tariffs
        else:
            raise TradewarError(f"--from must be factual, nash or free-trade, not {start!r}")
        payload: dict[str, Any] = {"model": m.name, "concept": concept, "from": start}
        pair_talks = concept in ("bargaining", "frontier")  # the pair negotiates mutual tariffs
        if concept in ("bargaining", "frontier"):
            if names is None or len(names) != 2:
                raise TradewarError(
                    f"--concept {concept} needs exactly two --parties, e.g. USA,CHN"
                )
            pair = (names[0], names[1])
        if concept == "cooperative":
            deals = [
                cooperative(m, names, start=profile, among_parties=among_parties, bounds=bounds)
            ]
        elif concept == "bargaining":
            deals = [nash_bargaining(m, pair, start=profile, among_parties=True, bounds=bounds)]
        elif concept == "frontier":
            frontier = pareto_frontier(
                m, pair, start=profile, weights=np.linspace(0, 1, points), bounds=bounds
            )
            deals = list(frontier.points)
        else:
            raise TradewarError(
                f"--concept must be cooperative, bargaining or frontier: {concept!r}"
            )
        payload["points"] = [
            deal_summary(m, deal.check(), mutual=among_parties or pair_talks) for deal in deals
        ]
    if as_json:
        print_json(payload)
        return
    for k, point in enumerate(payload["points"]):
        label = f"weight {point['weight']:.2f}" if point["weight"] is not None else concept
        view.print_moves(
            f"{m.name}: {label}, agreed tariffs on goods, {start} → deal", point["tariffs"]
        )
        view.print_welfare(
            "welfare change (%)",
            m.countries,
            point["welfare_gains_pct"],
            point["welfare_vs_baseline_pct"],
            start,
        )
        _print_welfare(
            f"government welfare gains from {start} (%)", m, {"gov. welfare": point["gains_pct"]}
        )
        if k == len(payload["points"]) - 1:
            _solver_line(point["solver"])


@app.command("escalate")
@friendly_errors
def escalate_cmd(
    players: Annotated[str, typer.Option(help="Two players, e.g. USA,CHN.")] = "USA,CHN",
    months: Annotated[int, typer.Option(help="Months to play.")] = 24,
    strategies: Annotated[
        str, typer.Option(help="Comma-separated: tft, gtft, grim, myopic.")
    ] = "tft,gtft,grim,myopic",
    ladder: Annotated[str, typer.Option(help="Escalation rungs, percent extra tariff.")] = (
        "0,10,25,50"
    ),
    truce: Annotated[
        str | None,
        typer.Option(help="START:DEADLINE:deal|lapse (months), e.g. 9:12:lapse."),
    ] = None,
    as_it_happened: Annotated[
        str | None,
        typer.Option(
            "--as-it-happened",
            help="First month (YYYY-MM-DD) of the timeline replay; it also sets the start.",
        ),
    ] = None,
    discount: Annotated[float, typer.Option(help="Monthly discount factor.")] = 0.99,
    model: ModelOpt = "default",
    data: DataOpt = DEFAULT_OSSA,
    lobbying: LobbyOpt = "BAS",
    deficits: DeficitOpt = "zero",
    as_json: JsonOpt = False,
) -> None:
    """A repeated monthly tariff game between two players; compare strategies."""
    from tradewar.errors import TradewarError
    from tradewar.strategy import (
        AsItHappened,
        Game,
        GenerousTitForTat,
        GrimTrigger,
        MyopicBestResponse,
        Strategy,
        TitForTat,
        Truce,
        month_starts,
        play,
        timeline_profiles,
        tournament,
    )

    with busy("escalation: loading the model and playing the game"):
        m = _model(model, data, lobbying, deficits)
        pair = _names(players) or []
        if len(pair) != 2:
            raise TradewarError(f"--players needs two countries, e.g. USA,CHN, not {players!r}")
        known: dict[str, Strategy] = {
            "tft": TitForTat(),
            "gtft": GenerousTitForTat(),
            "grim": GrimTrigger(),
            "myopic": MyopicBestResponse(),
        }
        chosen: list[Strategy] = []
        for name in _names(strategies) or []:
            if name not in known:
                raise TradewarError(f"unknown strategy {name!r}; choose from {sorted(known)}")
            chosen.append(known[name])
        truces = []
        if truce:
            try:
                begin, end, outcome = truce.split(":")
                truces.append(Truce(int(begin), int(end), outcome))  # type: ignore[arg-type]
            except ValueError as exc:
                raise TradewarError(
                    f"--truce must be START:DEADLINE:deal|lapse, not {truce!r}"
                ) from exc
        start = None
        dates: list[str] = []
        if as_it_happened:
            days = month_starts(as_it_happened, months)
            path = timeline_profiles(m, days)
            start = path[0]
            dates = [d.isoformat() for d in days]
        rungs = [float(v) / 100.0 for v in (_names(ladder) or [])]
        game = Game.create(m, (pair[0], pair[1]), start=start, ladder=rungs)
        paths = tournament(game, chosen, months, truces=truces, discount=discount)
        if as_it_happened:
            actual = AsItHappened(path)
            paths.append(play(game, (actual, actual), months, truces=truces, discount=discount))
        a, b = (m.countries.index(p) for p in game.names)
        payload = {
            "model": m.name,
            "players": list(game.names),
            "months": months,
            "dates": dates,
            "ladder_pct": [100.0 * r for r in rungs],
            "plays": [
                {
                    "strategies": list(p.strategies),
                    "average_payoff_pct": {
                        game.names[0]: p.average()[a],
                        game.names[1]: p.average()[b],
                    },
                    "final_extra_tariff_pct": (100.0 * p.intensity[-1]).tolist(),
                    "path_extra_tariff_pct": (100.0 * p.intensity).tolist(),
                    "path_payoff_pct": p.player_payoffs().tolist(),
                }
                for p in paths
            ],
        }
        moves = view.tariff_moves(m, game.start, game.start, game.names, game.names)
        payload["starting_tariffs"] = {
            p: {"median_pct": v["from_median_pct"], "average_pct": v["from_average_pct"]}
            for p, v in moves.items()
        }
    if as_json:
        print_json(payload)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        "starting tariffs on goods (median, trade-weighted): "
        + "; ".join(
            f"{p} {v['from_median_pct']:.1f}%, {v['from_average_pct']:.1f}%"
            for p, v in moves.items()
        )
        + ". Extra tariffs below are on top of them.",
        highlight=False,
        markup=False,
    )
    moving = [p for p in payload["plays"] if any(any(v) for v in p["path_extra_tariff_pct"])]
    still = len(payload["plays"]) - len(moving)
    if still:
        console.print(
            f"{still} of {len(payload['plays'])} plays never move off the starting tariffs "
            "(no extra tariff in any month); they are left out of the table."
            if moving
            else "Nothing moves: in every play both players keep the starting tariffs all along.",
            highlight=False,
        )
    if not moving:
        return
    table = Table(title=f"{m.name}: {months} months, discounted average payoff (%)")
    for col in (f"{game.names[0]} plays", f"{game.names[1]} plays", *game.names, "final extra"):
        table.add_column(col)
    for play_ in moving:
        avg, final = play_["average_payoff_pct"], play_["final_extra_tariff_pct"]
        table.add_row(
            *play_["strategies"],
            *(f"{avg[n]:+.3f}" for n in game.names),
            f"{final[0]:.0f}% / {final[1]:.0f}%",
        )
    console.print(table)


@friendly_errors
def replicate_ossa2014(
    data: DataOpt = DEFAULT_OSSA,
    lobbying: LobbyOpt = "BAS",
    bilateral: Annotated[
        bool, typer.Option("--bilateral", help="Non-MFN tariffs: Tables 3-5 (slower).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Ossa (2014): optimal, Nash and cooperative tariffs from his data (MFN: Tables 8-10)."""
    from tradewar.errors import TradewarError
    from tradewar.ossa import replicate

    if lobbying not in ("BAS", "POL"):
        raise TradewarError(f"--lobbying must be BAS or POL, not {lobbying!r}")
    _jax_setup()
    result = replicate(data, lobbying=lobbying, mfn=not bilateral)  # type: ignore[arg-type]
    summary = result.summary()
    if as_json:
        print_json(summary)
        return
    for panel in result.panels:
        typer.echo(f"Ossa (2014) {panel.name}, percent: reproduced, (published) below")
        typer.echo(f"{'':8s}" + "".join(f"{_short(c):>10s}" for c in panel.columns))
        for k, row in enumerate(panel.rows):
            typer.echo(f"{row:8s}" + "".join(f"{v:10.2f}" for v in panel.values[k]))
            if panel.published is not None:
                cells = (f"({v:.1f})" for v in panel.published[k])
                typer.echo(f"{'':8s}" + "".join(f"{c:>10s}" for c in cells))
        typer.echo("")
    rounds = summary["solver"]["nash"]["rounds"]
    typer.echo(f"total {summary['seconds']:.1f} s; Nash rounds {rounds}")


def _short(column: str) -> str:
    """Compact column labels: gW = government welfare, W = welfare, oth = mean of others."""
    words = {
        "gov_welfare": "gW", "welfare": "W", "profits": "prof", "median_tariff": "median",
        "_others": " oth", "_own": " own", "_from_nash": " Nash", "_from_factual": " fact",
        "_from_free_trade": " free",
    }  # fmt: skip
    for long, short in words.items():
        column = column.replace(long, short)
    return column


def register_replicate(target: typer.Typer) -> None:
    """Attach ``ossa2014`` to a ``replicate`` Typer sub-app."""
    target.command("ossa2014")(replicate_ossa2014)


register_replicate(replicate_app)
