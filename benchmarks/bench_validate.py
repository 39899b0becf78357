"""``tradewar validate`` end to end: both hindcast episodes on the default world.

Run from the repository root:

    python benchmarks/bench_validate.py [--json]

``cold``: ``tradewar validate --json`` in a fresh process with an empty JAX compilation cache;
``warm_cache``: the same command again with the cache it filled; ``in_process``: a second
``validate()`` call in the same process.
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
        [sys.executable, "-c", "from tradewar.cli import main; main()", "validate", "--json"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _in_process() -> float:
    from tradewar.hindcast import validate

    validate()
    start = time.perf_counter()
    validate()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        out = {"cold_s": _command(cache), "warm_cache_s": _command(cache)}
    out["in_process_s"] = _in_process()
    if args.json:
        print(json.dumps(out, indent=2))
        return
    for key, value in out.items():
        print(f"{key:16s} {value:8.2f}")


if __name__ == "__main__":
    main()
