"""The tables one scenario leaves in a run, built from its equilibrium in the shape shown.

The CLI, the report, the dashboard and the store all read these columns as they are (no pivot
back from the long tables of :mod:`tradewar.results._tables`). Values are in the world's units
(USD bn for the default world) at producer prices, with the numeraire of the model (world value
added); percent changes are counterfactual over baseline. No table carries a scenario column
(the store adds one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tradewar.results._tables import country_levels, pct, sectors, trade
from tradewar.results._welfare import welfare

if TYPE_CHECKING:
    from tradewar.model import Equilibrium


def country_table(eq: Equilibrium) -> pd.DataFrame:
    """One row per economy: welfare, wages, prices, trade, balances, tariff revenue."""
    shares = welfare(eq)  # one row per economy, in the world's order
    levels = country_levels(eq)
    frame = pd.DataFrame({"iso3": list(eq.baseline.countries)})
    for column in (
        "welfare_pct",
        "real_wage_pct",
        "wage_pct",
        "price_index_pct",
        "tot_pct",
        "vot_pct",
    ):
        frame[column] = shares[column].to_numpy()
    frame["income_baseline_bn"] = shares["income_baseline"].to_numpy()
    frame["real_income_change_bn"] = frame["income_baseline_bn"] * frame["welfare_pct"] / 100
    for variable in ("exports", "imports", "trade_balance", "tariff_revenue", "gross_output"):
        old, new = (np.asarray(x, dtype=float) for x in levels[variable])
        frame[f"{variable}_baseline_bn"] = old
        frame[f"{variable}_bn"] = new
        if variable != "trade_balance":
            frame[f"{variable}_pct"] = pct(new, old)
    return frame


def bilateral_table(eq: Equilibrium) -> pd.DataFrame:
    """Every importer-exporter pair: trade summed over sectors, levels and percent change."""
    frame = trade(eq, "pair")
    return pd.DataFrame(
        {
            "importer": frame["importer"],
            "exporter": frame["exporter"],
            "baseline_bn": frame["baseline"],
            "counterfactual_bn": frame["counterfactual"],
            "change_bn": frame["change"],
            "pct_change": frame["pct_change"],
        }
    )


def sector_trade_table(eq: Equilibrium) -> pd.DataFrame:
    """Bilateral trade by sector (off-diagonal), levels and percent change."""
    frame = trade(eq, "sector")
    return frame.rename(
        columns={
            "baseline": "baseline_bn",
            "counterfactual": "counterfactual_bn",
            "change": "change_bn",
        }
    )


def sector_table(eq: Equilibrium) -> pd.DataFrame:
    """Gross output and prices by economy and sector.

    ``output_pct`` is the change in the value of output (in the numeraire, world value added),
    which moves with the country's wage; ``output_rel_pct`` is the change in the sector's share
    of the country's gross output, the reallocation between sectors; ``output_rel_bn`` values
    it at the baseline size of the economy.
    """
    long = sectors(eq)
    output = long[long["variable"] == "gross_output"].reset_index(drop=True)
    prices = long[long["variable"] == "price_index"].reset_index(drop=True)
    old, new = eq.baseline.gross_output, eq.gross_output
    share_old = old / old.sum(axis=1, keepdims=True)
    share_new = new / new.sum(axis=1, keepdims=True)
    relative = pct(share_new, share_old).ravel()
    return pd.DataFrame(
        {
            "country": output["country"],
            "sector": output["sector"],
            "output_baseline_bn": output["baseline"],
            "output_bn": output["counterfactual"],
            "output_change_bn": output["change"],
            "output_pct": output["pct_change"],
            "output_rel_pct": relative,
            "output_rel_bn": old.ravel() * np.nan_to_num(relative) / 100,
            "price_pct": prices["pct_change"].to_numpy(),
        }
    )
