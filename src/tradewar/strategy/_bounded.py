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

from tradewar.solution import Outcome
from tradewar.strategy._game import Instrument, StrategyError, TariffModel

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
    step: float = 1.0,
    max_boxes: int = 40,
) -> Minimum:
    """Minimise ``fun(x) -> (value, gradient)`` within the bounds, in scaled variables.

    L-BFGS-B cannot recover from a trial point where the model fails (NaN welfare at extreme
    tariffs), so each run is confined to a box of half-width ``step`` (tariff units) around the
    current point, intersected with the bounds. A run that ends on an edge of the box recentres
    it; a run that met a failed point restarts from its last good point with the box shrunk
    fourfold. Convergence is always judged against the true bounds.
    """
    root_w = scaling.root_w
    evaluations = 0
    iterations = 0
    started = time.perf_counter()
    x = np.clip(np.asarray(x0, dtype=np.float64), scaling.lower, scaling.upper)
    value, grad = fun(x)
    evaluations += 1
    if not (np.isfinite(value) and np.all(np.isfinite(grad))):
        return Minimum(x, np.inf, np.asarray(grad), np.inf, Outcome.NONFINITE, 0, 1, 0.0)
    half = step
    outcome = Outcome.MAX_ITERATIONS
    for _ in range(max_boxes):
        lo = np.maximum(scaling.lower, x - half)
        hi = np.minimum(scaling.upper, x + half)
        failed = False

        def scaled(y: np.ndarray) -> tuple[float, np.ndarray]:
            nonlocal evaluations, failed
            evaluations += 1
            v, g = fun(y / root_w)
            if not (np.isfinite(v) and np.all(np.isfinite(g))):
                failed = True
                return np.inf, np.zeros_like(y)
            return float(v), np.asarray(g, dtype=np.float64) / root_w

        res = minimize(
            scaled,
            x * root_w,
            jac=True,
            method="L-BFGS-B",
            bounds=list(zip(lo * root_w, hi * root_w, strict=True)),
            options={
                "maxiter": max(max_iter - iterations, 1),
                "maxfun": 5 * max_iter,
                "ftol": 0.0,
                "gtol": tol,
                "maxcor": 30,
            },
        )
        iterations += int(res.nit)
        candidate = np.clip(res.x / root_w, lo, hi)
        v, g = fun(candidate)
        evaluations += 1
        if np.isfinite(v) and np.all(np.isfinite(g)) and v <= value:
            x, value, grad = candidate, float(v), np.asarray(g, dtype=np.float64)
        if scaling.optimality(x, grad) <= tol:
            outcome = Outcome.CONVERGED
            break
        if iterations >= max_iter:
            outcome = Outcome.MAX_ITERATIONS
            break
        if failed:
            half /= 4.0
            outcome = Outcome.NONFINITE
            continue
        inner = np.abs(x - lo) > 1e-12
        inner &= np.abs(x - hi) > 1e-12
        on_box_edge = ~inner & ((lo > scaling.lower) | (hi < scaling.upper))
        if not on_box_edge.any():
            outcome = Outcome.STALLED
            break
    return Minimum(
        x=x,
        value=value,
        grad=grad,
        optimality=scaling.optimality(x, grad),
        outcome=outcome,
        iterations=iterations,
        evaluations=evaluations,
        seconds=time.perf_counter() - started,
    )
