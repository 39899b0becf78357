"""CPU-heavy answers off the event loop: a few threads, a bounded queue, 503 beyond it.

FastAPI runs plain ``def`` routes in a pool of 40 threads shared by every route; 40 requests
that each take seconds of CPU fill it and every other route (``/api/status`` included) waits
behind them. Heavy routes instead ``await compute(request, fn, ...)``: at most
``compute_threads`` run at once, at most ``compute_queue`` more wait, and a request beyond that
is refused at once with 503 and ``Retry-After`` (never queued without bound). Light routes are
``async def`` and answer from the event loop whatever the heavy ones are doing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Request

from tradewar.errors import TradewarError
from tradewar.web._settings import WebSettings

T = TypeVar("T")


class Busy(TradewarError):
    """The server already has its maximum of CPU-heavy requests running or waiting."""


class Compute:
    """The bounded pool of :class:`WebSettings`' ``compute_threads`` and ``compute_queue``."""

    def __init__(self, settings: WebSettings) -> None:
        self.threads = settings.compute_threads
        self.most = settings.compute_threads + settings.compute_queue
        self.in_flight = 0
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self.in_flight >= self.most:
            raise Busy(
                f"the server is busy with {self.in_flight} heavy requests (its limit is "
                f"{self.most}); retry in a few seconds"
            )
        if self._limiter is None:  # created inside the event loop that uses it
            self._limiter = anyio.CapacityLimiter(self.threads)
        self.in_flight += 1
        try:
            return await anyio.to_thread.run_sync(fn, *args, limiter=self._limiter)
        finally:
            self.in_flight -= 1


async def compute(request: Request, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` on the application's compute pool (see :class:`Compute`)."""
    pool: Compute = request.app.state.compute
    return await pool.run(fn, *args)
