"""Response models of the JSON API: they make the OpenAPI schema precise (and checkable).

Numbers are percent where the name says so (``us_on_cn``, ``trade_weighted``, ``*_pct``) and USD
billions where it ends in ``_bn``. A number the model could not give (a percent change from a
zero baseline) is ``null``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class RecordOut(_Out):
    """A timeline record: a measure, an event or a commitment, with its sources."""

    id: str
    record: Literal["measure", "event", "commitment"]
    date: str
    title: str
    confirmed: bool
    sources: list[str]
    notes: str
    kind: str
    actor: str | None = None
    authority: str | None = None
    rate: float | None = None
    status: str | None = None
    effective: str | None = None
    ended: str | None = None
    end: str | None = None
    place: str | None = None
    outcome: str | None = None


class OverlayOut(BaseModel):
    name: str
    description: str


class SeriesPointOut(_Out):
    date: str
    us_on_cn: float
    cn_on_us: float
    us_on_cn_simple: float
    cn_on_us_simple: float
    started: list[str]
    ended: list[str]


class SeriesOut(_Out):
    """Average tariffs each way (percent) from each date until the next, and the events."""

    start: str
    end: str
    overlay: str | None
    weights: str
    series: list[SeriesPointOut]
    events: list[RecordOut]


class SectorRateOut(_Out):
    sector: str
    goods: bool
    weight_pct: float | None
    base: float
    total: float
    by_authority: dict[str, float]


class DirectionOut(_Out):
    importer: str
    exporter: str
    trade_weighted: float
    simple: float
    by_authority: dict[str, float]
    sectors: list[SectorRateOut]
    records: list[RecordOut]


class TariffsOut(_Out):
    """Tariffs in force on a date, both ways (percent)."""

    date: str
    overlay: str | None
    directions: dict[str, DirectionOut]
    unconfirmed_records: list[str]
    notes: list[str]


class DataOut(_Out):
    """The world in use: economies, sectors, base year, sources, file hashes, headline figures."""

    name: str
    base_year: Any
    units: str
    economies: list[str]
    names: dict[str, str]
    sectors: list[str]
    goods_sectors: list[str]
    sources: Any
    sha256: dict[str, str]
    gdp_bn: dict[str, float]
    goods_exports_bn: dict[str, float]
    goods_imports_bn: dict[str, float]
    bilateral_goods_bn: dict[str, float]


class ProgressOut(BaseModel):
    done: int
    total: int
    message: str


class JobOut(BaseModel):
    """A background job: queued, running, done (with its result) or failed (with the reason)."""

    id: str
    kind: str
    label: str
    size: int
    status: Literal["queued", "running", "done", "failed"]
    progress: ProgressOut
    submitted_at: str
    started_at: str | None
    finished_at: str | None
    result: dict[str, Any] | None
    error: str | None


class StatusOut(BaseModel):
    """What the server accepts: jobs waiting or running at once, scenarios per job."""

    max_pending_jobs: int
    max_scenarios_per_job: int
    pending_jobs: int


class ErrorOut(BaseModel):
    """An error: ``detail`` says what is wrong and how to fix it."""

    detail: str | list[dict[str, Any]]


#: Error answers every route may give: ``detail`` is a message (ours) or a list of field errors
#: (request validation). 400, 401, 403, 413 and 415 come from the guard in front of every route
#: (:mod:`tradewar.web._guard`), 503 from the bounded compute pool.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Host is not this server's address"},
    401: {"model": ErrorOut, "description": "The access token is missing or wrong"},
    403: {"model": ErrorOut, "description": "A state-changing request from another origin"},
    413: {"model": ErrorOut, "description": "The request body is too large"},
    415: {"model": ErrorOut, "description": "A request body that is not application/json"},
    422: {"model": ErrorOut, "description": "Invalid input; the detail says what to fix"},
    503: {"model": ErrorOut, "description": "Busy with heavy requests; retry later"},
}
