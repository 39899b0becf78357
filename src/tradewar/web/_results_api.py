"""``/api/runs/...`` and ``/api/compare``: runs read back from the results store.

Results, downloads and the HTML report of the runs the dashboard (or ``tradewar run``) saved in
the server's store: every number comes from :class:`tradewar.store.Store`; the downloads are the
store's own exports and :mod:`tradewar.report`'s page. Mounted with :mod:`tradewar.web._runs_api`.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict

from tradewar.errors import TradewarError
from tradewar.results import diversion, headline, pair, pair_balance, sector_moves
from tradewar.web._compute import compute
from tradewar.web._errors import NotFound
from tradewar.web._json import clean, records
from tradewar.web._models import ERROR_RESPONSES, ErrorOut
from tradewar.web._runs_api import NAME, RUN_ID, RunId, ScenarioName, _store
from tradewar.world import economy_names

router = APIRouter(prefix="/api", tags=["results"], responses=ERROR_RESPONSES)

#: Every table of a run, each scenario's (``results.SCENARIO_TABLES``, bands included) and the
#: run's own (``results.RUN_TABLES``); a literal, so that the schema lists them (a test keeps the
#: two the same).
TableName = Literal[
    "countries",
    "bilateral",
    "sector_trade",
    "sectors",
    "tariffs",
    "commitments",
    "observed",
    "inputs",
    "segments",
    "bands",
    "bilateral_bands",
    "history",
    "events",
]
#: Economies shown first (the rest follow in the world's order).
FOCUS = ("USA", "CHN")


# ---------------------------------------------------------------------- runs in the store


@lru_cache(maxsize=16)
def _load(root: Path, run_id: str) -> Any:
    """A stored run (cached: a saved run never changes)."""
    from tradewar.store import Store

    return Store(root).load(run_id)


@lru_cache(maxsize=64)
def _scenario_payload(root: Path, run_id: str, name: str) -> dict[str, Any]:
    return scenario_payload(_load(root, run_id), name)


@lru_cache(maxsize=4)
def _report_html(root: Path, run_id: str) -> str:
    from tradewar.report import render

    return render(_load(root, run_id))


@lru_cache(maxsize=8)
def _export_files(root: Path, run_id: str, fmt: str) -> dict[str, bytes]:
    """The store's own export of a run (into a private temporary folder), read back."""
    from tradewar.store import Store

    with tempfile.TemporaryDirectory(prefix="tradewar-export-") as folder:
        files = Store(root).export(run_id, folder, fmt)  # type: ignore[arg-type]
        return {p.name: p.read_bytes() for p in files}


def _resolve(request: Request, ref: str) -> tuple[Path, str]:
    """The store folder and run id of ``ref`` (404 if there is no such run)."""
    store = _store(request)
    try:
        return store.root, store.resolve(ref)
    except TradewarError as exc:  # the store's StoreError: no such run
        raise NotFound(str(exc)) from exc


def load_run(request: Request, ref: str) -> Any:
    store = _store(request)
    try:
        run_id = store.resolve(ref)
    except TradewarError as exc:  # the store's StoreError: no such run
        raise NotFound(str(exc)) from exc
    return _load(store.root, run_id)


def _result(run: Any, name: str) -> Any:
    if name not in run.names:
        raise NotFound(f"run {run.run_id} has no scenario {name!r}; it has {list(run.names)}")
    return run.scenario(name)


def _order(frame: Any, column: str) -> Any:
    if frame.empty:
        return frame
    rank = {c: k for k, c in enumerate(FOCUS)}
    return (
        frame.assign(_r=frame[column].map(lambda c: rank.get(c, len(rank))))
        .sort_values("_r", kind="stable")
        .drop(columns="_r")
    )


def scenario_payload(run: Any, name: str) -> dict[str, Any]:
    """Everything the Scenarios page shows of one scenario of a run."""
    result = _result(run, name)
    meta = dict(result.meta)
    payload: dict[str, Any] = {
        "run_id": run.run_id,
        "name": result.name,
        "title": result.title,
        "description": meta.get("description", ""),
        "converged": result.converged,
        "solver": dict(result.solver),
        "tariffs": dict(result.tariffs),
        "policy": meta.get("policy"),
        "notes": meta.get("notes", []),
        "policy_notes": meta.get("policy_notes", []),
        "headline": headline(result),
        "countries": records(_order(result.table("countries"), "iso3")),
        "us_china": {
            "us_imports_from_cn": pair(result, "USA", "CHN"),
            "cn_imports_from_us": pair(result, "CHN", "USA"),
            "us_balance_with_cn": pair_balance(result, "USA", "CHN"),
        },
        "diversion": records(diversion(result, "USA", "CHN")),
        "sector_moves": records(sector_moves(result, FOCUS, n=10)),
        "commitments": records(result.table("commitments")),
        "observed": records(result.table("observed")),
        "names": economy_names(result.table("countries")["iso3"]),
    }
    out: dict[str, Any] = clean(payload)
    return out


class RunOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    run_id: str
    created_at: str
    converged: bool
    scenarios: list[dict[str, Any]]
    summary: dict[str, Any]


@router.get(
    "/runs",
    response_model=list[dict[str, Any]],
    summary="Runs in the results store",
)
def runs(request: Request) -> Any:
    """Every run in the server's results store, newest first."""
    frame = _store(request).runs()
    if frame.empty:
        return []
    return records(frame.iloc[::-1])


