"""Counterfactual shocks: new tariffs and changes in iceberg trade costs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tradewar.errors import ShockError
from tradewar.world import World


@dataclass(frozen=True, eq=False)
class Shock:
    """A counterfactual: the tariffs in force and the change in iceberg trade costs.

    ``tariffs[n, i, j]`` are the *new* applied ad-valorem tariffs of importer *n* on exporter *i*
    in sector *j* (levels, not changes; ``None`` keeps the baseline's). ``trade_costs[n, i, j]`` is
    the proportional change in iceberg costs ``d_hat`` (1 = unchanged; ``None`` = all ones).
    Arrays are validated against a world by :meth:`check`, which :func:`~tradewar.model.solve`
    calls.
    """

    tariffs: np.ndarray | None = None
    trade_costs: np.ndarray | None = None
    name: str = "shock"

    def __post_init__(self) -> None:
        for field_name in ("tariffs", "trade_costs"):
            value = getattr(self, field_name)
            if value is not None:
                array = np.array(value, dtype=np.float64)
                array.setflags(write=False)
                object.__setattr__(self, field_name, array)

    @classmethod
    def none(cls) -> Shock:
        """The zero shock: tariffs and trade costs as in the baseline."""
        return cls(name="no change")

    @classmethod
    def set_tariffs(
        cls,
        world: World,
        rates: Mapping[tuple[str, str, str | None], float],
        *,
        name: str = "tariff change",
    ) -> Shock:
        """Baseline tariffs with some cells replaced.

        ``rates`` maps ``(importer, exporter, sector)`` to the new ad-valorem rate (0.25 = 25%);
        a sector of ``None`` sets every sector of the pair.
        """
        tariffs = world.tariffs.copy()
        for (importer, exporter, sector), rate in rates.items():
            n, i = world.country_index(importer), world.country_index(exporter)
            if sector is None:
                tariffs[n, i, :] = rate
            else:
                tariffs[n, i, world.sector_index(sector)] = rate
        return cls(tariffs=tariffs, name=name)

    def tariffs_for(self, world: World) -> np.ndarray:
        return world.tariffs if self.tariffs is None else self.tariffs

    def trade_costs_for(self, world: World) -> np.ndarray:
        if self.trade_costs is None:
            return np.ones_like(world.trade)
        return self.trade_costs

    def check(self, world: World) -> None:
        """Raise :class:`~tradewar.errors.ShockError` if this shock does not fit ``world``."""
        shape = world.trade.shape
        for field_name, low, what in (
            ("tariffs", -1.0, "a tariff at or below -100%"),
            ("trade_costs", 0.0, "a non-positive trade-cost change"),
        ):
            array = getattr(self, field_name)
            if array is None:
                continue
            if array.shape != shape:
                raise ShockError(
                    f"shock {self.name!r}: {field_name} has shape {array.shape}, but world "
                    f"{world.name!r} needs {shape} (importer x exporter x sector)."
                )
            bad = ~np.isfinite(array) | (array <= low)
            if bad.any():
                n, i, j = (int(x) for x in np.argwhere(bad)[0])
                raise ShockError(
                    f"shock {self.name!r}: {field_name} holds {what} or a non-finite value at "
                    f"importer {world.countries[n]!r}, exporter {world.countries[i]!r}, sector "
                    f"{world.sectors[j]!r}: {float(array[n, i, j]):.6g}."
                )
        if self.tariffs is not None:
            idx = np.arange(world.n_countries)
            domestic = self.tariffs[idx, idx, :]
            if (domestic != 0).any():
                n, j = (int(x) for x in np.argwhere(domestic != 0)[0])
                raise ShockError(
                    f"shock {self.name!r}: tariff {float(domestic[n, j]):.6g} on the domestic "
                    "sales of "
                    f"{world.countries[n]!r} in {world.sectors[j]!r}; domestic tariffs must be 0."
                )
