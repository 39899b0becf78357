"""``tradewar serve``: the web dashboard on http://127.0.0.1:8000 (loopback by default).

Bound to another address, the dashboard requires an access token (``--token`` or
``$TRADEWAR_TOKEN``); see ``docs/dashboard.md``, "Security".
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.cli._app import app, friendly_errors
from tradewar.errors import TradewarError

# Commands import the packages they use when they run, not here: `tradewar --help` imports every
# command module, and must load neither JAX nor the data packages (tests/cli/test_lazy_imports.py).

#: ``tradewar.web.TOKEN_ENV`` (not imported here: the CLI starts without the web app;
#: a test checks they agree).
TOKEN_ENV = "TRADEWAR_TOKEN"


@app.command("serve")
@friendly_errors
def serve_cmd(
    host: Annotated[
        str, typer.Option("--host", help="Address to bind (default: loopback only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Results store folder (default: $TRADEWAR_STORE, $TRADEWAR_HOME/store or user "
            "data), as for 'tradewar run'.",
        ),
    ] = None,
    max_jobs: Annotated[
        int, typer.Option("--max-jobs", help="Jobs waiting or running at once.", min=1, max=1000)
    ] = 64,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar=TOKEN_ENV,
            help="Access token every request must carry (at least 16 characters; required when "
            f"--host is not loopback; default: ${TOKEN_ENV}). Open the dashboard at "
            "http://HOST:PORT/?token=TOKEN.",
        ),
    ] = None,
) -> None:
    """Serve the dashboard: timeline, scenarios, war and talks, data (JSON API under /api,
    its OpenAPI schema at /openapi.json)."""
    from tradewar.cli._busy import busy

    with busy("starting the dashboard: loading the web app"):
        import uvicorn

        from tradewar.web import KEEP_ALIVE_S, WebSettings, create_app, is_loopback

    if not is_loopback(host) and token is None:
        raise TradewarError(
            f"--host {host} exposes the dashboard beyond this machine: give an access token "
            f"with --token TOKEN or ${TOKEN_ENV} (e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(24))'), or bind 127.0.0.1"
        )
    if token is not None and len(token) < 16:
        raise TradewarError("--token: use at least 16 characters (a random one is best)")
    with busy("starting the dashboard: loading tradewar, JAX and the default world"):
        from tradewar.runner import enable_compilation_cache

        enable_compilation_cache()
        application = create_app(
            WebSettings(store=store, max_pending_jobs=max_jobs, host=host, token=token)
        )
    where = f"http://{host}:{port}/" + ("?token=TOKEN" if token else "")
    typer.echo(f"tradewar dashboard on {where} (Ctrl+C to stop)")
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=KEEP_ALIVE_S,
    )
