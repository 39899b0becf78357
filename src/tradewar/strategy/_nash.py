"""Nash equilibrium of a tariff game (a trade war) and the check that it is one.

Each player's strategy is its instrument (MFN tariffs by sector, or bilateral ones); the others'
tariffs stay as they are. Starting from each player's optimal tariffs against the starting
profile, every round computes all players' best responses to the previous round's profile
*simultaneously* (Jacobi iteration, as Ossa 2014 does) and stops when no tariff moved by more
than ``tol`` in a round — the stated fixed-point criterion — with every best response converged.
``sequential=True`` switches to Gauss–Seidel (each player responds to the latest profile).

:func:`deviation_gains` verifies the result: for each player it perturbs its own rates on a grid
(one rate at a time, and all together), others fixed, and reports the largest gain any such
unilateral deviation achieves. At a Nash equilibrium none is positive beyond numerical noise.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tradewar.errors import ConvergenceError
from tradewar.solution import Outcome, Solution
from tradewar.strategy._compiled import evaluate, evaluate_many
from tradewar.strategy._game import (
    Instrument,
    StrategyError,
    TariffModel,
    check_tariffs,
    country_index,
    instrument,
)
from tradewar.strategy._optimal import (
    DEFAULT_BOUNDS,
    DEFAULT_TOL,
    OptimalTariffs,
    best_response,
)

#: Default fixed-point tolerance: largest tariff change in a round (0.0001 = 0.01 pp).
DEFAULT_NASH_TOL = 1e-4


@dataclass(frozen=True, eq=False)
class NashEquilibrium(Solution):
    """A Nash equilibrium in tariffs among ``players``.

    ``tariffs`` is the equilibrium profile; ``welfare`` / ``government_welfare`` each country's
    change relative to the model's baseline; ``history`` the largest tariff change of each round;
    ``responses`` the last round's best responses (with their own optimality statistics).
    """

    players: tuple[str, ...]
    instruments: tuple[Instrument, ...]
    tariffs: np.ndarray
    welfare: np.ndarray
    government_welfare: np.ndarray
    outcome: Outcome
    rounds: int
    change: float
    tol: float
    history: tuple[float, ...]
    responses: tuple[OptimalTariffs, ...]
    best_responses: int
    seconds: float

    def _progress(self) -> str:
        return (
            f"Nash iteration among {list(self.players)} stopped after {self.rounds} rounds "
            f"with a last change of {self.change:.2e} (tol {self.tol:.1e})"
        )

    def rates(self, player: str) -> np.ndarray:
        """The equilibrium rates of one player's instrument."""
        k = self.players.index(player)
        return self.instruments[k].extract(self.tariffs)

    def solver_info(self) -> dict[str, Any]:
        return {
            **super().solver_info(),
            "rounds": self.rounds,
            "change": self.change,
            "tol": self.tol,
            "history": list(self.history),
            "best_responses": self.best_responses,
            "max_best_response_optimality": max(r.optimality for r in self.responses),
            "best_response_iterations": sum(r.iterations for r in self.responses),
            "seconds": self.seconds,
        }


