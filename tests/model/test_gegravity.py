"""tradewar's one-sector special case against gegravity 0.3 on gegravity's own example.

The experiment: Canada and Japan sign a trade agreement (pta = 1 both ways) in gegravity's 2006
sample data, sigma = 5, PPML cost coefficients of its example.

Where the two coincide they agree to solver precision: the baseline (fitted) flows and the
*conditional* general equilibrium (new costs, output and expenditure fixed). In the full
equilibrium they differ by construction: gegravity solves the multilateral resistances with the
*baseline* output and expenditure shares while it scales output and expenditure with factory-gate
prices, so its counterfactual flows do not add up to its own expenditures (checked below), and
its price responses differ at first order (about 2.4% of each effect here). tradewar solves the
exact Anderson–van Wincoop endowment model (every market clears to 1e-12).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from tests.conftest import shared_data
from tradewar import replication
from tradewar.model import Shock, solve
from tradewar.world import GravityData, conditional_flows, gravity_trade_costs, gravity_world

ge = pytest.importorskip("gegravity")

COEF = replication.GEGRAVITY_COEFFICIENTS
CONSTANT = 16.32434  # the example's constant: scales every cost alike, so it cancels


@pytest.fixture(scope="module")
def runs():
    path = shared_data("gegravity", "sample_data_set.dlm")
    with warnings.catch_warnings():
        # gegravity 0.3 calls pandas APIs that pandas 3 deprecates; not our code.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        model = _gegravity(path)
    baseline, experiment = replication.gegravity_frames(path)
    g0 = GravityData.from_frame(baseline, list(COEF))
    g1 = GravityData.from_frame(experiment, list(COEF))
    world = gravity_world(g0, COEF, replication.GEGRAVITY_SIGMA)
    d_hat = gravity_trade_costs(g0, g1, COEF, replication.GEGRAVITY_SIGMA)
    return model, world, d_hat


def _gegravity(path):
    baseline, _ = replication.gegravity_frames(path)
    data = baseline.assign(constant=1)
    base = ge.BaselineData(
        data,
        imp_var_name="importer",
        exp_var_name="exporter",
        year_var_name="year",
        trade_var_name="trade",
        expend_var_name="E",
        output_var_name="Y",
    )
    estimates = pd.DataFrame(
        [(k, v, 0.0) for k, v in COEF.items()] + [("constant", CONSTANT, 0.0)],
        columns=["var", "beta", "stderr"],
    )
    costs = ge.CostCoeffs(
        estimates=estimates, identifier_col="var", coeff_col="beta", stderr_col="stderr"
    )
    model = ge.OneSectorGE(
        baseline=base,
        cost_coeff_values=costs,
        cost_variables=[*COEF, "constant"],
        year="2006",
        reference_importer="DEU",
        sigma=replication.GEGRAVITY_SIGMA,
        quiet=True,
    )
    model.build_baseline(omr_rescale=1)
    exp = model.baseline_data.copy()
    pair = ((exp.importer == "CAN") & (exp.exporter == "JPN")) | (
        (exp.importer == "JPN") & (exp.exporter == "CAN")
    )
    exp.loc[pair, "pta"] = 1
    model.define_experiment(exp)
    model.simulate()
    return model


def _by_pair(world, cube):
    """[importer, exporter] array -> Series indexed like gegravity's (exporter, importer)."""
    c = world.countries
    return pd.Series({(x, m): cube[c.index(m), c.index(x)] for x in c for m in c}).rename_axis(
        ["exporter", "importer"]
    )


def test_baseline_flows_agree(runs):
    model, world, _ = runs
    theirs = model.bilateral_trade_results["baseline modeled trade"]
    ours = _by_pair(world, world.trade[:, :, 0]).reindex(theirs.index)
    assert np.max(np.abs(ours / theirs - 1)) < 1e-6


def test_conditional_equilibrium_agrees_within_1e3_pp(runs):
    model, world, d_hat = runs
    c = world.countries
    out_share = {k: model.country_set[k].baseline_output_share for k in c}
    # gegravity's conditional flows: E_j (Y_i/Y) t'_ij^{1-sigma} / (P_j^c Pi_i^c)^{1-sigma}
    costs = model.bilateral_costs["experiment trade cost"]
    theirs = {}
    for (x, m), cost in costs.items():
        theirs[(x, m)] = (
            model.country_set[m].baseline_expenditure
            * out_share[x]
            * cost
            * model.country_set[m]._conditional_imr_ratio
            * model.country_set[x]._conditional_omr_ratio
        )
    theirs_s = pd.Series(theirs)
    base = model.bilateral_trade_results["baseline modeled trade"].reindex(theirs_s.index)
    ours = _by_pair(world, conditional_flows(world, d_hat)).reindex(theirs_s.index)
    ours0 = _by_pair(world, world.trade[:, :, 0]).reindex(theirs_s.index)
    gap = np.abs(100 * (ours / ours0 - 1) - 100 * (theirs_s / base - 1))
    assert gap.max() < 1e-3


def test_full_equilibrium_differs_by_construction(runs):
    model, world, d_hat = runs
    eq = solve(world, Shock(trade_costs=d_hat), deficits="ratio")
    assert max(eq.conditions.values()) < 1e-9

    # gegravity's counterfactual flows miss its own expenditures:
    flows = model.bilateral_trade_results["experiment trade"].unstack()  # exporter x importer
    spending = pd.Series({k: model.country_set[k].experiment_expenditure for k in world.countries})
    miss = np.abs(flows.sum(axis=0) / spending - 1).max()
    assert miss > 1e-4

    # ... so the two agree to first order only: same signs, gaps a few percent of each effect.
    report = replication.gegravity_report(eq)
    ours = pd.Series(report["gdp_pct"])
    theirs = model.country_results["GDP change (percent)"].reindex(ours.index)
    big = theirs.abs() > 0.01
    assert (np.sign(ours[big]) == np.sign(theirs[big])).all()
    assert np.abs(ours - theirs).max() < 0.05 * theirs.abs().max()
