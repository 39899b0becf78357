r"""A welfare decomposition that adds up: Caliendo–Parro's terms, integrated along the path.

Caliendo and Parro's eq. (16) is the *differential* of real income :math:`W_n = I_n / P_n`. With
trade at producer prices (imports :math:`M_{ni}^j`, exports :math:`E_{ni}^j`), costs
:math:`c_n^j`, tariffs :math:`\tau` and iceberg costs :math:`d`, it holds exactly at every point
of a path of equilibria:

.. math::

    I_n\, d\ln W_n = \underbrace{\sum_{i,j} \big(E_{ni}^j\, d\ln c_n^j
        - M_{ni}^j\, d\ln c_i^j\big)}_{\text{terms of trade}}
      + \underbrace{\sum_{i,j} \tau_{ni}^j \big(dM_{ni}^j - M_{ni}^j\, d\ln c_i^j\big)}_{
        \text{volume of trade}}
      - \underbrace{\sum_{i,j} (1+\tau_{ni}^j) M_{ni}^j\, d\ln d_{ni}^j}_{\text{trade costs}}
      + \underbrace{dD_n}_{\text{deficit}}
      + \underbrace{w_n L_n\, d\ln L_n}_{\text{employment}}

(it follows from eqs. 10–13 and the income identity; the last three terms vanish for tariff
shocks under fixed deficits and full employment, which is the case of CP2015 Table 2). Evaluated
once with baseline weights and :math:`d\ln x \approx \hat x - 1`, the first two are the paper's
one-step formula (:func:`tradewar.results.welfare`, ``tot_pct``/``vot_pct``), a first-order
approximation that need not add up to the exact change. Here the identity is integrated along the
straight path from the baseline (:math:`t = 0`) to the counterfactual (:math:`t = 1`): tariffs
:math:`\tau(t) = \tau_0 + t(\tau_1 - \tau_0)` and :math:`\ln d(t) = t \ln \hat d`, with the
equilibrium solved at Chebyshev–Lobatto points of *t*, every quantity interpolated by its
Chebyshev polynomial, and the line integrals evaluated by Gauss–Legendre quadrature. The number
of points doubles (reusing every solve) until the parts sum to :math:`\ln \hat W_n` within
``tol``. The parts are path dependent (another path splits the same total differently); their
sum is not.

Parts are reported in percent, scaled so that they add to the exact percent change
:math:`100(\hat W_n - 1)`: each log-point part is multiplied by
:math:`(\hat W_n - 1)/\ln \hat W_n`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from numpy.polynomial import chebyshev, legendre

from tradewar.errors import ConvergenceError
from tradewar.model._equilibrium import Equilibrium
from tradewar.model._shock import Shock
from tradewar.model._solve import resolve

#: The parts of the path decomposition, in the order reported.
PATH_PARTS = ("terms_of_trade", "volume_of_trade", "trade_costs", "deficit", "employment")


def _nodes(k: int) -> np.ndarray:
    """Chebyshev–Lobatto points of [-1, 1], from -1 (baseline) to 1 (counterfactual)."""
    return -np.cos(np.pi * np.arange(k + 1) / k)


def _path_shock(eq: Equilibrium, s: float) -> Shock:
    base = eq.baseline
    t = 0.5 * (s + 1.0)
    tariffs = base.tariffs + t * (eq.tariffs - base.tariffs)
    costs = eq.shock.trade_costs_for(base) ** t
    return Shock(tariffs=tariffs, trade_costs=costs, name=f"{eq.shock.name} (path t={t:.4f})")


def _point(eq: Equilibrium, s: float) -> dict[str, np.ndarray]:
    """The quantities the identity needs at one point of the path (levels, not hats)."""
    if s == -1.0:
        start = eq.baseline.deficit if eq.deficits == "observed" else None
        point = resolve(eq, Shock.none(), deficit_path=start)
    elif s == 1.0:
        point = eq
    else:
        t = 0.5 * (s + 1.0)
        path = None
        if eq.deficits == "observed":  # deficits move along the path too
            path = eq.baseline.deficit + t * (eq.deficit - eq.baseline.deficit)
        point = resolve(eq, _path_shock(eq, s), deficit_path=path)
    if not point.converged:
        raise ConvergenceError(
            f"welfare path of {eq.shock.name!r}: the solve at t={0.5 * (s + 1):.4f} did not "
            f"converge ({point.outcome.message}).",
            result=point,
        )
    base = eq.baseline
    return {
        "imports": point.trade,
        "log_c": np.log(point.c_hat),
        "tariffs": point.tariffs,
        "log_d": np.log(point.shock.trade_costs_for(base)),
        "deficit": point.deficit,
        "income": point.income,
        "labour_income": point.labour_income,
        "log_employment": np.log(point.employment_hat),
        "log_welfare": np.log(point.welfare_hat),
    }


def _integrand(v: dict[str, np.ndarray], dv: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each part's d/ds at one point, by (country n, partner i, sector j) where it has them."""
    m, dm = v["imports"], dv["imports"]
    e = m.transpose(1, 0, 2)
    income = v["income"][:, None, None]
    dlc = dv["log_c"]
    tot = (e * dlc[:, None, :] - m * dlc[None, :, :]) / income
    vot = v["tariffs"] * (dm - m * dlc[None, :, :]) / income
    costs = -(1 + v["tariffs"]) * m * dv["log_d"] / income
    deficit = dv["deficit"] / v["income"]
    employment = v["labour_income"] * dv["log_employment"] / v["income"]
    return {
        "terms_of_trade": tot,
        "volume_of_trade": vot,
        "trade_costs": costs,
        "deficit": deficit,
        "employment": employment,
    }


