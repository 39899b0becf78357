"""Compile every solver program the CLI's main commands use, so that JAX caches them on disk.

JAX keys its persistent cache by the compiled program, which depends on array shapes, dtypes and
the solver's static settings, never on the values. One scenario of each kind (world, deficit
rule, with or without commitments) therefore compiles everything that all the built-in
scenarios need, and one optimal-tariff problem everything the strategy commands share.
"""

from __future__ import annotations

from typing import Any

import jax.monitoring

from tradewar.runner._runner import run_scenarios
from tradewar.scenarios import Scenario, builtin_scenarios


def representatives(scenarios: tuple[Scenario, ...]) -> list[Scenario]:
    """The first scenario of each kind: world, deficit rule, with or without commitments."""
    kinds: dict[tuple[str, str, bool], Scenario] = {}
    for scenario in scenarios:
        kinds.setdefault((scenario.world, scenario.deficits, bool(scenario.commitments)), scenario)
    return list(kinds.values())


def warm_up(*, strategy: bool = True) -> dict[str, Any]:
    """Solve one built-in scenario of each kind (and, with ``strategy``, USA's optimal tariffs).

    The caller points JAX at a cache first (:func:`enable_compilation_cache`). Returns how many
    scenario kinds were solved and how many programs JAX compiled or loaded.
    """
    programs = 0

    def count(event: str, duration_secs: float, **_: str | int) -> None:
        nonlocal programs
        if event == "/jax/core/compile/backend_compile_duration":
            programs += 1

    jax.monitoring.register_event_duration_secs_listener(count)
    try:
        kinds = representatives(builtin_scenarios())
        run_scenarios(kinds, store=None)
        if strategy:
            # The strategy layer sits above the runner; only the warmup needs it.
            from tradewar.strategy import CaliendoParro, optimal_tariffs
            from tradewar.worlds import default_world

            optimal_tariffs(CaliendoParro(default_world(), deficits="zero"), "USA").check()
    finally:
        jax.monitoring.unregister_event_duration_listener(count)
    return {"scenarios": len(kinds), "programs": programs}
