"""Baseline economies: the validated, immutable :class:`World`, and gravity-style worlds."""

from tradewar.world._gravity import (
    GravityData,
    balance_flows,
    conditional_flows,
    gravity_trade_costs,
    gravity_world,
)
from tradewar.world._world import MARKET_CLEARING_RTOL, World, final_demand_from_flows

__all__ = [
    "MARKET_CLEARING_RTOL",
    "GravityData",
    "World",
    "balance_flows",
    "conditional_flows",
    "final_demand_from_flows",
    "gravity_trade_costs",
    "gravity_world",
]