def _integrate(points: list[dict[str, np.ndarray]], k: int) -> dict[str, np.ndarray]:
    """Line integrals of the parts over [-1, 1] from values at the ``k + 1`` Lobatto points."""
    s = _nodes(k)
    gauss, weights = legendre.leggauss(2 * k + 2)
    values: dict[str, np.ndarray] = {}
    slopes: dict[str, np.ndarray] = {}
    for name in points[0]:
        stack = np.stack([p[name] for p in points])
        flat = stack.reshape(k + 1, -1)
        coef = chebyshev.chebfit(s, flat, k)
        shape = (len(gauss), *stack.shape[1:])
        values[name] = chebyshev.chebval(gauss, coef).T.reshape(shape)
        slopes[name] = chebyshev.chebval(gauss, chebyshev.chebder(coef)).T.reshape(shape)
    total: dict[str, np.ndarray] = {}
    for q, w in enumerate(weights):
        here = _integrand(
            {n: v[q] for n, v in values.items()}, {n: d[q] for n, d in slopes.items()}
        )
        for name, part in here.items():
            total[name] = total.get(name, 0.0) + w * part
    return total


def _by_country(parts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {n: (p.sum(axis=(1, 2)) if p.ndim == 3 else p) for n, p in parts.items()}


def welfare_path(
    eq: Equilibrium,
    *,
    tol: float = 1e-9,
    start: int = 8,
    max_points: int = 128,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, np.ndarray], int, float]:
    """The path-integrated parts in log points (per country x partner x sector where defined).

    Returns the parts, the number of path intervals used, and the largest gap between their
    sum and the exact :math:`\\ln \\hat W` (at most ``tol``, else
    :class:`~tradewar.errors.ConvergenceError`).
    """
    eq.check()
    exact = np.log(eq.welfare_hat)
    k = start
    cache: dict[float, dict[str, np.ndarray]] = {}
    while True:
        points = []
        for s in _nodes(k):
            key = round(float(s), 14)
            if key not in cache:
                cache[key] = _point(eq, float(s))
            points.append(cache[key])
        if progress is not None:
            progress(k)
        parts = _integrate(points, k)
        gap = float(np.max(np.abs(sum(_by_country(parts).values()) - exact)))
        if gap <= tol:
            return parts, k, gap
        if 2 * k > max_points:
            raise ConvergenceError(
                f"welfare path of {eq.shock.name!r}: the parts miss the exact welfare change by "
                f"{gap:.3e} (log points) with {k} path intervals; raise max_points or loosen tol.",
                result=eq,
            )
        k *= 2


def _scale(eq: Equilibrium) -> np.ndarray:
    """Percent per log point, so that parts add to 100 (W_hat - 1)."""
    log_w = np.log(eq.welfare_hat)
    safe = np.where(np.abs(log_w) > 1e-14, log_w, 1.0)
    return 100 * np.where(np.abs(log_w) > 1e-14, (eq.welfare_hat - 1) / safe, 1.0)


def welfare_path_decomposition(eq: Equilibrium, *, tol: float = 1e-9) -> pd.DataFrame:
    """One row per country: the exact welfare change and its path-integrated parts, in percent.

    Columns: ``welfare_pct`` (exact, 100 (I_hat / P_hat - 1)), one ``<part>_pct`` column per
    entry of :data:`PATH_PARTS`, ``path_points`` (Chebyshev–Lobatto intervals used) and
    ``gap_log_points`` (the largest |sum of parts - ln W_hat|, at most ``tol``). The parts sum to
    ``welfare_pct``. Contrast :func:`tradewar.results.welfare`, whose ``tot_pct``/``vot_pct`` are
    Caliendo–Parro's one-step formula (kept for reproducing their Table 2).
    """
    parts, k, gap = welfare_path(eq, tol=tol)
    scale = _scale(eq)
    table = {"country": list(eq.baseline.countries), "welfare_pct": 100 * (eq.welfare_hat - 1)}
    for name, value in _by_country(parts).items():
        table[f"{name}_pct"] = scale * value
    frame = pd.DataFrame(table)
    frame["path_points"] = k
    frame["gap_log_points"] = gap
    return frame