def nash_equilibrium(
    model: TariffModel,
    players: Sequence[str | int] | None = None,
    *,
    mfn: bool = True,
    sectors: Sequence[str | int] | None = None,
    among_players: bool = False,
    start: np.ndarray | None = None,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    tol: float = DEFAULT_NASH_TOL,
    response_tol: float = DEFAULT_TOL,
    max_rounds: int = 50,
    sequential: bool = False,
) -> NashEquilibrium:
    """Iterate simultaneous best responses among ``players`` (default: every country).

    ``start`` is the starting tariff profile (default factual); non-players keep their tariffs
    from it throughout. With ``among_players=True`` each player sets tariffs only on the other
    players (a bilateral trade war, e.g. US and China), keeping its tariffs on third countries.
    """
    profile = check_tariffs(model, model.factual_tariffs() if start is None else start, "start")
    ids = (
        list(range(len(model.countries)))
        if players is None
        else [country_index(model, p) for p in players]
    )
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise StrategyError(f"a tariff game needs at least two distinct players, got {players}.")
    insts = tuple(
        instrument(
            model,
            j,
            mfn=mfn,
            partners=[p for p in ids if p != j] if among_players else None,
            sectors=sectors,
        )
        for j in ids
    )
    began = time.perf_counter()
    history: list[float] = []
    responses: list[OptimalTariffs] = []
    count = 0
    # First round: start each search from the profile's rates when a start profile was given
    # (e.g. everyone's optimal tariffs, as Ossa does), else from the default guess.
    guesses: list[np.ndarray | None] = [
        inst.extract(profile) if start is not None else None for inst in insts
    ]
    outcome = Outcome.MAX_ITERATIONS
    change = np.inf
    for _ in range(max_rounds):
        new = profile.copy()
        responses = []
        for k, inst in enumerate(insts):
            against = new if sequential else profile
            response = best_response(
                model, inst, against, start=guesses[k], bounds=bounds, tol=response_tol
            )
            count += 1
            responses.append(response)
            if not response.converged:
                break
            guesses[k] = response.rates
            new = inst.apply(response.rates, new)
        if any(not r.converged for r in responses):
            outcome = responses[-1].outcome
            break
        change = float(np.max(np.abs(new - profile)))
        history.append(change)
        profile = new
        if change <= tol:
            outcome = Outcome.CONVERGED
            break
    welfare, government = evaluate(model, profile)
    return NashEquilibrium(
        players=tuple(model.countries[j] for j in ids),
        instruments=insts,
        tariffs=profile,
        welfare=welfare,
        government_welfare=government,
        outcome=outcome,
        rounds=len(history),
        change=change,
        tol=tol,
        history=tuple(history),
        responses=tuple(responses),
        best_responses=count,
        seconds=time.perf_counter() - began,
    )


@dataclass(frozen=True)
class DeviationCheck:
    """Largest gain (percent of government welfare) from a unilateral deviation, per player."""

    players: tuple[str, ...]
    max_gain_pct: np.ndarray
    deviations: int

    @property
    def worst(self) -> float:
        return float(np.max(self.max_gain_pct))


def deviation_gains(
    model: TariffModel,
    equilibrium: NashEquilibrium,
    steps: Sequence[float] = (-0.05, -0.01, 0.01, 0.05),
    *,
    bounds: tuple[float, float] = DEFAULT_BOUNDS,
) -> DeviationCheck:
    """Gains from unilateral deviations on a grid around ``equilibrium``.

    For each player and each step ``d``: every one of its rates moved by ``d`` alone, and all of
    them moved by ``d`` together (rates kept within ``bounds``, the strategy space of the game);
    the others' tariffs stay at the equilibrium. Returns each player's largest gain in percent of
    government welfare.
    """
    base = np.asarray(equilibrium.tariffs)
    gains = []
    total = 0
    for name, inst in zip(equilibrium.players, equilibrium.instruments, strict=True):
        j = model.countries.index(name)
        rates = inst.extract(base)
        trials = []
        for d in steps:
            for k in range(inst.size):
                x = rates.copy()
                x[k] = np.clip(x[k] + d, *bounds)
                trials.append(x)
            trials.append(np.clip(rates + d, *bounds))
        profiles = inst.apply(np.stack(trials), base)
        _, government = evaluate_many(model, profiles)
        total += len(trials)
        gain = 100.0 * (government[:, j] / equilibrium.government_welfare[j] - 1.0)
        if not np.all(np.isfinite(gain)):
            raise ConvergenceError(
                f"an equilibrium solve failed while checking {name!r}'s deviations."
            )
        gains.append(float(np.max(gain)))
    return DeviationCheck(equilibrium.players, np.asarray(gains), total)
