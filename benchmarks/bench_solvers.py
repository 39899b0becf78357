"""tradewar's hand-written Anderson solver against optimistix on the same equilibrium map.

Run from the repository root (with ../shared beside it, and optimistix installed in the same
environment: ``pip install optimistix``; it is not a dependency of tradewar):

    python benchmarks/bench_solvers.py [--repeat 10]

The map is Caliendo–Parro's (``tradewar.model._kernels.update``) on the NAFTA counterfactual of
their 2015 paper (31 economies x 40 sectors, deficits purged), from the baseline. Each solver
is jit-compiled once; the figure is the median warm time over ``--repeat`` calls, with the
largest equilibrium-condition error at the answer so that speed is compared at equal accuracy:

* ``tradewar Anderson`` — :func:`tradewar.model._fixed_point.anderson` (memory 6), as
  :func:`tradewar.model.solve` runs it;
* ``optimistix FixedPointIteration`` — plain iteration of the same map;
* ``optimistix Newton`` — a root of ``update(z) - z`` with the dense Jacobian (lineax LU);
* ``optimistix Chord`` — Newton's method with the Jacobian of the starting point kept.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TOL = 1e-11  # tradewar's default tolerance (SolverSettings.tol)


def _median_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    print(f"NAFTA counterfactual, {world.n_countries} x {world.n_sectors}, {z0.size} unknowns")
    print(f"{'solver':34s}{'cold s':>9s}{'warm s':>10s}{'max condition error':>22s}")
    warm_ours = None
    for name, solver in solvers.items():
        compiled = jax.jit(solver)
        start = time.perf_counter()
        answer = compiled(z0).block_until_ready()
        cold = time.perf_counter() - start
        warm = _median_time(lambda c=compiled: c(z0).block_until_ready(), args.repeat)
        warm_ours = warm if warm_ours is None else warm_ours
        ratio = "" if warm == warm_ours else f"  ({warm / warm_ours:.1f}x tradewar's)"
        print(f"{name:34s}{cold:9.2f}{warm:10.4f}{error(answer):22.1e}{ratio}")


if __name__ == "__main__":
    main()
