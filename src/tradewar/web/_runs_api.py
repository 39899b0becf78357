"""``/api/scenarios`` and ``POST /api/runs``: scenarios run as background jobs.

A run request names built-in scenarios and/or sends scenarios in the scenario format (validated by
:class:`tradewar.scenarios.Scenario`, then by the dashboard's restrictions). It is queued as a job
that calls :func:`tradewar.runner.run_scenarios` with the server's results store, exactly as
``tradewar run`` does, so the run and its manifest are the CLI's. Stored runs are read back by
:mod:`tradewar.web._results_api`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tradewar.errors import TradewarError
from tradewar.web._errors import NotFound
from tradewar.web._jobs import Report
from tradewar.web._json import clean
from tradewar.web._models import ERROR_RESPONSES, ErrorOut, JobOut
from tradewar.web._scenario_schema import check_raw_text, check_scenario, web_schema
from tradewar.web._settings import WebSettings

router = APIRouter(prefix="/api", tags=["scenarios"], responses=ERROR_RESPONSES)

RUN_ID = r"^(latest|[0-9]{8}-[0-9]{6}-[0-9a-f]{6})$"
NAME = r"^[a-z0-9][a-z0-9._-]*$"
RunId = Annotated[
    str, PathParam(pattern=RUN_ID, description="A run id from the store, or 'latest'")
]
ScenarioName = Annotated[str, PathParam(pattern=NAME, max_length=60)]


def _store(request: Request) -> Any:
    from tradewar.store import Store

    settings: WebSettings = request.app.state.settings
    return Store(settings.store)


# ---------------------------------------------------------------------- the run request


class RunRequest(BaseModel):
    """Built-in scenarios by name and/or scenarios in the scenario format, run as one run."""

    model_config = ConfigDict(extra="forbid")

    builtin: list[Annotated[str, Field(pattern=NAME, max_length=60)]] = Field(
        default_factory=list, max_length=64
    )
    scenarios: list[dict[str, Any]] = Field(default_factory=list, max_length=64)


def _request_schema() -> dict[str, Any]:
    """The OpenAPI schema of the run request (the scenario schema inlined)."""
    from tradewar.scenarios import builtin_scenarios

    scenario = web_schema()
    names = {"type": "string", "enum": [s.name for s in builtin_scenarios()]}
    most = WebSettings().max_scenarios_per_job
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "builtin": {"type": "array", "items": names, "maxItems": most},
            "scenarios": {"type": "array", "items": scenario, "maxItems": most},
        },
    }


def parse_run_request(raw: Any, settings: WebSettings) -> list[Any]:
    """The scenarios of a run request, validated; raises TradewarError (422) naming the fault."""
    from tradewar.scenarios import builtin_scenario, parse_scenario

    try:
        body = RunRequest.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        raise TradewarError(f"invalid run request: {problems}") from exc
    count = len(body.builtin) + len(body.scenarios)
    if count == 0:
        raise TradewarError("a run request needs 'builtin' names or 'scenarios' (or both)")
    if count > settings.max_scenarios_per_job:
        raise TradewarError(
            f"{count} scenarios in one run; the server takes at most "
            f"{settings.max_scenarios_per_job} (split them into several runs)"
        )
    scenarios = [builtin_scenario(name) for name in body.builtin]
    for k, data in enumerate(body.scenarios):
        check_raw_text(data, f"scenarios.{k}")
        scenario = parse_scenario(data, None)
        check_scenario(scenario)
        scenarios.append(scenario)
    names = [s.name for s in scenarios]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise TradewarError(f"two scenarios share the name(s) {twice}; names must differ")
    return scenarios


Execute = Callable[[Sequence[Any], Any, Report], dict[str, Any]]


def execute_run(scenarios: Sequence[Any], store: Any, report: Report) -> dict[str, Any]:
    """Run ``scenarios`` with :func:`tradewar.runner.run_scenarios` into ``store``."""
    from tradewar.runner import run_scenarios

    total = 2 * len(scenarios) + 1
    done = 0

    def progress(event: Any) -> None:
        nonlocal done
        if event.stage in ("compile", "done", "failed", "saved"):
            done += 1
        verb = {"compile": "compiled", "solve": "solving", "saved": "saved as"}.get(
            event.stage, event.stage
        )
        report(min(done, total), total, f"{verb} {event.scenario}")

    report(0, total, "compiling")
    run = run_scenarios(list(scenarios), store=store, progress=progress)
    return {
        "run_id": run.run_id,
        "converged": run.converged,
        "scenarios": list(run.names),
        "failed": [s.name for s in run.scenarios if not s.converged],
    }


@router.post(
    "/runs",
    status_code=202,
    response_model=JobOut,
    responses={
        422: {"model": ErrorOut, "description": "The request or a scenario is invalid"},
        429: {"model": ErrorOut, "description": "Too many jobs waiting; retry later"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _request_schema()}},
        }
    },
    summary="Run scenarios as a background job",
)
async def post_run(request: Request) -> Any:
    """Queue a run of built-in scenarios (``builtin``: names) and/or your own (``scenarios``:
    objects in the scenario format, see ``GET /api/scenarios/schema``). Answers 202 with the job;
    poll ``GET /api/jobs/{id}``; when done its result names the run in the store."""
    try:
        raw = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise TradewarError(f"the request body is not JSON ({exc})") from exc
    settings: WebSettings = request.app.state.settings
    scenarios = parse_run_request(raw, settings)
    store = _store(request)
    execute: Execute = request.app.state.execute
    label = ", ".join(s.name for s in scenarios)
    job = request.app.state.jobs.submit(
        "run",
        label,
        len(scenarios),
        lambda report: execute(scenarios, store, report),
        key=run_key(scenarios, store),
    )
    return JSONResponse(job.as_dict(), status_code=202)


def run_key(scenarios: Sequence[Any], store: Any) -> str:
    """What a run computes: its scenarios, today's date ("today" means it) and the store.

    Identical requests share one job and one stored run instead of solving it all again.
    """
    payload = {
        "scenarios": [s.model_dump(mode="json") for s in scenarios],
        "today": dt.date.today().isoformat(),
        "store": str(getattr(store, "root", "")),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# ---------------------------------------------------------------------- scenarios


class ScenarioInfo(BaseModel):
    name: str
    title: str
    description: str
    policy: dict[str, Any]
    commitments: int


@router.get(
    "/scenarios",
    response_model=list[ScenarioInfo],
    summary="The built-in scenarios",
)
def scenarios() -> Any:
    """The built-in scenarios in the order of the story (as ``tradewar scenarios list``)."""
    from tradewar.scenarios import builtin_scenarios

    return [
        {
            "name": s.name,
            "title": s.label,
            "description": " ".join(s.description.split()),
            "policy": s.policy.model_dump(mode="json", exclude_defaults=True),
            "commitments": len(s.commitments),
        }
        for s in builtin_scenarios()
    ]


@router.get(
    "/scenarios/schema",
    response_model=dict[str, Any],
    summary="The scenario JSON schema the dashboard accepts",
)
def schema() -> Any:
    """The scenario file's JSON schema, restricted to built-in worlds and overlays, bounded
    lists, references inlined. The scenario form is generated from it."""
    return web_schema()


@router.get(
    "/scenarios/{name}",
    response_model=dict[str, Any],
    responses={404: {"model": ErrorOut}},
    summary="A built-in scenario in the scenario format",
)
def scenario(name: ScenarioName) -> Any:
    """A built-in scenario as JSON (a starting point for your own)."""
    from tradewar.scenarios import builtin_scenario, builtin_scenarios

    if name not in {s.name for s in builtin_scenarios()}:
        raise NotFound(f"no built-in scenario {name!r}; GET /api/scenarios lists them")
    return clean(builtin_scenario(name).model_dump(mode="json"))
