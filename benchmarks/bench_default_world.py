"""How long the default world takes to load (cold, from the package CSVs) and to rebuild.

Run: ``PYTHONPATH=src python benchmarks/bench_default_world.py``.
"""

from __future__ import annotations

import time


def main() -> None:
    start = time.perf_counter()
    from tradewar.worlds import build_files, default_world
    from tradewar.worlds._default import _default

    imported = time.perf_counter()
    world = default_world()
    loaded = time.perf_counter()
    _default.cache_clear()
    reloads = []
    for _ in range(5):
        t0 = time.perf_counter()
        _default.cache_clear()
        default_world()
        reloads.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    default_world()
    cached = time.perf_counter() - t0
    t0 = time.perf_counter()
    build_files()
    built = time.perf_counter() - t0
    print(f"import tradewar.worlds      {imported - start:8.3f} s")
    print(f"first default_world()       {loaded - imported:8.3f} s  ({world})")
    print(f"reload (best of 5)          {min(reloads):8.3f} s")
    print(f"cached default_world()      {cached * 1e6:8.1f} us")
    print(f"build_files() (full build)  {built:8.3f} s")


if __name__ == "__main__":
    main()
