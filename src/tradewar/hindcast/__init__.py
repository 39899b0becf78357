"""The hindcast: the 2018-19 and 2025 tariff episodes run with one parameter set and scored
against observed, sourced figures (``tradewar validate``)."""

from tradewar.hindcast._episodes import EPISODES, Episode, deficit_path, episode_tariffs
from tradewar.hindcast._observed import Observation, household_count, observations, observed
from tradewar.hindcast._validate import METHOD, Row, Scorecard, validate

__all__ = [
    "EPISODES",
    "METHOD",
    "Episode",
    "Observation",
    "Row",
    "Scorecard",
    "deficit_path",
    "episode_tariffs",
    "household_count",
    "observations",
    "observed",
    "validate",
]
