"""How tradewar's errors become HTTP answers: the message always says what to fix.

- bad input (:class:`~tradewar.errors.TradewarError` raised while reading a request): 422;
- an unknown job, run or scenario: 404;
- the job queue is full: 429 with ``Retry-After``;
- a part of tradewar this installation lacks (the scenario runner, the strategy layer): 503.

Anything else is a bug and stays a 500.
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from tradewar.errors import TradewarError
from tradewar.web._jobs import QueueFull, UnknownJob


class NotFound(TradewarError):
    """The job, run, scenario or table asked for does not exist."""


class Unavailable(TradewarError):
    """A feature that needs a part of tradewar this installation does not have."""


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    async def full(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=429, headers={"Retry-After": "5"})

    async def unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.add_exception_handler(UnknownJob, not_found)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(QueueFull, full)
    app.add_exception_handler(Unavailable, unavailable)
    app.add_exception_handler(TradewarError, invalid)
