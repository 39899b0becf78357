"""Compile a scenario into what the model solves: a world, a shock and purchase targets.

:func:`compile_scenario` reads the world the scenario names (:mod:`tradewar.worlds`), writes the
tariffs of its policy source (the timeline, :mod:`tradewar.scenarios`) into the world's tariff
array, and returns a :class:`CompiledScenario` whose inputs are each listed with their source
(:class:`InputRef`) and whose content has a hash (:func:`scenario_hash`). This package builds
:class:`~tradewar.model.Shock` values, so it loads the model (JAX); reading and validating
scenario files (:mod:`tradewar.scenarios`) does not.
"""

from tradewar.compile._compile import (
    CompiledCommitment,
    CompiledScenario,
    InputRef,
    compile_scenario,
    scenario_hash,
)
from tradewar.compile._worlds import apply_elasticities, base_world

__all__ = [
    "CompiledCommitment",
    "CompiledScenario",
    "InputRef",
    "apply_elasticities",
    "base_world",
    "compile_scenario",
    "scenario_hash",
]
