"""Where a command's time goes: named wall-clock phases, recorded only when asked.

Set ``$TRADEWAR_PROFILE`` to a file path and the CLI writes, at exit, how long each phase took
(``benchmarks/bench_cli.py`` reads it). Code marks a phase with ``with phase("solve"): ...``;
phases nest, and each is charged only its own time (its inner phases are charged to themselves).
JAX's tracing and XLA compilation inside any phase are taken out of it and charged to
``tracing`` and ``compilation`` (from JAX's monitoring events), so ``solve`` is the solving
alone. When the variable is unset a phase costs one dictionary lookup and records nothing.
"""

from __future__ import annotations

import builtins
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Environment variable: write the phase timings of this process to this file at exit.
PROFILE_ENV = "TRADEWAR_PROFILE"

# JAX monitoring events (jax._src.dispatch) and the phase each one is charged to.
_JAX_EVENTS = {
    "/jax/core/compile/jaxpr_trace_duration": "tracing",
    "/jax/core/compile/jaxpr_to_mlir_module_duration": "tracing",
    "/jax/core/compile/backend_compile_duration": "compilation",
}

_totals: defaultdict[str, float] = defaultdict(float)
_counts: defaultdict[str, int] = defaultdict(int)


@dataclass
class _Frame:
    name: str
    start: float
    charged_elsewhere: float = 0.0  # inner phases' and JAX's time


_stack: list[_Frame] = []
_listening = False


def enabled() -> bool:
    return bool(os.environ.get(PROFILE_ENV))


def _on_jax_duration(event: str, duration_secs: float, **_: str | int) -> None:
    target = _JAX_EVENTS.get(event)
    if target is None:
        return
    _totals[target] += duration_secs
    _counts[target] += 1
    if _stack:
        _stack[-1].charged_elsewhere += duration_secs


def _on_jax_event(event: str, **_: str | int) -> None:
    if event.startswith("/jax/compilation_cache/cache_"):
        _counts[event.rsplit("/", 1)[1]] += 1


def _listen_to_jax() -> None:
    """Subscribe to JAX's timing events once JAX is loaded (never load it for this)."""
    global _listening
    if _listening or "jax" not in sys.modules:
        return
    import jax.monitoring  # already loaded with jax; imported here so profiling never loads it

    jax.monitoring.register_event_duration_secs_listener(_on_jax_duration)
    jax.monitoring.register_event_listener(_on_jax_event)
    _listening = True


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Charge the time spent inside the block to phase ``name`` (when profiling is on)."""
    if not enabled():
        yield
        return
    _listen_to_jax()
    frame = _Frame(name, time.perf_counter())
    _stack.append(frame)
    try:
        yield
    finally:
        _stack.pop()
        elapsed = time.perf_counter() - frame.start
        _totals[name] += max(elapsed - frame.charged_elsewhere, 0.0)
        _counts[name] += 1
        if _stack:
            _stack[-1].charged_elsewhere += elapsed
        _listen_to_jax()  # JAX may have been loaded inside the block


def track_imports() -> None:
    """Charge every import statement's time to phase ``imports`` (profiling only).

    Commands import their heavy packages when they run; without this, that time would be
    charged to whichever phase happened to trigger the import.
    """
    original = builtins.__import__
    depth = 0

    def timed_import(*args: Any, **kwargs: Any) -> Any:
        nonlocal depth
        if depth:
            return original(*args, **kwargs)
        depth += 1
        try:
            with phase("imports"):
                return original(*args, **kwargs)
        finally:
            depth -= 1

    builtins.__import__ = timed_import


def snapshot() -> dict[str, Any]:
    """The phases recorded so far: seconds and counts by phase, and JAX cache hits/misses."""
    return {"seconds": dict(_totals), "counts": dict(_counts), "jax_loaded": "jax" in sys.modules}


def write(path: str | Path, **extra: Any) -> None:
    """Write :func:`snapshot` (and ``extra``) as JSON to ``path``."""
    Path(path).write_text(json.dumps({**snapshot(), **extra}, indent=2), encoding="utf-8")
