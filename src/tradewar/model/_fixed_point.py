"""Safeguarded Anderson-accelerated fixed-point iteration, compiled as one ``lax.while_loop``.

Type-II Anderson acceleration (Walker and Ni 2011) with a ring buffer of the last ``memory``
differences, and three safeguards that only act when needed:

* a step longer than ``max_step`` (in the sup norm) is shortened to that length, so one wild
  extrapolation cannot throw the iterate far from the solution;
* an extrapolated point that is not finite is replaced by the plain update;
* if the map is not finite at an iterate, the iteration steps back halfway towards the last good
  iterate and restarts its memory (at most ``max_failures`` times in a row).

Works on flat float64 vectors; callers ravel pytrees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp


class FixedPointStats(NamedTuple):
    iterations: jax.Array  # int
    residual: jax.Array  # max |G(x) - x| at the returned x (inf if not finite)
    finite: jax.Array  # bool


class _Carry(NamedTuple):
    x: jax.Array
    x_good: jax.Array
    g_prev: jax.Array
    f_prev: jax.Array
    d_f: jax.Array  # (memory, n)
    d_g: jax.Array  # (memory, n)
    stored: jax.Array  # number of valid differences since the last restart
    k: jax.Array
    failures: jax.Array
    residual: jax.Array
    x_out: jax.Array  # the iterate at which ``residual`` was measured


def anderson(
    fn: Callable[[jax.Array], jax.Array],
    x0: jax.Array,
    *,
    tol: float,
    max_iter: int,
    memory: int = 6,
    max_step: float = 1.0,
    max_failures: int = 30,
    regularization: float = 1e-12,
) -> tuple[jax.Array, FixedPointStats]:
    """Find x with ``fn(x) == x`` to ``max |fn(x) - x| <= tol``."""
    n = x0.shape[0]
    dtype = x0.dtype
    init = _Carry(
        x=x0,
        x_good=x0,
        g_prev=x0,
        f_prev=jnp.zeros_like(x0),
        d_f=jnp.zeros((memory, n), dtype),
        d_g=jnp.zeros((memory, n), dtype),
        stored=jnp.asarray(-1),  # -1: no previous point to difference against
        k=jnp.asarray(0),
        failures=jnp.asarray(0),
        residual=jnp.asarray(jnp.inf, dtype),
        x_out=x0,
    )

    def cond(c: _Carry) -> jax.Array:
        return (c.residual > tol) & (c.k < max_iter) & (c.failures < max_failures)

    def body(c: _Carry) -> _Carry:
        g = fn(c.x)
        f = g - c.x
        finite = jnp.all(jnp.isfinite(f))
        residual = jnp.where(finite, jnp.max(jnp.abs(jnp.where(finite, f, 0.0))), jnp.inf)

        # Store the newest difference (if there is a previous finite point).
        have_prev = c.stored >= 0
        slot = jnp.maximum(c.stored, 0) % memory
        d_f = jnp.where(have_prev & finite, c.d_f.at[slot].set(f - c.f_prev), c.d_f)
        d_g = jnp.where(have_prev & finite, c.d_g.at[slot].set(g - c.g_prev), c.d_g)
        count = jnp.minimum(jnp.where(have_prev & finite, c.stored + 1, 0), memory)
        used = jnp.arange(memory) < count

        gram = jnp.where(used[:, None] & used[None, :], d_f @ d_f.T, 0.0)
        scale = jnp.trace(gram) / memory
        gram = gram + jnp.diag(jnp.where(used, regularization * scale + 1e-300, 1.0))
        rhs = jnp.where(used, d_f @ jnp.where(finite, f, 0.0), 0.0)
        coef = jnp.linalg.solve(gram, rhs)
        x_acc = g - coef @ d_g
        x_acc = jnp.where(jnp.all(jnp.isfinite(x_acc)), x_acc, g)
        step = x_acc - c.x
        length = jnp.max(jnp.abs(jnp.where(finite, step, 0.0)))
        step = step * jnp.minimum(1.0, max_step / jnp.maximum(length, 1e-300))
        x_ok = c.x + step
        x_bad = 0.5 * (c.x + c.x_good)  # step back towards the last good iterate

        converged = residual <= tol
        x_next = jnp.where(converged, c.x, jnp.where(finite, x_ok, x_bad))
        return _Carry(
            x=x_next,
            x_good=jnp.where(finite, c.x, c.x_good),
            g_prev=jnp.where(finite, g, c.g_prev),
            f_prev=jnp.where(finite, f, c.f_prev),
            d_f=jnp.where(finite, d_f, 0.0),
            d_g=jnp.where(finite, d_g, 0.0),
            stored=jnp.where(finite, jnp.where(have_prev, c.stored + 1, 0), -1),
            k=c.k + 1,
            failures=jnp.where(finite, 0, c.failures + 1),
            residual=residual,
            x_out=c.x,
        )

    out = jax.lax.while_loop(cond, body, init)
    return out.x_out, FixedPointStats(out.k, out.residual, jnp.isfinite(out.residual))
