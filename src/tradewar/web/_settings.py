"""Server settings: where results are stored and how much work the server accepts at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Seconds the server keeps an idle keep-alive connection open (``tradewar serve`` passes it to
#: uvicorn as ``timeout_keep_alive``). uvicorn's default, 5 s, is also the idle expiry of httpx's
#: connection pool, so a polling client could reuse a connection at the moment the server closed
#: it and get a reset (``httpx.ReadError``); the server has to wait longer than its clients.
KEEP_ALIVE_S = 60


@dataclass(frozen=True)
class WebSettings:
    """Settings of one dashboard application (fixed when it is created).

    ``store``: the results-store folder (None: the store's default, as for ``tradewar run``).
    ``max_pending_jobs``: jobs waiting or running at once; more are refused with 429.
    ``max_scenarios_per_job``: scenarios in one run request. ``max_finished_jobs``: finished
    jobs remembered by the queue (their runs stay in the store). ``workers``: threads that run
    jobs (the solver uses every core already; one is right on a small machine).
    """

    store: Path | None = None
    max_pending_jobs: int = 64
    max_scenarios_per_job: int = 12
    max_finished_jobs: int = 256
    workers: int = 1

    def __post_init__(self) -> None:
        for name in ("max_pending_jobs", "max_scenarios_per_job", "max_finished_jobs", "workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"WebSettings.{name} must be at least 1")
