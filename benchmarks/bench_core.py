"""Core solver benchmarks: the Caliendo–Parro NAFTA counterfactual and gegravity's experiment.

Run from the repository root (with ../shared beside it):

    python benchmarks/bench_core.py [--repeat 20] [--json]

Reports cold (first call in a fresh process, JIT compilation included) and warm (median of
``--repeat`` calls) times, plus gegravity 0.3's ``simulate()`` on the same experiment when
gegravity is installed. Peer reference figures from the issue (same class of machine):
cp2015-jax 1.11 s warm NAFTA, R package about 2.1 s, authors' MATLAB under Octave 160 s,
gegravity simulate() 0.64 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PEERS = {"cp2015-jax (warm NAFTA)": 1.11, "cp2015 R package": 2.1, "MATLAB/Octave": 160.0}
GEGRAVITY_PEER = 0.64


def _time(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_nafta(repeat: int) -> dict[str, float]:
    import jax.numpy as jnp

    from tradewar.data import cp2015
    from tradewar.model import Shock, solve, welfare_function
    from tradewar.replication import cp2015_world

    data = cp2015.load(SHARED / "cp2015" / "original")
    start = time.perf_counter()
    world, _ = cp2015_world(data, deficits="zero")  # first compile happens here
    shock = Shock(tariffs=data.nafta_tariffs())
    eq = solve(world, shock)
    cold = time.perf_counter() - start
    warm = _time(lambda: solve(world, shock), repeat)
    welfare = welfare_function(world)
    import jax

    grad = jax.jit(jax.grad(lambda t: welfare(t)[data_index("Mexico")]))
    tariffs = jnp.asarray(shock.tariffs)
    grad(tariffs).block_until_ready()
    grad_warm = _time(lambda: grad(tariffs).block_until_ready(), max(3, repeat // 4))
    return {
        "nafta_cold_s": cold,
        "nafta_warm_s": warm,
        "nafta_iterations": eq.iterations,
        "nafta_grad_warm_s": grad_warm,
    }


def data_index(country: str) -> int:
    from tradewar.data import cp2015

    return cp2015.REGIONS.index(country)


def bench_gravity(repeat: int) -> dict[str, float]:
    from tradewar import replication

    path = SHARED / "gegravity" / "sample_data_set.dlm"
    start = time.perf_counter()
    replication.gegravity_experiment(path)
    cold = time.perf_counter() - start
    eq = replication.gegravity_experiment(path)
    from tradewar.model import Shock, solve

    shock = Shock(trade_costs=eq.shock.trade_costs)
    warm = _time(lambda: solve(eq.baseline, shock, deficits="ratio"), repeat)
    out: dict[str, float] = {"gravity_cold_s": cold, "gravity_warm_s": warm}
    try:
        import gegravity as ge
        import pandas as pd
    except ImportError:
        return out
    frame = pd.read_csv(path).assign(constant=1)
    coefficients = {**replication.GEGRAVITY_COEFFICIENTS, "constant": 16.32434}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = ge.BaselineData(
            frame, imp_var_name="importer", exp_var_name="exporter", year_var_name="year",
            trade_var_name="trade", expend_var_name="E", output_var_name="Y",
        )  # fmt: skip
        est = pd.DataFrame(
            [(k, v, 0.0) for k, v in coefficients.items()], columns=["var", "beta", "stderr"]
        )
        costs = ge.CostCoeffs(
            estimates=est, identifier_col="var", coeff_col="beta", stderr_col="stderr"
        )

        def run() -> None:
            model = ge.OneSectorGE(
                baseline=base, cost_coeff_values=costs, cost_variables=list(coefficients),
                year="2006", reference_importer="DEU", sigma=5, quiet=True,
            )  # fmt: skip
            model.build_baseline(omr_rescale=1)
            exp = model.baseline_data.copy()
            pair = ((exp.importer == "CAN") & (exp.exporter == "JPN")) | (
                (exp.importer == "JPN") & (exp.exporter == "CAN")
            )
            exp.loc[pair, "pta"] = 1
            model.define_experiment(exp)
            start = time.perf_counter()
            model.simulate()
            times.append(time.perf_counter() - start)

        times: list[float] = []
        for _ in range(max(3, repeat // 4)):
            run()
    out["gegravity_simulate_s"] = statistics.median(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = {**bench_nafta(args.repeat), **bench_gravity(args.repeat)}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    warm = figures["nafta_warm_s"]
    print(
        f"NAFTA counterfactual: cold {figures['nafta_cold_s']:.2f} s (JIT included), "
        f"warm {1000 * warm:.1f} ms ({figures['nafta_iterations']} iterations; target <= 20 ms)"
    )
    print(
        f"  gradient of Mexico's welfare w.r.t. all 38,440 tariffs: "
        f"{1000 * figures['nafta_grad_warm_s']:.1f} ms warm"
    )
    for peer, seconds in PEERS.items():
        print(f"  vs {peer} {seconds:g} s: {seconds / warm:,.0f}x faster")
    gw = figures["gravity_warm_s"]
    print(
        f"gegravity CAN-JPN experiment: cold {figures['gravity_cold_s']:.2f} s, "
        f"warm {1000 * gw:.2f} ms (target <= 10 ms)"
    )
    if "gegravity_simulate_s" in figures:
        g = figures["gegravity_simulate_s"]
        print(f"  gegravity 0.3 simulate() here: {g:.3f} s -> {g / gw:,.0f}x")
    print(f"  vs issue's gegravity figure {GEGRAVITY_PEER} s: {GEGRAVITY_PEER / gw:,.0f}x")


if __name__ == "__main__":
    main()
