"""Compiled payoff functions of one model, built once and reused by every strategy solver.

The instrument's indices, the tariffs held fixed and the weights over countries are traced
arguments, so one compilation serves every player and every instrument of the same size (a Nash
equilibrium among seven players compiles once, not seven times). Index arrays, choice vectors and
batches are padded to powers of two (:func:`bucket`), so instruments of similar sizes share one
compilation too.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from tradewar.strategy._game import Instrument, TariffModel, embed

#: Objectives are in percent: -100 * sum_n omega_n log G_n.
PERCENT = 100.0


@dataclass(frozen=True, eq=False)
class Compiled:
    """Jitted functions of one model (see :func:`compiled`)."""

    objective: Callable[..., Any]  # (x, positions, groups, tariffs, omega) -> (value, grad)
    augmented: Callable[..., Any]  # equal-gains augmented Lagrangian -> (value, grad)
    outcomes: Callable[..., Any]  # tariffs (N, N, S) -> (welfare (N,), government welfare (N,))
    batch_outcomes: Callable[..., Any]  # tariffs (B, N, N, S) -> ((B, N), (B, N))


_CACHE: weakref.WeakKeyDictionary[Any, Compiled] = weakref.WeakKeyDictionary()


def compiled(model: TariffModel) -> Compiled:
    """The compiled payoff functions of ``model`` (cached per model object)."""
    hit = _CACHE.get(model)
    if hit is not None:
        return hit

    def log_payoffs(
        x: jax.Array, positions: jax.Array, groups: jax.Array, tariffs: jax.Array
    ) -> jax.Array:
        return jnp.log(model.government_welfare(embed(x, tariffs, positions, groups)))

    def objective(
        x: jax.Array, positions: jax.Array, groups: jax.Array, tariffs: jax.Array, omega: jax.Array
    ) -> tuple[jax.Array, jax.Array]:
        def outer(logs: jax.Array) -> jax.Array:
            return -PERCENT * jnp.sum(jnp.where(omega != 0, omega * logs, 0.0))

        return _value_and_grad(outer, lambda z: log_payoffs(z, positions, groups, tariffs), x)

    def augmented(
        x: jax.Array,
        positions: jax.Array,
        groups: jax.Array,
        tariffs: jax.Array,
        ids: jax.Array,
        log_start: jax.Array,
        nu: jax.Array,
        rho: float,
    ) -> tuple[jax.Array, jax.Array]:
        def outer(logs: jax.Array) -> jax.Array:
            gains = PERCENT * logs[ids] - log_start
            gaps = gains[1:] - gains[0]
            return -jnp.mean(gains) + jnp.dot(nu, gaps) + 0.5 * rho * jnp.sum(gaps**2)

        return _value_and_grad(outer, lambda z: log_payoffs(z, positions, groups, tariffs), x)

    def outcomes(tariffs: jax.Array) -> tuple[jax.Array, jax.Array]:
        # A model may compute both from one equilibrium solve (``outcomes``), saving a solve.
        joint = getattr(model, "outcomes", None)
        if callable(joint):
            return joint(tariffs)
        return model.welfare(tariffs), model.government_welfare(tariffs)

    out = Compiled(
        objective=jax.jit(objective),
        augmented=jax.jit(augmented),
        outcomes=jax.jit(outcomes),
        batch_outcomes=jax.jit(jax.vmap(outcomes)),
    )
    _CACHE[model] = out
    return out


def _value_and_grad(
    outer: Callable[[jax.Array], jax.Array],
    inner: Callable[[jax.Array], jax.Array],
    x: jax.Array,
) -> tuple[jax.Array, jax.Array]:
    """Value and gradient of ``outer(inner(x))``, pulling back a cotangent of unit size.

    The cotangent reaching the model (``d outer / d inner``) is divided by its largest entry and
    the gradient multiplied back, so the model's implicit (adjoint) solve always sees an O(1)
    right-hand side: a solver with an absolute adjoint tolerance would otherwise fail on the
    large cotangents of penalty terms.
    """
    values, pullback = jax.vjp(inner, x)
    value, cotangent = jax.value_and_grad(outer)(values)
    scale = jnp.max(jnp.abs(cotangent))
    scale = jnp.where(scale > 0, scale, 1.0)
    (grad,) = pullback(cotangent / scale)
    return value, grad * scale


def bucket(size: int) -> int:
    """The padded length used for ``size`` items: a power of two, at least 8."""
    return max(8, 1 << (max(size, 1) - 1).bit_length())


def instrument_args(model: TariffModel, inst: Instrument) -> tuple[jax.Array, jax.Array]:
    """The instrument's traced index arrays, padded to :func:`bucket` length.

    Padding entries point at the scratch slot of :func:`~tradewar.strategy._game.embed`.
    """
    k = len(inst.positions)
    scratch = len(model.countries) ** 2 * len(model.sectors)
    positions = np.concatenate([inst.positions, np.full(bucket(k) - k, scratch)])
    groups = np.concatenate([inst.groups, np.zeros(bucket(k) - k, dtype=np.int64)])
    return jnp.asarray(positions), jnp.asarray(groups)


def pad(x: np.ndarray) -> jax.Array:
    """A choice vector padded with zeros to :func:`bucket` length (unused entries)."""
    x = np.asarray(x, dtype=np.float64)
    return jnp.asarray(np.concatenate([x, np.zeros(bucket(x.size) - x.size)]))


def log_payoffs_and_jacobian(
    model: TariffModel,
    inst: Instrument,
    x: np.ndarray,
    tariffs: np.ndarray,
    countries: list[int],
) -> tuple[np.ndarray, np.ndarray]:
    """``100 log G_n`` at ``x`` and its gradient in ``x`` for each of ``countries``.

    One reverse pass per country through the already compiled objective (no extra compile).
    """
    fns = compiled(model)
    positions, groups = instrument_args(model, inst)
    values, rows = [], []
    for n in countries:
        omega = jnp.zeros(len(model.countries)).at[n].set(1.0)
        value, grad = fns.objective(pad(x), positions, groups, jnp.asarray(tariffs), omega)
        values.append(-float(value))
        rows.append(-as_numpy(grad)[: inst.size])
    return np.asarray(values), np.stack(rows)


def as_numpy(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def evaluate(model: TariffModel, tariffs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Welfare and government welfare (ratios to baseline) at one tariff profile."""
    welfare, government = compiled(model).outcomes(jnp.asarray(tariffs))
    return as_numpy(welfare), as_numpy(government)


def evaluate_many(model: TariffModel, tariffs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Welfare and government welfare at a batch of profiles ``(B, N, N, S)`` -> ``(B, N)``.

    The batch is padded to a power of two (at least 8), so few batch sizes are ever compiled.
    """
    stack = np.asarray(tariffs, dtype=np.float64)
    size = stack.shape[0]
    padded = bucket(size)
    if padded > size:
        stack = np.concatenate([stack, np.repeat(stack[-1:], padded - size, axis=0)])
    welfare, government = compiled(model).batch_outcomes(jnp.asarray(stack))
    return as_numpy(welfare)[:size], as_numpy(government)[:size]
