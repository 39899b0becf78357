"""Test support: a small world with the default economy codes and a policy source we control.

``small_world()`` is a seeded random equilibrium world whose economies are USA, CHN, VNM and ROW
and whose sectors are three of the default codes. ``TablePolicy`` is a minimal policy timeline:
dated additional tariffs on all sectors of a pair, one commitment record, one event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from tradewar.errors import ScenarioError
from tradewar.scenarios import (
    CommitmentRef,
    EventRef,
    HistoryPoint,
    PolicyHistory,
    PolicyTariffs,
    RecordRef,
    parse_scenario,
)
from tradewar.world import World
from tradewar.worlds.examples import random_world

COUNTRIES = ("USA", "CHN", "VNM", "ROW")
SECTORS = ("oilseeds_grains", "electronics", "svc_business")
D = dt.date


def small_world(seed: int = 7) -> World:
    world = random_world(seed=seed, n_countries=4, n_sectors=3, max_tariff=0.05)
    return replace(
        world,
        countries=COUNTRIES,
        sectors=SECTORS,
        name="small test world",
        meta={"base_year": 2024, "units": "USD bn (test)", "source": "tradewar.worlds.examples"},
    )


@dataclass(frozen=True)
class Rule:
    id: str
    importer: str
    exporter: str
    rate: float
    start: dt.date
    end: dt.date | None = None
    confirmed: bool = True


RULES = (
    Rule("us-a", "USA", "CHN", 0.10, D(2025, 2, 4)),
    Rule("us-b", "USA", "CHN", 0.50, D(2025, 4, 9), D(2025, 5, 13), confirmed=False),
    Rule("cn-a", "CHN", "USA", 0.15, D(2025, 3, 10)),
    Rule("us-v", "USA", "VNM", 0.20, D(2025, 8, 7)),
)

SOY = CommitmentRef(
    id="com-test-soy",
    title="test: 25 Mt of soybeans a year",
    buyer="CHN",
    seller="USA",
    product_group="soybeans",
    amount_usd_bn=None,
    amount_physical=0.5,
    unit="million metric tons per year",
    status="announced",
    confirmed=False,
    sources=("https://example.org/soy",),
)


@dataclass(frozen=True)
class TablePolicy:
    """A policy source from a short table of rules (the overlay ``no-us`` drops US rules)."""

    rules: tuple[Rule, ...] = RULES
    commitments: dict[str, CommitmentRef] = field(default_factory=lambda: {SOY.id: SOY})
    name: str = "test policy table"
    version: str = "test-1"
    calls: list[Any] = field(default_factory=list)

    def _active(self, day: dt.date, overlay: Any) -> list[Rule]:
        if overlay not in (None, "no-us"):
            raise ScenarioError(f"unknown overlay {overlay!r}")
        rules = [r for r in self.rules if r.start <= day and (r.end is None or day <= r.end)]
        if overlay == "no-us":
            rules = [r for r in rules if r.importer != "USA"]
        return rules

    def tariffs_on(self, day: dt.date, overlay: Any, world: World) -> PolicyTariffs:
        self.calls.append(day)
        base = world.tariffs.copy()
        total = base.copy()
        active = self._active(day, overlay)
        for r in active:
            total[world.country_index(r.importer), world.country_index(r.exporter), :] += r.rate
        records = tuple(
            RecordRef(
                r.id,
                "additional_tariff",
                r.importer,
                "test",
                f"rule {r.id}",
                r.rate,
                r.confirmed,
                (f"https://example.org/{r.id}",),
            )
            for r in active
        )
        return PolicyTariffs(total, base, ("USA", "CHN"), records, ("USA <- VNM: test note",))

    def change_dates(self, start: dt.date, end: dt.date, overlay: Any) -> list[dt.date]:
        days = {start}
        for r in self.rules:
            for d in (r.start, r.end + dt.timedelta(days=1) if r.end else None):
                if d is not None and start < d <= end:
                    days.add(d)
        return sorted(days)

    def commitment(self, record_id: str) -> CommitmentRef:
        if record_id not in self.commitments:
            raise ScenarioError(f"commitment record {record_id!r} is not in the timeline")
        return self.commitments[record_id]

    def history(self, start: dt.date, end: dt.date) -> PolicyHistory:
        points = []
        for day in self.change_dates(start, end, None):
            active = self._active(day, None)
            us = sum(r.rate for r in active if r.importer == "USA" and r.exporter == "CHN")
            cn = sum(r.rate for r in active if r.importer == "CHN" and r.exporter == "USA")
            points.append(HistoryPoint(day, 100 * us, 100 * cn))
        events = (
            EventRef(
                D(2025, 5, 12),
                "negotiation",
                "Geneva (test)",
                "Geneva",
                True,
                ("https://example.org/geneva",),
            ),
        )
        return PolicyHistory(tuple(points), events, "test weights")


def scenario(name: str = "s", **fields: Any) -> Any:
    """A scenario from keyword fields (policy defaults to the baseline)."""
    data: dict[str, Any] = {"name": name, "policy": {"baseline": True}}
    data.update(fields)
    return parse_scenario(data)


def additional(world: World, day: dt.date, overlay: Any = None) -> np.ndarray:
    """What TablePolicy adds to ``world``'s tariffs on ``day`` (for expected values)."""
    policy = TablePolicy().tariffs_on(day, overlay, world)
    return policy.tariffs - world.tariffs
