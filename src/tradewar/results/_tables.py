"""Long-form tables of an :class:`~tradewar.model.Equilibrium`: levels and percent changes.

Every table carries the baseline level, the counterfactual level, the change and the percent
change (NaN where the baseline is zero). Values are in the world's units (see ``world.meta``) at
the numeraire, world value added; trade is valued at producer prices (net of tariffs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from tradewar.model import Equilibrium


def pct(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    """Percent change of ``new`` over ``old``; NaN where ``old`` is zero."""
    return np.divide(
        100 * (new - old), old, out=np.full(np.shape(old), np.nan), where=np.asarray(old) != 0
    )


def _frame(index: pd.MultiIndex | pd.Index, baseline: np.ndarray, new: np.ndarray) -> pd.DataFrame:
    base, cf = np.ravel(baseline), np.ravel(new)
    frame = pd.DataFrame(
        {
            "baseline": base,
            "counterfactual": cf,
            "change": cf - base,
            "pct_change": pct(cf, base),
        },
        index=index,
    )
    return frame.reset_index()


def _off_diagonal(cube: np.ndarray) -> np.ndarray:
    out = cube.copy()
    idx = np.arange(cube.shape[0])
    out[idx, idx, ...] = 0.0
    return out


def trade(
    eq: Equilibrium, by: Literal["sector", "pair"] = "sector", *, domestic: bool = False
) -> pd.DataFrame:
    """Bilateral trade: ``importer``, ``exporter`` (and ``sector``), levels and changes.

    ``by="pair"`` sums over sectors. Domestic sales are left out unless ``domestic=True``.
    """
    eq.check()
    base = eq.baseline
    old, new = base.trade, eq.trade
    if not domestic:
        old, new = _off_diagonal(old), _off_diagonal(new)
    c, s = base.countries, base.sectors
    if by == "pair":
        index = pd.MultiIndex.from_product([c, c], names=["importer", "exporter"])
        frame = _frame(index, old.sum(axis=2), new.sum(axis=2))
    else:
        index = pd.MultiIndex.from_product([c, c, s], names=["importer", "exporter", "sector"])
        frame = _frame(index, old, new)
    if not domestic:
        frame = frame[frame["importer"] != frame["exporter"]].reset_index(drop=True)
    return frame


def balances(eq: Equilibrium) -> pd.DataFrame:
    """Bilateral trade balances (exports minus imports) of ``country`` with ``partner``."""
    eq.check()
    base = eq.baseline
    c = base.countries

    def balance(cube: np.ndarray) -> np.ndarray:
        flows = _off_diagonal(cube).sum(axis=2)  # [importer, exporter]
        return flows.T - flows  # [country, partner]: exports to partner - imports from it

    index = pd.MultiIndex.from_product([c, c], names=["country", "partner"])
    frame = _frame(index, balance(base.trade), balance(eq.trade))
    return frame[frame["country"] != frame["partner"]].reset_index(drop=True)


def country_levels(eq: Equilibrium) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Country aggregates, baseline and counterfactual (see :func:`countries`), by variable."""
    eq.check()
    base = eq.baseline
    diag = np.arange(base.n_countries)
    new_domestic = eq.trade[diag, diag, :].sum(axis=1)
    new_imports = eq.trade.sum(axis=(1, 2)) - new_domestic
    new_exports = eq.trade.sum(axis=(0, 2)) - new_domestic
    ones = np.ones(base.n_countries)
    return {
        "income": (base.income, eq.income),
        "real_income": (base.income, base.income * eq.welfare_hat),
        "value_added": (base.value_added, base.value_added * eq.w_hat),
        "real_wage": (ones, eq.real_wage_hat),
        "price_index": (ones, eq.price_index_hat),
        "tariff_revenue": (base.tariff_revenue, eq.tariff_revenue),
        "exports": (base.exports, new_exports),
        "imports": (base.imports, new_imports),
        "trade_balance": (base.exports - base.imports, new_exports - new_imports),
        "gross_output": (base.gross_output.sum(axis=1), eq.gross_output.sum(axis=1)),
    }


def countries(eq: Equilibrium) -> pd.DataFrame:
    """Country aggregates in long form: ``country``, ``variable``, levels and changes.

    Variables: ``income`` (final spending), ``real_income`` (income at baseline prices),
    ``value_added`` (wage bill), ``real_wage`` and ``price_index`` (indices, baseline 1),
    ``tariff_revenue``, ``exports``, ``imports``, ``trade_balance``, ``gross_output``.
    """
    frames = []
    for name, (old, new) in country_levels(eq).items():
        frame = _frame(pd.Index(eq.baseline.countries, name="country"), old, new)
        frame.insert(1, "variable", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def sectors(eq: Equilibrium) -> pd.DataFrame:
    """By country and sector: gross output, absorption, and price and input-cost changes."""
    eq.check()
    base = eq.baseline
    index = pd.MultiIndex.from_product([base.countries, base.sectors], names=["country", "sector"])
    frames = []
    for name, old, new in (
        ("gross_output", base.gross_output, eq.gross_output),
        ("absorption", base.expenditure, eq.expenditure),
        ("price_index", np.ones_like(eq.p_hat), eq.p_hat),
        ("input_cost", np.ones_like(eq.c_hat), eq.c_hat),
    ):
        frame = _frame(index, old, new)
        frame.insert(2, "variable", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def to_xarray(eq: Equilibrium) -> Any:
    """Hats and counterfactual levels as a labelled :class:`xarray.Dataset`."""
    import xarray as xr

    eq.check()
    base = eq.baseline
    c, s = list(base.countries), list(base.sectors)
    return xr.Dataset(
        {
            "w_hat": (("country",), eq.w_hat),
            "welfare_hat": (("country",), eq.welfare_hat),
            "price_index_hat": (("country",), eq.price_index_hat),
            "c_hat": (("country", "sector"), eq.c_hat),
            "p_hat": (("country", "sector"), eq.p_hat),
            "trade_baseline": (("importer", "exporter", "sector"), base.trade),
            "trade": (("importer", "exporter", "sector"), eq.trade),
            "tariffs_baseline": (("importer", "exporter", "sector"), base.tariffs),
            "tariffs": (("importer", "exporter", "sector"), eq.tariffs),
            "gross_output": (("country", "sector"), eq.gross_output),
            "income": (("country",), eq.income),
        },
        coords={"country": c, "importer": c, "exporter": c, "sector": s},
        attrs={"baseline": base.name, "shock": eq.shock.name, "deficits": eq.deficits},
    )
