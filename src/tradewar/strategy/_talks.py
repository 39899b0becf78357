"""Trade talks: efficient tariffs from a starting point (Nash, status quo, free trade).

Gains are measured against the starting profile ``t0``: ``u_n = 100 log(G_n(t) / G_n(t0))``,
log points of government welfare (results report percent changes, ``100 (G / G0 - 1)``).
Three solution concepts:

* :func:`cooperative` — Ossa's (2014, Section VII) cooperative tariffs: maximise welfare subject
  to *equal percentage gains* for all participants, jointly over their tariffs. Solved by an
  augmented Lagrangian method (Nocedal and Wright 2006, ch. 17: multiplier updates
  ``nu += rho c``, penalty raised tenfold when the violation falls by less than 4x) whose
  bound-constrained subproblems are the L-BFGS-B solves of :mod:`tradewar.strategy._bounded`,
  with exact gradients. Convergence is judged by the KKT conditions: the scaled projected
  gradient of the Lagrangian (least-squares multipliers) and the largest violation of the
  equal-gains constraints must both meet their tolerances.
* :func:`pareto_frontier` — the frontier between two parties, tracing
  ``max  w u_a + (1 - w) u_b`` over a grid of weights ``w`` (the supported, i.e. concave, part).
* :func:`nash_bargaining` — the Nash (1950) bargaining solution
  ``max (G_a - G_a0)(G_b - G_b0)`` with the starting point as disagreement point. Its
  first-order condition is that of the weighted problem ``max w log G_a + (1 - w) log G_b`` with
  ``w / (1 - w) = g_b (1 + g_a) / (g_a (1 + g_b))`` (``g`` the fractional gains), so it is found
  by a root search on ``w`` (Brent's method), each step one weighted maximisation.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jax.numpy as jnp
import numpy as np
from scipy.optimize import brentq

from tradewar.solution import Outcome, Solution
from tradewar.strategy._bounded import Scaling, lbfgsb
from tradewar.strategy._compiled import (
    as_numpy,
    compiled,
    evaluate,
    instrument_args,
    log_payoffs_and_jacobian,
    pad,
)
from tradewar.strategy._game import (
    Instrument,
    StrategyError,
    TariffModel,
    check_tariffs,
    combine,
    country_index,
    instrument,
)
from tradewar.strategy._optimal import DEFAULT_BOUNDS, DEFAULT_TOL, maximise

#: Default weights of a Pareto frontier (on the first party's gain).
DEFAULT_WEIGHTS = tuple(float(w) for w in np.linspace(0.0, 1.0, 11))
#: Largest violation (percentage points of gain) of the equal-gains constraints accepted.
DEFAULT_CONSTRAINT_TOL = 1e-7


@dataclass(frozen=True, eq=False)
class Agreement(Solution):
    """Negotiated tariffs and what each country gains relative to the starting point.

    ``gains_pct[n] = 100 (G_n / G_n(start) - 1)`` (government welfare) and ``welfare_gains_pct``
    the same for welfare, for every country of the model (``countries``), parties or not.
    """

    concept: str
    countries: tuple[str, ...]
    parties: tuple[str, ...]
    instrument: Instrument
    start: np.ndarray
    tariffs: np.ndarray
    gains_pct: np.ndarray
    welfare_gains_pct: np.ndarray
    outcome: Outcome
    optimality: float
    violation: float
    iterations: int
    seconds: float
    weight: float | None = None

    def _progress(self) -> str:
        return (
            f"{self.concept} among {list(self.parties)} did not converge (optimality "
            f"{self.optimality:.2e}, constraint violation {self.violation:.2e})"
        )

    def gain(self, country: str) -> float:
        """Government-welfare gain of ``country`` in percent."""
        return float(self.gains_pct[self.countries.index(country)])

    @property
    def pareto_improving(self) -> bool:
        """Every party gains (weakly) relative to the starting point."""
        return all(self.gain(p) >= -1e-9 for p in self.parties)

    def solver_info(self) -> dict[str, Any]:
        return {
            **super().solver_info(),
            "optimality": self.optimality,
            "violation": self.violation,
            "iterations": self.iterations,
            "seconds": self.seconds,
        }


def _party_instrument(
    model: TariffModel,
    parties: Sequence[str | int],
    *,
    mfn: bool,
    among_parties: bool,
    sectors: Sequence[str | int] | None,
) -> tuple[list[int], Instrument]:
    ids = [country_index(model, p) for p in parties]
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise StrategyError(f"talks need at least two distinct parties, got {list(parties)}.")
    insts = [
        instrument(
            model,
            j,
            mfn=mfn,
            partners=[p for p in ids if p != j] if among_parties else None,
            sectors=sectors,
        )
        for j in ids
    ]
    return ids, combine(*insts)


def _agreement(
    model: TariffModel,
    concept: str,
    ids: list[int],
    inst: Instrument,
    start: np.ndarray,
    x: np.ndarray,
    start_outcomes: tuple[np.ndarray, np.ndarray],
    **stats: Any,
) -> Agreement:
    tariffs = inst.apply(x, start)
    welfare, government = evaluate(model, tariffs)
    return Agreement(
        concept=concept,
        countries=tuple(model.countries),
        parties=tuple(model.countries[j] for j in ids),
        instrument=inst,
        start=start,
        tariffs=tariffs,
        gains_pct=100.0 * (government / start_outcomes[1] - 1.0),
        welfare_gains_pct=100.0 * (welfare / start_outcomes[0] - 1.0),
        **stats,
    )


def cooperative(
    model: TariffModel,
    parties: Sequence[str | int] | None = None,
    *,
    start: np.ndarray | None = None,
    mfn: bool = True,
    among_parties: bool = False,
    sectors: Sequence[str | int] | None = None,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    guess: np.ndarray | None = None,
    tol: float = DEFAULT_TOL,
    constraint_tol: float = DEFAULT_CONSTRAINT_TOL,
    max_outer: int = 30,
    max_iter: int = 2000,
) -> Agreement:
    """Ossa's cooperative tariffs: the largest equal percentage gain for all ``parties``.

    ``parties`` default to every country; ``start`` (default factual) is the point gains are
    measured from and the tariffs of non-parties. ``guess`` is an initial tariff profile
    (default ``start``). ``tol`` bounds the scaled projected gradient of the Lagrangian (as in
    :mod:`tradewar.strategy._bounded`), ``constraint_tol`` the equal-gains violation (log points
    x 100).
    """
    profile = check_tariffs(model, model.factual_tariffs() if start is None else start, "start")
    ids, inst = _party_instrument(
        model,
        list(range(len(model.countries))) if parties is None else parties,
        mfn=mfn,
        among_parties=among_parties,
        sectors=sectors,
    )
    fns = compiled(model)
    positions, groups = instrument_args(model, inst)
    fixed = jnp.asarray(profile)
    start_outcomes = evaluate(model, profile)
    parties_ix = jnp.asarray(ids)
    log_start = 100.0 * np.log(start_outcomes[1][ids])
    scaling = Scaling.of(model, inst, bounds)
    x = inst.extract(profile if guess is None else check_tariffs(model, guess, "guess"))
    nu, rho = np.zeros(len(ids) - 1), 10.0
    began = time.perf_counter()
    iterations, previous = 0, np.inf
    outcome = Outcome.MAX_ITERATIONS
    optimality = violation = np.inf
    for _ in range(max_outer):

        def fun(z: np.ndarray, nu: np.ndarray = nu, rho: float = rho) -> tuple[float, np.ndarray]:
            value, grad = fns.augmented(
                pad(z), positions, groups, fixed, parties_ix, jnp.asarray(log_start),
                jnp.asarray(nu), rho,
            )  # fmt: skip
            return float(value), as_numpy(grad)[: inst.size]

        inner = lbfgsb(fun, scaling, x, tol=0.1 * tol, max_iter=max_iter)
        iterations += inner.iterations
        x = inner.x
        if inner.outcome is Outcome.NONFINITE:
            outcome = Outcome.NONFINITE
            break
        logs, jac = log_payoffs_and_jacobian(model, inst, x, profile, ids)
        gaps = (logs - log_start)[1:] - (logs - log_start)[0]
        optimality, violation = _kkt(x, -jac.mean(axis=0), jac[1:] - jac[0], gaps, scaling)
        if optimality <= tol and violation <= constraint_tol:
            outcome = Outcome.CONVERGED
            break
        nu = nu + rho * gaps
        if violation > 0.25 * previous:
            rho *= 10.0
        previous = violation
    return _agreement(
        model,
        "cooperative",
        ids,
        inst,
        profile,
        x,
        start_outcomes,
        outcome=outcome,
        optimality=optimality,
        violation=violation,
        iterations=iterations,
        seconds=time.perf_counter() - began,
    )


def _kkt(
    x: np.ndarray, grad: np.ndarray, jac: np.ndarray, gaps: np.ndarray, scaling: Scaling
) -> tuple[float, float]:
    """Scaled projected Lagrangian gradient (least-squares multipliers), largest violation."""
    if not (np.all(np.isfinite(grad)) and np.all(np.isfinite(jac))):
        return np.inf, np.inf
    free = (x > scaling.lower + 1e-12) & (x < scaling.upper - 1e-12)
    g, a = grad / scaling.root_w, jac / scaling.root_w
    multipliers = np.linalg.lstsq(a[:, free].T, g[free], rcond=None)[0]
    lagrangian = grad - jac.T @ multipliers
    return scaling.optimality(x, lagrangian), float(np.max(np.abs(gaps)))


@dataclass(frozen=True, eq=False)
class Frontier:
    """Points on the Pareto frontier between two parties (weights ``w`` on the first)."""

    parties: tuple[str, str]
    weights: np.ndarray
    points: tuple[Agreement, ...]

    @property
    def gains_pct(self) -> np.ndarray:
        """(K, 2) gains of the two parties at each point."""
        return np.array([[p.gain(q) for q in self.parties] for p in self.points])


def _weighted(
    model: TariffModel,
    ids: list[int],
    inst: Instrument,
    profile: np.ndarray,
    weight: float,
    x0: np.ndarray,
    bounds: tuple[Any, Any],
    tol: float,
    start_outcomes: tuple[np.ndarray, np.ndarray],
) -> Agreement:
    omega = np.zeros(len(model.countries))
    omega[ids[0]], omega[ids[1]] = weight, 1.0 - weight
    best = maximise(model, inst, profile, omega, x0=x0, bounds=bounds, tol=tol)
    return _agreement(
        model,
        "pareto",
        ids,
        inst,
        profile,
        best.x,
        start_outcomes,
        outcome=best.outcome,
        optimality=best.optimality,
        violation=0.0,
        iterations=best.iterations,
        seconds=best.seconds,
        weight=weight,
    )


def pareto_frontier(
    model: TariffModel,
    parties: tuple[str | int, str | int],
    *,
    start: np.ndarray | None = None,
    weights: Sequence[float] | np.ndarray = DEFAULT_WEIGHTS,
    mfn: bool = True,
    among_parties: bool = True,
    sectors: Sequence[str | int] | None = None,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    tol: float = DEFAULT_TOL,
) -> Frontier:
    """Efficient tariffs of two parties for each weight ``w`` on the first party's gain.

    By default each party chooses only its tariffs on the other (``among_parties=True``), as in a
    bilateral deal; everything else stays at ``start`` (default factual).
    """
    profile = check_tariffs(model, model.factual_tariffs() if start is None else start, "start")
    ids, inst = _party_instrument(
        model, parties, mfn=mfn, among_parties=among_parties, sectors=sectors
    )
    start_outcomes = evaluate(model, profile)
    x = inst.extract(profile)
    points = []
    for w in weights:
        point = _weighted(model, ids, inst, profile, float(w), x, bounds, tol, start_outcomes)
        points.append(point)
        if point.converged:
            x = point.instrument.extract(point.tariffs)
    names = (model.countries[ids[0]], model.countries[ids[1]])
    return Frontier(names, np.asarray(weights, dtype=np.float64), tuple(points))


def nash_bargaining(
    model: TariffModel,
    parties: tuple[str | int, str | int],
    *,
    start: np.ndarray | None = None,
    mfn: bool = True,
    among_parties: bool = True,
    sectors: Sequence[str | int] | None = None,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    tol: float = DEFAULT_TOL,
    weight_tol: float = 1e-6,
) -> Agreement:
    """The Nash bargaining solution between two parties, disagreement point ``start``.

    Raises :class:`StrategyError` when no tariffs give both parties a gain (there is nothing to
    bargain over).
    """
    profile = check_tariffs(model, model.factual_tariffs() if start is None else start, "start")
    ids, inst = _party_instrument(
        model, parties, mfn=mfn, among_parties=among_parties, sectors=sectors
    )
    start_outcomes = evaluate(model, profile)
    began = time.perf_counter()
    guess = {"x": inst.extract(profile)}
    evaluated: dict[float, Agreement] = {}

    def solve(w: float) -> Agreement:
        if w not in evaluated:
            point = _weighted(model, ids, inst, profile, w, guess["x"], bounds, tol, start_outcomes)
            point.check()
            guess["x"] = inst.extract(point.tariffs)
            evaluated[w] = point
        return evaluated[w]

    def excess(w: float) -> float:
        g_a, g_b = solve(w).gains_pct[ids] / 100.0
        if g_a <= 0.0:
            return w - 1.0
        if g_b <= 0.0:
            return w
        return w - g_b * (1 + g_a) / (g_b * (1 + g_a) + g_a * (1 + g_b))

    w_star = float(brentq(excess, 0.0, 1.0, xtol=weight_tol))
    point = solve(w_star)
    if np.any(point.gains_pct[ids] <= 0.0):
        names = [model.countries[j] for j in ids]
        raise StrategyError(
            f"no tariffs of {names} give both a gain over the starting point (best split: "
            f"{np.round(point.gains_pct[ids], 4).tolist()} %); there is no bargaining set."
        )
    return Agreement(
        concept="nash_bargaining",
        countries=point.countries,
        parties=point.parties,
        instrument=inst,
        start=profile,
        tariffs=point.tariffs,
        gains_pct=point.gains_pct,
        welfare_gains_pct=point.welfare_gains_pct,
        outcome=point.outcome,
        optimality=point.optimality,
        violation=abs(excess(w_star)),
        iterations=sum(p.iterations for p in evaluated.values()),
        seconds=time.perf_counter() - began,
        weight=w_star,
    )
