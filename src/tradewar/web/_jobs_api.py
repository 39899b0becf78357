"""``/api/jobs`` and ``/api/status``: the background jobs and the bounds on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from tradewar.web._jobs import JobQueue
from tradewar.web._models import ERROR_RESPONSES, ErrorOut, JobOut, StatusOut
from tradewar.web._settings import WebSettings

router = APIRouter(prefix="/api", tags=["jobs"], responses=ERROR_RESPONSES)

JOB_ID = r"^[0-9]{6}-[0-9a-f]{8}$"
JobId = Annotated[str, Path(pattern=JOB_ID, description="A job id from POST /api/runs")]


def job_queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.jobs
    return queue


def settings(request: Request) -> WebSettings:
    value: WebSettings = request.app.state.settings
    return value


@router.get("/jobs", response_model=list[JobOut], summary="Background jobs, oldest first")
def jobs(request: Request) -> Any:
    """Every job the server remembers: waiting, running, and the most recent finished ones."""
    return [j.as_dict() for j in job_queue(request).jobs()]


@router.get(
    "/jobs/{job_id}",
    response_model=JobOut,
    responses={404: {"model": ErrorOut}},
    summary="One job's status and progress",
)
def job(job_id: JobId, request: Request) -> Any:
    """Status (queued, running, done, failed), progress (done of total, what it is doing), and
    when done the result (for a run: its id in the results store)."""
    return job_queue(request).get(job_id).as_dict()


@router.get("/status", response_model=StatusOut, summary="What the server accepts")
async def status(request: Request) -> Any:
    """The bounds on jobs (waiting or running at once, scenarios per run) and the jobs pending.

    Answered on the event loop, never behind heavy requests."""
    s = settings(request)
    return {
        "max_pending_jobs": s.max_pending_jobs,
        "max_scenarios_per_job": s.max_scenarios_per_job,
        "pending_jobs": job_queue(request).pending(),
    }
