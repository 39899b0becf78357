"""``validate``: run both episodes with one parameter set and score them against observed data.

Every row of the scorecard pairs a model figure with an observed one (or says that none is
shipped), the target of issue 18's "Must show" it is held to, and whether it is met. The model
figures of both episodes come from the same world, horizon and closure: nothing is tuned per
episode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tradewar.errors import ShockError
from tradewar.hindcast._episodes import (
    EPISODES,
    Episode,
    deficit_path,
    episode_tariffs,
    start_world,
)
from tradewar.hindcast._observed import household_count, observed
from tradewar.model import CLOSURES, HORIZONS, Equilibrium, HorizonName, Shock, solve
from tradewar.results import outcomes
from tradewar.scenarios import PolicySource
from tradewar.world import World

US = "USA"


@dataclass(frozen=True)
class Row:
    """One line of the scorecard (percent changes unless ``unit`` says otherwise)."""

    episode: str
    quantity: str
    label: str
    model: float | None
    observed: float | None
    unit: str
    target: str
    met: bool | None
    source: str = ""
    confirmed: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Scorecard:
    """The hindcast: rows, the settings that produced them, and per-episode outcomes."""

    horizon: str
    closure: str
    world: str
    rows: tuple[Row, ...]
    outcomes: dict[str, dict[str, float]] = field(default_factory=dict)
    method: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "horizon": self.horizon,
            "horizon_note": HORIZONS[self.horizon].describe(),
            "closure": self.closure,
            "world": self.world,
            "method": self.method,
            "rows": [r.as_dict() for r in self.rows],
            "outcomes": self.outcomes,
            "targets_met": sum(1 for r in self.rows if r.met),
            "targets_missed": sum(1 for r in self.rows if r.met is False),
        }


def _flow(world: World, eq: Equilibrium, quantity: str) -> tuple[float, float] | None:
    """Baseline and counterfactual value of a US flow named like the observed quantities."""
    if US not in world.countries:
        return None
    n = world.country_index(US)
    kind, _, partner = quantity.partition(":")
    if partner and partner not in world.countries:
        return None
    i = world.country_index(partner) if partner else None
    foreign = np.arange(world.n_countries) != n
    if kind == "us_imports_from":
        return float(world.trade[n, i].sum()), float(eq.trade[n, i].sum())
    if kind == "us_exports_to":
        return float(world.trade[i, n].sum()), float(eq.trade[i, n].sum())
    if kind == "us_imports_total":
        return float(world.trade[n, foreign].sum()), float(eq.trade[n, foreign].sum())
    if kind == "us_exports_total":
        return float(world.trade[foreign, n].sum()), float(eq.trade[foreign, n].sum())
    raise ValueError(f"unknown flow {quantity!r}")


_FLOWS = {
    "us_imports_from:CHN": "US imports from China",
    "us_exports_to:CHN": "US exports to China",
    "us_imports_total": "US total goods imports",
    "us_exports_total": "US total goods exports",
    "us_imports_from:VNM": "US imports from Viet Nam",
    "us_imports_from:TWN": "US imports from Taiwan",
    "us_imports_from:MEX": "US imports from Mexico",
}


def _target(episode: Episode, quantity: str) -> tuple[str, Callable[[float, float], bool] | None]:
    within = (lambda m, o: abs(m - o) <= 10.0, "within 10 points of observed")
    if quantity in ("us_imports_from:CHN", "us_exports_to:CHN"):
        return within[1], within[0]
    if quantity in ("us_imports_total", "us_exports_total") and episode.name == "2024-25":
        return within[1], within[0]
    if quantity == "us_imports_from:VNM":
        return "rising", lambda m, o: m > 0
    return "reported", None


def _episode_rows(
    episode: Episode,
    world: World,
    horizon: HorizonName,
    closure: str,
    source: PolicySource | None,
) -> tuple[list[Row], dict[str, float]]:
    start = episode_tariffs(world, episode.start_year, source)
    end = episode_tariffs(world, episode.end_year, source)
    base = start_world(world, start, episode.start_year)
    path = deficit_path(base, episode) if closure == "observed" else None
    deficits = closure if path is not None or closure != "observed" else "fixed"
    eq = solve(
        base,
        Shock(tariffs=end, name=f"tariffs of {episode.end_year}"),
        horizon=horizon,
        deficits=deficits,  # type: ignore[arg-type]
        deficit_path=path,
    )
    rows: list[Row] = []
    for quantity, label in _FLOWS.items():
        target, test = _target(episode, quantity)
        obs = observed(episode.name, quantity)
        values = _flow(eq.baseline, eq, quantity)
        model = None if values is None else 100 * (values[1] / values[0] - 1)
        obs_pct = None if obs is None else obs.change_pct
        met = None
        if test is not None and model is not None and (obs_pct is not None or target == "rising"):
            met = bool(test(model, obs_pct if obs_pct is not None else 0.0))
        note = "" if obs is not None else "no sourced observed figure shipped"
        if values is None:
            note = "not an economy of this world"
        rows.append(
            Row(
                episode.name,
                quantity,
                label,
                model,
                obs_pct,
                "% change",
                target,
                met,
                "" if obs is None else obs.source_url,
                None if obs is None else obs.confirmed,
                note,
            )
        )
    quoted: dict[str, float] = {}
    if US in eq.baseline.countries:
        quoted = outcomes(eq, US, households=household_count().to_value)
        n = eq.baseline.country_index(US)
        output = eq.gross_output[n] / eq.baseline.gross_output[n] - 1
        j = int(np.argmax(np.abs(output)))
        quoted["largest_sector_output_change_pct"] = 100 * float(output[j])
        quoted["largest_sector"] = eq.baseline.sectors[j]  # type: ignore[assignment]
        pt = observed(episode.name, "pass_through")
        rows.append(
            Row(
                episode.name,
                "pass_through",
                "share of US tariffs in US import prices",
                quoted["pass_through"],
                None if pt is None else pt.to_value,
                "share",
                ">= 0.85",
                bool(quoted["pass_through"] >= 0.85),
                "" if pt is None else pt.source_url,
                None if pt is None else pt.confirmed,
            )
        )
        welfare = observed(episode.name, "welfare_pct")
        rows.append(
            Row(
                episode.name,
                "welfare_pct",
                "US real income",
                quoted["welfare_pct"],
                None if welfare is None else welfare.to_value,
                "% of income",
                "reported",
                None,
                "" if welfare is None else welfare.source_url,
                None if welfare is None else welfare.confirmed,
                "" if welfare is not None else "no published estimate shipped",
            )
        )
        if episode.name == "2024-25":
            rows.append(
                Row(
                    episode.name,
                    "largest_sector_output_change_pct",
                    f"largest US sector output change ({quoted['largest_sector']})",
                    quoted["largest_sector_output_change_pct"],
                    None,
                    "% change",
                    "|change| <= 10",
                    bool(abs(quoted["largest_sector_output_change_pct"]) <= 10.0),
                    note="the target of the issue; no observed sector series is shipped",
                )
            )
        for key, label in (
            ("consumer_prices_pct", "US consumer prices"),
            ("customs_revenue", "US customs revenue (world units)"),
        ):
            rows.append(Row(episode.name, key, label, quoted[key], None, "", "reported", None))
    return rows, quoted


METHOD = (
    "Each episode: the start year's day-weighted tariffs solved in the long run as the start "
    "steady state; the end year's day-weighted tariffs solved on it at the horizon, the US "
    "deficit at its observed path. Model changes are policy effects at constant world nominal "
    "demand; observed changes also include nominal growth and non-tariff shocks (not removed)."
)


def validate(
    world: World | None = None,
    *,
    horizon: HorizonName = "1y",
    closure: str = "observed",
    source: PolicySource | None = None,
) -> Scorecard:
    """Run both episodes with one parameter set and return the scorecard.

    ``world`` defaults to the default world, ``source`` to the built-in timeline.
    """
    if closure not in CLOSURES:
        raise ShockError(f"closure={closure!r}; use one of {sorted(CLOSURES)}.")
    if world is None:
        from tradewar.worlds import default_world

        world = default_world()
    rows: list[Row] = []
    quoted: dict[str, dict[str, float]] = {}
    for episode in EPISODES:
        episode_rows, episode_outcomes = _episode_rows(episode, world, horizon, closure, source)
        rows.extend(episode_rows)
        quoted[episode.name] = episode_outcomes
    return Scorecard(
        horizon=horizon,
        closure=CLOSURES[closure],
        world=world.name,
        rows=tuple(rows),
        outcomes=quoted,
        method=METHOD,
    )
