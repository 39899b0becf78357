"""A run: the results of a set of scenarios, as plain data (tables and a JSON manifest).

:class:`Run` holds no model objects, so the same object comes out of
:func:`tradewar.runner.run_scenarios` and out of the results store
(:meth:`tradewar.store.Store.load`), and the CLI, the report and the dashboard render either
alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from tradewar.errors import StoreError
from tradewar.results._quantiles import attach_bands

#: Scenario tables (one Parquet file each in the store, with a ``scenario`` column).
SCENARIO_TABLES = (
    "countries",
    "bilateral",
    "sector_trade",
    "sectors",
    "tariffs",
    "commitments",
    "observed",
    "inputs",
    "segments",
    "bands",
    "bilateral_bands",
)
#: Run tables: the policy history both ways and its events, for the report.
RUN_TABLES = ("history", "events")

#: Keys of each country in ``--json`` (the issue's structure, exactly).
JSON_COUNTRY_KEYS = (
    ("iso3", "iso3"),
    ("welfare_pct", "welfare_pct"),
    ("real_wage_pct", "real_wage_pct"),
    ("exports_pct", "exports_pct"),
    ("imports_pct", "imports_pct"),
    ("trade_balance_bn", "trade_balance_bn"),
)
JSON_BILATERAL_KEYS = ("importer", "exporter", "baseline_bn", "counterfactual_bn", "pct_change")


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """One scenario of a run: its manifest entry (``meta``) and its tables.

    A scenario whose solve did not converge has ``converged`` False and no result tables; its
    ``meta["solver"]`` says what happened.
    """

    name: str
    meta: Mapping[str, Any]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    @property
    def converged(self) -> bool:
        return bool(self.meta.get("solver", {}).get("converged", False))

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.name)

    @property
    def solver(self) -> Mapping[str, Any]:
        solver: Mapping[str, Any] = self.meta.get("solver", {})
        return solver

    @property
    def tariffs(self) -> Mapping[str, Any]:
        tariffs: Mapping[str, Any] = self.meta.get("tariffs", {})
        return tariffs

    def table(self, name: str) -> pd.DataFrame:
        """A result table (empty when the scenario failed or has none of that kind)."""
        if name not in SCENARIO_TABLES:
            raise StoreError(f"unknown table {name!r}; tables are {', '.join(SCENARIO_TABLES)}")
        return self.tables.get(name, pd.DataFrame())


@dataclass(frozen=True, eq=False)
class Run:
    """The scenarios of one run, its manifest and its run-level tables."""

    run_id: str
    manifest: Mapping[str, Any]
    scenarios: tuple[ScenarioResult, ...]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scenarios)

    @property
    def converged(self) -> bool:
        return all(s.converged for s in self.scenarios)

    def scenario(self, name: str) -> ScenarioResult:
        for result in self.scenarios:
            if result.name == name:
                return result
        raise StoreError(f"run {self.run_id} has no scenario {name!r}; it has {list(self.names)}")

    def table(self, name: str) -> pd.DataFrame:
        """A table of every scenario stacked, with a ``scenario`` column first."""
        if name in RUN_TABLES:
            return self.tables.get(name, pd.DataFrame())
        frames = []
        for result in self.scenarios:
            frame = result.table(name)
            if len(frame):
                frames.append(frame.assign(scenario=result.name))
        if not frames:
            return pd.DataFrame()
        out = pd.concat(frames, ignore_index=True)
        return out[["scenario", *[c for c in out.columns if c != "scenario"]]]

    def summary(self) -> dict[str, Any]:
        """The ``tradewar run --json`` payload (see ``docs/scenarios.md``).

        With Monte Carlo bands (``tradewar run --draws N``), every figure that has one is
        followed by ``<figure>_bands`` = ``{"q05": ..., "q50": ..., "q95": ...}``, and each
        scenario carries ``bands`` (draws, converged, failed, quantiles, distribution).
        """
        scenarios = []
        for result in self.scenarios:
            countries = result.table("countries")
            bilateral = result.table("bilateral")
            country_rows = [
                {key: row[column] for key, column in JSON_COUNTRY_KEYS}
                for row in countries.to_dict("records")
            ]
            bilateral_rows = [
                {key: row[key] for key in JSON_BILATERAL_KEYS}
                for row in bilateral.to_dict("records")
            ]
            entry: dict[str, Any] = {
                "name": result.name,
                "tariffs": dict(result.tariffs),
                "countries": country_rows,
                "bilateral": bilateral_rows,
                "solver": dict(result.solver),
                "warnings": list(result.meta.get("warnings", [])),
                "horizon": result.meta.get("horizon", "long-run"),
                "closure": result.meta.get("closure", ""),
                "outcomes": result.meta.get("outcomes", {}),
            }
            if "bands" in result.meta:
                figures = [key for key, _ in JSON_COUNTRY_KEYS if key != "iso3"]
                entry["countries"] = attach_bands(
                    country_rows, result.table("bands"), ["iso3"], figures
                )
                entry["bilateral"] = attach_bands(
                    bilateral_rows,
                    result.table("bilateral_bands"),
                    ["importer", "exporter"],
                    ["counterfactual_bn", "pct_change"],
                )
                entry["bands"] = band_summary(result.meta["bands"])
            scenarios.append(entry)
        return {"run_id": self.run_id, "scenarios": scenarios}


def band_summary(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The short form of a scenario's Monte Carlo summary (for JSON and the report)."""
    if "skipped" in meta:
        return {"skipped": meta["skipped"]}
    dist = meta.get("distribution", {})
    return {
        "draws": meta.get("draws"),
        "converged": meta.get("converged"),
        "failed": meta.get("failed"),
        "quantiles": meta.get("quantiles"),
        "seed": meta.get("seed"),
        "distribution": {
            "label": dist.get("label"),
            "kind": dist.get("kind"),
            "assumed": dist.get("assumed"),
            "sources": dist.get("sources"),
        },
        "notes": meta.get("notes", []),
    }
