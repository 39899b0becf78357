"""Unilateral optimal tariffs: one country's best response, others' tariffs held fixed.

The country maximises its government welfare ``G_j`` over the tariffs of an
:class:`~tradewar.strategy.Instrument` (MFN by sector, or by partner and sector) within bounds.
The objective is ``-100 log G_j`` (percent), its gradient exact (reverse mode through the
equilibrium, implicit differentiation), the method L-BFGS-B in trade-scaled variables with a
projected-gradient convergence test (:mod:`tradewar.strategy._bounded`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import jax.numpy as jnp
import numpy as np

from tradewar.solution import Outcome, Solution
from tradewar.strategy._bounded import Minimum, Scaling, lbfgsb
from tradewar.strategy._compiled import (
    as_numpy,
    compiled,
    evaluate,
    evaluate_many,
    instrument_args,
    pad,
)
from tradewar.strategy._game import (
    Instrument,
    StrategyError,
    TariffModel,
    check_tariffs,
    country_index,
    instrument,
)

#: Default bounds on chosen tariffs (Ossa 2014 uses 0 and 10, i.e. 0% to 1000%).
DEFAULT_BOUNDS = (0.0, 10.0)
#: Default tolerance of the scaled projected gradient (percent welfare per unit tariff).
DEFAULT_TOL = 1e-5


def maximise(
    model: TariffModel,
    inst: Instrument,
    tariffs: np.ndarray,
    omega: np.ndarray,
    *,
    x0: np.ndarray,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    tol: float = DEFAULT_TOL,
    max_iter: int = 2000,
) -> Minimum:
    """Minimise ``-sum_n omega_n 100 log G_n`` over ``inst`` (others fixed at ``tariffs``)."""
    fns = compiled(model)
    positions, groups = instrument_args(model, inst)
    fixed = jnp.asarray(tariffs)
    weights = jnp.asarray(omega, dtype=jnp.float64)

    def fun(x: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad = fns.objective(pad(x), positions, groups, fixed, weights)
        return float(value), as_numpy(grad)[: inst.size]

    return lbfgsb(fun, Scaling.of(model, inst, bounds), x0, tol=tol, max_iter=max_iter)


@dataclass(frozen=True, eq=False)
class OptimalTariffs(Solution):
    """A country's welfare-maximising tariffs given everyone else's.

    ``rates`` are the chosen tariffs (one per ``instrument.labels`` entry); ``tariffs`` the full
    profile; ``welfare`` / ``government_welfare`` every country's change relative to the model's
    baseline (ratios). ``optimality`` is the scaled projected-gradient max-norm (percent welfare
    per unit tariff; see the module docstring) and ``tol`` the tolerance it had to meet.
    """

    country: str
    instrument: Instrument
    rates: np.ndarray
    tariffs: np.ndarray
    welfare: np.ndarray
    government_welfare: np.ndarray
    start_government_welfare: np.ndarray
    outcome: Outcome
    optimality: float
    tol: float
    iterations: int
    evaluations: int
    seconds: float

    def _progress(self) -> str:
        return (
            f"optimal tariffs of {self.country!r} did not converge after {self.iterations} "
            f"iterations (projected gradient {self.optimality:.2e} > tol {self.tol:.1e})"
        )

    @property
    def median_rate(self) -> float:
        """Median of the chosen rates (Ossa's summary statistic)."""
        self.check()
        return float(np.median(self.rates))

    def solver_info(self) -> dict[str, Any]:
        return {
            **super().solver_info(),
            "optimality": self.optimality,
            "tol": self.tol,
            "iterations": self.iterations,
            "evaluations": self.evaluations,
            "seconds": self.seconds,
        }


def optimal_tariffs(
    model: TariffModel,
    country: str | int,
    *,
    mfn: bool = True,
    partners: Sequence[str | int] | None = None,
    sectors: Sequence[str | int] | None = None,
    others: np.ndarray | None = None,
    start: np.ndarray | None = None,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    tol: float = DEFAULT_TOL,
    max_iter: int = 2000,
) -> OptimalTariffs:
    """``country``'s optimal tariffs holding every other tariff at ``others`` (default factual).

    ``mfn``, ``partners`` and ``sectors`` define the instrument (see
    :func:`~tradewar.strategy.instrument`); ``start`` is the initial guess of the chosen rates
    (default :data:`DEFAULT_START` for every rate; for non-MFN tariffs the MFN optimum, computed
    first, as Ossa does). ``bounds`` may be scalars or arrays. The result reports the total
    time and iterations of both stages.
    """
    j = country_index(model, country)
    profile = check_tariffs(model, model.factual_tariffs() if others is None else others, "others")
    inst = instrument(model, j, mfn=mfn, partners=partners, sectors=sectors)
    if mfn or start is not None:
        return best_response(
            model, inst, profile, start=start, bounds=bounds, tol=tol, max_iter=max_iter
        )
    mfn_inst = instrument(model, j, mfn=True, partners=partners, sectors=sectors)
    first = best_response(model, mfn_inst, profile, bounds=bounds, tol=tol, max_iter=max_iter)
    guess = inst.extract(first.tariffs)
    second = best_response(
        model, inst, profile, start=guess, bounds=bounds, tol=tol, max_iter=max_iter
    )
    return replace(
        second,
        iterations=first.iterations + second.iterations,
        evaluations=first.evaluations + second.evaluations,
        seconds=first.seconds + second.seconds,
    )


#: Default starting rate of an optimal-tariff search.
DEFAULT_START = 0.3
#: Most restarts from a better corner in one best response.
MAX_CORNER_RESTARTS = 5


def _better_corner(
    model: TariffModel,
    inst: Instrument,
    tariffs: np.ndarray,
    j: int,
    best: Minimum,
    bounds: tuple[Any, Any],
) -> np.ndarray | None:
    """The best one-rate corner move from ``best.x`` if it beats ``best``, else None."""
    scaling = Scaling.of(model, inst, bounds)
    x = best.x
    at_top = x >= scaling.upper - 1e-6
    moved = np.where(at_top, np.clip(DEFAULT_START, scaling.lower, scaling.upper), scaling.upper)
    trials = np.repeat(x[None, :], inst.size, axis=0)
    trials[np.arange(inst.size), np.arange(inst.size)] = moved
    profiles = inst.apply(trials, tariffs)
    _, government = evaluate_many(model, profiles)
    values = -100.0 * np.log(government[:, j])
    values[~np.isfinite(values)] = np.inf
    k = int(np.argmin(values))
    return trials[k] if values[k] < best.value - 1e-9 else None


def best_response(
    model: TariffModel,
    inst: Instrument,
    tariffs: np.ndarray,
    *,
    start: np.ndarray | None = None,
    bounds: tuple[Any, Any] = DEFAULT_BOUNDS,
    tol: float = DEFAULT_TOL,
    max_iter: int = 2000,
    corner_check: bool = True,
) -> OptimalTariffs:
    """Optimal tariffs of the (single) country of ``inst`` against the profile ``tariffs``.

    Welfare is not concave in tariffs: beyond a prohibitive level it is flat, so a rate can have
    both an interior optimum and a better (or worse) prohibitive "corner". After each converged
    search the corners are checked (``corner_check``): every rate in turn is set to its upper
    bound (or, if it is there, back to :data:`DEFAULT_START`) and, if any such point beats the
    optimum found, the search restarts from the best of them. The statistics cover all searches.
    """
    if len(inst.countries) != 1:
        raise StrategyError("a best response needs an instrument of one country.")
    j = inst.countries[0]
    omega = np.zeros(len(model.countries))
    omega[j] = 1.0
    if start is None:
        # Choices that tax no trade cannot matter: they keep their current rates.
        traded = inst.trade_weights(model.trade_values()) > 0
        x0 = np.where(traded, DEFAULT_START, inst.extract(tariffs))
    else:
        x0 = np.asarray(start, np.float64)
    if x0.shape != (inst.size,):
        raise StrategyError(f"start has shape {x0.shape}; the instrument has {inst.size} rates.")
    _, start_payoff = evaluate(model, tariffs)
    best = maximise(model, inst, tariffs, omega, x0=x0, bounds=bounds, tol=tol, max_iter=max_iter)
    for _ in range(MAX_CORNER_RESTARTS if corner_check else 0):
        if best.outcome is not Outcome.CONVERGED:
            break
        corner = _better_corner(model, inst, tariffs, j, best, bounds)
        if corner is None:
            break
        again = maximise(
            model, inst, tariffs, omega, x0=corner, bounds=bounds, tol=tol, max_iter=max_iter
        )
        improved = again.outcome is Outcome.CONVERGED and again.value < best.value
        best = replace(
            again if improved else best,
            iterations=best.iterations + again.iterations,
            evaluations=best.evaluations + again.evaluations,
            seconds=best.seconds + again.seconds,
        )
        if not improved:
            break
    profile = inst.apply(best.x, tariffs)
    welfare, government = evaluate(model, profile)
    return OptimalTariffs(
        country=model.countries[j],
        instrument=inst,
        rates=best.x,
        tariffs=profile,
        welfare=welfare,
        government_welfare=government,
        start_government_welfare=start_payoff,
        outcome=best.outcome,
        optimality=best.optimality,
        tol=tol,
        iterations=best.iterations,
        evaluations=best.evaluations,
        seconds=best.seconds,
    )
