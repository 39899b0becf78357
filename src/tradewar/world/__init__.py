"""Baseline economies: the validated, immutable :class:`World`, gravity-style worlds, and the
names of economy codes (:func:`economy_name`)."""

from tradewar.world._gravity import (
    GravityData,
    balance_flows,
    conditional_flows,
    gravity_trade_costs,
    gravity_world,
)
from tradewar.world._names import AGGREGATES, economy_name, economy_names
from tradewar.world._world import MARKET_CLEARING_RTOL, World, final_demand_from_flows

__all__ = [
    "AGGREGATES",
    "MARKET_CLEARING_RTOL",
    "GravityData",
    "World",
    "balance_flows",
    "conditional_flows",
    "economy_name",
    "economy_names",
    "final_demand_from_flows",
    "gravity_trade_costs",
    "gravity_world",
]
