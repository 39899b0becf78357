"""The two hindcast episodes and their tariff input.

Each episode compares two calendar years, with the tariffs of each year weighted by the days they
were in force (:func:`episode_tariffs`): 2017 -> 2019 (the Section 301 tariffs and China's
retaliation) and 2024 -> 2025 (the 2025 tariffs). The model is run the same way for both:

1. the start year is made a steady state: the world solved in the long run at the start year's
   tariffs (``start_world``);
2. the end year's tariffs are solved on it at the chosen horizon, with the US trade deficit held
   at its observed path (the observed change in the US goods deficit, the rest of the world
   absorbing the difference in proportion to value added).

What would have happened anyway is kept out of the model's number: the model gives the change
caused by the tariffs (and the observed deficit path) in units of world value added, i.e. with
world nominal demand held at its start-year level. Observed changes also contain the growth of
nominal demand (US nominal GDP grew by several percent a year in both periods), the 2025
front-loading ahead of tariffs and the AI-equipment boom; those are *not* added to the model
here (no sourced nominal-growth input is shipped yet), so observed rises in totals are expected
to exceed the model's by about the nominal growth of the period. The scorecard says so beside
each row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tradewar.hindcast._observed import observed
from tradewar.model import Shock, solve
from tradewar.scenarios import PolicySource, TimelinePolicy, weighted_period
from tradewar.world import World


@dataclass(frozen=True)
class Episode:
    """A hindcast episode: the start and end calendar years."""

    name: str
    start_year: int
    end_year: int
    description: str

    def period(self, year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)


EPISODES = (
    Episode("2018-19", 2017, 2019, "2017 -> 2019: Section 301 tariffs and China's retaliation"),
    Episode("2024-25", 2024, 2025, "2024 -> 2025: the 2025 US tariffs and retaliation"),
)


def episode_tariffs(world: World, year: int, source: PolicySource | None = None) -> np.ndarray:
    """The tariffs of calendar ``year`` on ``world``, each day weighted by the days in force.

    This is the one tariff input of the hindcast. By default it takes the timeline's
    expected-collected rates (statutory rates times the 2024 ratio of duties paid to statutory
    duty by partner and sector, ``TimelinePolicy(rates="collected")``), for both years of both
    episodes: US customs collected about half of what statutory rates imply in 2025.
    """
    source = TimelinePolicy(rates="collected") if source is None else source
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    policy, _ = weighted_period(source, start, end, None, world)
    return policy.tariffs


def start_world(world: World, tariffs: np.ndarray, year: int) -> World:
    """``world`` solved in the long run at ``tariffs``: the start year as a steady state."""
    eq = solve(world, Shock(tariffs=tariffs, name=f"tariffs of {year}"), deficits="fixed")
    return eq.to_world(name=f"{world.name} at {year} tariffs")


def deficit_path(world: World, episode: Episode, country: str = "USA") -> np.ndarray | None:
    """Deficits with ``country``'s moved by the observed change in its goods deficit.

    The rest of the world absorbs the change in proportion to value added. None when the
    observed totals are not shipped or ``country`` is not in the world.
    """
    imports = observed(episode.name, "us_imports_total")
    exports = observed(episode.name, "us_exports_total")
    if imports is None or exports is None or country not in world.countries:
        return None
    if imports.from_value is None or exports.from_value is None:
        return None
    ratio = (imports.to_value - exports.to_value) / (imports.from_value - exports.from_value)
    n = world.country_index(country)
    deficits = world.deficit.copy()
    change = deficits[n] * (ratio - 1)
    others = np.arange(world.n_countries) != n
    deficits[n] += change
    va = world.value_added
    deficits[others] -= change * va[others] / va[others].sum()
    return deficits
