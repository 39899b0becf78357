"""The figures a Monte Carlo draw reports, computed the same way for batched and single solves.

Definitions follow :mod:`tradewar.results`: percent changes are counterfactual over baseline,
trade is valued at producer prices with domestic sales left out, the trade balance is exports
minus imports in the world's units. With purged deficits each draw's baseline is its own purged
world, so percent changes are relative to it (as for a single solve).
"""

from __future__ import annotations

import numpy as np

from tradewar.model import BatchResult, Equilibrium
from tradewar.uncertainty._variables import BILATERAL_VARIABLES, COUNTRY_VARIABLES
from tradewar.world import World


def _pct(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    old = np.broadcast_to(old, new.shape)
    return np.divide(
        100 * (new - old), old, out=np.full(new.shape, np.nan), where=(old != 0) & np.isfinite(old)
    )


def _flows(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Exports and imports (..., N) of pair flows [..., importer, exporter]."""
    domestic = np.einsum("...nn->...n", pairs)
    return pairs.sum(axis=-2) - domestic, pairs.sum(axis=-1) - domestic


def draw_outputs(
    *,
    welfare_hat: np.ndarray,
    real_wage_hat: np.ndarray,
    w_hat: np.ndarray,
    price_index_hat: np.ndarray,
    trade: np.ndarray,
    base_trade: np.ndarray,
) -> dict[str, np.ndarray]:
    """Country and bilateral figures of a stack of solutions (leading axis = draw).

    ``trade`` and ``base_trade`` are pair flows [draw, importer, exporter] (``base_trade`` may
    lack the draw axis when every draw shares the baseline).
    """
    base_trade = np.broadcast_to(base_trade, trade.shape)
    exports, imports = _flows(trade)
    base_exports, base_imports = _flows(base_trade)
    n = trade.shape[-1]
    off = ~np.eye(n, dtype=bool)
    return {
        "welfare_pct": 100 * (welfare_hat - 1),
        "real_wage_pct": 100 * (real_wage_hat - 1),
        "wage_pct": 100 * (w_hat - 1),
        "price_index_pct": 100 * (price_index_hat - 1),
        "exports_pct": _pct(exports, base_exports),
        "imports_pct": _pct(imports, base_imports),
        "trade_balance_bn": exports - imports,
        "trade_balance_change_bn": (exports - imports) - (base_exports - base_imports),
        "counterfactual_bn": np.where(off, trade, np.nan),
        "pct_change": np.where(off, _pct(trade, base_trade), np.nan),
    }


def batch_outputs(batch: BatchResult, world: World) -> dict[str, np.ndarray]:
    """:func:`draw_outputs` of a :class:`~tradewar.model.BatchResult` on ``world``."""
    trade = batch.trade if batch.trade.ndim == 3 else batch.trade.sum(axis=-1)
    if batch.baseline_trade is not None:
        base = batch.baseline_trade
        base = base if base.ndim == 3 else base.sum(axis=-1)
    else:
        base = world.trade.sum(axis=2)[None]
    return draw_outputs(
        welfare_hat=batch.welfare_hat,
        real_wage_hat=batch.real_wage_hat,
        w_hat=batch.w_hat,
        price_index_hat=batch.price_index_hat,
        trade=trade,
        base_trade=base,
    )


def equilibrium_outputs(eq: Equilibrium) -> dict[str, np.ndarray]:
    """:func:`draw_outputs` of one converged equilibrium, with a draw axis of length one."""
    eq.check()
    return draw_outputs(
        welfare_hat=eq.welfare_hat[None],
        real_wage_hat=eq.real_wage_hat[None],
        w_hat=eq.w_hat[None],
        price_index_hat=eq.price_index_hat[None],
        trade=eq.trade.sum(axis=2)[None],
        base_trade=eq.baseline.trade.sum(axis=2)[None],
    )


def blank_outputs(draws: int, n: int) -> dict[str, np.ndarray]:
    """NaN figures for ``draws`` failed draws."""
    out = {k: np.full((draws, n), np.nan) for k in COUNTRY_VARIABLES}
    out.update({k: np.full((draws, n, n), np.nan) for k in BILATERAL_VARIABLES})
    return out
