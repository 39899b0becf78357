"""How tradewar's errors become HTTP answers: the message always says what to fix.

- bad input (:class:`~tradewar.errors.TradewarError` raised while reading a request): 422;
- an unknown job, run or scenario: 404;
- the job queue is full: 429 with ``Retry-After``;
- a stored run whose files are missing or do not match its manifest: 409, naming the file;
- the compute pool is full (:mod:`tradewar.web._compute`): 503 with ``Retry-After``;
- a method a path does not support: 405 with ``Allow`` listing every method it does support
  (Starlette would list only those of the first route with that path).

Requests refused before any route runs (host, token, origin, body type and size) are answered
by :mod:`tradewar.web._guard`. Anything else is a bug and stays a 500.
"""

from __future__ import annotations

import re

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tradewar.errors import DamagedRunError, TradewarError
from tradewar.web._compute import Busy
from tradewar.web._jobs import QueueFull, UnknownJob


class NotFound(TradewarError):
    """The job, run, scenario or table asked for does not exist."""


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the OpenAPI schema documents for ``path`` (templates matched)."""
    methods: set[str] = set()
    for template, operations in app.openapi()["paths"].items():
        pattern = re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {m.upper() for m in operations}
    return sorted(methods)


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    async def full(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=429, headers={"Retry-After": "5"})

    async def busy(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})

    async def damaged(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        allowed = allowed_methods(request.app, request.url.path) if exc.status_code == 405 else []
        if not allowed:
            return await http_exception_handler(request, exc)
        return JSONResponse(
            {"detail": f"method {request.method} is not allowed here; use {', '.join(allowed)}"},
            status_code=405,
            headers={"Allow": ", ".join(allowed)},
        )

    app.add_exception_handler(StarletteHTTPException, method_not_allowed)
    app.add_exception_handler(UnknownJob, not_found)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(QueueFull, full)
    app.add_exception_handler(Busy, busy)
    app.add_exception_handler(DamagedRunError, damaged)
    app.add_exception_handler(TradewarError, invalid)
