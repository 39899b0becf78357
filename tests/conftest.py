"""Strict test settings: float64 JAX, warnings are errors (pyproject), no network but loopback."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import jax
import pytest

jax.config.update("jax_enable_x64", True)

# Tests see the shipped timeline only, never records a developer added with `timeline add`.
os.environ["TRADEWAR_USER_TIMELINE"] = ""

#: ``../shared/data`` beside the repository (read-only replication data; CI always has it).
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost", "0.0.0.0"):
        raise RuntimeError(f"tests must not use the network (tried to connect to {address!r})")
    _real_connect(self, address)  # type: ignore[arg-type]


socket.socket.connect = _loopback_only  # type: ignore[method-assign]


def shared_data(*parts: str) -> Path:
    """Path under ``../shared/data``; skips the test with a reason when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the replication data live in ../shared/data beside the repo"
        )
    return path
