r"""One-sector structural gravity as a special case of the model.

With one sector, no input–output links and value added equal to output, the Caliendo–Parro
equations reduce to the Anderson–van Wincoop endowment model with trade elasticity
:math:`\theta = \sigma - 1`. Baseline flows are the gravity equation's fitted values

.. math::

    X_{ij} = \frac{Y_i E_j}{Y} \Big(\frac{t_{ij}}{\Pi_i P_j}\Big)^{1-\sigma},
    \qquad t_{ij}^{1-\sigma} = \exp(x_{ij}'\beta),

whose multilateral resistances make rows sum to output and columns to expenditure: a
biproportional (Sinkhorn) balancing of the cost matrix, solved here in logs. An experiment that
changes the covariates becomes an iceberg-cost shock
:math:`\hat d_{ij} = \exp(-\Delta x_{ij}'\beta / \theta)`.

This is the setting of gegravity (USITC) and of Yotov, Piermartini, Monteiro and Larch (2016),
*An Advanced Guide to Trade Policy Analysis*, chapter 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradewar.errors import DataError
from tradewar.world._world import World


@dataclass(frozen=True, eq=False)
class GravityData:
    """Square gravity data: cost covariates by (importer, exporter), output and expenditure."""

    countries: tuple[str, ...]
    covariates: Mapping[str, np.ndarray]  # name -> (N, N) [importer, exporter]
    output: np.ndarray  # (N,) Y_i
    expenditure: np.ndarray  # (N,) E_j

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        covariates: list[str],
        *,
        exporter: str = "exporter",
        importer: str = "importer",
        output: str = "Y",
        expenditure: str = "E",
        source: str = "data frame",
    ) -> GravityData:
        """Read a long table with one row per (exporter, importer) pair, domestic pairs included.

        Every pair must be present exactly once; output must be constant by exporter and
        expenditure by importer. Errors name the ``source``, row and column.
        """
        needed = [exporter, importer, output, expenditure, *covariates]
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise DataError(f"{source}: missing columns {missing}; have {list(frame.columns)}.")
        for column in [output, expenditure, *covariates]:
            values = pd.to_numeric(frame[column], errors="coerce")
            bad = values.isna() | ~np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))
            if bad.any():
                row = int(np.argmax(bad.to_numpy()))
                raise DataError(
                    f"{source}: row {row + 2} (line of the file), column {column!r}: "
                    f"{frame[column].iloc[row]!r} is not a finite number."
                )
        countries = tuple(sorted(set(frame[exporter]) | set(frame[importer])))
        pos = {c: k for k, c in enumerate(countries)}
        n = len(countries)
        pairs = frame[[importer, exporter]].apply(tuple, axis=1)
        duplicated = pairs.duplicated()
        if duplicated.any():
            row = int(np.argmax(duplicated.to_numpy()))
            raise DataError(f"{source}: row {row + 2}: pair {pairs.iloc[row]} appears twice.")
        if len(frame) != n * n:
            present = set(pairs)
            absent = [(m, x) for m in countries for x in countries if (m, x) not in present]
            raise DataError(
                f"{source}: {len(absent)} (importer, exporter) pairs are missing, e.g. "
                f"{absent[:3]}; structural gravity needs every pair, domestic ones included."
            )
        rows = frame[importer].map(pos).to_numpy()
        cols = frame[exporter].map(pos).to_numpy()
        cube = {}
        for name in covariates:
            matrix = np.empty((n, n))
            matrix[rows, cols] = frame[name].to_numpy(dtype=float)
            cube[name] = matrix

        def by_country(column: str, key: str) -> np.ndarray:
            grouped = frame.groupby(key)[column]
            spread = grouped.max() - grouped.min()
            if (spread.abs() > 1e-9 * grouped.max().abs()).any():
                country = spread.idxmax()
                raise DataError(
                    f"{source}: column {column!r} takes several values for {key} {country!r}; "
                    "it must be one value per country."
                )
            return grouped.first().reindex(countries).to_numpy(dtype=float)

        y, e = by_country(output, exporter), by_country(expenditure, importer)
        for label, margin in (("output", y), ("expenditure", e)):
            if (margin <= 0).any():
                country = countries[int(np.argmax(margin <= 0))]
                raise DataError(f"{source}: {label} of {country!r} is not positive.")
        return cls(countries=countries, covariates=cube, output=y, expenditure=e)

    def log_costs(self, coefficients: Mapping[str, float]) -> np.ndarray:
        """x'beta = log t^{1-sigma} by (importer, exporter)."""
        unknown = sorted(set(coefficients) - set(self.covariates))
        if unknown:
            raise DataError(
                f"coefficients for {unknown} but no such covariates; have "
                f"{sorted(self.covariates)}."
            )
        total = np.zeros((len(self.countries),) * 2)
        for name, beta in coefficients.items():
            total = total + float(beta) * self.covariates[name]
        return total


