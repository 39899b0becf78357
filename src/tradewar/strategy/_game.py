"""The interface every model offers the strategy layer, and the tariffs a player controls.

A model is anything with country and sector labels, factual tariffs, and welfare as a
JAX-differentiable function of the whole tariff tensor (:class:`TariffModel`). Caliendo–Parro
(:class:`tradewar.strategy.CaliendoParro`) and Ossa (2014) (:class:`tradewar.ossa.OssaModel`)
both implement it, so optimal tariffs, Nash equilibria, talks and escalation work on either.

An :class:`Instrument` says which entries of the tariff tensor a player chooses and how they are
tied together: MFN (one rate per sector for every partner), bilateral (one rate per partner and
sector), or any subset of partners and sectors. Instruments of several players combine into one
for joint choices (talks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import jax
import jax.numpy as jnp
import numpy as np

from tradewar.errors import TradewarError


class StrategyError(TradewarError, ValueError):
    """A strategy problem is ill-posed (unknown country, empty instrument, bad bounds)."""


@runtime_checkable
class TariffModel(Protocol):
    """A trade model the strategy layer can play on.

    Tariff tensors are ``(N, N, S)`` indexed ``[importer, exporter, sector]`` (0.25 = 25%).
    ``welfare`` and ``government_welfare`` return each country's change relative to the model's
    baseline as a ratio (1.0 = baseline), are pure JAX (jit-able, differentiable in the tariffs)
    and return NaN for a country where the equilibrium did not converge. ``government_welfare``
    is what governments maximise (welfare with political-economy weights where the model has
    them; otherwise equal to ``welfare``). ``trade_values`` are the baseline imports at producer
    prices, ``(N, N, S)``; optimisers use them to scale each tariff by the trade it taxes.
    """

    @property
    def countries(self) -> tuple[str, ...]: ...

    @property
    def sectors(self) -> tuple[str, ...]: ...

    def factual_tariffs(self) -> np.ndarray: ...

    def trade_values(self) -> np.ndarray: ...

    def welfare(self, tariffs: jax.Array) -> jax.Array: ...

    def government_welfare(self, tariffs: jax.Array) -> jax.Array: ...


def country_index(model: TariffModel, country: str | int) -> int:
    """Position of ``country`` (a label or an index) in the model's countries."""
    if isinstance(country, int | np.integer):
        if not 0 <= int(country) < len(model.countries):
            raise StrategyError(
                f"country index {country} is out of range; the model has "
                f"{len(model.countries)} countries: {list(model.countries)}."
            )
        return int(country)
    if country not in model.countries:
        raise StrategyError(
            f"unknown country {country!r}; the model's countries are {list(model.countries)}."
        )
    return model.countries.index(country)


def _indices(labels: tuple[str, ...], chosen: Iterable[str | int] | None, what: str) -> list[int]:
    if chosen is None:
        return list(range(len(labels)))
    out: list[int] = []
    for item in chosen:
        if isinstance(item, int | np.integer):
            if not 0 <= int(item) < len(labels):
                raise StrategyError(f"{what} index {item} is out of range (0..{len(labels) - 1}).")
            out.append(int(item))
        elif item in labels:
            out.append(labels.index(item))
        else:
            raise StrategyError(f"unknown {what} {item!r}; choose from {list(labels)}.")
    if not out:
        raise StrategyError(f"the list of {what}s is empty; name at least one.")
    if len(set(out)) != len(out):
        raise StrategyError(f"the list of {what}s {list(chosen)} names one twice.")
    return out


@dataclass(frozen=True, eq=False)
class Instrument:
    """The tariffs one or more players choose, as a vector ``x`` of ``size`` rates.

    Entry ``positions[k]`` (a flat index into the ``(N, N, S)`` tensor) is set to
    ``x[groups[k]]``. ``labels[g]`` names choice ``g`` as ``(importer, exporter, sector)``, with
    exporter ``"*"`` for an MFN rate that applies to every partner in ``partners[g]``.
    """

    countries: tuple[int, ...]
    positions: np.ndarray
    groups: np.ndarray
    labels: tuple[tuple[str, str, str], ...]

    def __post_init__(self) -> None:
        for name in ("positions", "groups"):
            array = np.asarray(getattr(self, name), dtype=np.int64)
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        if self.positions.size == 0:
            raise StrategyError("an instrument needs at least one tariff to choose.")
        if len(np.unique(self.positions)) != self.positions.size:
            raise StrategyError("an instrument sets the same tariff twice; combine disjoint ones.")

    @property
    def size(self) -> int:
        return len(self.labels)

    def embed(self, x: jax.Array, tariffs: jax.Array) -> jax.Array:
        """``tariffs`` with the instrument's entries replaced by ``x`` (pure JAX)."""
        return embed(x, tariffs, jnp.asarray(self.positions), jnp.asarray(self.groups))

    def apply(self, x: np.ndarray, tariffs: np.ndarray) -> np.ndarray:
        """NumPy version of :meth:`embed`; a batch ``x`` of shape (K, size) gives (K, N, N, S)."""
        rates = np.asarray(x, dtype=np.float64)
        base = np.asarray(tariffs, dtype=np.float64)
        batch = rates.reshape(-1, self.size)
        out = np.repeat(base.reshape(1, -1), len(batch), axis=0)
        out[:, self.positions] = batch[:, self.groups]
        return out.reshape(rates.shape[:-1] + base.shape)

    def extract(self, tariffs: np.ndarray) -> np.ndarray:
        """The instrument's current rates (the mean over the entries of each choice)."""
        flat = np.asarray(tariffs, dtype=np.float64).reshape(-1)[self.positions]
        total = np.bincount(self.groups, weights=flat, minlength=self.size)
        return total / np.bincount(self.groups, minlength=self.size)

    def trade_weights(self, trade: np.ndarray) -> np.ndarray:
        """Trade taxed by each choice (summed over its entries), divided by the largest."""
        flat = np.asarray(trade, dtype=np.float64).reshape(-1)[self.positions]
        total = np.bincount(self.groups, weights=flat, minlength=self.size)
        top = total.max()
        return total / top if top > 0 else np.ones(self.size)

    def mask(self, shape: tuple[int, int, int]) -> np.ndarray:
        """Boolean ``(N, N, S)`` mask of the entries the instrument sets."""
        out = np.zeros(int(np.prod(shape)), dtype=bool)
        out[self.positions] = True
        return out.reshape(shape)


