"""Sweep fixtures: small specs on a small random world."""

from __future__ import annotations

import pytest

from tradewar.sweep import parse_sweep

GRID = {
    "name": "grid",
    "world": "random:5:4:3",
    "axes": [
        {
            "name": "t01",
            "kind": "tariff",
            "importer": "C0",
            "exporter": "C1",
            "sectors": "all",
            "values": [0, 20, 40, 60],
        },
        {
            "name": "reply",
            "kind": "tariff",
            "importer": "C1",
            "exporter": "C0",
            "sectors": "all",
            "of": "t01",
            "values": [0, 1],
        },
    ],
    "chunk_size": 2,
}


@pytest.fixture
def grid_spec():
    return parse_sweep(GRID)
