"""Scenarios: validated TOML descriptions of counterfactuals, and the built-in library.

:func:`load_scenario` reads a file; :class:`ScenarioBuilder` builds one in Python and
:func:`parse_tariff` reads the one-line ``--tariff`` form (``USA<-CHN:=60%@2027-01-01``);
:func:`builtin_scenarios` gives the story of the US–China trade war (the 2024 baseline, the peak
of 2025-04-10, the truces, the Supreme Court ruling, today, the truce lapsing, Section 301
excess-capacity duties, full decoupling, the Beijing deal and 2025 as it happened). Policies come
from a :class:`PolicySource`, by default the built-in timeline (:class:`TimelinePolicy`).

Reading, listing and validating scenario files loads no JAX (tests/cli/test_lazy_imports.py):
this package never imports the model. :func:`tradewar.compile.compile_scenario` turns a scenario
into a world, a shock and purchase targets for :mod:`tradewar.model`.
"""

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
    sector_labels,
    timeline_version,
    weighted_period,
)
from tradewar.scenarios._schema import (
    PHYSICAL_UNITS,
    CommitmentSpec,
    Elasticities,
    Observed,
    Policy,
    Scenario,
    Tariff,
    load_scenario,
    parse_scenario,
    scenario_schema,
)

__all__ = [
    "PHYSICAL_UNITS",
    "TARIFF_SYNTAX",
    "CommitmentRef",
    "CommitmentSpec",
    "Elasticities",
    "EventRef",
    "HistoryPoint",
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
    "load_scenario",
    "parse_scenario",
    "parse_tariff",
    "scenario_schema",
    "sector_labels",
    "timeline_version",
    "weighted_period",
]