def embed(x: jax.Array, tariffs: jax.Array, positions: jax.Array, groups: jax.Array) -> jax.Array:
    """Write ``x[groups]`` into the flat ``positions`` of ``tariffs`` (traceable indices).

    Position ``tariffs.size`` is a scratch slot that is dropped: padding entries point there, so
    index arrays can be padded to a few fixed lengths (fewer compilations) without effect.
    """
    flat = jnp.concatenate([jnp.reshape(tariffs, (-1,)), jnp.zeros(1, tariffs.dtype)])
    flat = flat.at[positions].set(x[groups])
    return jnp.reshape(flat[:-1], tariffs.shape)


def instrument(
    model: TariffModel,
    country: str | int,
    *,
    mfn: bool = True,
    partners: Sequence[str | int] | None = None,
    sectors: Sequence[str | int] | None = None,
) -> Instrument:
    """The tariffs ``country`` sets on imports from ``partners`` in ``sectors``.

    ``mfn=True`` ties the rates of all partners together (one rate per sector, the most-favoured-
    nation rule); ``mfn=False`` gives one rate per partner and sector. Defaults: every other
    country, every sector.
    """
    n, s = len(model.countries), len(model.sectors)
    j = country_index(model, country)
    others = [i for i in range(n) if i != j]
    chosen = others if partners is None else _indices(model.countries, partners, "partner")
    if j in chosen:
        raise StrategyError(f"{model.countries[j]!r} cannot set a tariff on its own goods.")
    sector_ids = _indices(model.sectors, sectors, "sector")
    positions, groups, labels = [], [], []
    for sector in sector_ids:
        if mfn:
            labels.append((model.countries[j], "*", model.sectors[sector]))
        for partner in chosen:
            if not mfn:
                labels.append((model.countries[j], model.countries[partner], model.sectors[sector]))
            positions.append((j * n + partner) * s + sector)
            groups.append(len(labels) - 1)
    return Instrument((j,), np.array(positions), np.array(groups), tuple(labels))


def combine(*instruments: Instrument) -> Instrument:
    """One instrument choosing all the given ones' tariffs jointly (for talks)."""
    if not instruments:
        raise StrategyError("combine() needs at least one instrument.")
    positions: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    labels: list[tuple[str, str, str]] = []
    countries: list[int] = []
    offset = 0
    for inst in instruments:
        positions.append(inst.positions)
        groups.append(inst.groups + offset)
        labels.extend(inst.labels)
        countries.extend(c for c in inst.countries if c not in countries)
        offset += inst.size
    return Instrument(
        tuple(countries), np.concatenate(positions), np.concatenate(groups), tuple(labels)
    )


def check_tariffs(model: TariffModel, tariffs: np.ndarray, what: str = "tariffs") -> np.ndarray:
    """A float copy of a tariff tensor, checked against the model's shape and the -100% floor."""
    n, s = len(model.countries), len(model.sectors)
    array = np.array(tariffs, dtype=np.float64)
    if array.shape != (n, n, s):
        raise StrategyError(f"{what}: shape {array.shape}, expected (N, N, S) = {(n, n, s)}.")
    bad = ~np.isfinite(array) | (array <= -1.0)
    if bad.any():
        i, e, k = (int(v) for v in np.argwhere(bad)[0])
        raise StrategyError(
            f"{what}: importer {model.countries[i]!r}, exporter {model.countries[e]!r}, sector "
            f"{model.sectors[k]!r} holds {array[i, e, k]!r}; tariffs must be finite and > -100%."
        )
    return array
