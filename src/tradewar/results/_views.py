"""Views of a scenario's results that the CLI, the report and the dashboard share.

Diversion (who replaces a partner in an importer's purchases), the largest sector moves, and
the headline US–China numbers, all computed from the stored tables of a
:class:`~tradewar.results.ScenarioResult`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tradewar.results._run import ScenarioResult


def pair(result: ScenarioResult, importer: str, exporter: str) -> dict[str, float] | None:
    """Trade of one pair: baseline, counterfactual, change (bn) and percent change."""
    frame = result.table("bilateral")
    if frame.empty:
        return None
    row = frame[(frame["importer"] == importer) & (frame["exporter"] == exporter)]
    if row.empty:
        return None
    r = row.iloc[0]
    return {
        "baseline_bn": float(r["baseline_bn"]),
        "counterfactual_bn": float(r["counterfactual_bn"]),
        "change_bn": float(r["change_bn"]),
        "pct_change": float(r["pct_change"]),
    }


def pair_balance(result: ScenarioResult, country: str, partner: str) -> dict[str, float] | None:
    """``country``'s trade balance with ``partner`` (exports minus imports), before and after."""
    imports = pair(result, country, partner)
    exports = pair(result, partner, country)
    if imports is None or exports is None:
        return None
    before = exports["baseline_bn"] - imports["baseline_bn"]
    after = exports["counterfactual_bn"] - imports["counterfactual_bn"]
    return {"baseline_bn": before, "counterfactual_bn": after, "change_bn": after - before}


def diversion(result: ScenarioResult, importer: str, rival: str) -> pd.DataFrame:
    """Change in ``importer``'s imports by source, largest gain first.

    ``share_of_rival_loss_pct`` is each source's gain as a share of the fall in imports from
    ``rival`` (NaN when imports from the rival did not fall).
    """
    frame = result.table("bilateral")
    if frame.empty:
        return frame
    rows = frame[frame["importer"] == importer].copy()
    lost = -float(rows.loc[rows["exporter"] == rival, "change_bn"].sum())
    rows["share_of_rival_loss_pct"] = 100 * rows["change_bn"] / lost if lost > 0 else float("nan")
    rows.loc[rows["exporter"] == rival, "share_of_rival_loss_pct"] = float("nan")
    return rows.sort_values("change_bn", ascending=False).reset_index(drop=True)


def sector_moves(
    result: ScenarioResult, countries: tuple[str, ...], n: int = 5, tol: float = 1e-6
) -> pd.DataFrame:
    """The ``n`` largest reallocations of output among ``countries`` (moves below ``tol`` bn
    are left out).

    Ranked by ``output_rel_bn``: the change in a sector's share of its economy's gross output,
    valued at the baseline size of the economy, so that the common nominal change (wages move
    every sector's output value alike) does not crowd out the sectors that really grow or shrink.
    """
    frame = result.table("sectors")
    if frame.empty:
        return frame
    rows = frame[frame["country"].isin(countries)].copy()
    rows["size"] = rows["output_rel_bn"].abs()
    rows = rows[rows["size"] > tol]
    return rows.sort_values("size", ascending=False).head(n).drop(columns="size")


def pair_sectors(result: ScenarioResult, importer: str, exporter: str, n: int = 5) -> pd.DataFrame:
    """The ``n`` sectors whose trade from ``exporter`` to ``importer`` moved most (bn)."""
    frame = result.table("sector_trade")
    if frame.empty:
        return frame
    rows = frame[(frame["importer"] == importer) & (frame["exporter"] == exporter)].copy()
    rows["size"] = rows["change_bn"].abs()
    return rows.sort_values("size", ascending=False).head(n).drop(columns="size")


def headline(result: ScenarioResult) -> dict[str, Any]:
    """US and Chinese welfare, and US–China trade both ways, for comparison tables."""
    out: dict[str, Any] = {
        "scenario": result.name,
        "title": result.title,
        "converged": result.converged,
    }
    countries = result.table("countries")
    if not countries.empty:
        for row in countries.to_dict("records"):
            if row["iso3"] in ("USA", "CHN"):
                out[f"welfare_{row['iso3']}_pct"] = float(row["welfare_pct"])
                out[f"real_wage_{row['iso3']}_pct"] = float(row["real_wage_pct"])
    for key, (a, b) in {
        "us_imports_from_cn": ("USA", "CHN"),
        "cn_imports_from_us": ("CHN", "USA"),
    }.items():
        flow = pair(result, a, b)
        if flow is not None:
            out[f"{key}_pct"] = flow["pct_change"]
            out[f"{key}_bn"] = flow["counterfactual_bn"]
    balance = pair_balance(result, "USA", "CHN")
    if balance is not None:
        out["us_cn_balance_bn"] = balance["counterfactual_bn"]
        out["us_cn_balance_change_bn"] = balance["change_bn"]
    return out
