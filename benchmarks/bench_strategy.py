"""Strategy-layer benchmarks on Ossa's (2014) data, against the issue's reference figures.

Run from the repository root (with ../shared beside it):

    python benchmarks/bench_strategy.py [--repeat 5] [--json]

Cases (BAS, lambda = 1): the US optimal MFN tariff; the US optimal non-MFN tariff (MFN stage
first, as Ossa does); one round of seven MFN best responses from everyone's optimal tariffs (the
issue's "MFN Nash, seven best responses"); and the whole MFN Nash equilibrium to its fixed point.
Each case is timed cold, in a fresh subprocess with JAX's persistent cache off (so JIT
compilation is included); cached, in a fresh subprocess reading compiled code from a filled
persistent cache (as the CLI does); and warm, as the median of ``--repeat`` in-process calls.
Reference (Ossa's MATLAB, on a machine like ours, from the issue): 50.6 s, 339 s, 175 s;
targets 1 s, 5 s, 10 s. Ratios are reference / ours.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ossa2014" / "mat"
REFERENCE = {"us_mfn_optimal": 50.6, "us_bilateral_optimal": 339.0, "mfn_nash_round": 175.0}
TARGET = {"us_mfn_optimal": 1.0, "us_bilateral_optimal": 5.0, "mfn_nash_round": 10.0}
CASES = ("us_mfn_optimal", "us_bilateral_optimal", "mfn_nash_round", "mfn_nash_full")


def _setup():  # type: ignore[no-untyped-def]
    import jax

    jax.config.update("jax_enable_x64", True)
    from tradewar.ossa import OssaModel, load_ossa2014

    return OssaModel(load_ossa2014(DATA), lobbying="BAS")


def run(case: str, model) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Solve one case and return its headline numbers (every result is checked)."""
    import numpy as np

    from tradewar.strategy import nash_equilibrium, optimal_tariffs

    if case == "us_mfn_optimal":
        r = optimal_tariffs(model, "US").check()
        return {"median_pct": 100 * r.median_rate, "welfare_pct": 100 * (r.welfare[6] - 1)}
    if case == "us_bilateral_optimal":
        r = optimal_tariffs(model, "US", mfn=False).check()
        return {"median_pct": 100 * r.median_rate, "welfare_pct": 100 * (r.welfare[6] - 1)}
    start = _optimal_profile(model)
    if case == "mfn_nash_round":
        war = nash_equilibrium(model, start=start, max_rounds=1)
        if not all(r.converged for r in war.responses) or war.best_responses != 7:
            raise RuntimeError("a best response of the round did not converge")
        return {"best_responses": war.best_responses, "change": war.change}
    war = nash_equilibrium(model, start=start).check()
    return {"rounds": war.rounds, "mean_welfare_pct": 100 * float(np.mean(war.welfare - 1))}


_PROFILE: dict[int, object] = {}


def _optimal_profile(model):  # type: ignore[no-untyped-def]
    """Everyone's optimal MFN tariffs against factual ones (Ossa's Nash starting point)."""
    import numpy as np

    from tradewar.strategy import optimal_tariffs

    if id(model) not in _PROFILE:
        start = np.zeros_like(model.factual_tariffs())
        for j in range(7):
            start[j] = optimal_tariffs(model, j).check().tariffs[j]
        _PROFILE[id(model)] = start
    return _PROFILE[id(model)]


def cold(case: str, cache: str | None = None) -> dict[str, float]:
    """Time ``case`` in a fresh interpreter: compilation included, or, with ``cache``, read
    from JAX's persistent compilation cache in that folder (what the CLI does by default)."""
    env = {**os.environ, "JAX_ENABLE_COMPILATION_CACHE": "false" if cache is None else "true"}
    args = [] if cache is None else ["--cache", cache]
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(case: str, cache: str | None) -> None:
    """Cold run: for the Nash cases the clock also covers computing the starting point (seven
    optimal tariffs, which Ossa loads from a file instead), so cold times are conservative."""
    if cache is not None:
        import jax

        jax.config.update("jax_compilation_cache_dir", cache)
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    model = _setup()
    began = time.perf_counter()
    numbers = run(case, model)
    print(json.dumps({"seconds": time.perf_counter() - began, **numbers}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.cache)
        return
    model = _setup()
    report = {}
    import tempfile

    folder = tempfile.mkdtemp(prefix="tradewar-bench-cache-")
    for case in CASES:
        first = cold(case)
        cold(case, folder)  # fills the disk cache
        cached = cold(case, folder)
        run(case, model)  # compile in this process (and compute the Nash starting point)
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            numbers = run(case, model)
            times.append(time.perf_counter() - began)
        warm = statistics.median(times)
        entry = {"cold_s": first["seconds"], "cached_s": cached["seconds"], "warm_s": warm}
        entry |= numbers
        if case in REFERENCE:
            entry |= {
                "reference_s": REFERENCE[case],
                "target_s": TARGET[case],
                "ratio_cold": REFERENCE[case] / first["seconds"],
                "ratio_warm": REFERENCE[case] / warm,
            }
        report[case] = entry
    if args.json:
        print(json.dumps(report, indent=2))
        return
    head = f"{'case':22s} {'cold s':>8s} {'cached s':>9s} {'warm s':>8s} {'ref s':>7s}"
    print(head + f" {'target':>7s} {'ratio':>14s}")
    for case, e in report.items():
        ref = f"{e['reference_s']:7.1f} {e['target_s']:7.1f}" if "reference_s" in e else " " * 15
        ratio = f"{e['ratio_cold']:5.0f}x/{e['ratio_warm']:6.0f}x" if "ratio_cold" in e else ""
        times = f"{e['cold_s']:8.2f} {e['cached_s']:9.2f} {e['warm_s']:8.3f}"
        print(f"{case:22s} {times} {ref} {ratio:>14s}")
    load = os.getloadavg()[0]
    print(f"cores: {os.cpu_count()}, load average {load:.1f}; ratio = reference / ours (cold/warm)")


if __name__ == "__main__":
    main()
