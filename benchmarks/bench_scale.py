"""Scale benchmarks: batched solves, 1,000-draw Monte Carlo, sweeps on 1 vs 2 Dask workers.

Run from the repository root (each part can be run alone; the machine should be quiet)::

    python benchmarks/bench_scale.py solves [--repeat 5] [--worlds default,80x45]
    python benchmarks/bench_scale.py mc [--draws 1000] [--workers 2]
    python benchmarks/bench_scale.py run [--draws 1000]
    python benchmarks/bench_scale.py sweep [--points 48] [--repeat 3]
    python benchmarks/bench_scale.py all --json

``solves``: solves per second for one solve (``solve``) and for batches of 10, 100 and 1,000
counterfactuals (``solve_batch``, draws of theta), on the default 13 x 19 world and on a
synthetic 80-economy x 45-sector world (``random_world(0, 80, 45)``), plus the cost per solve
against the vectorised width (``chunk_size``): the batching curve. Warm times (compilation
excluded; compile times reported apart) are medians of ``--repeat`` runs.

``mc``: wall time of 1,000 Monte Carlo draws of the 80 x 45 world on ``--workers`` local Dask
worker processes (one thread each, XLA/BLAS pinned), cluster start and compilation included.
Target: at most 10 minutes on 2 cores.

``run``: ``tradewar run --draws 1000`` on every built-in scenario of the default world (this
process): the seconds each scenario's Monte Carlo took, and its failures.

``sweep``: wall time of the same sweep (``--points`` tariff levels on the 80 x 45 world) on 1
and on 2 local Dask workers, each timed from a cluster whose workers have already compiled
(``warm``) and from a cold start (``cold``: cluster start, compilation and solves). Target:
1 -> 2 workers at least 1.6x faster. The workers' CPU seconds are recorded too: on a shared
machine ``cpu_share`` (CPU seconds over worker wall seconds) shows how much of the time the
workers actually had a core.

The machine's load average is printed with every result: on a shared machine, timings are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

RESULTS: dict[str, Any] = {}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def world_by_name(name: str) -> Any:
    if name == "default":
        from tradewar.worlds import default_world

        return default_world()
    n, j = (int(x) for x in name.split("x"))
    from tradewar.worlds.examples import random_world

    return random_world(0, n, j)


def war_shock(world: Any) -> np.ndarray:
    """All tariffs up by 25 points: a shock of trade-war size touching every pair."""
    tariffs = world.tariffs + 0.25
    idx = np.arange(world.n_countries)
    tariffs[idx, idx, :] = 0.0
    return tariffs


def thetas(world: Any, count: int, seed: int = 0) -> np.ndarray:
    from tradewar.uncertainty import proportional

    return proportional(world.sectors, world.theta, 0.25).sample(count, seed)


def timed(fn: Any, repeat: int) -> tuple[float, float]:
    """Median wall and median process CPU seconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def bench_solves(worlds: list[str], repeat: int) -> None:
    for name in worlds:
        RESULTS[f"solves_{name}"] = bench_world(name, repeat)


