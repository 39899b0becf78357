"""Solve time of the default world, warm and cold, next to the old 13 x 19 one; load and build.

Run from the repository root (two cores, as in the issue's target)::

    PYTHONPATH=src taskset -c 0,1 python benchmarks/bench_default_world.py [--repeat 20]

The old world is read from git (``--old-ref``, the last commit with the 13 x 19 world) into a
temporary folder. "Cold" is the first solve of a world's shape in this process (JIT compilation
included), "warm" the median of ``--repeat`` later solves; the shock is a 25-point US-China
tariff increase on every goods sector, both ways. Target (issue 12): warm <= 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_REF = "bbb8bd7"
OLD_FILES = ("trade.csv", "tariffs.csv", "io_share.csv", "theta.csv", "manifest.json")


def _old_world(ref: str):
    from tradewar.worlds import load_built

    folder = Path(tempfile.mkdtemp())
    for name in OLD_FILES:
        path = f"src/tradewar/worlds/data/built/{name}"
        data = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{ref}:{path}"], capture_output=True, check=True
        ).stdout
        (folder / name).write_bytes(data)
    return load_built(folder)


def _shock(world):
    from tradewar.model import Shock

    usa, chn = world.country_index("USA"), world.country_index("CHN")
    goods = [k for k, s in enumerate(world.sectors) if not s.startswith("svc_")]
    tariffs = world.tariffs.copy()
    tariffs[usa, chn, goods] += 0.25
    tariffs[chn, usa, goods] += 0.25
    return Shock(tariffs=tariffs)


def _solve_times(world, repeat: int) -> tuple[float, float, int]:
    from tradewar.model import solve

    shock = _shock(world)
    start = time.perf_counter()
    eq = solve(world, shock)
    cold = time.perf_counter() - start
    if not eq.converged:
        raise SystemExit(f"{world.name}: the solve did not converge ({eq.outcome.message})")
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        solve(world, shock)
        times.append(time.perf_counter() - t0)
    return cold, statistics.median(times), eq.iterations


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--old-ref", default=OLD_REF)
    args = parser.parse_args()
    start = time.perf_counter()
    from tradewar.worlds import default_world

    world = default_world()
    loaded = time.perf_counter() - start
    print(f"load default_world() (import included)  {loaded:8.3f} s  ({world})")
    for label, w in (("new", world), ("old", _old_world(args.old_ref))):
        cold, warm, iterations = _solve_times(w, args.repeat)
        shape = f"{w.n_countries} x {w.n_sectors}"
        print(
            f"{label} {shape:8s} solve cold {cold:7.3f} s   warm {1e3 * warm:7.1f} ms "
            f"({iterations} iterations)"
        )


if __name__ == "__main__":
    main()
