"""The tables a scenario leaves in a run that need its compiled inputs (tariffs, commitments,
observed flows, sources, segments); those of its equilibrium are :mod:`tradewar.results`'.

Values are in the world's units (USD bn for the default world); no table carries a scenario
column (the store adds one).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tradewar.compile import CompiledScenario
from tradewar.model import Equilibrium, ManagedEquilibrium
from tradewar.sectors import goods_indices
from tradewar.world import World

#: The two directions summarised in ``tariffs``: key -> (importer, exporter).
DIRECTIONS = {"US_on_CN": ("USA", "CHN"), "CN_on_US": ("CHN", "USA")}


def tariff_table(compiled: CompiledScenario) -> pd.DataFrame:
    """Statutory tariffs (percent) by importer, exporter and sector: baseline and scenario."""
    world = compiled.world
    statutory = compiled.shock.tariffs_for(world)
    c, s = world.countries, world.sectors
    index = pd.MultiIndex.from_product([c, c, s], names=["importer", "exporter", "sector"])
    frame = pd.DataFrame(
        {
            "baseline_pct": 100 * world.tariffs.ravel(),
            "scenario_pct": 100 * statutory.ravel(),
            "baseline_trade_bn": world.trade.ravel(),
        },
        index=index,
    ).reset_index()
    return frame[frame["importer"] != frame["exporter"]].reset_index(drop=True)


def goods_weights(world: World, importer: int, exporter: int) -> np.ndarray:
    """Base-year imports by sector of one pair, services zeroed: the weights of average tariffs
    (tariffs are on goods; the real-table world trades services too)."""
    weights = np.zeros(world.n_sectors)
    goods = goods_indices(world.sectors)
    weights[goods] = world.trade[importer, exporter, goods]
    return weights


def tariff_summary(compiled: CompiledScenario) -> dict[str, Any]:
    """Trade-weighted average tariffs both ways (percent), and the policy behind them."""
    world = compiled.world
    statutory = compiled.shock.tariffs_for(world)
    out: dict[str, Any] = {"policy": compiled.policy_label}
    if compiled.scenario.policy.overlay:
        out["overlay"] = compiled.scenario.policy.overlay
    for key, (importer, exporter) in DIRECTIONS.items():
        if importer not in world.countries or exporter not in world.countries:
            continue
        n, i = world.country_index(importer), world.country_index(exporter)
        weights = goods_weights(world, n, i)
        if weights.sum() <= 0:
            continue
        out[key] = {
            "baseline_pct": float(100 * weights @ world.tariffs[n, i] / weights.sum()),
            "scenario_pct": float(100 * weights @ statutory[n, i] / weights.sum()),
        }
    out["weights"] = "base-year bilateral goods trade by sector (the world's)"
    out["records"] = len(compiled.policy.records)
    out["unconfirmed_records"] = [r.id for r in compiled.policy.records if not r.confirmed]
    if compiled.scenario.tariff_cuts:
        out["tariff_cuts_bn"] = {
            f"{c.importer}<-{c.exporter}": c.covered_bn for c in compiled.scenario.tariff_cuts
        }
    if compiled.scenario.tariffs:
        out["tariffs_given"] = [t.label for t in compiled.scenario.tariffs]
    if compiled.scenario.trade_costs:
        out["trade_costs"] = [
            {"importer": t.importer, "exporter": t.exporter, "factor": t.factor}
            for t in compiled.scenario.trade_costs
        ]
    return out


def commitment_table(compiled: CompiledScenario, managed: ManagedEquilibrium) -> pd.DataFrame:
    """Each commitment: committed value, sector target, imports without it, achieved, cost."""
    frame = managed.table()
    frame.insert(5, "committed_bn", [c.committed_bn for c in compiled.commitments])
    frame.insert(6, "product_share", [c.product_share for c in compiled.commitments])
    frame["how"] = [c.how for c in compiled.commitments]
    return frame.rename(
        columns={
            "target": "sector_target_bn",
            "without_commitment": "without_commitment_bn",
            "achieved": "achieved_bn",
            "cost": "cost_bn",
        }
    )


def observed_table(compiled: CompiledScenario, eq: Equilibrium) -> pd.DataFrame:
    """Observed changes beside the model's prediction for the same flow."""
    world = eq.baseline
    rows = []
    for obs in compiled.scenario.observed:
        n = world.country_index(obs.country)
        i = world.country_index(obs.partner)

        def flows(cube: np.ndarray, n: int = n, i: int = i) -> tuple[float, float]:
            return float(cube[n, i].sum()), float(cube[i, n].sum())  # imports, exports

        (m0, x0), (m1, x1) = flows(world.trade), flows(eq.trade)
        base, new = {"imports": (m0, m1), "exports": (x0, x1), "balance": (x0 - m0, x1 - m1)}[
            obs.measure
        ]
        rows.append(
            {
                "measure": obs.measure,
                "country": obs.country,
                "partner": obs.partner,
                "from_year": obs.from_year,
                "to_year": obs.to_year,
                "observed_from_bn": obs.from_bn,
                "observed_to_bn": obs.to_bn,
                "observed_change_bn": obs.to_bn - obs.from_bn,
                "observed_pct": 100 * (obs.to_bn - obs.from_bn) / abs(obs.from_bn),
                "model_baseline_bn": base,
                "model_bn": new,
                "model_change_bn": new - base,
                "model_pct": 100 * (new - base) / abs(base) if base else float("nan"),
                "sources": " ".join(obs.sources),
                "note": obs.note,
            }
        )
    return pd.DataFrame(rows)


def input_table(compiled: CompiledScenario) -> pd.DataFrame:
    """Every input of the scenario with its sources, flag and vintage."""
    return pd.DataFrame(
        [
            {
                "kind": ref.kind,
                "id": ref.id,
                "description": ref.description,
                "value": ref.value,
                "sources": " ".join(ref.sources),
                "confirmed": ref.confirmed,
                "vintage": ref.vintage,
            }
            for ref in compiled.inputs
        ],
        columns=["kind", "id", "description", "value", "sources", "confirmed", "vintage"],
    )


def segment_table(compiled: CompiledScenario) -> pd.DataFrame:
    """For a period policy: each stretch of days with the same tariffs."""
    return pd.DataFrame(
        [{"start": d.isoformat(), "days": days} for d, days in compiled.segments],
        columns=["start", "days"],
    )