@router.get(
    "/runs/{run_id}",
    response_model=RunOut,
    responses={404: {"model": ErrorOut}},
    summary="One run: headline numbers per scenario and the run's summary",
)
def run(run_id: RunId, request: Request) -> Any:
    """The run's scenarios with their headline numbers, its manifest's identification (timeline
    version, worlds, environment) and the ``tradewar run --json`` summary."""
    stored = load_run(request, run_id)
    manifest = dict(stored.manifest)
    return clean(
        {
            "run_id": stored.run_id,
            "created_at": str(manifest.get("created_at", "")),
            "today": manifest.get("today"),
            "converged": stored.converged,
            "timeline": manifest.get("timeline"),
            "worlds": manifest.get("worlds"),
            "environment": manifest.get("environment"),
            "scenarios": [headline(s) for s in stored.scenarios],
            "summary": stored.summary(),
        }
    )


@router.get(
    "/runs/{run_id}/scenarios/{name}",
    response_model=dict[str, Any],
    responses={404: {"model": ErrorOut}},
    summary="One scenario's results",
)
async def run_scenario(run_id: RunId, name: ScenarioName, request: Request) -> Any:
    """Welfare, real wages, prices, trade and balances by economy; US–China trade both ways;
    trade diversion (who replaces China in US imports); the largest sector moves; commitments;
    the solver's diagnostics."""
    return await compute(request, _scenario_payload, *_resolve(request, run_id), name)


@router.get(
    "/runs/{run_id}/tables/{table}",
    responses={
        200: {"content": {"text/csv": {}, "application/json": {}}},
        404: {"model": ErrorOut},
    },
    summary="Download one result table (CSV or JSON)",
)
def table(
    run_id: RunId,
    table: TableName,
    request: Request,
    format: Annotated[Literal["csv", "json"], Query()] = "csv",
) -> Response:
    """A table of every scenario of the run stacked (``scenario`` column first), as stored."""
    stored = load_run(request, run_id)
    frame = stored.table(table)
    if format == "json":
        return JSONResponse(records(frame))
    return Response(
        frame.to_csv(index=False),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{stored.run_id}-{table}.csv"'},
    )


def _export(request: Request, run_id: str, fmt: str) -> tuple[str, dict[str, bytes]]:
    """The store's own export of a run (cached: a saved run never changes)."""
    root, rid = _resolve(request, run_id)
    return rid, _export_files(root, rid, fmt)


@router.get(
    "/runs/{run_id}/export.json",
    responses={404: {"model": ErrorOut}},
    summary="Download the run as JSON (manifest and every table)",
)
async def export_json(run_id: RunId, request: Request) -> Response:
    """``tradewar results export RUN --format json``: the manifest and every table."""
    rid, files = await compute(request, _export, request, run_id, "json")
    return Response(
        files[f"{rid}.json"],
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{rid}.json"'},
    )


@router.get(
    "/runs/{run_id}/export.zip",
    responses={
        200: {"content": {"application/zip": {}}},
        404: {"model": ErrorOut},
    },
    summary="Download the run as CSV files and its manifest (zip)",
)
async def export_zip(run_id: RunId, request: Request) -> Response:
    """``tradewar results export RUN --format csv``: one CSV per table and the manifest."""
    rid, files = await compute(request, _export, request, run_id, "csv")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(f"{rid}/{name}", data)
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{rid}-csv.zip"'},
    )


@router.get(
    "/runs/{run_id}/report.html",
    responses={200: {"content": {"text/html": {}}}, 404: {"model": ErrorOut}},
    summary="The HTML report of a run",
)
async def report(run_id: RunId, request: Request) -> Response:
    """``tradewar report RUN --html FILE``: one self-contained page (charts inlined as SVG)."""
    return HTMLResponse(await compute(request, _report_html, *_resolve(request, run_id)))


# ---------------------------------------------------------------------- compare


@router.get(
    "/compare",
    response_model=dict[str, Any],
    responses={404: {"model": ErrorOut}},
    summary="Two scenarios side by side",
)
def compare(
    request: Request,
    run_a: Annotated[str, Query(pattern=RUN_ID)],
    scenario_a: Annotated[str, Query(pattern=NAME, max_length=60)],
    run_b: Annotated[str, Query(pattern=RUN_ID)],
    scenario_b: Annotated[str, Query(pattern=NAME, max_length=60)],
) -> Any:
    """Headline numbers of scenario A and B, and every economy's welfare, real wage, trade and
    balance in both (B minus A as ``diff``)."""
    a = _result(load_run(request, run_a), scenario_a)
    b = _result(load_run(request, run_b), scenario_b)
    keys = ("welfare_pct", "real_wage_pct", "exports_pct", "imports_pct", "trade_balance_bn")
    ca = {r["iso3"]: r for r in records(a.table("countries"))}
    cb = {r["iso3"]: r for r in records(b.table("countries"))}
    order = [c for c in FOCUS if c in ca] + [c for c in ca if c not in FOCUS]
    rows = []
    for iso in order:
        if iso not in cb:
            continue
        row: dict[str, Any] = {"iso3": iso}
        for key in keys:
            va, vb = ca[iso].get(key), cb[iso].get(key)
            row[key] = {
                "a": va,
                "b": vb,
                "diff": None if va is None or vb is None else vb - va,
            }
        rows.append(row)
    return clean(
        {
            "a": {"run_id": run_a, **headline(a)},
            "b": {"run_id": run_b, **headline(b)},
            "countries": rows,
        }
    )
