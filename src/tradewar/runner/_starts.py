"""Warm starts across a run: each scenario starts from the nearest one already solved.

The scenarios of a run share a world and mostly differ by a few tariffs, so the equilibrium of
the nearest solved scenario (same world shape and deficit rule; nearest tariffs and trade costs)
is a better first guess than the baseline. The answer is the same within the solver's tolerance
(tests/model/test_warm_start.py); only the iteration count changes, and each scenario's solver
record names the scenario it started from (``warm_start``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tradewar.compile import CompiledScenario
from tradewar.model import Equilibrium


def _distance(a: CompiledScenario, b: CompiledScenario) -> float:
    """How far apart two scenarios' shocks are: tariff and log trade-cost changes, squared."""
    world = a.world
    tariffs = a.shock.tariffs_for(world) - b.shock.tariffs_for(world)
    costs = np.log(a.shock.trade_costs_for(world)) - np.log(b.shock.trade_costs_for(world))
    return float((tariffs**2).sum() + (costs**2).sum())


@dataclass
class WarmStarts:
    """The converged equilibria solved so far in a run, to start the next scenario from."""

    solved: list[tuple[CompiledScenario, Equilibrium]] = field(default_factory=list)

    def nearest(self, compiled: CompiledScenario) -> Equilibrium | None:
        shape = compiled.world.trade.shape
        deficits = compiled.scenario.deficits
        fits = [
            (c, eq)
            for c, eq in self.solved
            if c.world.trade.shape == shape and c.scenario.deficits == deficits
        ]
        if not fits:
            return None
        return min(fits, key=lambda item: _distance(compiled, item[0]))[1]

    def add(self, compiled: CompiledScenario, eq: Equilibrium) -> None:
        if eq.converged:
            self.solved.append((compiled, eq))
