"""The dashboard application: JSON API under ``/api``, pages, and the vendored static files.

Pages are HTML shipped in ``tradewar/web/pages`` (each page's content, set in one shared layout
with the navigation) that draw their charts in the browser with the vendored Chart.js from the
JSON API; scripts, styles and the chart library are in ``static``; nothing is loaded from another
host. Page routes are fixed names: the server never opens a path that a client sends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse
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
from tradewar.web._compute import Compute
from tradewar.web._guard import Guard
from tradewar.web._jobs import JobQueue
from tradewar.web._settings import WebSettings


@dataclass(frozen=True)
class Page:
    """A dashboard page: its content file in ``pages/``, title and own scripts in ``static/``."""

    name: str
    title: str
    scripts: tuple[str, ...]


#: Page route -> page.
PAGES = {
    "/timeline": Page("timeline", "Timeline", ("timeline.js",)),
    "/scenarios": Page("scenarios", "Scenarios", ("schemaform.js", "scenarios.js")),
    "/war": Page("war", "War and talks", ("war.js",)),
    "/data": Page("data", "Data", ("data.js",)),
}


def static_dir() -> Path:
    """The folder of the shipped scripts, styles and vendored chart library."""
    return Path(str(resources.files("tradewar.web") / "static"))


def pages_dir() -> Path:
    """The folder of the pages' content and their shared layout."""
    return Path(str(resources.files("tradewar.web") / "pages"))


def render_page(page: Page) -> str:
    """The page's HTML: its content in the shared layout."""
    folder = pages_dir()
    layout = Template((folder / "layout.html").read_text(encoding="utf-8"))
    return layout.substitute(
        title=page.title,
        page=page.name,
        scripts="".join(f'<script src="/static/{s}"></script>\n' for s in page.scripts),
        main=(folder / f"{page.name}.html").read_text(encoding="utf-8"),
    )


def _page(page: Page) -> object:
    html = render_page(page)

    def serve() -> HTMLResponse:
        return HTMLResponse(html)

    serve.__name__ = f"page_{page.name}"
    return serve


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """A new dashboard application with its own job queue (see :class:`WebSettings`).

    Every request passes :class:`~tradewar.web._guard.Guard` first (host, token, origin, body
    type, size and depth); CPU-heavy routes run on a bounded pool (:mod:`tradewar.web._compute`).
    """
    settings = settings or WebSettings()
    jobs = JobQueue(
        max_pending=settings.max_pending_jobs,
        max_finished=settings.max_finished_jobs,
        workers=settings.workers,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # Plain `def` routes run on this pool (anyio's default: 40 threads). Forty threads
        # contending for the GIL leave the event loop a turn only every ~40 switch intervals;
        # a few keep `/api/status` and the async routes answering at once.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        preload()
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
    app.state.compute = Compute(settings)
    app.state.execute = _runs_api.execute_run
    app.state.execute_strategy = _strategy_api.execute_analysis
    _errors.install(app)
    app.add_middleware(Guard, settings=settings)
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

    for route, page in PAGES.items():
        app.add_api_route(route, _page(page), include_in_schema=False)  # type: ignore[arg-type]
    return app


def preload() -> None:
    """Import what the routes use and read the timeline once, before the first request.

    An import runs C extension initialisers that hold the GIL for long stretches; done lazily by
    the first requests, they held up ``/api/status`` for seconds. Done here, they delay only the
    server's start.
    """
    import duckdb  # noqa: F401
    import matplotlib.figure  # noqa: F401  (the report's charts draw with it)
    import pandas  # noqa: F401
    import pyarrow.parquet  # noqa: F401  (pandas imports it at the first read_parquet)

    import tradewar.report
    import tradewar.results
    import tradewar.store  # noqa: F401
    from tradewar.timeline import builtin_timeline

    builtin_timeline()


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("tradewar")
    except metadata.PackageNotFoundError:
        return "unknown"
