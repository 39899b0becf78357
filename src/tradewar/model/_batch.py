"""Many counterfactuals or parameter draws on one world, solved together with ``jax.vmap``.

Every item of a batch is a full equilibrium solve (same algorithm and checks as
:func:`~tradewar.model.solve`); the batch runs as one compiled, vectorised loop, in chunks to bound
memory. Items are judged one by one: an item that did not converge is flagged in ``converged``
and its numbers are NaN, never reported as a result.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from tradewar.errors import ShockError
from tradewar.model._equilibrium import CONDITION_TOL
from tradewar.model._gradients import baseline_income
from tradewar.model._kernels import DEFICIT_FIXED, Baseline, Counterfactual, levels, residuals
from tradewar.model._solve import Deficits, Settings, _deficit_rule, _settings, world_arrays
from tradewar.model._solver import SolverSettings, equilibrium_state
from tradewar.world import World


@dataclass(frozen=True, eq=False)
class BatchResult:
    """Per-item outcomes of :func:`solve_batch` (leading axis = batch item).

    Hats are relative to each item's baseline: ``baseline`` itself, or, when deficits were purged
    (``deficits="zero"``), the item's own purged world, whose trade and income are then given in
    ``baseline_trade`` and ``baseline_income`` (``None`` otherwise). Items that failed have
    ``converged`` False and NaN in every quantity.
    """

    baseline: World
    converged: np.ndarray  # (B,) bool
    iterations: np.ndarray  # (B,)
    residual: np.ndarray  # (B,)
    w_hat: np.ndarray  # (B, N)
    welfare_hat: np.ndarray  # (B, N) real income
    real_wage_hat: np.ndarray  # (B, N)
    price_index_hat: np.ndarray  # (B, N)
    income: np.ndarray  # (B, N)
    trade: np.ndarray  # (B, N, N) by pair, or (B, N, N, J) with keep_sectors
    seconds: float
    baseline_trade: np.ndarray | None = None  # per-item purged base, same layout as ``trade``
    baseline_income: np.ndarray | None = None  # (B, N) per-item purged base

    @property
    def size(self) -> int:
        return int(self.converged.shape[0])

    @property
    def failures(self) -> int:
        return int((~self.converged).sum())


def _purged(base: Baseline, settings: SolverSettings) -> tuple[Baseline, jax.Array]:
    """The baseline re-solved with zero deficits at unchanged tariffs (CP2015's Table 2 base)."""
    flat = base._replace(deficit=jnp.zeros_like(base.deficit))
    cf = Counterfactual(tariffs=base.tariffs, trade_costs=jnp.ones_like(base.pi))
    state, stats = equilibrium_state(flat, cf, DEFICIT_FIXED, settings)
    lv = levels(state, flat, cf, DEFICIT_FIXED)
    ok = (stats.residual <= settings.tol) & stats.finite
    purged = flat._replace(
        pi=lv.pi, expenditure=lv.expenditure, value_added=lv.w_hat * base.value_added
    )
    return purged, ok


@partial(jax.jit, static_argnames=("rule", "settings", "keep_sectors", "purge"))
def _solve_chunk(
    base: Baseline,
    tariffs: jax.Array,
    trade_costs: jax.Array,
    theta: jax.Array,
    rule: int,
    settings: SolverSettings,
    keep_sectors: bool,
    purge: bool,
) -> dict[str, jax.Array]:
    def one(t: jax.Array, d: jax.Array, th: jax.Array) -> dict[str, jax.Array]:
        b = base._replace(theta=th)
        purge_ok = jnp.asarray(True)
        if purge:
            b, purge_ok = _purged(b, settings)
        cf = Counterfactual(tariffs=t, trade_costs=d)
        state, stats = equilibrium_state(b, cf, rule, settings)
        lv = levels(state, b, cf, rule)
        worst = jnp.max(jnp.stack([jnp.max(v) for v in residuals(state, b, cf, rule).values()]))
        ok = purge_ok & (stats.residual <= settings.tol) & stats.finite & (worst <= CONDITION_TOL)
        price_index = jnp.exp((b.final_share * jnp.log(lv.p_hat)).sum(axis=1))
        out = {
            "w_hat": lv.w_hat,
            "welfare_hat": lv.income / baseline_income(b) / price_index,
            "real_wage_hat": lv.w_hat / price_index,
            "price_index_hat": price_index,
            "income": lv.income,
            "trade": lv.trade if keep_sectors else lv.trade.sum(axis=2),
        }
        if purge:
            base_trade = b.pi * b.expenditure[:, None, :] / (1 + b.tariffs)
            out["baseline_trade"] = base_trade if keep_sectors else base_trade.sum(axis=2)
            out["baseline_income"] = baseline_income(b)
        out = {k: jnp.where(ok, v, jnp.nan) for k, v in out.items()}
        out.update(converged=ok, iterations=stats.iterations, residual=stats.residual)
        return out

    return jax.vmap(one)(tariffs, trade_costs, theta)


def _stack(
    value: np.ndarray | None, default: np.ndarray, size: int | None, name: str
) -> np.ndarray:
    if value is None:
        return default[None]
    array = np.asarray(value, dtype=np.float64)
    if array.shape == default.shape:
        return array[None]
    if array.shape[1:] != default.shape:
        raise ShockError(
            f"solve_batch: {name} has shape {array.shape}; expected {default.shape} or "
            f"(batch, {', '.join(map(str, default.shape))})."
        )
    if size is not None and array.shape[0] not in (1, size):
        raise ShockError(f"solve_batch: {name} has {array.shape[0]} items, others have {size}.")
    return array


def solve_batch(
    world: World,
    *,
    tariffs: np.ndarray | None = None,
    trade_costs: np.ndarray | None = None,
    theta: np.ndarray | None = None,
    deficits: Deficits = "fixed",
    settings: Settings = None,
    chunk_size: int = 64,
    keep_sectors: bool = False,
) -> BatchResult:
    """Solve a batch of counterfactuals on ``world``.

    ``tariffs`` (B, N, N, J) new tariff levels, ``trade_costs`` (B, N, N, J) iceberg changes and
    ``theta`` (B, J) trade elasticities (e.g. Monte Carlo draws); each may also be a single item
    (broadcast) or ``None`` (baseline values). With ``deficits="zero"`` each item first purges
    the world's deficits with its own elasticities (the purge is itself a counterfactual), and
    its hats are relative to that purged base; ``baseline`` is then the world as given.
    """
    rule = _deficit_rule(deficits)
    opts = _settings(settings)
    size = None
    arrays = {}
    for name, value, default in (
        ("tariffs", tariffs, world.tariffs),
        ("trade_costs", trade_costs, np.ones_like(world.trade)),
        ("theta", theta, world.theta),
    ):
        stacked = _stack(value, default, size, name)
        if stacked.shape[0] > 1:
            size = stacked.shape[0] if size is None else size
        arrays[name] = stacked
    size = size or 1
    for name, array in arrays.items():
        if array.shape[0] == 1 and size > 1:
            arrays[name] = np.broadcast_to(array, (size, *array.shape[1:]))
    if (arrays["theta"] <= 0).any() or not np.isfinite(arrays["theta"]).all():
        item = int(np.argwhere((arrays["theta"] <= 0) | ~np.isfinite(arrays["theta"]))[0, 0])
        raise ShockError(f"solve_batch: theta of item {item} has a non-positive value.")
    base = world_arrays(world)
    start = time.perf_counter()
    chunks = []
    for lo in range(0, size, chunk_size):
        hi = min(lo + chunk_size, size)
        pad = chunk_size - (hi - lo) if size > chunk_size else 0

        def part(a: np.ndarray, lo: int = lo, hi: int = hi, pad: int = pad) -> jax.Array:
            piece = a[lo:hi]
            if pad:
                piece = np.concatenate([piece, np.repeat(piece[-1:], pad, axis=0)])
            return jnp.asarray(piece)

        out = _solve_chunk(
            base,
            part(arrays["tariffs"]),
            part(arrays["trade_costs"]),
            part(arrays["theta"]),
            rule,
            opts,
            keep_sectors,
            deficits == "zero",
        )
        chunks.append({k: np.asarray(v)[: hi - lo] for k, v in out.items()})
    seconds = time.perf_counter() - start
    joined = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
    return BatchResult(
        baseline=world,
        converged=joined["converged"].astype(bool),
        iterations=joined["iterations"],
        residual=joined["residual"],
        w_hat=joined["w_hat"],
        welfare_hat=joined["welfare_hat"],
        real_wage_hat=joined["real_wage_hat"],
        price_index_hat=joined["price_index_hat"],
        income=joined["income"],
        trade=joined["trade"],
        seconds=seconds,
        baseline_trade=joined.get("baseline_trade"),
        baseline_income=joined.get("baseline_income"),
    )
