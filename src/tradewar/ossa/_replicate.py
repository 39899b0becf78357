"""Reproduce Ossa's (2014) results from his data: Tables 8-10 (MFN) or 3-5 (non-MFN).

* Table 8 (3) — each region's optimal MFN (non-MFN) tariffs against factual tariffs;
* Table 9 (4) — the Nash equilibrium among all seven regions (the world trade war);
* Table 10 (5) — the cooperative tariffs (equal percentage gains), from Nash, from factual
  tariffs and from free trade.

Columns follow Ossa's tables: government welfare, welfare, wage and profits changes in percent,
own and mean of the others where the table splits them, and median tariffs. As in his tables,
wages are normalised by their mean across the seven regions and profits are relative to wages.
Published values are read from ``TABLE*.mat`` for comparison only, never as inputs. Panel a is
BAS (lambda = 1), panel b POL, with Ossa's calibrated weights ``LAMBDAPOL`` read from
``DATA.mat`` (the lambda calibration itself is not redone here).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tradewar.errors import DataError
from tradewar.ossa._data import load_ossa2014, load_published_table
from tradewar.ossa._model import OssaModel

#: Starting points of the talks, in Table 10's column order.
TALKS_STARTS = ("nash", "factual", "free_trade")


@dataclass(frozen=True, eq=False)
class Panel:
    """One reproduced table: rows are the regions and their mean, values in percent."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    values: np.ndarray
    published: np.ndarray | None = None

    def max_abs_error(self) -> float | None:
        """Largest |reproduced - published| over the panel (published values are rounded)."""
        if self.published is None:
            return None
        return float(np.max(np.abs(self.values - self.published)))


@dataclass(frozen=True, eq=False)
class Replication:
    """Ossa (2014) MFN results reproduced by tradewar (see the module docstring)."""

    lobbying: str
    mfn: bool
    model: OssaModel
    regions: tuple[str, ...]
    optimal: tuple[Any, ...]  # OptimalTariffs per region
    nash: Any  # NashEquilibrium
    talks: dict[str, Any]  # Agreement per starting point
    panels: tuple[Panel, ...]
    seconds: float
    solver: dict[str, Any] = field(default_factory=dict)

    def panel(self, name: str) -> Panel:
        for p in self.panels:
            if p.name == name:
                return p
        raise KeyError(name)

    def summary(self) -> dict[str, Any]:
        """Per-region headline numbers and solver statistics (the CLI's ``--json``)."""
        regions: dict[str, dict[str, float]] = {}
        factual = self.talks.get("factual")
        tag = "mfn_" if self.mfn else ""
        for j, name in enumerate(self.regions):
            optimum, nash = self.optimal[j], self.nash
            row = {
                f"optimal_{tag}median_tariff": 100.0 * float(np.median(optimum.rates)),
                f"optimal_{tag}welfare_pct": 100.0 * (optimum.welfare[j] - 1.0),
                f"optimal_{tag}government_welfare_pct": 100.0
                * (optimum.government_welfare[j] - 1.0),
                f"nash_{tag}median_tariff": 100.0 * float(np.median(nash.rates(name))),
                f"nash_{tag}welfare_pct": 100.0 * (nash.welfare[j] - 1.0),
                f"nash_{tag}government_welfare_pct": 100.0 * (nash.government_welfare[j] - 1.0),
            }
            if factual is not None:
                row[f"talks_{tag}gain_pct"] = float(factual.gains_pct[j])
                row[f"talks_{tag}welfare_gain_pct"] = float(factual.welfare_gains_pct[j])
            for start, agreement in self.talks.items():
                row[f"talks_{tag}gain_from_{start}_pct"] = float(agreement.gains_pct[j])
            regions[name] = row
        return {
            "paper": "Ossa (2014), Trade Wars and Trade Talks with Data, AER 104(12)",
            "lobbying": self.lobbying,
            "mfn": self.mfn,
            "regions": regions,
            "mean": {
                k: float(np.mean([r[k] for r in regions.values()]))
                for k in next(iter(regions.values()))
            },
            "tables": {
                p.name: {
                    "columns": list(p.columns),
                    "rows": list(p.rows),
                    "values": p.values.tolist(),
                    "published": None if p.published is None else p.published.tolist(),
                    "max_abs_error": p.max_abs_error(),
                }
                for p in self.panels
            },
            "solver": self.solver,
            "seconds": self.seconds,
        }


