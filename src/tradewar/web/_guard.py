"""The gate in front of every request: only this machine's pages and clients get through.

An ASGI middleware (:class:`Guard`) that refuses, before any route runs:

- a ``Host`` that is not the bound address (or loopback): 400. A page on another site that
  points its own name at 127.0.0.1 (DNS rebinding) sends its name, not ours;
- a request without the access token when one is set: 401 (``Authorization: Bearer TOKEN``, or
  the ``tradewar_token`` cookie that opening any page with ``?token=TOKEN`` sets);
- a state-changing request (POST, PUT, PATCH, DELETE) from another origin (``Origin``,
  ``Referer`` or ``Sec-Fetch-Site: cross-site``): 403; one whose body is not
  ``application/json``: 415. A cross-site form or ``fetch`` without CORS can send only
  ``text/plain`` and form types, so together these stop cross-site request forgery;
- a body over ``max_body_bytes``: 413; JSON nested deeper than ``max_json_depth``: 422 (checked
  without recursion, before the body is parsed).

Every refusal is JSON ``{"detail": ...}`` saying what to fix.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tradewar.web._settings import WebSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE = "tradewar_token"


class Refused(Exception):
    """A request the guard does not let through (status and message)."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings are
    skipped), without recursion: ``[[1]]`` is 2."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _host_name(value: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` -> ``::1``)."""
    return urlsplit(f"//{value}").hostname or ""


class Guard:
    """ASGI middleware applying :class:`WebSettings`' host, token, origin and size rules."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            set_cookie = self._check_headers(scope, headers)
            if scope["method"] not in SAFE_METHODS:
                receive = await self._checked_body(receive, headers)
        except Refused as refusal:
            await _answer(send, refusal)
            return
        if set_cookie is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"set-cookie", set_cookie)]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    # ------------------------------------------------------------------ checks

    def _check_headers(self, scope: Scope, headers: dict[str, str]) -> bytes | None:
        """Raise :class:`Refused` unless host, token and origin pass; a cookie to set, if any."""
        s = self.settings
        host = headers.get("host", "")
        if not s.host_allowed(_host_name(host)):
            raise Refused(
                400,
                f"Host {host!r} is not this server's address ({s.host}); open the dashboard "
                "at the address it was started on (tradewar serve --host), or allow the name "
                "with WebSettings(allowed_hosts=...)",
            )
        cookie = None
        if s.token is not None:
            cookie = self._check_token(scope, headers, s.token)
        if scope["method"] not in SAFE_METHODS:
            self._check_origin(headers, host)
        return cookie

    def _check_token(self, scope: Scope, headers: dict[str, str], token: str) -> bytes | None:
        given = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given.append(auth[7:].strip())
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except CookieError:  # a malformed Cookie header is as good as none
            jar = SimpleCookie()
        if COOKIE in jar:
            given.append(jar[COOKIE].value)
        from_query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        given.extend(from_query)
        if not any(hmac.compare_digest(g.encode(), token.encode()) for g in given):
            raise Refused(
                401,
                "this dashboard needs its access token: open it as http://HOST:PORT/?token=TOKEN "
                "or send 'Authorization: Bearer TOKEN' (the token given to tradewar serve "
                "--token or $TRADEWAR_TOKEN)",
                {"WWW-Authenticate": "Bearer"},
            )
        if from_query and scope["method"] == "GET":
            return f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/".encode()
        return None

    def _check_origin(self, headers: dict[str, str], host: str) -> None:
        if headers.get("sec-fetch-site", "") == "cross-site":
            raise Refused(403, "cross-site requests may not change anything on this server")
        for header in ("origin", "referer"):
            value = headers.get(header)
            if value is None:
                continue
            parts = urlsplit(value)
            if value == "null" or parts.netloc.lower() != host.lower():
                raise Refused(
                    403,
                    f"{header.title()} {value!r} is not this server ({host}): requests that "
                    "change anything must come from the dashboard's own pages or a local client",
                )
            return  # Origin (when sent) decides; Referer only stands in for it

    async def _checked_body(self, receive: Receive, headers: dict[str, str]) -> Receive:
        """Read the whole body (bounded), check its type and depth, and replay it."""
        s = self.settings
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > s.max_body_bytes:
            raise Refused(413, _too_large(int(length), s.max_body_bytes))
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > s.max_body_bytes:
                raise Refused(413, _too_large(size, s.max_body_bytes))
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if body:
            media = headers.get("content-type", "").split(";")[0].strip().lower()
            if media != "application/json":
                raise Refused(
                    415,
                    f"request bodies must be JSON (Content-Type: application/json), not "
                    f"{media or 'untyped'}",
                )
            depth = json_depth(body)
            if depth > s.max_json_depth:
                raise Refused(
                    422,
                    f"the JSON body is nested {depth} levels deep; the server takes at most "
                    f"{s.max_json_depth}",
                )
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


def _too_large(size: int, most: int) -> str:
    return f"the request body is {size} bytes or more; the server takes at most {most}"


async def _answer(send: Send, refusal: Refused) -> None:
    body = json.dumps({"detail": refusal.detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode(), v.encode()) for k, v in refusal.headers.items()),
    ]
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
