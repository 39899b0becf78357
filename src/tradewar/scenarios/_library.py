"""The built-in scenarios: the story of the US–China trade war, as scenario files.

They ship as TOML in ``tradewar/scenarios/data/builtin`` (read them as examples of the format)
and compile from the built-in timeline onto the default world. :func:`builtin_scenarios` returns
them in the order of the story.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from tradewar.errors import ScenarioError
from tradewar.scenarios._schema import Scenario, load_scenario


def builtin_dir() -> Path:
    """The folder of the built-in scenario files."""
    return Path(str(resources.files("tradewar.scenarios") / "data" / "builtin"))


@cache
def builtin_scenarios() -> tuple[Scenario, ...]:
    """Every built-in scenario, in the order of the story (file names sort in that order)."""
    scenarios = tuple(load_scenario(p) for p in sorted(builtin_dir().glob("*.toml")))
    names = [s.name for s in scenarios]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ScenarioError(f"built-in scenarios: duplicate names {duplicates}")
    return scenarios


def builtin_scenario(name: str) -> Scenario:
    """One built-in scenario by name."""
    for scenario in builtin_scenarios():
        if scenario.name == name:
            return scenario
    names = ", ".join(s.name for s in builtin_scenarios())
    raise ScenarioError(f"no built-in scenario {name!r}; the built-in scenarios are: {names}")
