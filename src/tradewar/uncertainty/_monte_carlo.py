"""Monte Carlo over trade elasticities: draw theta, solve every draw, report quantile bands.

:func:`monte_carlo` draws elasticity vectors from a :class:`ThetaDistribution`, solves the
counterfactual for each (batched with :func:`tradewar.model.solve_batch`, in this process or on a
Dask cluster) and returns a :class:`MonteCarlo` holding every draw's figures. Bands are quantiles
over the draws that converged; failed draws are counted and listed, never dropped silently and
never replaced by new draws (replacing them would bias the bands towards easy draws).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tradewar.batch import BILATERAL_VARIABLES, COUNTRY_VARIABLES, InProcess
from tradewar.batch.outputs import (
    batch_outputs,
    blank_outputs,
    default_chunk_size,
    equilibrium_outputs,
)
from tradewar.errors import ConvergenceError, UncertaintyError
from tradewar.model import Deficits, PurchaseTarget, Settings, Shock, solve_batch, solve_managed
from tradewar.results import DEFAULT_QUANTILES, check_quantiles, quantile_bands
from tradewar.sectors import SECTOR_CODES
from tradewar.uncertainty._cp2015 import cp2015_theta
from tradewar.uncertainty._distribution import ThetaDistribution
from tradewar.world import World


@dataclass(frozen=True, eq=False)
class MonteCarlo:
    """Every draw of a Monte Carlo run and its quantile bands.

    ``theta`` (draws, J) are the elasticities drawn; ``converged``, ``iterations`` and
    ``residual`` the solver's verdict on each; ``countries[variable]`` (draws, N) and
    ``bilateral[variable]`` (draws, N, N) the figures (NaN for failed draws). See
    :data:`~tradewar.uncertainty.COUNTRY_VARIABLES` and
    :data:`~tradewar.uncertainty.BILATERAL_VARIABLES`.
    """

    world: World
    name: str
    deficits: str
    distribution: ThetaDistribution
    seed: int
    theta: np.ndarray
    converged: np.ndarray
    iterations: np.ndarray
    residual: np.ndarray
    countries: Mapping[str, np.ndarray]
    bilateral: Mapping[str, np.ndarray]
    quantiles: tuple[float, ...] = DEFAULT_QUANTILES
    seconds: float = 0.0
    where: str = "this process"
    notes: tuple[str, ...] = field(default=())

    @property
    def draws(self) -> int:
        return int(self.converged.shape[0])

    @property
    def failures(self) -> int:
        return int((~self.converged).sum())

    def summary(self) -> dict[str, Any]:
        """Counts and provenance, as plain values (for JSON and reports)."""
        return {
            "draws": self.draws,
            "converged": self.draws - self.failures,
            "failed": self.failures,
            "quantiles": list(self.quantiles),
            "seed": self.seed,
            "deficits": self.deficits,
            "distribution": self.distribution.describe(),
            "seconds": self.seconds,
            "where": self.where,
            "notes": list(self.notes),
        }

    def _quantiles(self, quantiles: Sequence[float] | None) -> tuple[float, ...]:
        return self.quantiles if quantiles is None else check_quantiles(quantiles)

    def country_bands(self, quantiles: Sequence[float] | None = None) -> pd.DataFrame:
        """Long form: ``iso3``, ``variable``, one column per quantile, ``converged``, ``failed``."""
        qs = self._quantiles(quantiles)
        frames = []
        for variable in COUNTRY_VARIABLES:
            bands = quantile_bands(self.countries[variable], self.converged, qs)
            frame = pd.DataFrame({"iso3": list(self.world.countries), "variable": variable})
            for key, values in bands.items():
                frame[key] = values
            frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        out["converged"] = self.draws - self.failures
        out["failed"] = self.failures
        return out

    def bilateral_bands(self, quantiles: Sequence[float] | None = None) -> pd.DataFrame:
        """Long form: ``importer``, ``exporter``, ``variable``, quantiles, ``converged``,
        ``failed`` (the diagonal is left out)."""
        qs = self._quantiles(quantiles)
        c = list(self.world.countries)
        n = len(c)
        off = ~np.eye(n, dtype=bool)
        importer = np.repeat(c, n).reshape(n, n)[off]
        exporter = np.tile(c, n).reshape(n, n)[off]
        frames = []
        for variable in BILATERAL_VARIABLES:
            bands = quantile_bands(self.bilateral[variable], self.converged, qs)
            frame = pd.DataFrame({"importer": importer, "exporter": exporter, "variable": variable})
            for key, values in bands.items():
                frame[key] = values[off]
            frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        out["converged"] = self.draws - self.failures
        out["failed"] = self.failures
        return out

    def band(
        self,
        variable: str,
        country: str,
        partner: str | None = None,
        quantiles: Sequence[float] | None = None,
    ) -> dict[str, float]:
        """One figure's band, ``{"q05": ..., "q50": ..., "q95": ...}`` (NaN if no draw converged).

        Country variables take ``country``; bilateral ones the ``country`` (importer) and
        ``partner`` (exporter).
        """
        qs = self._quantiles(quantiles)
        n = self.world.country_index(country)
        if variable in COUNTRY_VARIABLES:
            values = self.countries[variable][:, n]
        elif variable in BILATERAL_VARIABLES:
            if partner is None:
                raise UncertaintyError(f"{variable!r} is bilateral; give the partner too.")
            values = self.bilateral[variable][:, n, self.world.country_index(partner)]
        else:
            raise UncertaintyError(
                f"unknown variable {variable!r}; use one of "
                f"{list(COUNTRY_VARIABLES + BILATERAL_VARIABLES)}."
            )
        return {k: float(v) for k, v in quantile_bands(values, self.converged, qs).items()}

    def draws_table(self) -> pd.DataFrame:
        """One row per draw: ``draw``, ``converged``, ``iterations``, ``residual``, thetas."""
        frame = pd.DataFrame(
            {
                "draw": np.arange(self.draws),
                "converged": self.converged,
                "iterations": self.iterations,
                "residual": self.residual,
            }
        )
        for j, sector in enumerate(self.world.sectors):
            frame[f"theta_{sector}"] = self.theta[:, j]
        return frame

    def failed_draws(self) -> pd.DataFrame:
        """The draws that did not converge, with their elasticities (empty if none failed)."""
        table = self.draws_table()
        return table[~table["converged"]].reset_index(drop=True)


def default_distribution(world: World) -> ThetaDistribution:
    """Caliendo–Parro's estimates (default sectors only), centred on the world's theta."""
    if tuple(world.sectors) != SECTOR_CODES:
        raise UncertaintyError(
            f"world {world.name!r} does not use the default sectors, so Caliendo-Parro's "
            "estimates cannot be mapped onto it; give a distribution, e.g. "
            "tradewar.uncertainty.proportional(world.sectors, world.theta, cv=0.25) or your own "
            "mean/covariance or draws."
        )
    return cp2015_theta().centred_on(world.theta)


def _solve_draws(
    theta: np.ndarray,
    world: World,
    tariffs: np.ndarray,
    trade_costs: np.ndarray,
    deficits: Deficits,
    settings: Mapping[str, Any] | None,
    chunk_size: int,
    targets: tuple[PurchaseTarget, ...],
) -> dict[str, np.ndarray]:
    """Solve one block of draws (a task: runs here or on a worker)."""
    n = world.n_countries
    if not targets:
        # Pad to whole chunks with copies of the last draw, so that every block has the same
        # shape and compiles once (a compile costs far more than a few extra solves).
        count = theta.shape[0]
        padded = np.concatenate([theta, np.repeat(theta[-1:], -count % chunk_size, axis=0)])
        batch = solve_batch(
            world,
            tariffs=tariffs,
            trade_costs=trade_costs,
            theta=padded,
            deficits=deficits,
            settings=settings,
            chunk_size=chunk_size,
        )
        out = batch_outputs(batch, world)
        out.update(converged=batch.converged, iterations=batch.iterations, residual=batch.residual)
        return {k: v[:count] for k, v in out.items()}
    out = blank_outputs(theta.shape[0], n)
    converged = np.zeros(theta.shape[0], dtype=bool)
    iterations = np.zeros(theta.shape[0], dtype=np.int64)
    residual = np.full(theta.shape[0], np.inf)
    shock = Shock(tariffs=tariffs, trade_costs=trade_costs)
    for d in range(theta.shape[0]):
        try:
            managed = solve_managed(
                world.with_theta(theta[d]), shock, targets, deficits=deficits, settings=settings
            )
        except ConvergenceError:
            continue
        eq = managed.equilibrium
        iterations[d], residual[d] = eq.iterations, eq.residual
        if not eq.converged:
            continue
        converged[d] = True
        for key, value in equilibrium_outputs(eq).items():
            out[key][d] = value[0]
    out.update(converged=converged, iterations=iterations, residual=residual)
    return out


def monte_carlo(
    world: World,
    shock: Shock | None = None,
    *,
    draws: int = 1000,
    distribution: ThetaDistribution | None = None,
    seed: int = 0,
    deficits: Deficits | None = None,
    targets: Sequence[PurchaseTarget] | None = None,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    settings: Settings = None,
    chunk_size: int | None = None,
    executor: Any | None = None,
    name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MonteCarlo:
    """Solve ``shock`` on ``world`` for ``draws`` elasticity draws and collect the figures.

    Parameters
    ----------
    world, shock
        The baseline and the counterfactual (``None``: the zero shock). For a compiled scenario
        pass its parts: ``monte_carlo(c.world, c.shock, targets=c.targets,
        deficits=c.scenario.deficits, name=c.scenario.name)``.
    draws, distribution, seed
        How many elasticity vectors to draw, from what (default: Caliendo–Parro's estimates
        for the default sectors, centred on the world's own theta) and with which seed.
    deficits, targets, settings
        As for :func:`tradewar.model.solve` / :func:`~tradewar.model.solve_managed`. Scenarios
        with purchase ``targets`` are solved one draw at a time (the managed solver is not
        batched), which is much slower.
    quantiles
        Reported by default by the bands (5-50-95).
    chunk_size
        Draws per vectorised solve (default :func:`default_chunk_size`).
    executor
        Where to solve (:func:`tradewar.batch.open_executor`); default this process.
    progress
        Called as ``progress(draws_done, draws)`` as blocks finish.
    """
    if shock is not None and not isinstance(shock, Shock):
        raise UncertaintyError(
            f"monte_carlo takes a Shock, got {type(shock).__name__}; for a compiled scenario c "
            "pass its parts: monte_carlo(c.world, c.shock, targets=c.targets, "
            "deficits=c.scenario.deficits, name=c.scenario.name)"
        )
    shock = Shock.none() if shock is None else shock
    shock.check(world)
    deficits = deficits or "fixed"
    targets = tuple(targets or ())
    qs = check_quantiles(quantiles)
    dist = (distribution or default_distribution(world)).aligned(tuple(world.sectors))
    theta = dist.sample(draws, seed)
    chunk = min(chunk_size or default_chunk_size(world), draws)
    executor = executor or InProcess()
    tariffs = shock.tariffs_for(world)
    trade_costs = shock.trade_costs_for(world)

    workers = executor.workers
    if isinstance(executor, InProcess):
        blocks = [theta]
    else:  # about four tasks per worker, whole chunks each, so the load balances
        per = max(1, math.ceil(draws / (4 * workers)))
        per = chunk * max(1, round(per / chunk)) if per >= chunk else per
        blocks = [theta[k : k + per] for k in range(0, draws, per)]
    if targets:  # one draw per task: each is a separate managed solve
        blocks = [theta[k : k + 1] for k in range(draws)]
    shared = [executor.share(v) for v in (world, tariffs, trade_costs)]
    start = time.perf_counter()
    parts: dict[int, dict[str, np.ndarray]] = {}
    done = 0
    for k, result in executor.map_unordered(
        _solve_draws, blocks, *shared, deficits, settings, chunk, targets, name="mc"
    ):
        parts[k] = result
        done += blocks[k].shape[0]
        if progress is not None:
            progress(done, draws)
    seconds = time.perf_counter() - start
    joined = {key: np.concatenate([parts[k][key] for k in range(len(blocks))]) for key in parts[0]}
    notes = []
    if dist.assumed:
        notes.append(f"elasticity spread is an assumption: {dist.label}")
    failed = int((~joined["converged"]).sum())
    if failed:
        notes.append(
            f"{failed} of {draws} draws did not converge; bands use the {draws - failed} that did"
        )
    return MonteCarlo(
        world=world,
        name=name or shock.name or "shock",
        deficits=deficits,
        distribution=dist,
        seed=seed,
        theta=theta,
        converged=joined["converged"].astype(bool),
        iterations=joined["iterations"],
        residual=joined["residual"],
        countries={k: joined[k] for k in COUNTRY_VARIABLES},
        bilateral={k: joined[k] for k in BILATERAL_VARIABLES},
        quantiles=qs,
        seconds=seconds,
        where=executor.where,
        notes=tuple(notes),
    )
