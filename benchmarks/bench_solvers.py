"""tradewar's hand-written solvers against optimistix on the same equilibrium equations.

Run from the repository root (with ../shared beside it, and optimistix installed in the same
environment: ``pip install optimistix``; it is not a dependency of tradewar):

    python benchmarks/bench_solvers.py [--repeat 10]

Each solver is jit-compiled once; the figure is the median warm time over ``--repeat`` calls,
with the largest equilibrium-condition error at the answer so that speed is compared at equal
accuracy.

Caliendo–Parro: the map ``tradewar.model._kernels.update`` on the NAFTA counterfactual of
their 2015 paper (31 economies x 40 sectors, deficits purged), from the baseline:

* ``tradewar Anderson`` — :func:`tradewar.model._fixed_point.anderson` (memory 6), as
  :func:`tradewar.model.solve` runs it;
* ``optimistix FixedPointIteration`` — plain iteration of the same map;
* ``optimistix Newton`` — a root of ``update(z) - z`` with the dense Jacobian (lineax LU);
* ``optimistix Chord`` — Newton's method with the Jacobian of the starting point kept.

Ossa (2014): the residuals ``tradewar.ossa._solver.residual`` (7 regions x 33 industries, BAS
weights) with every tariff 25 points above its factual level:

* ``tradewar Newton`` — :func:`tradewar.ossa._solver.newton` (damped, exact Jacobian);
* ``optimistix Newton`` — the same equations.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from bench_core import SHARED, _time  # the same timing as the core benchmarks

TOL = 1e-11  # tradewar's default tolerance (SolverSettings.tol)


def _compare(
    title: str,
    solvers: dict[str, Callable[[Any], Any]],
    z0: Any,
    error: Callable[[Any], float],
    repeat: int,
) -> None:
    import jax

    print(title)
    print(f"{'solver':34s}{'cold s':>9s}{'warm s':>10s}{'max condition error':>22s}")
    first = None
    for name, solver in solvers.items():
        compiled = jax.jit(solver)
        start = time.perf_counter()
        answer = compiled(z0).block_until_ready()
        cold = time.perf_counter() - start
        warm = _time(lambda c=compiled: c(z0).block_until_ready(), repeat)
        first = warm if first is None else first
        ratio = "" if warm == first else f"  ({warm / first:.1f}x tradewar's)"
        print(f"{name:34s}{cold:9.2f}{warm:10.4f}{error(answer):22.1e}{ratio}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    try:
        import optimistix as optx
    except ImportError:
        raise SystemExit("optimistix is not installed: pip install optimistix") from None
    import jax
    import jax.numpy as jnp
    from jax.flatten_util import ravel_pytree

    from tradewar.data import cp2015
    from tradewar.model import Shock
    from tradewar.model._fixed_point import anderson
    from tradewar.model._kernels import (
        DEFICIT_FIXED,
        Counterfactual,
        residuals,
        trade_weights,
        update,
    )
    from tradewar.model._solve import world_arrays
    from tradewar.model._solver import initial_state
    from tradewar.ossa import OssaModel, load_ossa2014
    from tradewar.ossa import SolverSettings as OssaSettings
    from tradewar.ossa._solver import newton, residual
    from tradewar.replication import cp2015_world

    data = cp2015.load(SHARED / "cp2015" / "original")
    world, _ = cp2015_world(data, deficits="zero")
    shock = Shock(tariffs=data.nafta_tariffs())
    base = world_arrays(world)
    tariffs = jnp.asarray(shock.tariffs_for(world))
    cf = Counterfactual(tariffs=tariffs, trade_costs=jnp.ones_like(tariffs))
    z0, unravel = ravel_pytree(initial_state(base))
    weights = trade_weights(base, cf)

    def step(flat: jax.Array) -> jax.Array:
        return ravel_pytree(update(unravel(flat), base, cf, DEFICIT_FIXED, weights))[0]

    def error(flat: jax.Array) -> float:
        conditions = residuals(unravel(flat), base, cf, DEFICIT_FIXED)
        return float(max(jnp.max(v) for v in conditions.values()))

    solvers: dict[str, Callable[[jax.Array], jax.Array]] = {
        "tradewar Anderson": lambda z: anderson(step, z, tol=TOL, max_iter=3000, memory=6)[0],
        "optimistix FixedPointIteration": lambda z: (
            optx.fixed_point(
                lambda y, _: step(y),
                optx.FixedPointIteration(rtol=TOL, atol=TOL),
                z,
                max_steps=100_000,
                throw=False,
            ).value
        ),
        "optimistix Newton": lambda z: (
            optx.root_find(
                lambda y, _: step(y) - y,
                optx.Newton(rtol=TOL, atol=TOL),
                z,
                max_steps=100,
                throw=False,
            ).value
        ),
        "optimistix Chord": lambda z: (
            optx.root_find(
                lambda y, _: step(y) - y,
                optx.Chord(rtol=TOL, atol=TOL),
                z,
                max_steps=1000,
                throw=False,
            ).value
        ),
    }
    _compare(
        f"Caliendo-Parro, NAFTA, {world.n_countries} x {world.n_sectors}: {z0.size} unknowns",
        solvers,
        z0,
        error,
        args.repeat,
    )

    model = OssaModel(load_ossa2014(SHARED / "ossa2014" / "mat"), lobbying="BAS")
    ossa = model.baseline
    up = jnp.asarray(model.factual_tariffs()) + 0.25
    n = len(model.countries)
    up = up.at[jnp.arange(n), jnp.arange(n)].set(0.0)
    zeros = jnp.zeros(n, ossa.expenditure.dtype)

    def f(z: jax.Array) -> jax.Array:
        return residual(z, ossa, up, zeros)

    settings = OssaSettings()
    y0 = jnp.zeros(2 * n, ossa.expenditure.dtype)
    _compare(
        f"Ossa (2014), {n} regions, every tariff +25 points: {y0.size} unknowns",
        {
            "tradewar Newton": lambda z: newton(f, z, settings)[0],
            "optimistix Newton": lambda z: (
                optx.root_find(
                    lambda y, _: f(y), optx.Newton(rtol=1e-13, atol=1e-13), z, throw=False
                ).value
            ),
        },
        y0,
        lambda z: float(jnp.max(jnp.abs(f(z)))),
        args.repeat,
    )


if __name__ == "__main__":
    main()
