r"""Managed trade: purchase commitments met through an endogenous demand wedge.

A commitment says that ``importer`` buys at least a value from ``exporter`` in some sectors (say
China buys US soybeans and grains worth $X bn a year). In the model a buyer meets it only if its
purchases are steered: each binding commitment gets a wedge :math:`\omega_k \le 1` that scales
the tariff factor of the covered flows, :math:`1+\tau^{\rm eff} = (1+\tau)\,\omega_k`, chosen so
that the imports reach the target exactly; a commitment already met leaves :math:`\omega_k = 1`
(complementary slackness). The wedge works like a purchase subsidy paid by the importer's
government (its "tariff revenue" on the flow turns into a cost), so the cost of buying from a
dearer supplier shows up in the importer's real income, and the trade it diverts from other
suppliers shows up in the flows.

The wedges solve :math:`\log M_k(\omega) = \log T_k` by Newton's method, with the Jacobian from
implicit differentiation through the equilibrium.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
import pandas as pd

from tradewar.errors import ConvergenceError, ShockError
from tradewar.model._equilibrium import Equilibrium
from tradewar.model._gradients import levels_from_tariffs
from tradewar.model._horizon import DEFAULT_HORIZON, HorizonName, at_horizon, wage_flex
from tradewar.model._kernels import Baseline
from tradewar.model._shock import Shock
from tradewar.model._solve import (
    Deficits,
    Settings,
    _deficit_rule,
    _settings,
    purge_deficits,
    solve,
    world_arrays,
)
from tradewar.model._solver import SolverSettings
from tradewar.world import World


@dataclass(frozen=True)
class PurchaseTarget:
    """``importer`` commits to buy at least ``value`` a year from ``exporter`` in ``sectors``.

    ``value`` is in the world's units at producer prices (e.g. USD bn of the base year), summed
    over the listed sectors.
    """

    importer: str
    exporter: str
    sectors: tuple[str, ...]
    value: float
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or f"{self.importer}<-{self.exporter} {'+'.join(self.sectors)}"


@dataclass(frozen=True, eq=False)
class ManagedEquilibrium:
    """An equilibrium in which purchase commitments hold.

    ``equilibrium`` was solved with the wedges inside its tariffs (``statutory_tariffs`` are the
    tariffs without them); ``wedges`` are the factors on (1 + tariff), 1 where a commitment does
    not bind; ``without`` the imports the commitments cover when no wedge applies.
    """

    equilibrium: Equilibrium
    targets: tuple[PurchaseTarget, ...]
    wedges: np.ndarray
    achieved: np.ndarray
    without: np.ndarray
    statutory_tariffs: np.ndarray
    iterations: int

    @property
    def binding(self) -> np.ndarray:
        return self.wedges < 1.0

    def table(self) -> pd.DataFrame:
        """One row per commitment: target, imports without it, achieved, the wedge and its cost.

        ``subsidy_pct`` is the wedge as a purchase subsidy, (1 - omega) x 100; ``cost`` is what
        the importer pays for it, in the world's units.
        """
        eq = self.equilibrium
        rows = []
        for k, target in enumerate(self.targets):
            n = eq.baseline.country_index(target.importer)
            i = eq.baseline.country_index(target.exporter)
            js = [eq.baseline.sector_index(s) for s in target.sectors]
            effective = eq.tariffs[n, i, js]
            statutory = self.statutory_tariffs[n, i, js]
            cost = float(((statutory - effective) * eq.trade[n, i, js]).sum())
            rows.append(
                {
                    "commitment": target.label,
                    "importer": target.importer,
                    "exporter": target.exporter,
                    "sectors": ",".join(target.sectors),
                    "target": target.value,
                    "without_commitment": float(self.without[k]),
                    "achieved": float(self.achieved[k]),
                    "binding": bool(self.binding[k]),
                    "subsidy_pct": float(100 * (1 - self.wedges[k])),
                    "cost": cost,
                }
            )
        return pd.DataFrame(rows)

    def diversion(self) -> pd.DataFrame:
        """Each commitment's importer's purchases in the covered sectors, by supplier.

        One row per (commitment, supplier): ``baseline`` and ``counterfactual`` imports at
        producer prices, their change and percent change. The committed supplier gains what the
        others lose, less the fall in the importer's total purchases (at free trade, every other
        supplier loses).
        """
        eq = self.equilibrium
        base = eq.baseline
        rows = []
        for target in self.targets:
            n = base.country_index(target.importer)
            js = [base.sector_index(s) for s in target.sectors]
            for i, supplier in enumerate(base.countries):
                if i == n:
                    continue
                old = float(base.trade[n, i, js].sum())
                new = float(eq.trade[n, i, js].sum())
                rows.append(
                    {
                        "commitment": target.label,
                        "importer": target.importer,
                        "supplier": supplier,
                        "committed_supplier": supplier == target.exporter,
                        "baseline": old,
                        "counterfactual": new,
                        "change": new - old,
                        "pct_change": 100 * (new / old - 1) if old > 0 else float("nan"),
                    }
                )
        return pd.DataFrame(rows)


def _indices(world: World, targets: Sequence[PurchaseTarget]) -> list[tuple[int, int, list[int]]]:
    out = []
    for target in targets:
        if not target.sectors:
            raise ShockError(f"commitment {target.label!r} names no sector.")
        if not (np.isfinite(target.value) and target.value > 0):
            raise ShockError(f"commitment {target.label!r}: value {target.value!r} must be > 0.")
        n, i = world.country_index(target.importer), world.country_index(target.exporter)
        if n == i:
            raise ShockError(f"commitment {target.label!r}: importer and exporter are the same.")
        out.append((n, i, [world.sector_index(s) for s in target.sectors]))
    return out


def _wedged(log_wedge: jax.Array, tariffs: jax.Array, mask: jax.Array) -> jax.Array:
    """Tariffs with each commitment's wedge on (1 + tariff) of the flows it covers."""
    return (1 + tariffs) * jnp.exp(jnp.einsum("k,knij->nij", log_wedge, mask)) - 1


