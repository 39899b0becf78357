"""The dashboard application: JSON API under ``/api``, pages, and the vendored static files.

Pages are static HTML shipped in ``tradewar/web/static`` that draw their charts in the browser
with the vendored Chart.js from the JSON API; nothing is loaded from another host. Page routes
are fixed names: the server never opens a path that a client sends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from tradewar.web import (
    _data_api,
    _errors,
    _jobs_api,
    _results_api,
    _runs_api,
    _strategy_api,
    _timeline_api,
)
from tradewar.web._jobs import JobQueue
from tradewar.web._settings import WebSettings

#: Page route -> HTML file in ``static/``.
PAGES = {
    "/timeline": "timeline.html",
    "/scenarios": "scenarios.html",
    "/war": "war.html",
    "/data": "data.html",
}


def static_dir() -> Path:
    """The folder of the shipped pages, scripts, styles and vendored chart library."""
    return Path(str(resources.files("tradewar.web") / "static"))


def _page(name: str) -> object:
    path = static_dir() / name

    def page() -> FileResponse:
        return FileResponse(path, media_type="text/html")

    page.__name__ = f"page_{name.split('.')[0]}"
    return page


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """A new dashboard application with its own job queue (see :class:`WebSettings`)."""
    settings = settings or WebSettings()
    jobs = JobQueue(
        max_pending=settings.max_pending_jobs,
        max_finished=settings.max_finished_jobs,
        workers=settings.workers,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()

    app = FastAPI(
        title="tradewar dashboard",
        summary="The US–China trade war: tariffs on any date, scenarios on demand.",
        description=(
            "JSON API of the tradewar dashboard. Timeline and data answers come from the "
            "built-in policy timeline and default world; scenario runs are background jobs whose "
            "results are saved in the results store, like `tradewar run`."
        ),
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load their scripts from a CDN: not offline
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.jobs = jobs
    app.state.execute = _runs_api.execute_run
    app.state.execute_strategy = _strategy_api.execute_analysis
    _errors.install(app)
    app.include_router(_timeline_api.router)
    app.include_router(_data_api.router)
    app.include_router(_jobs_api.router)
    app.include_router(_runs_api.router)
    app.include_router(_results_api.router)
    app.include_router(_strategy_api.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/timeline")

    for route, name in PAGES.items():
        app.add_api_route(route, _page(name), include_in_schema=False)  # type: ignore[arg-type]
    return app


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("tradewar")
    except metadata.PackageNotFoundError:
        return "unknown"
