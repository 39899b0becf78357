"""From a sweep spec to arrays: the world, the base policy, and each point's counterfactual.

:func:`prepare` resolves names once (countries, sectors, the base scenario); the resulting
:class:`Prepared` is plain data, sent to the workers, where :meth:`Prepared.arrays` builds the
tariffs, trade costs and elasticities of any point.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from tradewar.errors import SweepError, TradewarError
from tradewar.sectors import GOODS_CODES
from tradewar.sweep._spec import Axis, SweepSpec
from tradewar.world import World


@dataclass(frozen=True)
class ResolvedAxis:
    """An axis with its countries and sectors turned into indices."""

    name: str
    kind: str
    importer: int
    exporters: tuple[int, ...]
    sectors: tuple[int, ...]
    how: str
    of: str | None


@dataclass(frozen=True, eq=False)
class Prepared:
    """Everything a worker needs to solve points of a sweep."""

    world: World
    tariffs: np.ndarray  # (N, N, J) the base policy
    trade_costs: np.ndarray  # (N, N, J)
    deficits: str
    axes: tuple[ResolvedAxis, ...]
    base_label: str
    model_hash: str

    def arrays(self, point: dict[str, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Tariffs, trade costs and theta of one point."""
        tariffs = self.tariffs.copy()
        costs = self.trade_costs.copy()
        theta = self.world.theta.copy()
        for axis in self.axes:
            value = point[axis.name]
            n, js = axis.importer, list(axis.sectors)
            if axis.kind == "tariff":
                pct = value * point[axis.of] if axis.of is not None else value
                for i in axis.exporters:
                    level = pct / 100 if axis.how == "set" else self.tariffs[n, i, js] + pct / 100
                    tariffs[n, i, js] = level
            elif axis.kind == "trade_cost":
                for i in axis.exporters:
                    costs[n, i, js] *= value
            else:
                theta[js] *= value
        low = tariffs.min()
        if low <= -1.0:
            raise SweepError(
                f"point {point}: a tariff of {100 * low:.6g}% is at or below -100%; "
                "check the axis values (tariffs are in percent)."
            )
        return tariffs, costs, theta


def _digest(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def array_digest(*arrays: np.ndarray) -> str:
    h = hashlib.sha256()
    for a in arrays:
        a = np.ascontiguousarray(a, dtype=np.float64)
        h.update(str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()


def point_id(point: dict[str, float]) -> str:
    """A stable id for a point's values (the same values give the same id in any sweep)."""
    return "p" + _digest({k: float(v) for k, v in point.items()})[:16]


def load_world(spec: SweepSpec) -> World:
    """The world named by ``spec.world``."""
    name = spec.world.strip()
    if name == "default":
        from tradewar.worlds import default_world

        return default_world()
    if name == "toy":
        from tradewar.worlds.examples import toy_world

        return toy_world()
    if name.startswith("random:"):
        try:
            seed, n, j = (int(x) for x in name.split(":")[1:])
        except ValueError:
            raise SweepError(
                f"world {name!r}: write random worlds as 'random:SEED:COUNTRIES:SECTORS'."
            ) from None
        from tradewar.worlds.examples import random_world

        return random_world(seed, n, j)
    try:
        from tradewar.worlds import load_world_file
    except ImportError:
        raise SweepError(
            f"world {name!r}: world files need tradewar.scenarios, which this version lacks; "
            "use 'default', 'toy' or 'random:SEED:N:J'."
        ) from None
    try:
        world: World = load_world_file(spec.resolve_path(name))
    except TradewarError as exc:
        raise SweepError(f"sweep {spec.name!r}: world {name!r}: {exc}") from exc
    return world


def _base(spec: SweepSpec, world: World) -> tuple[World, np.ndarray, np.ndarray, str, str]:
    """(world, tariffs, trade costs, deficit rule, label) of the base policy."""
    if spec.base == "world":
        return (
            world,
            world.tariffs.copy(),
            np.ones_like(world.trade),
            spec.deficits or "fixed",
            (f"the tariffs of {world.name!r}"),
        )
    try:
        from tradewar.compile import compile_scenario
        from tradewar.scenarios import builtin_scenario, load_scenario
    except ImportError:
        raise SweepError(
            f"base {spec.base!r}: scenario bases need tradewar.scenarios, which this version "
            "lacks; use base = 'world'."
        ) from None
    try:
        path = spec.resolve_path(spec.base)
        scenario = load_scenario(path) if path.suffix == ".toml" else builtin_scenario(spec.base)
        compiled = compile_scenario(scenario, world=world)
    except TradewarError as exc:
        raise SweepError(f"sweep {spec.name!r}: base {spec.base!r}: {exc}") from exc
    if compiled.targets:
        raise SweepError(
            f"sweep {spec.name!r}: base scenario {scenario.name!r} has purchase commitments, "
            "which sweeps do not solve (the managed-trade solver is not batched); use a base "
            "without commitments."
        )
    solved = compiled.world
    shock = compiled.shock
    return (
        solved,
        np.asarray(shock.tariffs_for(solved), dtype=np.float64),
        np.asarray(shock.trade_costs_for(solved), dtype=np.float64),
        spec.deficits or scenario.deficits,
        f"scenario {scenario.name!r} ({compiled.policy_label})",
    )


def _resolve(axis: Axis, world: World, where: str) -> ResolvedAxis:
    def country(code: str) -> int:
        try:
            return world.country_index(code)
        except (KeyError, ValueError, TradewarError):
            raise SweepError(
                f"{where}: axis {axis.name!r}: unknown economy {code!r}; the world has "
                f"{list(world.countries)}."
            ) from None

    choice = axis.sector_choice
    if choice == "all":
        sectors = tuple(range(world.n_sectors))
    elif choice == "goods":
        goods = [s for s in world.sectors if s in GOODS_CODES]
        if not goods:
            raise SweepError(
                f"{where}: axis {axis.name!r}: world {world.name!r} has no default goods sectors; "
                "list the sectors or use sectors = 'all'."
            )
        sectors = tuple(world.sectors.index(s) for s in goods)
    else:
        unknown = [s for s in choice if s not in world.sectors]
        if unknown:
            raise SweepError(
                f"{where}: axis {axis.name!r}: unknown sector(s) {unknown}; the world has "
                f"{list(world.sectors)}."
            )
        sectors = tuple(world.sectors.index(s) for s in choice)
    importer = country(axis.importer) if axis.importer else -1
    exporters = tuple(country(c) for c in axis.exporters)
    if importer in exporters:
        raise SweepError(f"{where}: axis {axis.name!r}: importer and exporter are the same.")
    return ResolvedAxis(axis.name, axis.kind, importer, exporters, sectors, axis.how, axis.of)


def prepare(spec: SweepSpec, world: World | None = None) -> Prepared:
    """Resolve ``spec`` against its world (or ``world``) and base policy."""
    world = world if world is not None else load_world(spec)
    solved, tariffs, costs, deficits, label = _base(spec, world)
    where = f"sweep {spec.name!r}"
    axes = tuple(_resolve(a, solved, where) for a in spec.axes)
    model_hash = _digest(
        {
            "world": array_digest(
                solved.trade,
                solved.tariffs,
                solved.va_share,
                solved.io_share,
                solved.final_share,
                solved.theta,
            ),
            "countries": list(solved.countries),
            "sectors": list(solved.sectors),
            "base": array_digest(tariffs, costs),
            "deficits": deficits,
            "axes": [a.definition() for a in spec.axes],
        }
    )
    return Prepared(solved, tariffs, costs, deficits, axes, label, "sha256:" + model_hash)