def _outcomes(
    model: OssaModel, tariffs: np.ndarray, start: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """Percent changes of Ossa's table columns at ``tariffs`` relative to ``start``."""
    eq = model.solve(tariffs).check()
    gov, welfare, w, profits = eq.government_welfare_hat, eq.welfare_hat, eq.w_hat, eq.profits_hat
    if start is not None:
        eq0 = model.solve(start).check()
        gov, welfare = gov / eq0.government_welfare_hat, welfare / eq0.welfare_hat
        w, profits = w / eq0.w_hat, profits / eq0.profits_hat
    return {
        "government_welfare": 100.0 * (gov - 1.0),
        "welfare": 100.0 * (welfare - 1.0),
        "wage": 100.0 * (w / w.mean() - 1.0),
        "profits": 100.0 * (profits / w - 1.0),
    }


def _with_mean(rows: list[list[float]]) -> np.ndarray:
    values = np.asarray(rows, dtype=np.float64)
    return np.vstack([values, values.mean(axis=0, keepdims=True)])


def _published(directory: Path, name: str, shape: tuple[int, ...]) -> np.ndarray | None:
    try:
        table = load_published_table(directory, name)
    except DataError:
        return None
    return table if table.shape == shape else None


def replicate(
    directory: str | Path,
    *,
    lobbying: Literal["BAS", "POL"] = "BAS",
    mfn: bool = True,
    talks_from: tuple[str, ...] = TALKS_STARTS,
) -> Replication:
    """Reproduce Tables 8-10 (``mfn=True``) or 3-5 (``mfn=False``) from ``DATA.mat``.

    Panel a is BAS (lambda = 1), panel b POL (Ossa's calibrated weights from the data). As in
    Ossa's programs, the Nash iteration starts from everyone's optimal tariffs (MFN), or from
    the MFN Nash equilibrium (non-MFN); talks start from the Nash, factual and free-trade points.
    """
    from tradewar.strategy import cooperative, nash_equilibrium, optimal_tariffs

    unknown = set(talks_from) - set(TALKS_STARTS)
    if unknown:
        raise DataError(f"unknown talks starting points {sorted(unknown)}; use {TALKS_STARTS}.")
    began = time.perf_counter()
    directory = Path(directory)
    model = OssaModel(load_ossa2014(directory), lobbying=lobbying)
    regions, n = model.countries, len(model.countries)
    factual = model.factual_tariffs()
    panel = "a" if lobbying == "BAS" else "b"
    numbers = (8, 9, 10) if mfn else (3, 4, 5)
    rows_label = (*regions, "mean")
    keys = ("government_welfare", "welfare", "wage", "profits")

    optimal = tuple(optimal_tariffs(model, j, mfn=mfn).check() for j in range(n))
    table_optimal = []
    for j, result in enumerate(optimal):
        out = _outcomes(model, result.tariffs)
        others = [k for k in range(n) if k != j]
        row = [v for key in keys for v in (out[key][j], out[key][others].mean())]
        table_optimal.append([*row, 100.0 * float(np.median(result.rates))])
    name = f"TABLE{numbers[0]}{panel}"
    columns = (*(f"{k}_{w}" for k in keys for w in ("own", "others")), "median_tariff")
    shape = (n + 1, len(columns))
    panels = [
        Panel(
            name, columns, rows_label, _with_mean(table_optimal), _published(directory, name, shape)
        )
    ]

    if mfn:
        start = np.zeros_like(factual)
        for j, result in enumerate(optimal):
            start[j] = result.tariffs[j]
    else:
        start = nash_equilibrium(model).check().tariffs  # the MFN Nash equilibrium
    nash = nash_equilibrium(model, mfn=mfn, start=start).check()
    out = _outcomes(model, nash.tariffs)
    table_nash = [
        [*(out[k][j] for k in keys), 100.0 * float(np.median(nash.rates(regions[j])))]
        for j in range(n)
    ]
    name = f"TABLE{numbers[1]}{panel}"
    columns = (*keys, "median_tariff")
    shape = (n + 1, len(columns))
    panels.append(
        Panel(name, columns, rows_label, _with_mean(table_nash), _published(directory, name, shape))
    )

    starts = {"nash": nash.tariffs, "factual": factual, "free_trade": np.zeros_like(factual)}
    talks = {s: cooperative(model, start=starts[s], mfn=mfn).check() for s in talks_from}
    if talks_from == TALKS_STARTS:
        outs = [_outcomes(model, talks[s].tariffs, starts[s]) for s in TALKS_STARTS]
        table_talks = [[o[k][j] for k in keys for o in outs] for j in range(n)]
        name = f"TABLE{numbers[2]}{panel}"
        columns = tuple(f"{k}_from_{s}" for k in keys for s in TALKS_STARTS)
        shape = (n + 1, len(columns))
        panels.append(
            Panel(
                name,
                columns,
                rows_label,
                _with_mean(table_talks),
                _published(directory, name, shape),
            )
        )
    solver = {
        "optimal": {r.country: r.solver_info() for r in optimal},
        "nash": nash.solver_info(),
        "talks": {s: a.solver_info() for s, a in talks.items()},
    }
    return Replication(
        lobbying=lobbying,
        mfn=mfn,
        model=model,
        regions=regions,
        optimal=optimal,
        nash=nash,
        talks=talks,
        panels=tuple(panels),
        seconds=time.perf_counter() - began,
        solver=solver,
    )
