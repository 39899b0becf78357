"""The web dashboard: a FastAPI application with a JSON API and pages that work offline.

:func:`create_app` builds the application (``tradewar serve`` runs it with uvicorn on
127.0.0.1). Pages: Timeline (the average tariff each way with events; click a date for the
tariffs in force by authority and sector, with sources), Scenarios (built-in or your own, run as
background jobs into the results store, charts, tables, comparison, downloads), War and talks
(the strategy layer) and Data (the world in use). Charts are drawn in the browser with Chart.js,
vendored in ``static/vendor`` (no CDN). See ``docs/dashboard.md``.
"""

from tradewar.web._app import PAGES, Page, create_app, pages_dir, render_page, static_dir
from tradewar.web._jobs import Job, JobQueue, QueueFull, UnknownJob
from tradewar.web._settings import KEEP_ALIVE_S, TOKEN_ENV, WebSettings, is_loopback

__all__ = [
    "KEEP_ALIVE_S",
    "PAGES",
    "TOKEN_ENV",
    "Job",
    "JobQueue",
    "Page",
    "QueueFull",
    "UnknownJob",
    "WebSettings",
    "create_app",
    "is_loopback",
    "pages_dir",
    "render_page",
    "static_dir",
]
