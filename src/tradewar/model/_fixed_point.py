"""Anderson-accelerated fixed-point iteration, jit-compiled as one ``lax.while_loop``.

Type-II Anderson acceleration (Walker and Ni 2011) with a ring buffer of the last ``memory``
differences. A step that produces a non-finite value falls back to the plain update and clears the
memory, so acceleration can only help. Works on flat float64 vectors; callers ravel pytrees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp


class FixedPointStats(NamedTuple):
    iterations: jax.Array  # int
    residual: jax.Array  # max |G(x) - x| at the returned x
    finite: jax.Array  # bool


class _Carry(NamedTuple):
    x: jax.Array
    g_prev: jax.Array
    f_prev: jax.Array
    d_f: jax.Array  # (memory, n)
    d_g: jax.Array  # (memory, n)
    k: jax.Array
    residual: jax.Array
    finite: jax.Array


def anderson(
    fn: Callable[[jax.Array], jax.Array],
    x0: jax.Array,
    *,
    tol: float,
    max_iter: int,
    memory: int = 6,
    regularization: float = 1e-12,
) -> tuple[jax.Array, FixedPointStats]:
    """Find x with ``fn(x) == x`` to ``max |fn(x) - x| <= tol``."""
    n = x0.shape[0]
    g0 = fn(x0)
    f0 = g0 - x0
    res0 = jnp.max(jnp.abs(f0))
    init = _Carry(
        x=g0,
        g_prev=g0,
        f_prev=f0,
        d_f=jnp.zeros((memory, n), x0.dtype),
        d_g=jnp.zeros((memory, n), x0.dtype),
        k=jnp.asarray(1),
        residual=res0,
        finite=jnp.all(jnp.isfinite(f0)),
    )
    # x0 itself may already be the fixed point (a zero shock): then return it unchanged.
    init = init._replace(x=jnp.where(res0 <= tol, x0, g0))

    def cond(c: _Carry) -> jax.Array:
        return (c.residual > tol) & (c.k < max_iter) & c.finite

    def body(c: _Carry) -> _Carry:
        g = fn(c.x)
        f = g - c.x
        residual = jnp.max(jnp.abs(f))
        slot = (c.k - 1) % memory
        d_f = c.d_f.at[slot].set(f - c.f_prev)
        d_g = c.d_g.at[slot].set(g - c.g_prev)
        used = jnp.arange(memory) < jnp.minimum(c.k, memory)
        gram = d_f @ d_f.T
        scale = jnp.trace(gram) / memory
        gram = jnp.where(used[:, None] & used[None, :], gram, 0.0)
        gram = gram + jnp.diag(jnp.where(used, regularization * scale + 1e-300, 1.0))
        coef = jnp.linalg.solve(gram, jnp.where(used, d_f @ f, 0.0))
        x_acc = g - coef @ d_g
        ok = jnp.all(jnp.isfinite(x_acc))
        x_next = jnp.where(ok, x_acc, g)
        d_f = jnp.where(ok, d_f, 0.0)
        d_g = jnp.where(ok, d_g, 0.0)
        converged = residual <= tol
        return _Carry(
            x=jnp.where(converged, c.x, x_next),
            g_prev=g,
            f_prev=f,
            d_f=d_f,
            d_g=d_g,
            k=c.k + 1,
            residual=residual,
            finite=jnp.all(jnp.isfinite(f)),
        )

    out = jax.lax.while_loop(cond, body, init)
    return out.x, FixedPointStats(out.k, out.residual, out.finite)
