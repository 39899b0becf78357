"""``tradewar serve``: how it starts uvicorn (uvicorn itself is replaced by a recorder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from tradewar.cli import app


def test_serve_keeps_idle_connections_longer_than_httpx_clients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    import tradewar.runner

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append(kw))
    monkeypatch.setattr(tradewar.runner, "enable_compilation_cache", lambda: None)
    result = CliRunner().invoke(app, ["serve", "--port", "8123", "--store", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (kwargs,) = calls
    assert kwargs["host"] == "127.0.0.1"
    assert kwargs["port"] == 8123
    # uvicorn's default (5 s) equals httpx's idle expiry: a pooled client could reuse a
    # connection the server is closing. The server must wait clearly longer.
    assert kwargs["timeout_keep_alive"] == 60
    assert kwargs["timeout_keep_alive"] > 2 * httpx.Limits().keepalive_expiry
