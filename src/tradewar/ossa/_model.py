"""Ossa's (2014) model behind the strategy layer's interface: :class:`OssaModel`.

``OssaModel(data, lobbying="BAS")`` maps a tariff tensor to each country's welfare and
government welfare (ratios to the baseline), as JAX functions that can be jit-compiled and
differentiated (implicitly, through the equilibrium). :meth:`OssaModel.solve` returns the full
equilibrium as numpy arrays with its solver statistics; :meth:`OssaModel.rebased` makes a
counterfactual the new baseline, as Ossa does before computing talks from a Nash equilibrium.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

import jax
import jax.numpy as jnp
import numpy as np

from tradewar.errors import DataError
from tradewar.ossa._data import OssaData
from tradewar.ossa._kernels import Baseline, calibrate
from tradewar.ossa._solver import Counterfactual, SolverSettings, counterfactual
from tradewar.solution import Outcome, Solution


@dataclass(frozen=True, eq=False)
class OssaEquilibrium(Solution):
    """One solved counterfactual, as read-only numpy arrays (hats are ratios to baseline)."""

    tariffs: np.ndarray
    w_hat: np.ndarray
    e_hat: np.ndarray
    p_hat: np.ndarray
    welfare_hat: np.ndarray
    government_welfare_hat: np.ndarray
    profits_hat: np.ndarray
    sales_hat: np.ndarray
    trade: np.ndarray
    iterations: int
    residual: float
    outcome: Outcome

    def _progress(self) -> str:
        return (
            f"Ossa equilibrium did not converge after {self.iterations} Newton steps "
            f"(residual {self.residual:.3e})"
        )

    def solver_info(self) -> dict[str, object]:
        return {**super().solver_info(), "iterations": self.iterations, "residual": self.residual}

    @property
    def real_wage_hat(self) -> np.ndarray:
        return self.w_hat / self.p_hat


def _outcome(residual: float, converged: bool) -> Outcome:
    if converged:
        return Outcome.CONVERGED
    return Outcome.MAX_ITERATIONS if np.isfinite(residual) else Outcome.NONFINITE


@dataclass(frozen=True, eq=False)
class OssaModel:
    """Ossa's (2014) model on a calibrated baseline; implements ``TariffModel``.

    ``lobbying`` picks the political-economy weights governments maximise: ``"BAS"`` (all ones,
    national welfare), ``"POL"`` (Ossa's calibrated ``LAMBDAPOL`` from the data) or an explicit
    ``(N, S)`` array. Counterfactual net exports are zero, as in all of Ossa's counterfactuals.
    """

    data: OssaData
    lobbying: Literal["BAS", "POL"] | np.ndarray = "BAS"
    settings: SolverSettings = field(default_factory=SolverSettings)

    @property
    def countries(self) -> tuple[str, ...]:
        return self.data.countries

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.data.sectors

    @property
    def name(self) -> str:
        label = self.lobbying if isinstance(self.lobbying, str) else "custom weights"
        return f"Ossa (2014), {self.data.name}, {label}"

    @cached_property
    def weights(self) -> np.ndarray:
        """Political-economy weights lambda[n, s]."""
        if isinstance(self.lobbying, str):
            if self.lobbying == "BAS":
                return self.data.lambda_bas
            if self.lobbying == "POL":
                return np.array(self.data.lambda_pol)
            raise DataError(
                f"lobbying must be 'BAS', 'POL' or an (N, S) array, not {self.lobbying!r}."
            )
        weights = np.asarray(self.lobbying, dtype=np.float64)
        if weights.shape != self.data.lambda_pol.shape or np.any(weights < 0):
            raise DataError(
                f"lobbying weights must be a non-negative array of shape "
                f"{self.data.lambda_pol.shape}, got shape {weights.shape}."
            )
        return weights

    @cached_property
    def baseline(self) -> Baseline:
        return calibrate(self.data.trade, self.data.tariffs, self.data.sigma)

    def factual_tariffs(self) -> np.ndarray:
        return np.array(self.data.tariffs)

    def trade_values(self) -> np.ndarray:
        return np.array(self.data.trade)

    def counterfactual(self, tariffs: jax.Array) -> Counterfactual:
        """The raw JAX solution at ``tariffs`` (traceable)."""
        n = len(self.countries)
        return counterfactual(
            self.baseline,
            jnp.asarray(tariffs),
            jnp.asarray(self.weights),
            jnp.zeros(n, self.baseline.expenditure.dtype),
            self.settings,
        )

    def welfare(self, tariffs: jax.Array) -> jax.Array:
        """Welfare change E_hat / P_hat per country; NaN where the solve did not converge."""
        cf = self.counterfactual(tariffs)
        return jnp.where(cf.stats.converged > 0, cf.welfare_hat, jnp.nan)

    def government_welfare(self, tariffs: jax.Array) -> jax.Array:
        """Government welfare change per country; NaN where the solve did not converge."""
        cf = self.counterfactual(tariffs)
        return jnp.where(cf.stats.converged > 0, cf.government_welfare_hat, jnp.nan)

    def outcomes(self, tariffs: jax.Array) -> tuple[jax.Array, jax.Array]:
        """Welfare and government welfare from one solve (NaN where it did not converge)."""
        cf = self.counterfactual(tariffs)
        ok = cf.stats.converged > 0
        return (
            jnp.where(ok, cf.welfare_hat, jnp.nan),
            jnp.where(ok, cf.government_welfare_hat, jnp.nan),
        )

    @cached_property
    def _solve_jit(self) -> Callable[[jax.Array], Counterfactual]:
        return jax.jit(self.counterfactual)

    def solve(self, tariffs: np.ndarray) -> OssaEquilibrium:
        """Solve at ``tariffs`` and return numpy results (call ``.check()`` before use)."""
        t = np.asarray(tariffs, dtype=np.float64)
        cf = jax.device_get(self._solve_jit(jnp.asarray(t)))
        return OssaEquilibrium(
            tariffs=t,
            w_hat=np.asarray(cf.w_hat),
            e_hat=np.asarray(cf.e_hat),
            p_hat=np.asarray(cf.p_hat),
            welfare_hat=np.asarray(cf.welfare_hat),
            government_welfare_hat=np.asarray(cf.government_welfare_hat),
            profits_hat=np.asarray(cf.profits_hat),
            sales_hat=np.asarray(cf.sales_hat),
            trade=np.asarray(cf.trade),
            iterations=int(cf.stats.iterations),
            residual=float(cf.stats.residual),
            outcome=_outcome(float(cf.stats.residual), bool(cf.stats.converged > 0)),
        )

    def rebased(self, tariffs: np.ndarray, name: str | None = None) -> OssaModel:
        """The model with the equilibrium at ``tariffs`` as its new baseline.

        Ossa computes talks "from Nash" or "from free trade" this way: the counterfactual flows
        and tariffs become the data. Welfare ratios are unaffected (they multiply), but shares,
        and so later solves, start from the new point.
        """
        eq = self.solve(tariffs).check()
        data = replace(
            self.data,
            trade=eq.trade,
            tariffs=np.asarray(tariffs, dtype=np.float64),
            name=name or f"{self.data.name} rebased",
        )
        return replace(self, data=data)


def example_model(
    seed: int = 0,
    n_countries: int = 3,
    n_sectors: int = 2,
    *,
    lobbying: Literal["BAS", "POL"] = "BAS",
) -> OssaModel:
    """A small random Ossa economy that runs as printed (same ``seed``, same economy).

    Random flows with home bias, tariffs up to 20%, elasticities in [2, 8] and lobbying weights
    around one; the data are then purged of trade imbalances the way Ossa purges his (solve with
    zero net exports at factual tariffs and take the solution as the baseline).
    """
    rng = np.random.default_rng(seed)
    n, s = n_countries, n_sectors
    trade = rng.lognormal(0.0, 1.0, (n, n, s))
    idx = np.arange(n)
    trade[idx, idx, :] *= rng.uniform(3.0, 8.0, (n, s))
    tariffs = rng.uniform(0.0, 0.2, (n, n, s))
    tariffs[idx, idx, :] = 0.0
    data = OssaData(
        countries=tuple(f"C{k}" for k in range(n)),
        sectors=tuple(f"S{k}" for k in range(s)),
        trade=trade,
        tariffs=tariffs,
        sigma=rng.uniform(2.0, 8.0, s),
        lambda_pol=rng.uniform(0.8, 1.2, (n, s)),
        target_tariffs=np.zeros((n, s)),
        name=f"random Ossa economy (seed {seed}, {n}x{s})",
    )
    return OssaModel(data, lobbying=lobbying).rebased(tariffs, name=data.name)
