"""Compare two runs: what changed in their inputs, and by how much their results moved."""

from __future__ import annotations

from typing import Any

import numpy as np

from tradewar.results._run import Run, ScenarioResult
from tradewar.results._views import pair

#: Country columns compared by :func:`diff_runs` (percent changes, percentage points apart).
COMPARED = ("welfare_pct", "real_wage_pct", "price_index_pct", "exports_pct", "imports_pct")


def _inputs(run: Run) -> dict[str, Any]:
    manifest = run.manifest
    return {
        "tradewar": manifest.get("environment", {}).get("tradewar"),
        "timeline": manifest.get("timeline", {}).get("version"),
        "worlds": sorted(w.get("content_sha256", "") for w in manifest.get("worlds", [])),
        "today": manifest.get("today"),
    }


def _scenario(a: ScenarioResult, b: ScenarioResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": a.name,
        "same_hash": a.meta.get("hash") == b.meta.get("hash"),
        "converged": [a.converged, b.converged],
    }
    if not (a.converged and b.converged):
        return out
    ca = a.table("countries").set_index("iso3")
    cb = b.table("countries").set_index("iso3")
    common = [c for c in ca.index if c in cb.index]
    countries = []
    for code in common:
        row: dict[str, Any] = {"iso3": code}
        for column in COMPARED:
            row[column] = [float(ca.loc[code, column]), float(cb.loc[code, column])]
        countries.append(row)
    out["countries"] = countries
    out["max_abs_welfare_diff_pp"] = (
        float(np.max(np.abs(ca.loc[common, "welfare_pct"] - cb.loc[common, "welfare_pct"])))
        if common
        else 0.0
    )
    flows = {}
    for importer, exporter in (("USA", "CHN"), ("CHN", "USA")):
        fa, fb = pair(a, importer, exporter), pair(b, importer, exporter)
        if fa and fb:
            flows[f"{importer}<-{exporter}"] = {
                "counterfactual_bn": [fa["counterfactual_bn"], fb["counterfactual_bn"]],
                "pct_change": [fa["pct_change"], fb["pct_change"]],
            }
    out["us_china_trade"] = flows
    return out


def diff_runs(a: Run, b: Run) -> dict[str, Any]:
    """Inputs that differ and, per scenario in both runs, results side by side ``[a, b]``."""
    ia, ib = _inputs(a), _inputs(b)
    names_a, names_b = a.names, b.names
    return {
        "a": a.run_id,
        "b": b.run_id,
        "inputs_changed": {k: [ia[k], ib[k]] for k in ia if ia[k] != ib[k]},
        "only_in_a": [n for n in names_a if n not in names_b],
        "only_in_b": [n for n in names_b if n not in names_a],
        "scenarios": [_scenario(a.scenario(n), b.scenario(n)) for n in names_a if n in names_b],
    }
