"""``tradewar run``: the built-in scenarios on the default world, end to end.

Run from the repository root:

    python benchmarks/bench_run.py [--json]

Reports, for the eleven built-in scenarios:

* ``cold``: ``tradewar run --json --no-save`` in a fresh process with an empty JAX compilation
  cache (imports, timeline compile, JIT compilation, solves);
* ``warm_cache``: the same command again, with the persistent compilation cache it filled;
* ``in_process``: a second ``run_scenarios`` call in the same process (everything compiled), split
  into the compile (timeline) and solve phases from the progress events.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _command(cache: str) -> float:
    env = dict(os.environ, TRADEWAR_JAX_CACHE=cache)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from tradewar.cli import main; main()",
            "run",
            "--json",
            "--no-save",
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _in_process() -> dict[str, float]:
    from tradewar.runner import run_scenarios
    from tradewar.scenarios import TimelinePolicy, builtin_scenarios

    run_scenarios(builtin_scenarios())  # compile everything once
    marks: dict[str, float] = {}

    def progress(event):
        marks.setdefault(event.stage, time.perf_counter())

    start = time.perf_counter()
    run_scenarios(builtin_scenarios(), source=TimelinePolicy(), progress=progress)
    end = time.perf_counter()
    return {
        "compile_s": marks["solve"] - start,
        "solve_and_tables_s": end - marks["solve"],
        "total_s": end - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        out = {"cold_s": _command(cache), "warm_cache_s": _command(cache)}
    out.update({f"in_process_{k}": v for k, v in _in_process().items()})
    if args.json:
        print(json.dumps(out, indent=2))
        return
    for key, value in out.items():
        print(f"{key:32s} {value:8.2f}")


if __name__ == "__main__":
    main()
