"""The Caliendo–Parro (2015) model behind the strategy layer's interface: :class:`CaliendoParro`.

A thin adapter: welfare comes from :func:`tradewar.model.welfare_function` (real income change,
implicitly differentiable), and there is no political economy, so government welfare equals
welfare. Tariffs on services or other untraded sectors can be chosen too; they simply have no
trade to act on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import jax
import numpy as np

from tradewar.world import World


@dataclass(frozen=True, eq=False)
class CaliendoParro:
    """Caliendo–Parro (2015) on ``world``; implements :class:`~tradewar.strategy.TariffModel`.

    ``deficits`` is the deficit rule and ``horizon`` the horizon of :func:`tradewar.model.solve`.
    The default deficit rule, ``"zero"``, purges deficits first (welfare is then relative to the
    purged base), as Ossa (2014) purges his data: with deficits held fixed in units of world
    value added, a deficit country's "optimal" tariffs become prohibitive (on the default world
    the USA would gain over 1000% of real income from 1000% tariffs on all goods), an artefact
    of the transfer the fixed deficit implies, not a trade-policy motive.
    """

    world: World
    deficits: Literal["fixed", "zero", "ratio"] = "zero"
    horizon: Literal["1y", "3y", "long-run"] = "long-run"
    _welfare: Callable[[jax.Array], jax.Array] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Built eagerly: the baseline arrays must not be created inside a caller's trace.
        from tradewar.model import welfare_function

        welfare = welfare_function(self.world, deficits=self.deficits, horizon=self.horizon)
        object.__setattr__(self, "_welfare", welfare)

    @property
    def countries(self) -> tuple[str, ...]:
        return self.world.countries

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.world.sectors

    @property
    def name(self) -> str:
        return (
            f"Caliendo-Parro (2015), {self.world.name}, deficits {self.deficits}, "
            f"horizon {self.horizon}"
        )

    def factual_tariffs(self) -> np.ndarray:
        return np.array(self.world.tariffs)

    def trade_values(self) -> np.ndarray:
        return np.array(self.world.trade)

    def welfare(self, tariffs: jax.Array) -> jax.Array:
        """Real-income change I_hat / P_hat per country; NaN where the solve did not converge."""
        return self._welfare(tariffs)

    def government_welfare(self, tariffs: jax.Array) -> jax.Array:
        """Equal to :meth:`welfare` (no political-economy weights in this model)."""
        return self._welfare(tariffs)

    def outcomes(self, tariffs: jax.Array) -> tuple[jax.Array, jax.Array]:
        welfare = self._welfare(tariffs)
        return welfare, welfare
