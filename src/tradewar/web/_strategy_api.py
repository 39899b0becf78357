"""``/api/strategy``: optimal, Nash and negotiated tariffs and escalation paths (issue 8).

Each analysis runs as a background job (the same bounded queue as scenario runs) on
Caliendo–Parro over the embedded default world with deficits purged, as ``tradewar optimal |
war | talks | escalate`` do by default; the job's result is the analysis as JSON (kept with the
job: these results are not written to the results store). Everything comes from
:mod:`tradewar.strategy`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from tradewar.web._json import clean
from tradewar.web._models import ERROR_RESPONSES, ErrorOut, JobOut
from tradewar.worlds import ECONOMIES

router = APIRouter(prefix="/api/strategy", tags=["strategy"], responses=ERROR_RESPONSES)


def _economy(code: str) -> str:
    if code not in ECONOMIES:
        raise ValueError(
            f"{code!r} is not an economy of the default world; use one of {', '.join(ECONOMIES)}"
        )
    return code


#: An economy of the default world, the world the analyses run on.
Economy = Annotated[
    str, AfterValidator(_economy), Field(json_schema_extra={"enum": list(ECONOMIES)})
]


def _distinct(pair: list[str]) -> list[str]:
    if pair[0] == pair[1]:
        raise ValueError(f"the two economies must differ (got {pair[0]} twice)")
    return pair


Pair = Annotated[
    list[Economy],
    Field(min_length=2, max_length=2, json_schema_extra={"uniqueItems": True}),
    AfterValidator(_distinct),
]
StrategyName = Literal["tft", "gtft", "grim", "myopic"]


def _us_china() -> list[Economy]:
    return ["USA", "CHN"]


def _all_strategies() -> list[StrategyName]:
    return ["tft", "gtft", "grim", "myopic"]


#: ISO dates from 2018-01-01 to 2026-12-01 (the replay's first month), as a regular expression.
REPLAY_PATTERN = (
    r"^((201[89]|202[0-5])-(0[1-9]|1[0-2])|2026-(0[1-9]|1[01]))-(0[1-9]|[12][0-9]|3[01])$"
    r"|^2026-12-01$"
)

#: Upper bound on chosen tariffs (fractions), as the CLI's default ``--upper``.
UPPER = 10.0


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OptimalRequest(_Request):
    """One country's welfare-maximising tariffs, everyone else's held at their factual level."""

    analysis: Literal["optimal"]
    country: Economy = "USA"
    mfn: bool = Field(True, description="One rate per sector (MFN); false: per partner too")


class WarRequest(_Request):
    """The Nash equilibrium in tariffs between two players (a bilateral trade war)."""

    analysis: Literal["war"]
    players: Pair = Field(default_factory=_us_china)


class TalksRequest(_Request):
    """Negotiated tariffs between two parties from a starting point."""

    analysis: Literal["talks"]
    parties: Pair = Field(default_factory=_us_china)
    concept: Literal["bargaining", "cooperative", "frontier"] = "bargaining"
    start: Literal["factual", "free-trade"] = "factual"
    points: int = Field(5, ge=3, le=9, description="Frontier: number of weights")


class EscalateRequest(_Request):
    """A repeated monthly tariff game between two players, one play per strategy."""

    analysis: Literal["escalate"]
    players: Pair = Field(default_factory=_us_china)
    months: int = Field(12, ge=2, le=36)
    strategies: list[StrategyName] = Field(
        default_factory=_all_strategies, min_length=1, max_length=4
    )
    ladder_pct: list[Annotated[float, Field(ge=0, le=200)]] = Field(
        default_factory=lambda: [0.0, 10.0, 25.0, 50.0], min_length=2, max_length=6
    )
    as_it_happened: dt.date | None = Field(
        None,
        ge=dt.date(2018, 1, 1),
        le=dt.date(2026, 12, 1),
        # the bounds as a pattern: JSON Schema has no minimum/maximum for dates
        json_schema_extra={"pattern": REPLAY_PATTERN},
        description="First month of a replay of the timeline, also the game's starting point",
    )


AnalysisRequest = Annotated[
    OptimalRequest | WarRequest | TalksRequest | EscalateRequest,
    Field(discriminator="analysis"),
]


class StrategyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request: AnalysisRequest


@cache
def _model() -> Any:
    """Caliendo–Parro on the default world, deficits purged (one per process: compiled once)."""
    from tradewar.strategy import CaliendoParro
    from tradewar.worlds import default_world

    return CaliendoParro(default_world(), deficits="zero")


def optimal(req: OptimalRequest) -> dict[str, Any]:
    from tradewar.strategy import optimal_summary, optimal_tariffs

    m = _model()
    result = optimal_tariffs(m, req.country, mfn=req.mfn, bounds=(0.0, UPPER)).check()
    return {"analysis": "optimal", **optimal_summary(m, result)}


def war(req: WarRequest) -> dict[str, Any]:
    from tradewar.strategy import nash_equilibrium, war_summary

    m = _model()
    eq = nash_equilibrium(m, list(req.players), among_players=True, bounds=(0.0, UPPER)).check()
    return {"analysis": "war", **war_summary(m, eq, among_players=True)}


def talks(req: TalksRequest) -> dict[str, Any]:
    from tradewar.strategy import cooperative, deal_summary, nash_bargaining, pareto_frontier

    m = _model()
    start = m.factual_tariffs() if req.start == "factual" else np.zeros_like(m.factual_tariffs())
    pair = (req.parties[0], req.parties[1])
    bounds = (0.0, UPPER)
    if req.concept == "bargaining":
        deals = [nash_bargaining(m, pair, start=start, among_parties=True, bounds=bounds)]
    elif req.concept == "cooperative":
        deals = [cooperative(m, list(pair), start=start, among_parties=True, bounds=bounds)]
    else:
        weights = np.linspace(0, 1, req.points)
        deals = list(pareto_frontier(m, pair, start=start, weights=weights, bounds=bounds).points)
    return {
        "analysis": "talks",
        "model": m.name,
        "concept": req.concept,
        "from": req.start,
        "parties": list(pair),
        "points": [deal_summary(m, deal.check(), mutual=True) for deal in deals],
    }


def escalate(req: EscalateRequest) -> dict[str, Any]:
    import tradewar.strategy as st

    m = _model()
    known = {
        "tft": st.TitForTat(),
        "gtft": st.GenerousTitForTat(),
        "grim": st.GrimTrigger(),
        "myopic": st.MyopicBestResponse(),
    }
    start, dates, path = None, [], None
    if req.as_it_happened is not None:
        days = st.month_starts(req.as_it_happened.isoformat(), req.months)
        path = st.timeline_profiles(m, days)
        start = path[0]
        dates = [d.isoformat() for d in days]
    rungs = [v / 100.0 for v in req.ladder_pct]
    game = st.Game.create(m, (req.players[0], req.players[1]), start=start, ladder=rungs)
    paths = st.tournament(game, [known[s] for s in req.strategies], req.months)
    if path is not None:
        actual = st.AsItHappened(path)
        paths.append(st.play(game, (actual, actual), req.months))
    a, b = (m.countries.index(p) for p in game.names)
    starting = st.tariff_moves(m, game.start, game.start, game.names, game.names)
    return {
        "analysis": "escalate",
        "starting_tariffs": {
            p: {"median_pct": v["from_median_pct"], "average_pct": v["from_average_pct"]}
            for p, v in starting.items()
        },
        "model": m.name,
        "players": list(game.names),
        "months": req.months,
        "dates": dates,
        "ladder_pct": list(req.ladder_pct),
        "plays": [
            {
                "strategies": list(p.strategies),
                "average_payoff_pct": {
                    game.names[0]: p.average()[a],
                    game.names[1]: p.average()[b],
                },
                "path_extra_tariff_pct": (100.0 * p.intensity).tolist(),
                "path_payoff_pct": p.player_payoffs().tolist(),
            }
            for p in paths
        ],
    }


def execute_analysis(req: Any, report: Any) -> dict[str, Any]:
    """Run one analysis (a job's work); the result is JSON-safe."""
    report(0, 1, f"computing {req.analysis} (compiling the model the first time)")
    analyses: dict[str, Callable[[Any], dict[str, Any]]] = {
        "optimal": optimal,
        "war": war,
        "talks": talks,
        "escalate": escalate,
    }
    out: dict[str, Any] = clean(analyses[req.analysis](req))
    report(1, 1, "done")
    return out


@router.post(
    "",
    status_code=202,
    response_model=JobOut,
    responses={
        400: {"model": ErrorOut, "description": "The body is not JSON"},
        429: {"model": ErrorOut, "description": "Too many jobs waiting; retry later"},
    },
    summary="Run a strategy analysis as a background job",
)
def post_analysis(body: StrategyBody, request: Request) -> Any:
    """Queue an optimal-tariff, trade-war, talks or escalation analysis; poll
    ``GET /api/jobs/{id}``: when done, its result is the analysis."""
    req = body.request
    execute = request.app.state.execute_strategy
    who: str
    if isinstance(req, OptimalRequest):
        who = req.country
    else:
        who = ", ".join(req.parties if isinstance(req, TalksRequest) else req.players)
    label = f"{req.analysis} {who}"
    job = request.app.state.jobs.submit("strategy", label, 1, lambda report: execute(req, report))
    return JSONResponse(job.as_dict(), status_code=202)
