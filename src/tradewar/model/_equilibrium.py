"""The result of a solve: :class:`Equilibrium`, with its :class:`~tradewar.solution.Outcome`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from tradewar.model._shock import Shock
from tradewar.solution import Outcome, Solution
from tradewar.world import World

#: Largest relative violation of any equilibrium condition accepted in a converged solution.
CONDITION_TOL = 1e-8


@dataclass(frozen=True, eq=False)
class Equilibrium(Solution):
    """A counterfactual equilibrium relative to ``baseline``.

    Hats (``w_hat``, ``c_hat``, ``p_hat``) are counterfactual over baseline; the other arrays are
    counterfactual levels in the baseline's units, with world value added as numeraire. When the
    solve purged deficits first, ``baseline`` is the purged world and ``purge`` the equilibrium
    that produced it. ``warm_start`` names the shock of the equilibrium the solver started from
    (None: from the baseline). Quantities are only read through :meth:`check`, so a solution
    that did not converge is never taken for a result.
    """

    baseline: World
    shock: Shock
    deficits: str
    outcome: Outcome
    iterations: int
    residual: float
    conditions: Mapping[str, float]
    seconds: float
    w_hat: np.ndarray
    c_hat: np.ndarray
    p_hat: np.ndarray
    trade_shares: np.ndarray
    expenditure: np.ndarray
    trade: np.ndarray
    gross_output: np.ndarray
    tariff_revenue: np.ndarray
    deficit: np.ndarray
    income: np.ndarray
    purge: Equilibrium | None = field(default=None, repr=False)
    employment: np.ndarray | None = None  # L_hat where wages are sticky; None: full employment
    horizon: str = "long-run"
    warm_start: str | None = None  # the shock whose equilibrium the iteration started from

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", MappingProxyType(dict(self.conditions)))
        if self.employment is None:
            object.__setattr__(self, "employment", np.ones_like(self.w_hat))
        for name in (
            "w_hat",
            "c_hat",
            "p_hat",
            "trade_shares",
            "expenditure",
            "trade",
            "gross_output",
            "tariff_revenue",
            "deficit",
            "income",
            "employment",
        ):
            array = np.array(getattr(self, name), dtype=np.float64)
            array.setflags(write=False)
            object.__setattr__(self, name, array)

    def _progress(self) -> str:
        return (
            f"solve of {self.shock.name!r} on {self.baseline.name!r} did not converge after "
            f"{self.iterations} iterations (residual {self.residual:.3e})"
        )

    @property
    def tariffs(self) -> np.ndarray:
        return self.shock.tariffs_for(self.baseline)

    @property
    def price_index_hat(self) -> np.ndarray:
        """Consumer price index change prod_j P_hat^alpha, (N,)."""
        self.check()
        return np.exp((self.baseline.final_share * np.log(self.p_hat)).sum(axis=1))

    @property
    def welfare_hat(self) -> np.ndarray:
        """Real income change I_hat / P_hat, (N,)."""
        return self.income / self.baseline.income / self.price_index_hat

    @property
    def employment_hat(self) -> np.ndarray:
        """Employment change L_hat, (N,): ones under flexible wages."""
        return np.asarray(self.employment)

    @property
    def labour_income(self) -> np.ndarray:
        """Counterfactual value added w_n' L_n', (N,) (numeraire units)."""
        return self.w_hat * self.employment_hat * self.baseline.value_added

    @property
    def real_wage_hat(self) -> np.ndarray:
        """w_hat / P_hat, (N,)."""
        return self.w_hat / self.price_index_hat

    def solver_info(self) -> dict[str, object]:
        """Solver diagnostics as plain values (for JSON and reports)."""
        info: dict[str, object] = {
            **super().solver_info(),
            "iterations": self.iterations,
            "residual": self.residual,
            "seconds": self.seconds,
            "deficits": self.deficits,
            "horizon": self.horizon,
            "conditions": dict(self.conditions),
            "warm_start": self.warm_start,
        }
        if self.purge is not None:
            info["purge"] = self.purge.solver_info()
        return info

    def to_world(self, name: str | None = None) -> World:
        """The counterfactual economy as a new baseline world (e.g. a purged base year)."""
        self.check()
        base = self.baseline
        return World(
            countries=base.countries,
            sectors=base.sectors,
            trade=self.trade,
            tariffs=self.tariffs,
            va_share=base.va_share,
            io_share=base.io_share,
            final_share=base.final_share,
            theta=base.theta,
            name=name or f"{base.name} | {self.shock.name}",
            meta=base.meta,
        )