def _covered(
    log_wedge: jax.Array,
    base: Baseline,
    tariffs: jax.Array,
    trade_costs: jax.Array,
    mask: jax.Array,
    rule: int,
    settings: SolverSettings,
) -> tuple[jax.Array, jax.Array]:
    """log of the imports each commitment covers, and whether the solve converged."""
    lv, ok = levels_from_tariffs(
        _wedged(log_wedge, tariffs, mask), base, trade_costs, rule, settings
    )
    return jnp.log(jnp.einsum("knij,nij->k", mask, lv.trade)), ok


# Compiled once per shape and settings, not per call.
_covered_log_imports = jax.jit(_covered, static_argnames=("rule", "settings"))
_covered_jacobian = jax.jit(jax.jacrev(lambda *a: _covered(*a)[0]), static_argnums=(5, 6))


def solve_managed(
    world: World,
    shock: Shock | None,
    targets: Sequence[PurchaseTarget],
    *,
    deficits: Deficits = "fixed",
    horizon: HorizonName = DEFAULT_HORIZON,
    settings: Settings = None,
    tol: float = 1e-10,
    max_iter: int = 60,
) -> ManagedEquilibrium:
    """Solve ``shock`` on ``world`` with every purchase commitment in ``targets`` met.

    Raises :class:`~tradewar.errors.ConvergenceError` if the wedges do not converge (for
    instance a target beyond what any subsidy can buy).
    """
    shock = Shock.none() if shock is None else shock
    shock.check(world)
    index = _indices(world, targets)
    rule = _deficit_rule(deficits)
    if deficits == "observed":
        raise ShockError(
            "purchase commitments under deficits='observed' are not supported; use 'fixed', "
            "'zero' or 'ratio'."
        )
    opts = _settings(settings)
    world = at_horizon(world, horizon)
    solved_world = world
    if deficits == "zero":
        solved_world = purge_deficits(world, settings=settings).check().to_world()
    base = world_arrays(solved_world, flex=wage_flex(horizon, world.n_countries))
    statutory = shock.tariffs_for(world)
    trade_costs = jnp.asarray(shock.trade_costs_for(world))
    k_count = len(targets)
    mask = np.zeros((k_count, *world.trade.shape))
    for k, (n, i, js) in enumerate(index):
        mask[k, n, i, js] = 1.0
    if (mask.sum(axis=0) > 1).any():
        raise ShockError("two commitments cover the same importer, exporter and sector.")
    args = (base, jnp.asarray(statutory), trade_costs, jnp.asarray(mask))

    def log_imports(u: np.ndarray) -> tuple[jax.Array, jax.Array]:
        return _covered_log_imports(jnp.asarray(u), *args, rule, opts)

    def jacobian(u: np.ndarray) -> jax.Array:
        return _covered_jacobian(jnp.asarray(u), *args, rule, opts)

    log_target = np.log([t.value for t in targets])
    u = np.zeros(k_count)
    value, ok = log_imports(u)
    without = np.exp(np.asarray(value))
    iterations = 0
    while True:
        if not bool(ok):
            raise ConvergenceError("an equilibrium inside the commitment solve failed.")
        current = np.asarray(value)
        slack = (u >= 0.0) & (current >= np.asarray(log_target))  # met without a wedge
        gap = np.where(slack, 0.0, current - np.asarray(log_target))
        if np.max(np.abs(gap)) <= tol:
            break
        iterations += 1
        if iterations > max_iter:
            raise ConvergenceError(
                f"purchase commitments not met after {max_iter} Newton steps (largest gap "
                f"{float(np.max(np.abs(gap))):.3e} in logs); a target may exceed what the model "
                "can deliver."
            )
        active = ~slack
        jac = np.asarray(jacobian(u))
        step = np.zeros(k_count)
        step[active] = np.linalg.solve(jac[np.ix_(active, active)], -gap[active])
        u = np.minimum(u + np.clip(step, -0.5, 0.5), 0.0)  # a wedge never taxes the flow
        value, ok = log_imports(u)
    effective = np.asarray(_wedged(jnp.asarray(u), args[1], args[3]))
    managed_shock = Shock(
        tariffs=effective,
        trade_costs=shock.trade_costs,
        name=f"{shock.name} + purchase commitments",
    )
    eq = solve(world, managed_shock, deficits=deficits, horizon=horizon, settings=settings)
    achieved = np.einsum("knij,nij->k", mask, eq.trade)
    return ManagedEquilibrium(
        equilibrium=eq,
        targets=tuple(targets),
        wedges=np.exp(u),
        achieved=achieved,
        without=without,
        statutory_tariffs=np.asarray(statutory),
        iterations=iterations,
    )
