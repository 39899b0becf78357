"""A small stored run shared by the store tests (solved once per session)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.scenarios._support import TablePolicy, scenario, small_world


@pytest.fixture(scope="session")
def small_run():
    from tradewar.runner import run_scenarios

    world = small_world()
    scenarios = [
        scenario("base"),
        scenario("peak", policy={"date": "2025-04-10"}),
        scenario("year", policy={"period": {"start": "2025-01-01", "end": "2025-12-31"}}),
    ]
    return run_scenarios(scenarios, world=world, source=TablePolicy(), today=dt.date(2025, 9, 1))