def balance_flows(
    log_kernel: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    *,
    tol: float = 1e-13,
    max_iter: int = 10_000,
) -> np.ndarray:
    """Flows ``X = diag(a) exp(log_kernel) diag(b)`` with row sums ``rows`` and column sums
    ``cols`` (Sinkhorn / RAS in logs). ``log_kernel`` is [row, col]; totals must agree."""
    if not np.isclose(rows.sum(), cols.sum(), rtol=1e-12):
        raise DataError(f"row total {rows.sum()!r} differs from column total {cols.sum()!r}.")
    log_a = np.zeros(len(rows))
    log_b = np.zeros(len(cols))
    log_rows, log_cols = np.log(rows), np.log(cols)

    def logsumexp(m: np.ndarray, axis: int) -> np.ndarray:
        top = m.max(axis=axis, keepdims=True)
        return (top + np.log(np.exp(m - top).sum(axis=axis, keepdims=True))).squeeze(axis)

    for _ in range(max_iter):
        log_a = log_rows - logsumexp(log_kernel + log_b[None, :], axis=1)
        log_b = log_cols - logsumexp(log_kernel + log_a[:, None], axis=0)
        flows = np.exp(log_kernel + log_a[:, None] + log_b[None, :])
        if np.max(np.abs(flows.sum(axis=1) / rows - 1)) < tol:
            return flows
    raise DataError(f"gravity balancing did not converge in {max_iter} iterations.")


def gravity_world(
    data: GravityData,
    coefficients: Mapping[str, float],
    sigma: float,
    *,
    name: str = "gravity world",
) -> World:
    """The one-sector world of the gravity model's fitted baseline flows.

    Output is rescaled to total expenditure (as gegravity does through output shares), so that
    world output equals world spending; each country's deficit is E_j - Y_j after rescaling.
    """
    if sigma <= 1:
        raise DataError(f"sigma={sigma!r}: the elasticity of substitution must exceed 1.")
    output = data.output * data.expenditure.sum() / data.output.sum()
    log_kernel = data.log_costs(coefficients)  # [importer, exporter]
    flows = balance_flows(log_kernel.T, output, data.expenditure)  # [exporter, importer]
    n = len(data.countries)
    return World(
        countries=data.countries,
        sectors=("all",),
        trade=flows.T[:, :, None],
        tariffs=np.zeros((n, n, 1)),
        va_share=np.ones((n, 1)),
        io_share=np.zeros((n, 1, 1)),
        final_share=np.ones((n, 1)),
        theta=np.array([sigma - 1.0]),
        name=name,
        meta={"model": "one-sector structural gravity", "sigma": sigma},
    )


def gravity_trade_costs(
    baseline: GravityData,
    experiment: GravityData,
    coefficients: Mapping[str, float],
    sigma: float,
) -> np.ndarray:
    """Iceberg-cost changes d_hat (N, N, 1) from a change in the cost covariates."""
    if baseline.countries != experiment.countries:
        raise DataError("baseline and experiment data must cover the same countries.")
    delta = experiment.log_costs(coefficients) - baseline.log_costs(coefficients)
    return np.exp(-delta / (sigma - 1.0))[:, :, None]


def conditional_flows(world: World, trade_costs: np.ndarray) -> np.ndarray:
    """Conditional general equilibrium of a one-sector world: new iceberg costs, output and
    expenditure held at the baseline, multilateral resistances re-solved (Yotov et al. 2016,
    ch. 2). Returns flows [importer, exporter]; the full equilibrium is ``tradewar.model.solve``.
    """
    if world.n_sectors != 1:
        raise DataError("conditional_flows needs a one-sector world.")
    theta = float(world.theta[0])
    flows = world.trade[:, :, 0]
    kernel = np.log(flows) - theta * np.log(trade_costs[:, :, 0])
    return balance_flows(kernel.T, flows.sum(axis=0), flows.sum(axis=1)).T
