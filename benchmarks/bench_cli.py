"""Where each CLI command's time goes, from a cold process, against ``python -c "import jax"``.

Run from the repository root (``../shared/data`` is needed for ``replicate ossa2014``):

    python benchmarks/bench_cli.py [--repeat 3] [--only run,optimal] [--no-empty] [--json]

Every command runs in a fresh Python process, with ``$TRADEWAR_PROFILE`` set so that the CLI
writes its phase timings (``tradewar/_phases.py``) at exit, and with a private results store
(``$TRADEWAR_HOME``). Each command is timed twice over:

* ``empty``: a new, empty JAX compilation cache (everything is traced and compiled);
* ``warm``: the cache that a first run of the same command filled (tracing still happens in
  every process; XLA compilation is replaced by loading the cached program).

The floor is the same machine's ``python -c "import jax"``, timed alongside. The machine may be
shared: every figure is the minimum over ``--repeat`` runs (the run with the smallest total,
shown with its phases), and the load average before and after is printed.

Phases: ``start-up`` (interpreter and CLI import, argument parsing), ``imports`` (every import a
command makes as it runs, JAX's included), ``data`` (world, timeline compiled to tariffs, stored
run read), ``tracing`` and ``compilation`` (JAX, from its monitoring events), ``solve``
(equilibria), ``tables`` (results tabulated), ``rendering`` (terminal output, report HTML and
charts), ``writing`` (results store), ``other`` (the rest of the command: for the strategy
commands and ``replicate`` that is mostly their optimisation, for ``timeline`` the listing).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "timeline": ["timeline"],
    "tariffs": ["tariffs", "--on", "2025-06-01"],
    "run": ["run"],
    "optimal USA": ["optimal", "USA"],
    "war": ["war"],
    "talks": ["talks"],
    "report latest --html": ["report", "latest", "--html", "{tmp}/report.html"],
    "replicate ossa2014": ["replicate", "ossa2014"],
}
PHASES = (
    "start-up",
    "imports",
    "data",
    "tracing",
    "compilation",
    "solve",
    "tables",
    "rendering",
    "writing",
    "other",
)
TARGETS = {  # issue 16: seconds, or a multiple of the jax-import floor ("3x")
    ("run", "warm"): "3x",
    ("run", "empty"): 10.0,
    ("optimal USA", "warm"): 2.0,
    ("war", "warm"): 2.0,
    ("talks", "warm"): 2.0,
    ("report latest --html", "warm"): 5.0,
    ("replicate ossa2014", "warm"): 60.0,
    ("replicate ossa2014", "empty"): 60.0,
}


def _env(cache: Path, home: Path, profile: Path) -> dict[str, str]:
    env = dict(os.environ, TRADEWAR_JAX_CACHE=str(cache), TRADEWAR_HOME=str(home))
    env["TRADEWAR_PROFILE"] = str(profile)
    env.pop("TRADEWAR_STORE", None)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["COLUMNS"] = "120"
    return env


def floor() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import jax"], check=True)
    return time.perf_counter() - start


def run_once(args: list[str], cache: Path, home: Path) -> dict[str, Any]:
    """One cold process: total wall time and the phases it recorded."""
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp:
        profile = Path(tmp) / "phases.json"
        argv = [a.replace("{tmp}", tmp) for a in args]
        start_wall = time.time()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tradewar", *argv],
            cwd=ROOT,
            env=_env(cache, home, profile),
            capture_output=True,
            text=True,
        )
        total = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"tradewar {' '.join(argv)} failed:\n{done.stderr[-2000:]}")
        recorded = json.loads(profile.read_text())
    seconds = dict(recorded["seconds"])
    phases = {name: seconds.pop(name, 0.0) for name in PHASES if name not in ("start-up",)}
    phases["other"] = seconds.pop("command", 0.0) + sum(seconds.values())
    phases["start-up"] = recorded["main_entered_at"] - start_wall
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "total": total,
        "cpu": cpu,  # the process's CPU seconds: less sensitive than wall time to a busy machine
        "phases": phases,
        "counts": recorded["counts"],
        "jax_loaded": recorded["jax_loaded"],
    }


def best(args: list[str], cache: Path, home: Path, repeat: int, fresh: bool) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        if fresh:
            with tempfile.TemporaryDirectory(prefix="tw-jax-empty-") as empty:
                runs.append(run_once(args, Path(empty), home))
        else:
            runs.append(run_once(args, cache, home))
    return min(runs, key=lambda r: r["total"])


def measure(names: list[str], repeat: int, empty: bool) -> dict[str, Any]:
    results: dict[str, Any] = {"load_before": os.getloadavg(), "commands": {}}
    floors = []
    with tempfile.TemporaryDirectory(prefix="tw-bench-home-") as home_dir:
        home = Path(home_dir)
        cache = home / "jax-cache"
        # `report latest` needs a stored run; a first `run` also fills the warm cache.
        run_once(COMMANDS["run"], cache, home)
        for name in names:
            args = COMMANDS[name]
            row: dict[str, Any] = {}
            if empty:
                floors.append(floor())
                row["empty"] = best(args, cache, home, repeat, fresh=True)
            run_once(args, cache, home)  # fill the warm cache for this command
            floors.append(floor())
            row["warm"] = best(args, cache, home, repeat, fresh=False)
            floors.append(floor())
            results["commands"][name] = row
            # Each row as it is measured (stderr), so that a long session keeps what it has.
            print(json.dumps({name: row, "floor_so_far": min(floors)}), file=sys.stderr)
    results["floor"] = min(floors)
    results["load_after"] = os.getloadavg()
    return results


def verdict(name: str, state: str, total: float, floor_s: float) -> str:
    target = TARGETS.get((name, state))
    if target is None:
        return ""
    limit = float(target[:-1]) * floor_s if isinstance(target, str) else target
    label = f"<= {target} floor" if isinstance(target, str) else f"<= {target:g} s"
    return f"{label}: {'met' if total <= limit else f'missed by {total - limit:.1f} s'}"


def report(results: dict[str, Any]) -> str:
    floor_s = results["floor"]
    lines = [
        f"load average before {tuple(round(x, 2) for x in results['load_before'])}, "
        f"after {tuple(round(x, 2) for x in results['load_after'])}",
        f'floor: python -c "import jax" = {floor_s:.2f} s (minimum)',
        "",
        f"{'command':<22s}{'cache':<7s}{'total':>7s}{'cpu':>7s}{'x floor':>8s}"
        + "".join(f"{p[:8]:>9s}" for p in PHASES)
        + "  jax  target",
    ]
    for name, row in results["commands"].items():
        for state in ("empty", "warm"):
            if state not in row:
                continue
            r = row[state]
            cells = "".join(f"{r['phases'].get(p, 0.0):9.2f}" for p in PHASES)
            lines.append(
                f"{name:<22s}{state:<7s}{r['total']:7.2f}{r['cpu']:7.2f}"
                f"{r['total'] / floor_s:8.1f}{cells}"
                f"  {'yes' if r['jax_loaded'] else 'no ':<4s} "
                f"{verdict(name, state, r['total'], floor_s)}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure (minimum kept)")
    parser.add_argument("--only", help="comma-separated command names (default: all)")
    parser.add_argument("--no-empty", action="store_true", help="skip the empty-cache runs")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    opts = parser.parse_args()
    names = [n.strip() for n in opts.only.split(",")] if opts.only else list(COMMANDS)
    unknown = [n for n in names if n not in COMMANDS]
    if unknown:
        raise SystemExit(f"unknown command(s) {unknown}; known: {list(COMMANDS)}")
    results = measure(names, opts.repeat, not opts.no_empty)
    print(json.dumps(results, indent=2) if opts.json else report(results))


if __name__ == "__main__":
    main()
