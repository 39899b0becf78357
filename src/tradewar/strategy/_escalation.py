"""Escalation dynamics: a repeated monthly tariff game between two players on model payoffs.

Each month both players choose an *action*: the additional tariffs (by sector, fractions, on top
of the starting profile) they levy on the other's goods. The model is static, so a month's
payoff is the equilibrium welfare at that month's tariffs, ``u = 100 log(G / G0)`` (percent of
government welfare at the game's starting profile, the status quo). Strategies see the history of
actions and pick the next one:

* :class:`TitForTat` — start cooperative (no extra tariff), then match the opponent's last move
  (the ladder level closest to its trade-weighted mean extra tariff);
* :class:`GenerousTitForTat` — tit-for-tat that forgives a defection with probability ``p``
  (Nowak and Sigmund 1992), with a seeded random generator so runs are reproducible;
* :class:`GrimTrigger` — cooperate until the opponent ever escalates, then the top rung forever;
* :class:`MyopicBestResponse` — the rung (or, ``continuous=True``, the optimal tariffs) that
  maximises this month's payoff given the opponent's last move;
* :class:`AsItHappened` — replay a supplied path of tariff profiles by month (e.g. the policy
  timeline's tariffs in force on the first of each month).

A :class:`Truce` freezes both players' tariffs from its start until its deadline; at the deadline
either a deal restores the starting tariffs (``outcome="deal"``) or the truce lapses and the
strategies resume, optionally after a scheduled escalation. Payoffs are cached by action pair, and
the ladder's grid is solved in one batched call, so whole strategy tournaments take seconds.
"""

from __future__ import annotations

import abc
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from tradewar.strategy._compiled import evaluate, evaluate_many
from tradewar.strategy._game import (
    StrategyError,
    TariffModel,
    check_tariffs,
    country_index,
    instrument,
)
from tradewar.strategy._optimal import best_response

#: Default ladder: extra tariffs of 0, 10, 25 and 50 percentage points on every sector.
DEFAULT_LADDER = (0.0, 0.10, 0.25, 0.50)


@dataclass(frozen=True)
class History:
    """What a strategy sees: past actions ``(months, 2, S)`` and their intensities."""

    actions: np.ndarray
    intensity: np.ndarray  # (months, 2) trade-weighted mean extra tariff


class Strategy(abc.ABC):
    """An escalation strategy: subclass it, give it a ``name`` and implement :meth:`act`."""

    name: str

    @abc.abstractmethod
    def act(self, game: Game, me: int, month: int, history: History) -> np.ndarray:
        """The extra tariffs (S,) player ``me`` (0 or 1) levies this month."""