def bench_world(name: str, repeat: int) -> dict[str, Any]:
    """Single solve, batches of 10/100/1000 and the vmap-width curve on one world."""
    from tradewar.batch.outputs import default_chunk_size
    from tradewar.model import Shock, solve, solve_batch

    world = world_by_name(name)
    tariffs = war_shock(world)
    shock = Shock(tariffs=tariffs)
    out: dict[str, Any] = {"world": f"{world.n_countries}x{world.n_sectors}"}
    start = time.perf_counter()
    eq = solve(world, shock)
    out["single_cold_s"] = time.perf_counter() - start
    out["single_iterations"] = eq.iterations
    wall, cpu = timed(lambda: solve(world, shock), repeat)
    out.update(single_wall_s=wall, single_cpu_s=cpu, single_solves_per_s=1 / wall)
    note(
        f"[{name}] single solve: {1e3 * wall:.1f} ms wall, {1e3 * cpu:.1f} ms CPU "
        f"({eq.iterations} iterations) | {load()}"
    )

    chunk = default_chunk_size(world)
    out["default_chunk_size"] = chunk
    for size in (10, 100, 1000):
        draws = thetas(world, size)
        start = time.perf_counter()
        result = solve_batch(world, tariffs=tariffs, theta=draws, chunk_size=chunk)
        first = time.perf_counter() - start
        reps = repeat if size * wall < 20 else 1
        bwall, bcpu = timed(
            lambda d=draws: solve_batch(world, tariffs=tariffs, theta=d, chunk_size=chunk),
            reps,
        )
        out[f"batch{size}"] = {
            "wall_s": bwall,
            "cpu_s": bcpu,
            "first_call_s": first,
            "solves_per_s": size / bwall,
            "failures": result.failures,
        }
        note(
            f"[{name}] batch of {size:>4} (width {chunk}): {size / bwall:8.1f} solves/s "
            f"({bwall:.2f} s wall, {bcpu:.2f} s CPU; first call {first:.2f} s) | {load()}"
        )

    cells = world.n_countries**2 * world.n_sectors
    widths = (1, 4, 16) if cells > 100_000 else (1, 8, 64, 256)
    curve = {}
    for width in widths:
        count = max(2 * width, 16)
        draws = thetas(world, count, seed=1)
        start = time.perf_counter()
        solve_batch(world, tariffs=tariffs, theta=draws, chunk_size=width)
        cold = time.perf_counter() - start
        cwall, ccpu = timed(
            lambda d=draws, w=width: solve_batch(world, tariffs=tariffs, theta=d, chunk_size=w),
            max(1, repeat // 2),
        )
        curve[width] = {
            "ms_per_solve_wall": 1e3 * cwall / count,
            "ms_per_solve_cpu": 1e3 * ccpu / count,
            "first_call_s": cold,
        }
        note(
            f"[{name}] vmap width {width:>3}: {1e3 * cwall / count:8.2f} ms wall, "
            f"{1e3 * ccpu / count:8.2f} ms CPU per solve (batch of {count}) | {load()}"
        )
    out["vmap_curve"] = curve
    return out


def bench_mc(draws: int, workers: int, world_name: str) -> None:
    from tradewar.batch import open_executor
    from tradewar.model import Shock
    from tradewar.uncertainty import monte_carlo, proportional

    world = world_by_name(world_name)
    shock = Shock(tariffs=war_shock(world))
    dist = proportional(world.sectors, world.theta, 0.25)
    before = load()
    start = time.perf_counter()
    with open_executor(workers=workers) as executor:
        started = time.perf_counter() - start
        mc = monte_carlo(world, shock, draws=draws, distribution=dist, executor=executor)
    wall = time.perf_counter() - start
    RESULTS[f"mc_{world_name}"] = {
        "draws": draws,
        "workers": workers,
        "wall_s": wall,
        "cluster_start_s": started,
        "solve_s": mc.seconds,
        "failed": mc.failures,
        "load_before": before,
        "load_after": load(),
    }
    note(
        f"[mc {world_name}] {draws} draws on {workers} workers: {wall:.1f} s wall "
        f"({started:.1f} s cluster start), {mc.failures} failed | {before} -> {load()}"
    )


def bench_run(draws: int) -> None:
    """``tradewar run --draws N`` on every built-in scenario, in this process."""
    from tradewar.runner import run_scenarios
    from tradewar.scenarios import builtin_scenarios
    from tradewar.uncertainty import BandOptions

    before = load()
    start = time.perf_counter()
    run = run_scenarios(list(builtin_scenarios()), bands=BandOptions(draws=draws))
    wall = time.perf_counter() - start
    per = {}
    for result in run.scenarios:
        bands = result.meta.get("bands", {})
        per[result.name] = {
            "seconds": bands.get("seconds"),
            "failed": bands.get("failed"),
            "converged": bands.get("converged"),
        }
        usa = [r for r in result.table("bands").to_dict("records") if r["iso3"] == "USA"]
        welfare = next((r for r in usa if r["variable"] == "welfare_pct"), None)
        note(
            f"[run --draws {draws}] {result.name:24s} {bands.get('seconds', 0):6.1f} s, "
            f"{bands.get('failed')} failed; USA welfare q05..q95 "
            + (f"{welfare['q05']:+.3f}..{welfare['q95']:+.3f}%" if welfare else "-")
        )
    RESULTS["run_bands"] = {
        "draws": draws,
        "wall_s": wall,
        "scenarios": per,
        "load_before": before,
        "load_after": load(),
    }
    note(f"[run --draws {draws}] all built-in scenarios: {wall:.1f} s wall | {load()}")


def _sweep_spec(points: int, world_name: str) -> Any:
    from tradewar.sweep import parse_sweep

    world = f"random:0:{world_name.replace('x', ':')}"
    return parse_sweep(
        {
            "name": "bench",
            "world": world,
            "chunk_size": 1,
            "axes": [
                {
                    "name": "t",
                    "kind": "tariff",
                    "importer": "C0",
                    "exporter": "C1",
                    "sectors": "all",
                    "values": [float(5 * k) for k in range(points)],
                }
            ],
        }
    )


def _worker_cpu(executor: Any) -> float:
    """Total process CPU seconds of the cluster's workers so far."""
    return float(sum(executor.client.run(time.process_time).values()))


def bench_sweep(points: int, repeat: int, world_name: str) -> None:
    from tradewar.batch import open_executor
    from tradewar.sweep import parse_sweep
    from tradewar.sweep.run import run_sweep

    spec = _sweep_spec(points, world_name)
    warmup = parse_sweep(
        {
            **spec.model_dump(mode="json"),
            "name": "warmup",
            "axes": [{**spec.axes[0].model_dump(mode="json"), "values": [1.0, 2.0, 3.0, 4.0]}],
        }
    )
    out: dict[str, Any] = {"points": points, "world": world_name}
    runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(repeat):  # alternate 1 and 2 workers, so a change in load hits both alike
        for workers in (1, 2):
            tmp = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
            try:
                start = time.perf_counter()
                with open_executor(workers=workers) as executor:
                    run_sweep(warmup, tmp / "warm", executor=executor)  # compile on each worker
                    cpu0 = _worker_cpu(executor)
                    warm_start = time.perf_counter()
                    report = run_sweep(spec, tmp / "run", executor=executor)
                    warm = time.perf_counter() - warm_start
                    cpu = _worker_cpu(executor) - cpu0
                cold = time.perf_counter() - start
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            assert report.computed == points
            assert report.failed == 0
            # Share of the workers' wall time they actually got a CPU (1.0 = never starved).
            share = cpu / (workers * warm)
            runs[workers].append(
                {"warm_s": warm, "cold_s": cold, "worker_cpu_s": cpu, "cpu_share": share}
            )
            note(
                f"[sweep {world_name}] {points} points, {workers} worker(s): warm {warm:.1f} s "
                f"(workers on CPU {100 * share:.0f}% of it), cold (start + compile + solve) "
                f"{cold:.1f} s | {load()}"
            )
    for workers in (1, 2):
        out[f"workers{workers}"] = {
            key: statistics.median(r[key] for r in runs[workers])
            for key in ("warm_s", "cold_s", "worker_cpu_s", "cpu_share")
        }
        out[f"workers{workers}"]["runs"] = runs[workers]
    w1, w2 = out["workers1"], out["workers2"]
    out["speedup_warm"] = w1["warm_s"] / w2["warm_s"]
    out["speedup_cold"] = w1["cold_s"] / w2["cold_s"]
    # What the speedup would have been had each worker had a core to itself all along.
    out["speedup_per_cpu_second"] = (w1["warm_s"] * w1["cpu_share"]) / (
        w2["warm_s"] * w2["cpu_share"]
    )
    RESULTS[f"sweep_{world_name}"] = out
    note(
        f"[sweep {world_name}] speedup 1 -> 2 workers: warm {out['speedup_warm']:.2f}x, "
        f"cold {out['speedup_cold']:.2f}x, CPU-share corrected "
        f"{out['speedup_per_cpu_second']:.2f}x | {load()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["solves", "mc", "run", "sweep", "all"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--worlds", default="5x4,default,80x45")
    parser.add_argument(
        "--threads",
        choices=["pinned", "default"],
        default="pinned",
        help="pinned: XLA/BLAS on one thread in this process, as in each Dask worker",
    )
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--points", type=int, default=96)
    parser.add_argument("--world", default="80x45", help="world of the mc and sweep parts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.threads == "pinned":  # read when JAX starts its backend, at the first solve
        from tradewar.batch import PINNED_ENV

        os.environ.update(PINNED_ENV)
    RESULTS["machine"] = {
        "cpus": os.cpu_count(),
        "load_at_start": load(),
        "threads": args.threads,
    }
    if args.part in ("solves", "all"):
        bench_solves(args.worlds.split(","), args.repeat)
    if args.part in ("mc", "all"):
        bench_mc(args.draws, args.workers, args.world)
    if args.part in ("run", "all"):
        bench_run(args.draws)
    if args.part in ("sweep", "all"):
        bench_sweep(args.points, max(1, min(args.repeat, 3)), args.world)
    RESULTS["machine"]["load_at_end"] = load()
    if args.json:
        print(json.dumps(RESULTS, indent=2, default=str))


if __name__ == "__main__":
    main()
