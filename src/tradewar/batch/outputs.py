"""The figures a draw or a sweep point reports, the same for batched and single solves.

Loads the model (JAX), so :mod:`tradewar.batch` itself does not import it: sweep and Monte
Carlo code import ``tradewar.batch.outputs`` where they solve.

Definitions follow :mod:`tradewar.results`: percent changes are counterfactual over baseline,
trade is valued at producer prices with domestic sales left out, the trade balance is exports
minus imports in the world's units. With purged deficits each draw's baseline is its own purged
world, so percent changes are relative to it (as for a single solve).
"""

from __future__ import annotations

import math

import numpy as np

from tradewar.batch._variables import BILATERAL_VARIABLES, COUNTRY_VARIABLES
from tradewar.model import BatchResult, Equilibrium
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


def default_chunk_size(world: World) -> int:
    """Items per vectorised solve: many for tiny worlds, a few for the default, one for ICIO size.

    Measured on a CPU (``benchmarks/bench_scale.py``): vectorising pays where per-operation
    overhead dominates (a 5 x 4 world solves about 5x faster per item at width 256 than alone),
    barely at 13 x 19 (best near width 8) and not at 80 x 45, where each item's arrays already
    fill the caches. So the width is about 25,000 / (N^2 J) items, a power of two in [1, 256].
    On an accelerator, batches are bounded by about 4 GB of working arrays instead.
    """
    import jax

    cells = world.n_countries**2 * world.n_sectors
    if jax.default_backend() == "cpu":
        return int(min(256, max(1, 2 ** round(math.log2(max(25_000 / cells, 1.0))))))
    per_item = cells * 8 * 24  # bytes: about two dozen (N, N, J) float64 arrays per item
    return int(min(1024, max(1, 4e9 // per_item)))
