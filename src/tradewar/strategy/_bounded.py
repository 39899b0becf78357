"""Bound-constrained minimisation in trade-scaled variables (L-BFGS-B), shared by all solvers.

Tariffs on small flows barely move welfare, which makes tariff problems badly conditioned (the
curvature in tariff k is roughly proportional to the trade it taxes). The optimiser therefore
works in scaled variables ``y_k = x_k sqrt(w_k)``, with ``w_k`` the trade taxed by choice k over
the largest (:meth:`~tradewar.strategy.Instrument.trade_weights`). Convergence is judged by the
projected-gradient max-norm in those variables,
``max_k |y_k - clip(y_k - g_k / sqrt(w_k), lower_k, upper_k)|`` — the first-order optimality
measure for bound constraints, and at least as strict as the unscaled one (``w_k <= 1``) — never
by the optimiser's message. The method is L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995, via SciPy).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize

from tradewar.strategy._game import Instrument, StrategyError, TariffModel
from tradewar.strategy._outcome import Outcome

#: Smallest trade weight used in scaling (flows below it are treated as this small).
MIN_WEIGHT = 1e-14


def projected_gradient(
    y: np.ndarray, grad: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> float:
    """Max-norm of the projected gradient for minimisation within bounds."""
    return float(np.max(np.abs(y - np.clip(y - grad, lower, upper)))) if y.size else 0.0


@dataclass(frozen=True, eq=False)
class Scaling:
    """Bounds of an instrument's rates and the trade scaling of its variables."""

    lower: np.ndarray
    upper: np.ndarray
    root_w: np.ndarray

    @classmethod
    def of(cls, model: TariffModel, inst: Instrument, bounds: tuple[Any, Any]) -> Scaling:
        lower = np.broadcast_to(np.asarray(bounds[0], dtype=np.float64), (inst.size,)).copy()
        upper = np.broadcast_to(np.asarray(bounds[1], dtype=np.float64), (inst.size,)).copy()
        if np.any(lower <= -1.0):
            raise StrategyError(f"lower tariff bound {lower.min():g} must exceed -1 (-100%).")
        if np.any(lower > upper):
            raise StrategyError("a lower tariff bound exceeds its upper bound.")
        weights = inst.trade_weights(model.trade_values())
        return cls(lower, upper, np.sqrt(np.maximum(weights, MIN_WEIGHT)))

    def to_y(self, x: np.ndarray) -> np.ndarray:
        return np.clip(np.asarray(x, dtype=np.float64), self.lower, self.upper) * self.root_w

    def to_x(self, y: np.ndarray) -> np.ndarray:
        return np.clip(y / self.root_w, self.lower, self.upper)

    def optimality(self, x: np.ndarray, grad_x: np.ndarray) -> float:
        """Scaled projected-gradient max-norm at ``x`` for the gradient ``grad_x`` (x-space)."""
        return projected_gradient(
            x * self.root_w,
            grad_x / self.root_w,
            self.lower * self.root_w,
            self.upper * self.root_w,
        )


@dataclass(frozen=True, eq=False)
class Minimum:
    """Raw result of :func:`lbfgsb`."""

    x: np.ndarray
    value: float
    grad: np.ndarray
    optimality: float
    outcome: Outcome
    iterations: int
    evaluations: int
    seconds: float


def lbfgsb(
    fun: Callable[[np.ndarray], tuple[float, np.ndarray]],
    scaling: Scaling,
    x0: np.ndarray,
    *,
    tol: float,
    max_iter: int,
) -> Minimum:
    """Minimise ``fun(x) -> (value, gradient)`` within the bounds, in scaled variables."""
    evaluations = 0
    nonfinite = False
    root_w = scaling.root_w

    def scaled(y: np.ndarray) -> tuple[float, np.ndarray]:
        nonlocal evaluations, nonfinite
        evaluations += 1
        value, grad = fun(y / root_w)
        if not (np.isfinite(value) and np.all(np.isfinite(grad))):
            nonfinite = True
            return np.inf, np.zeros_like(y)
        return float(value), np.asarray(grad, dtype=np.float64) / root_w

    start = time.perf_counter()
    res = minimize(
        scaled,
        scaling.to_y(x0),
        jac=True,
        method="L-BFGS-B",
        bounds=list(zip(scaling.lower * root_w, scaling.upper * root_w, strict=True)),
        options={
            "maxiter": max_iter,
            "maxfun": 5 * max_iter,
            "ftol": 0.0,
            "gtol": tol,
            "maxcor": 30,
        },
    )
    value, grad_y = scaled(res.x)
    seconds = time.perf_counter() - start
    optimality = projected_gradient(res.x, grad_y, scaling.lower * root_w, scaling.upper * root_w)
    if not np.isfinite(value):
        outcome = Outcome.NONFINITE
    elif optimality <= tol:
        outcome = Outcome.CONVERGED
    elif res.nit >= max_iter:
        outcome = Outcome.MAX_ITERATIONS
    else:
        outcome = Outcome.NONFINITE if nonfinite else Outcome.STALLED
    return Minimum(
        x=scaling.to_x(res.x),
        value=value,
        grad=grad_y * root_w,
        optimality=optimality,
        outcome=outcome,
        iterations=int(res.nit),
        evaluations=evaluations,
        seconds=seconds,
    )
