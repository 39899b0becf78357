"""Demo worlds that run as printed: a three-country toy and seeded random worlds.

Both are built from random-looking but fixed primitives (trade shares, value-added and input
shares, final-demand shares, elasticities) and then re-solved to an exact equilibrium with
:func:`tradewar.model.equilibrate`, so they pass every :class:`~tradewar.world.World` check.
Building one solves the model, so this module loads JAX (``tradewar.worlds`` itself does not).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tradewar.model import equilibrate
from tradewar.world import World


def random_world(
    seed: int = 0,
    n_countries: int = 3,
    n_sectors: int = 2,
    *,
    max_tariff: float = 0.2,
    deficits: bool = True,
    theta_range: tuple[float, float] = (2.0, 10.0),
) -> World:
    """A random equilibrium world; the same ``seed`` always gives the same world."""
    rng = np.random.default_rng(seed)
    n, j = n_countries, n_sectors
    trade = rng.lognormal(0.0, 1.0, (n, n, j))
    idx = np.arange(n)
    trade[idx, idx, :] *= rng.uniform(3.0, 8.0, (n, j))  # home bias
    tariffs = rng.uniform(0.0, max_tariff, (n, n, j))
    tariffs[idx, idx, :] = 0.0
    va_share = rng.uniform(0.3, 0.7, (n, j))
    symmetric = 0.5 * (trade + trade.transpose(1, 0, 2))
    if deficits:  # imbalances of at most about 15% of value added
        imbalance = trade.sum(axis=(1, 2)) - trade.sum(axis=(0, 2))
        value_added = (va_share * trade.sum(axis=0)).sum(axis=1)
        share = min(1.0, 0.15 / max(float(np.max(np.abs(imbalance) / value_added)), 1e-12))
        trade = symmetric + share * (trade - symmetric)
    else:
        trade = symmetric
    io = rng.dirichlet(np.ones(j), size=(n, j)).transpose(0, 2, 1)  # [n, input, user]
    io_share = io * (1 - va_share)[:, None, :]
    final_share = rng.dirichlet(np.ones(j), size=n)
    theta = rng.uniform(*theta_range, j)
    world, _ = equilibrate(
        [f"C{k}" for k in range(n)],
        [f"S{k}" for k in range(j)],
        trade,
        tariffs,
        va_share,
        io_share,
        final_share,
        theta,
        name=f"random world (seed {seed}, {n}x{j})",
        zero_deficits=not deficits,
    )
    return world


def toy_world() -> World:
    """Three countries (Home, Foreign, Rest) and two sectors (goods, services)."""
    world = random_world(seed=2018, n_countries=3, n_sectors=2)
    return replace(
        world,
        countries=("Home", "Foreign", "Rest"),
        sectors=("goods", "services"),
        name="toy world",
    )
