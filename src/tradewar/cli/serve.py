"""``tradewar serve``: the web dashboard on http://127.0.0.1:8000 (loopback by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.cli._app import app, friendly_errors

LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
) -> None:
    """Serve the dashboard: timeline, scenarios, war and talks, data (JSON API under /api,
    its OpenAPI schema at /openapi.json)."""
    from tradewar.cli._busy import busy

    with busy("starting the dashboard: loading tradewar, JAX and the default world"):
        import uvicorn

        from tradewar.runner import enable_compilation_cache
        from tradewar.web import WebSettings, create_app
        from tradewar.web._settings import KEEP_ALIVE_S

        enable_compilation_cache()
        application = create_app(WebSettings(store=store, max_pending_jobs=max_jobs))
    if host not in LOOPBACK:
        typer.secho(
            f"warning: binding {host} exposes the dashboard beyond this machine; it has no "
            "authentication",
            err=True,
            fg="yellow",
        )
    typer.echo(f"tradewar dashboard on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=KEEP_ALIVE_S,
    )
