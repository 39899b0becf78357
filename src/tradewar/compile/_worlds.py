"""The world a scenario runs on: the default world, the toy world or a world file, with the
scenario's trade elasticities."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tradewar.errors import ScenarioError
from tradewar.scenarios import Elasticities, Scenario
from tradewar.world import World
from tradewar.worlds import default_world, load_world_file
from tradewar.worlds.examples import toy_world


def base_world(scenario: Scenario) -> World:
    """The world named by ``scenario.world`` (before elasticity overrides)."""
    spec = scenario.world
    if spec == "default":
        world: World = default_world()
        return world
    if spec == "toy":
        return toy_world()
    return load_world_file(scenario.resolve_path(spec))


def apply_elasticities(world: World, elasticities: Elasticities, where: str) -> World:
    """``world`` with the scenario's trade elasticities (overrides, then the scale)."""
    theta = world.theta.copy()
    if isinstance(elasticities.theta, float | int):
        theta[:] = float(elasticities.theta)
    elif isinstance(elasticities.theta, Mapping):
        unknown = sorted(set(elasticities.theta) - set(world.sectors))
        if unknown:
            raise ScenarioError(
                f"{where}: elasticities.theta names unknown sector(s) {unknown}; the world's "
                f"sectors are {list(world.sectors)}"
            )
        for sector, value in elasticities.theta.items():
            theta[world.sector_index(sector)] = float(value)
    theta = theta * elasticities.scale
    if np.array_equal(theta, world.theta):
        return world
    return world.with_theta(theta)
