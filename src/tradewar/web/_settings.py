"""Server settings: where results are stored, how much work the server accepts at once, and who
may talk to it (the bound address, an optional token, request limits)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

#: Seconds the server keeps an idle keep-alive connection open (``tradewar serve`` passes it to
#: uvicorn as ``timeout_keep_alive``). uvicorn's default, 5 s, is also the idle expiry of httpx's
#: connection pool, so a polling client could reuse a connection at the moment the server closed
#: it and get a reset (``httpx.ReadError``); the server has to wait longer than its clients.
KEEP_ALIVE_S = 60

#: Environment variable holding the access token (``tradewar serve --token``).
TOKEN_ENV = "TRADEWAR_TOKEN"

#: Names of this machine's loopback interface, as a browser sends them in ``Host``.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Addresses that bind every interface: ``Host`` cannot be checked against them.
WILDCARD = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address, IPv6 with or without brackets) is loopback."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebSettings:
    """Settings of one dashboard application (fixed when it is created).

    ``store``: the results-store folder (None: the store's default, as for ``tradewar run``).
    ``max_pending_jobs``: jobs waiting or running at once; more are refused with 429.
    ``max_scenarios_per_job``: scenarios in one run request. ``max_finished_jobs``: finished
    jobs remembered by the queue (their runs stay in the store). ``workers``: threads that run
    jobs (the solver uses every core already; one is right on a small machine).

    Who may talk to the server (``docs/dashboard.md``, "Security"): ``host`` is the address it
    is bound to; a request whose ``Host`` header names another machine is refused (DNS
    rebinding), loopback names always pass and ``allowed_hosts`` adds more. ``token``: when set,
    every request must carry it (``Authorization: Bearer``, or the cookie set by opening a page
    with ``?token=``); ``tradewar serve`` requires one for a non-loopback address.

    Limits: ``max_body_bytes`` per request body (413 beyond), ``max_json_depth`` of nesting in a
    JSON body (422 beyond). ``compute_threads`` run CPU-heavy answers (the timeline series, the
    tariffs on a date) off the event loop, with at most ``compute_queue`` more waiting (503
    beyond), so ``/api/status`` always answers; ``request_threads`` run the other plain routes
    (anyio's pool, 40 threads by default, whose GIL contention would starve the event loop).
    """

    store: Path | None = None
    max_pending_jobs: int = 64
    max_scenarios_per_job: int = 12
    max_finished_jobs: int = 256
    workers: int = 1
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = ()
    token: str | None = None
    max_body_bytes: int = 1_000_000
    max_json_depth: int = 32
    compute_threads: int = 2
    compute_queue: int = 64
    request_threads: int = 8

    def __post_init__(self) -> None:
        for name in (
            "max_pending_jobs",
            "max_scenarios_per_job",
            "max_finished_jobs",
            "workers",
            "max_body_bytes",
            "max_json_depth",
            "compute_threads",
            "compute_queue",
            "request_threads",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"WebSettings.{name} must be at least 1")
        if self.token is not None and len(self.token) < 16:
            raise ValueError("WebSettings.token must be at least 16 characters (or None)")

    def host_allowed(self, name: str) -> bool:
        """Whether a request's ``Host`` name (port removed) may reach this server."""
        name = name.strip("[]").lower()
        if self.host in WILDCARD:
            return True  # every interface: the token (required by `serve`) guards it
        allowed = {h.strip("[]").lower() for h in (self.host, *self.allowed_hosts)}
        return name in allowed or is_loopback(name)
