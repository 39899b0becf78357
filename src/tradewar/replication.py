"""Reproductions of published experiments: Caliendo–Parro (2015) NAFTA and gegravity's example.

Each function computes its published numbers from the data files and returns plain dictionaries
(the CLI prints them); nothing here is typed in from the papers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from tradewar import results
from tradewar.data import cp2015
from tradewar.errors import DataError
from tradewar.model import Equilibrium, Shock, equilibrate, solve
from tradewar.world import GravityData, World, gravity_trade_costs, gravity_world

#: The PPML cost coefficients and elasticity of gegravity's own CAN–JPN example.
GEGRAVITY_COEFFICIENTS = {
    "lndist": -0.3898623,
    "contiguity": 0.891577,
    "common_language": 0.0326249,
    "pta": 0.4711383,
    "international": -3.412584,
}
GEGRAVITY_SIGMA = 5.0
GEGRAVITY_REFERENCE = "DEU"


def _solver(eq: Equilibrium) -> dict[str, Any]:
    seconds = eq.seconds + (eq.purge.seconds if eq.purge is not None else 0.0)
    return {"converged": eq.converged, "iterations": eq.iterations, "seconds": seconds}


def cp2015_world(
    data: cp2015.CP2015Data, deficits: Literal["fixed", "zero"] = "zero"
) -> tuple[World, dict[str, float]]:
    """The Caliendo-Parro 1993 base year (:func:`tradewar.data.cp2015.load`) re-solved to an
    equilibrium at 1993 tariffs.

    ``deficits="zero"`` gives the purged base of the paper's Table 2; ``"fixed"`` keeps the
    observed 1993 deficits (the paper's appendix tables). Returns the world and the report of
    :func:`~tradewar.model.equilibrate`.
    """
    return equilibrate(
        cp2015.REGIONS,
        cp2015.SECTORS,
        data.trade,
        data.tariffs_1993,
        data.va_share,
        data.io_share,
        data.final_share,
        data.theta,
        name="Caliendo-Parro 1993 "
        + ("(deficits purged)" if deficits == "zero" else "(observed deficits)"),
        meta={
            "source": "Caliendo and Parro (2015), Review of Economic Studies 82(1)",
            "base_year": 1993,
            "units": "USD",
            "data_dir": str(data.directory),
        },
        zero_deficits=deficits == "zero",
    )


def cp2015_experiment(
    data_dir: str | Path,
    experiment: Literal["nafta", "world"] = "nafta",
    deficits: Literal["zero", "fixed"] = "zero",
) -> tuple[Equilibrium, cp2015.CP2015Data]:
    """Solve the NAFTA (or world) tariff change of Caliendo and Parro (2015).

    ``nafta``: 1993 tariffs everywhere except among Canada, Mexico and the USA, which get their
    2005 tariffs. ``world``: every tariff moves from 1993 to 2005. ``deficits="zero"`` purges
    deficits first (the paper's Table 2); ``"fixed"`` keeps 1993 deficits.
    """
    data = cp2015.load(data_dir)
    world, _ = cp2015_world(data, deficits="fixed")
    if experiment == "nafta":
        shock = Shock(tariffs=data.nafta_tariffs(), name="NAFTA tariff changes")
    elif experiment == "world":
        shock = Shock(tariffs=data.tariffs_2005, name="all tariffs 1993 -> 2005")
    else:
        raise DataError(f"experiment={experiment!r}: use 'nafta' or 'world'.")
    return solve(world, shock, deficits=deficits), data


def cp2015_report(eq: Equilibrium) -> dict[str, Any]:
    """The paper's Table 2 columns for every region, and Table 5's NAFTA import changes (%)."""
    table = results.welfare(eq).set_index("country")
    imports = results.trade(eq, by="pair").set_index(["importer", "exporter"])["pct_change"]
    pairs = {
        f"{m}<-{x}": float(imports.loc[(m, x)])
        for m in cp2015.NAFTA
        for x in cp2015.NAFTA
        if m != x
    }
    return {
        "welfare": table["decomposition_pct"].to_dict(),
        "tot": table["tot_pct"].to_dict(),
        "vot": table["vot_pct"].to_dict(),
        "real_wage": table["real_wage_pct"].to_dict(),
        "real_income": table["welfare_pct"].to_dict(),
        "imports_pct": pairs,
        "solver": _solver(eq),
    }


def gegravity_frames(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """gegravity's sample data and the CAN–JPN agreement experiment (pta = 1 both ways)."""
    file = Path(path)
    if not file.is_file():
        raise DataError(f"{file}: no such file; pass gegravity's sample_data_set.dlm.")
    baseline = pd.read_csv(file)
    experiment = baseline.copy()
    pair = ((experiment["importer"] == "CAN") & (experiment["exporter"] == "JPN")) | (
        (experiment["importer"] == "JPN") & (experiment["exporter"] == "CAN")
    )
    if pair.sum() != 2:
        raise DataError(f"{file}: expected one CAN->JPN and one JPN->CAN row, found {pair.sum()}.")
    experiment.loc[pair, "pta"] = 1
    return baseline, experiment


def gegravity_experiment(path: str | Path) -> Equilibrium:
    """The CAN–JPN trade agreement of gegravity's example, as a tradewar solve.

    Deficits follow the ``"ratio"`` rule, as gegravity keeps each country's expenditure a fixed
    multiple of its output.
    """
    baseline, experiment = gegravity_frames(path)
    covariates = list(GEGRAVITY_COEFFICIENTS)
    data0 = GravityData.from_frame(baseline, covariates, source=str(path))
    data1 = GravityData.from_frame(experiment, covariates, source=f"{path} (experiment)")
    world = gravity_world(data0, GEGRAVITY_COEFFICIENTS, GEGRAVITY_SIGMA, name="gegravity sample")
    costs = gravity_trade_costs(data0, data1, GEGRAVITY_COEFFICIENTS, GEGRAVITY_SIGMA)
    return solve(world, Shock(trade_costs=costs, name="CAN-JPN agreement"), deficits="ratio")


def gegravity_report(eq: Equilibrium) -> dict[str, Any]:
    """GDP (real output, Y/P) and factory-gate price changes, and bilateral trade changes (%).

    Factory-gate prices are expressed with the reference importer's price index as numeraire
    (gegravity fixes DEU's inward multilateral resistance), which is a pure rescaling here.
    """
    countries = eq.baseline.countries
    price_index = eq.price_index_hat
    reference = price_index[countries.index(GEGRAVITY_REFERENCE)]
    gdp = 100 * (eq.w_hat / price_index - 1)
    gate = 100 * (eq.w_hat / reference - 1)
    change = np.divide(eq.trade[:, :, 0], eq.baseline.trade[:, :, 0])
    bilateral = {
        f"{countries[i]}->{countries[n]}": float(100 * (change[n, i] - 1))
        for n in range(len(countries))
        for i in range(len(countries))
    }
    return {
        "gdp_pct": dict(zip(countries, gdp.tolist(), strict=True)),
        "factory_gate_price_pct": dict(zip(countries, gate.tolist(), strict=True)),
        "bilateral_pct": bilateral,
        "solver": _solver(eq),
    }
