"""One scenario at each horizon (``1y``, ``3y``, ``long-run``), cold and warm.

Run from the repository root:

    python benchmarks/bench_horizons.py [--scenario as-it-happened-2025] [--json]

``cold``: a fresh process with an empty JAX compilation cache (imports, timeline compile, JIT,
solve); ``warm``: a second ``run_scenarios`` call in the same process (everything compiled).
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
HORIZONS = ("1y", "3y", "long-run")

_CHILD = """
import sys, time
from tradewar.runner import run_scenarios
from tradewar.scenarios import builtin_scenarios
name, horizon = sys.argv[1], sys.argv[2]
(scenario,) = [s for s in builtin_scenarios() if s.name == name]
scenario = scenario.model_copy(update={"horizon": horizon})
start = time.perf_counter()
run_scenarios([scenario])
cold = time.perf_counter() - start
start = time.perf_counter()
run = run_scenarios([scenario])
warm = time.perf_counter() - start
assert run.converged
print(cold, warm)
"""


def _measure(name: str, horizon: str, cache: str) -> dict[str, float]:
    env = dict(os.environ, TRADEWAR_JAX_CACHE=cache)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, name, horizon],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    process = time.perf_counter() - start
    cold, warm = (float(x) for x in out.stdout.split())
    return {"process_s": process, "first_run_s": cold, "warm_run_s": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="as-it-happened-2025")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = {}
    for horizon in HORIZONS:
        with tempfile.TemporaryDirectory() as cache:
            out[horizon] = _measure(args.scenario, horizon, cache)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    for horizon, values in out.items():
        cells = "  ".join(f"{k} {v:7.2f}" for k, v in values.items())
        print(f"{horizon:9s} {cells}")


if __name__ == "__main__":
    main()
