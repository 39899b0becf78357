"""Baseline economies: the validated, immutable :class:`World`."""

from tradewar.world._world import MARKET_CLEARING_RTOL, World, final_demand_from_flows

__all__ = ["MARKET_CLEARING_RTOL", "World", "final_demand_from_flows"]
