"""Scenarios: validated TOML descriptions of counterfactuals, and the built-in library.

:func:`load_scenario` reads a file; :class:`ScenarioBuilder` builds one in Python and
:func:`parse_tariff` reads the one-line ``--tariff`` form (``USA<-CHN:=60%@2027-01-01``);
:func:`builtin_scenarios` gives the story of the US–China trade war (the 2024 baseline, the peak
of 2025-04-10, the truces, the Supreme Court ruling, today, the truce lapsing, Section 301
excess-capacity duties, full decoupling, the Beijing deal and 2025 as it happened);
:func:`compile_scenario` turns one into a world, a shock and purchase targets for
:mod:`tradewar.model`, with every input and its source. Policies come from a
:class:`PolicySource`, by default the built-in timeline (:class:`TimelinePolicy`).
"""

from typing import TYPE_CHECKING, Any

from tradewar.scenarios._builder import TARIFF_SYNTAX, ScenarioBuilder, parse_tariff
from tradewar.scenarios._library import builtin_dir, builtin_scenario, builtin_scenarios
from tradewar.scenarios._policy import (
    CommitmentRef,
    EventRef,
    HistoryPoint,
    PolicyHistory,
    PolicySource,
    PolicyTariffs,
    RecordRef,
    TimelinePolicy,
    timeline_version,
    weighted_period,
)
from tradewar.scenarios._schema import (
    CommitmentSpec,
    Observed,
    Policy,
    Scenario,
    Tariff,
    load_scenario,
    parse_scenario,
    scenario_schema,
)
from tradewar.scenarios._worlds import load_world_file, save_world, world_fingerprint, world_info

if TYPE_CHECKING:
    from tradewar.scenarios._compile import (
        CompiledCommitment,
        CompiledScenario,
        InputRef,
        compile_scenario,
        scenario_hash,
    )

#: Names that need the model (and so JAX): imported on first use, so that reading, listing and
#: validating scenario files never loads JAX (tests/cli/test_lazy_imports.py).
_NEEDS_MODEL = frozenset(
    {"CompiledCommitment", "CompiledScenario", "InputRef", "compile_scenario", "scenario_hash"}
)


def __getattr__(name: str) -> Any:
    if name in _NEEDS_MODEL:
        from tradewar.scenarios import _compile

        return getattr(_compile, name)
    raise AttributeError(f"module 'tradewar.scenarios' has no attribute {name!r}")


__all__ = [
    "TARIFF_SYNTAX",
    "CommitmentRef",
    "CommitmentSpec",
    "CompiledCommitment",
    "CompiledScenario",
    "EventRef",
    "HistoryPoint",
    "InputRef",
    "Observed",
    "Policy",
    "PolicyHistory",
    "PolicySource",
    "PolicyTariffs",
    "RecordRef",
    "Scenario",
    "ScenarioBuilder",
    "Tariff",
    "TimelinePolicy",
    "builtin_dir",
    "builtin_scenario",
    "builtin_scenarios",
    "compile_scenario",
    "load_scenario",
    "load_world_file",
    "parse_scenario",
    "parse_tariff",
    "save_world",
    "scenario_hash",
    "scenario_schema",
    "timeline_version",
    "weighted_period",
    "world_fingerprint",
    "world_info",
]
