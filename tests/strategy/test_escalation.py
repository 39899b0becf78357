"""Escalation games: strategies behave as defined, truces freeze and end, payoffs are cached."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.strategy import (
    AsItHappened,
    Game,
    GenerousTitForTat,
    GrimTrigger,
    MyopicBestResponse,
    StrategyError,
    TitForTat,
    Truce,
    play,
    replay,
    tournament,
)


@pytest.fixture(scope="module")
def game(small):
    g = Game.create(small, ("C0", "C1"), ladder=(0.0, 0.1, 0.25, 0.5))
    g.prime()
    return g


def test_cooperators_stay_at_the_status_quo(game):
    path = play(game, (TitForTat(), GrimTrigger()), 12)
    assert np.all(path.actions == 0)
    assert np.allclose(path.payoffs_pct, 0.0, atol=1e-9)


def test_tit_for_tat_copies_and_grim_never_forgives(game):
    myopic = MyopicBestResponse()
    path = play(game, (myopic, TitForTat()), 6)
    # Tit-for-tat answers the opponent's last move, one month later.
    np.testing.assert_allclose(path.intensity[1:, 1], path.intensity[:-1, 0])
    grim = play(game, (myopic, GrimTrigger()), 6)
    assert grim.intensity[1, 1] == 0.5
    assert np.all(grim.intensity[1:, 1] == 0.5)


def test_myopic_best_response_is_best_on_the_ladder(game, small):
    path = play(game, (MyopicBestResponse(), MyopicBestResponse()), 4)
    last = path.actions[-1]
    for rung in game.ladder:
        other = np.stack([rung, last[1]])
        assert game.payoffs(other)[0] <= game.payoffs(last)[0] + 1e-12 or np.allclose(rung, last[0])


def test_generous_tit_for_tat_is_reproducible(game):
    a = play(game, (MyopicBestResponse(), GenerousTitForTat(forgiveness=0.5, seed=3)), 10)
    b = play(game, (MyopicBestResponse(), GenerousTitForTat(forgiveness=0.5, seed=3)), 10)
    np.testing.assert_array_equal(a.actions, b.actions)


def test_truce_freezes_then_deal_or_lapse(game):
    myopic = MyopicBestResponse()
    deal = play(game, (myopic, TitForTat()), 10, truces=[Truce(3, 6, "deal")])
    np.testing.assert_array_equal(deal.actions[3:6], deal.actions[[2, 2, 2]])
    assert np.all(deal.actions[6] == 0)
    lapse = play(game, (TitForTat(), TitForTat()), 8, truces=[Truce(2, 4, "lapse", {0: 2})])
    assert lapse.intensity[4, 0] == pytest.approx(0.25)
    assert lapse.intensity[5, 1] == pytest.approx(0.25)


def test_as_it_happened_replays_a_path(game, small):
    start = small.factual_tariffs()
    path = []
    for extra in (0.0, 0.1, 0.1, 0.25):
        t = start.copy()
        t[0, 1] += extra
        t[1, 0] += extra / 2
        path.append(t)
    played = play(game, (AsItHappened(path), AsItHappened(path)), 6)
    np.testing.assert_allclose(played.intensity[:4, 0], [0.0, 0.1, 0.1, 0.25])
    np.testing.assert_allclose(played.intensity[:4, 1], [0.0, 0.05, 0.05, 0.125])
    np.testing.assert_allclose(played.intensity[4:, 0], 0.25)  # the last month is held
    np.testing.assert_allclose(replay(small, path)[1:4], played.payoffs_pct[1:4], atol=1e-10)
    assert np.all(replay(small, path)[0] == 0)


def test_tournament_compares_all_pairs(game):
    strategies = [TitForTat(), GrimTrigger(), MyopicBestResponse()]
    paths = tournament(game, strategies, 12)
    assert len(paths) == 9
    averages = {(p.strategies[0], p.strategies[1]): p.average() for p in paths}
    assert np.allclose(averages[("tit-for-tat", "tit-for-tat")], 0.0, atol=1e-9)


def test_bad_games(small):
    with pytest.raises(StrategyError, match="two different players"):
        Game.create(small, ("C0", "C0"))
    with pytest.raises(StrategyError, match="start at zero"):
        Game.create(small, ("C0", "C1"), ladder=(0.1, 0.2))
    with pytest.raises(StrategyError, match="deadline"):
        Truce(5, 3)
