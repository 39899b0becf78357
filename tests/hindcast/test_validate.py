"""``validate`` on a small world with a policy source we control: one parameter set for both
episodes, every row model vs observed with its target, and the tariff input weighted by days."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from tests.scenarios._support import Rule, TablePolicy, small_world
from tradewar.errors import ShockError
from tradewar.hindcast import EPISODES, episode_tariffs, observed, validate

D = dt.date
RULES = (
    Rule("us-2018", "USA", "CHN", 0.20, D(2018, 7, 6)),
    Rule("cn-2018", "CHN", "USA", 0.15, D(2018, 7, 6)),
    Rule("us-2025", "USA", "CHN", 0.30, D(2025, 4, 1)),
)


@pytest.fixture(scope="module")
def card():
    return validate(small_world(), horizon="1y", source=TablePolicy(rules=RULES))


def test_episode_tariffs_are_weighted_by_days_in_force():
    world = small_world()
    source = TablePolicy(rules=RULES)
    us, cn = world.country_index("USA"), world.country_index("CHN")
    t2025 = episode_tariffs(world, 2025, source)
    days = (D(2025, 12, 31) - D(2025, 4, 1)).days + 1
    np.testing.assert_allclose(
        t2025[us, cn] - world.tariffs[us, cn], 0.20 + 0.30 * days / 365, rtol=1e-12
    )
    np.testing.assert_allclose(episode_tariffs(world, 2017, source), world.tariffs)


def test_scorecard_rows_pair_model_and_observed(card):
    assert card.horizon == "1y"
    episodes = {r.episode for r in card.rows}
    assert episodes == {e.name for e in EPISODES}
    for row in card.rows:
        if row.model is not None:
            assert math.isfinite(row.model), row
        obs = observed(row.episode, row.quantity)
        if obs is not None and obs.change_pct is not None:
            assert row.observed == pytest.approx(obs.change_pct)
            assert row.source == obs.source_url
        if row.target == "within 10 points of observed" and row.met is not None:
            assert row.met == (abs(row.model - row.observed) <= 10)
    china = [r for r in card.rows if r.quantity == "us_imports_from:CHN"]
    assert all(r.model < 0 for r in china)  # a US tariff on China cuts US imports from China
    # Taiwan and Mexico are not in this world: said so, not dropped.
    assert any(r.note == "not an economy of this world" for r in card.rows)


def test_outcomes_of_each_episode(card):
    for quoted in card.outcomes.values():
        assert quoted["pass_through"] > 0.85  # sticky wages at one year
        assert (
            quoted["effective_tariff_before_pct"]
            >= quoted["effective_tariff_after_pct"]
            >= quoted["effective_tariff_baseline_pct"] - 1e-9
        )
        assert quoted["customs_revenue"] > 0
        assert math.isfinite(quoted["cost_per_household"])
    payload = card.as_dict()
    assert payload["targets_met"] + payload["targets_missed"] <= len(payload["rows"])


def test_bad_closure_names_the_choices():
    with pytest.raises(ShockError, match="closure='levels'"):
        validate(small_world(), closure="levels", source=TablePolicy(rules=RULES))