@dataclass(frozen=True, eq=False)
class Game:
    """The repeated game: two players, a starting profile, a ladder of escalation rungs."""

    model: TariffModel
    players: tuple[int, int]
    start: np.ndarray
    ladder: np.ndarray  # (L, S) extra tariffs of each rung
    _cache: dict[bytes, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def create(
        cls,
        model: TariffModel,
        players: tuple[str | int, str | int],
        *,
        start: np.ndarray | None = None,
        ladder: Sequence[float] | np.ndarray = DEFAULT_LADDER,
    ) -> Game:
        a, b = (country_index(model, p) for p in players)
        if a == b:
            raise StrategyError("an escalation game needs two different players.")
        profile = check_tariffs(model, model.factual_tariffs() if start is None else start, "start")
        rungs = np.asarray(ladder, dtype=np.float64)
        if rungs.ndim == 1:
            rungs = np.repeat(rungs[:, None], len(model.sectors), axis=1)
        if rungs.ndim != 2 or rungs.shape[1] != len(model.sectors) or len(rungs) < 2:
            raise StrategyError("the ladder needs at least two rungs of extra tariffs by sector.")
        if np.any(np.diff(rungs.mean(axis=1)) <= 0) or np.any(rungs[0] != 0):
            raise StrategyError("ladder rungs must start at zero and rise in mean extra tariff.")
        return cls(model, (a, b), profile, rungs)

    @property
    def names(self) -> tuple[str, str]:
        return self.model.countries[self.players[0]], self.model.countries[self.players[1]]

    def weights(self, me: int) -> np.ndarray:
        """Trade weights of ``me``'s imports from the opponent, by sector (sum to one)."""
        a, b = self.players if me == 0 else self.players[::-1]
        flows = np.asarray(self.model.trade_values(), dtype=np.float64)[a, b]
        return flows / flows.sum() if flows.sum() > 0 else np.full(flows.shape, 1 / flows.size)

    def intensity(self, me: int, action: np.ndarray) -> float:
        return float(self.weights(me) @ action)

    def rung(self, me: int, level: float) -> int:
        """The ladder rung whose trade-weighted intensity is closest to ``level``."""
        levels = self.ladder @ self.weights(me)
        return int(np.argmin(np.abs(levels - level)))

    def profile(self, actions: np.ndarray) -> np.ndarray:
        a, b = self.players
        out = self.start.copy()
        out[a, b] += actions[0]
        out[b, a] += actions[1]
        return out

    def _key(self, actions: np.ndarray) -> bytes:
        return np.round(np.asarray(actions, dtype=np.float64), 10).tobytes()

    def prime(self) -> None:
        """Solve every pair of ladder rungs in one batched call."""
        pairs = [np.stack([p, q]) for p, q in itertools.product(self.ladder, self.ladder)]
        todo = [x for x in pairs if self._key(x) not in self._cache]
        if todo:
            _, government = evaluate_many(self.model, np.stack([self.profile(x) for x in todo]))
            for x, g in zip(todo, government, strict=True):
                self._cache[self._key(x)] = g

    def payoffs(self, actions: np.ndarray) -> np.ndarray:
        """Government welfare (ratios to baseline) of every country at ``actions`` (2, S)."""
        key = self._key(actions)
        if key not in self._cache:
            _, government = evaluate(self.model, self.profile(np.asarray(actions)))
            if not np.all(np.isfinite(government)):
                raise StrategyError(f"the equilibrium failed at escalation actions {actions}.")
            self._cache[key] = government
        return self._cache[key]


@dataclass(frozen=True)
class TitForTat(Strategy):
    name: str = "tit-for-tat"

    def act(self, game: Game, me: int, month: int, history: History) -> np.ndarray:
        if month == 0:
            return game.ladder[0]
        return game.ladder[game.rung(me, history.intensity[-1, 1 - me])]


@dataclass(frozen=True)
class GenerousTitForTat(Strategy):
    forgiveness: float = 0.3
    seed: int = 0
    name: str = "generous tit-for-tat"

    def act(self, game: Game, me: int, month: int, history: History) -> np.ndarray:
        if month == 0:
            return game.ladder[0]
        rung = game.rung(me, history.intensity[-1, 1 - me])
        draw = np.random.default_rng([self.seed, me, month]).random()
        return game.ladder[0] if rung > 0 and draw < self.forgiveness else game.ladder[rung]


@dataclass(frozen=True)
class GrimTrigger(Strategy):
    threshold: float = 1e-9
    name: str = "grim trigger"

    def act(self, game: Game, me: int, month: int, history: History) -> np.ndarray:
        if month > 0 and np.any(history.intensity[:, 1 - me] > self.threshold):
            return game.ladder[-1]
        return game.ladder[0]


@dataclass(frozen=True)
class MyopicBestResponse(Strategy):
    """This month's best reply to the opponent's last action (ladder rungs, or optimal tariffs)."""

    continuous: bool = False
    name: str = "myopic best response"
    _memo: dict[bytes, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def act(self, game: Game, me: int, month: int, history: History) -> np.ndarray:
        other = history.actions[-1, 1 - me] if month > 0 else game.ladder[0]
        key = id(game).to_bytes(8, "little") + bytes([me]) + game._key(other)
        if key not in self._memo:
            self._memo[key] = self._reply(game, me, other)
        return self._memo[key]

    def _reply(self, game: Game, me: int, other: np.ndarray) -> np.ndarray:
        j = game.players[me]

        def pair(mine: np.ndarray) -> np.ndarray:
            return np.stack([mine, other] if me == 0 else [other, mine])

        if not self.continuous:
            game.prime()
            values = [game.payoffs(pair(rung))[j] for rung in game.ladder]
            return game.ladder[int(np.argmax(values))]
        inst = instrument(game.model, j, mfn=True, partners=[game.players[1 - me]])
        base = game.profile(pair(np.zeros_like(other)))
        reply = best_response(game.model, inst, base).check()
        return reply.rates - inst.extract(base)


@dataclass(frozen=True)
class AsItHappened(Strategy):
    """Replay actual tariffs: ``path[m]`` is the (N, N, S) profile in force in month ``m``.

    The player's action is its tariff on the opponent less the game's starting tariff; after the
    path ends the last month is held.
    """

    path: Sequence[np.ndarray]
    name: str = "as it happened"

    def act(self, game: Game, me: int, month: int, history: History) -> np.ndarray:
        if not len(self.path):
            raise StrategyError("the as-it-happened path is empty.")
        profile = np.asarray(self.path[min(month, len(self.path) - 1)], dtype=np.float64)
        a, b = game.players if me == 0 else game.players[::-1]
        return profile[a, b] - game.start[a, b]


@dataclass(frozen=True)
class Truce:
    """Tariffs frozen from month ``start`` until ``deadline`` (exclusive).

    At the deadline a ``"deal"`` returns both players to the starting tariffs (and strategies see
    a cooperative history from then on); a ``"lapse"`` lets the strategies resume, after the
    optional scheduled escalation ``on_lapse`` (rung index per player, e.g. ``{0: 2}``).
    """

    start: int
    deadline: int
    outcome: Literal["deal", "lapse"] = "lapse"
    on_lapse: Mapping[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.deadline:
            raise StrategyError(
                f"a truce needs 0 <= start < deadline, got {self.start}, {self.deadline}."
            )
        if self.outcome not in ("deal", "lapse"):
            raise StrategyError(f"truce outcome must be 'deal' or 'lapse', not {self.outcome!r}.")


@dataclass(frozen=True, eq=False)
class EscalationPath:
    """Monthly actions and payoffs of one play of the game."""

    players: tuple[str, str]
    strategies: tuple[str, str]
    actions: np.ndarray  # (T, 2, S) extra tariffs
    intensity: np.ndarray  # (T, 2) trade-weighted mean extra tariff (fractions)
    payoffs_pct: np.ndarray  # (T, N) 100 log(G / G at the starting profile), every country
    countries: tuple[str, ...]
    discount: float

    @property
    def months(self) -> int:
        return len(self.actions)

    def player_payoffs(self) -> np.ndarray:
        """(T, 2) monthly payoffs of the two players, percent of baseline government welfare."""
        idx = [self.countries.index(p) for p in self.players]
        return self.payoffs_pct[:, idx]

    def average(self) -> np.ndarray:
        """Discounted average monthly payoff of each country (percent), (N,)."""
        w = self.discount ** np.arange(self.months)
        return (w[:, None] * self.payoffs_pct).sum(axis=0) / w.sum()


def play(
    game: Game,
    strategies: tuple[Strategy, Strategy],
    months: int,
    *,
    truces: Sequence[Truce] = (),
    discount: float = 0.99,
) -> EscalationPath:
    """Play ``months`` rounds of the game with the two strategies."""
    if months < 1:
        raise StrategyError("the game needs at least one month.")
    if not 0 < discount <= 1:
        raise StrategyError(f"discount must be in (0, 1], got {discount}.")
    s = len(game.model.sectors)
    actions = np.zeros((months, 2, s))
    intensity = np.zeros((months, 2))
    payoffs = np.zeros((months, len(game.model.countries)))
    reset = 0  # strategies see history from the last deal on
    status_quo = game.payoffs(np.zeros((2, s)))
    for m in range(months):
        truce = next((t for t in truces if t.start <= m < t.deadline), None)
        ended = next((t for t in truces if t.deadline == m), None)
        if truce is not None and m > 0:
            actions[m] = actions[m - 1]
        elif ended is not None and ended.outcome == "deal":
            actions[m] = 0.0
            reset = m
        else:
            history = History(actions[reset:m], intensity[reset:m])
            scheduled = ended.on_lapse if ended is not None else {}
            for me in (0, 1):
                if me in scheduled:
                    actions[m, me] = np.maximum(actions[m - 1, me], game.ladder[scheduled[me]])
                else:
                    actions[m, me] = strategies[me].act(game, me, m - reset, history)
        intensity[m] = [game.intensity(me, actions[m, me]) for me in (0, 1)]
        payoffs[m] = 100.0 * np.log(game.payoffs(actions[m]) / status_quo)
    return EscalationPath(
        players=game.names,
        strategies=(strategies[0].name, strategies[1].name),
        actions=actions,
        intensity=intensity,
        payoffs_pct=payoffs,
        countries=tuple(game.model.countries),
        discount=discount,
    )


def tournament(
    game: Game,
    strategies: Sequence[Strategy],
    months: int,
    *,
    truces: Sequence[Truce] = (),
    discount: float = 0.99,
) -> list[EscalationPath]:
    """Every pairing of ``strategies`` (first player's x second player's)."""
    game.prime()
    return [
        play(game, (p, q), months, truces=truces, discount=discount)
        for p, q in itertools.product(strategies, strategies)
    ]


def replay(model: TariffModel, profiles: Sequence[np.ndarray]) -> np.ndarray:
    """Monthly payoffs (T, N) of a full replay of tariff profiles (all countries).

    Percent (100 log) of government welfare relative to the first profile.
    """
    stack = np.stack([check_tariffs(model, p, f"profiles[{k}]") for k, p in enumerate(profiles)])
    _, government = evaluate_many(model, stack)
    if not np.all(np.isfinite(government)):
        raise StrategyError("the equilibrium failed for at least one month of the replay.")
    return 100.0 * np.log(government / government[0])
