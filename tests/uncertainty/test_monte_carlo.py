"""Monte Carlo draws agree with single solves; failures are counted and never reported."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from tradewar import results
from tradewar.batch import COUNTRY_VARIABLES
from tradewar.errors import UncertaintyError
from tradewar.model import Shock, solve
from tradewar.uncertainty import (
    from_draws,
    monte_carlo,
    proportional,
)
from tradewar.worlds.examples import random_world

#: One chunk size throughout, so each solver configuration compiles once for the module.
CHUNK = 4


@pytest.fixture(scope="module")
def world():
    return random_world(11, 4, 3)


@pytest.fixture(scope="module")
def shock(world):
    tariffs = world.tariffs.copy()
    tariffs[0, 1, :] += 0.6
    tariffs[1, 0, :] += 0.3
    return Shock(tariffs=tariffs, name="war")


@pytest.mark.parametrize("deficits", ["fixed", "zero"])
def test_each_draw_is_the_single_solve_at_its_elasticities(world, shock, deficits):
    dist = proportional(world.sectors, world.theta, 0.3)
    mc = monte_carlo(
        world, shock, draws=6, distribution=dist, seed=2, deficits=deficits, chunk_size=CHUNK
    )
    assert mc.draws == 6
    assert mc.failures == 0
    for d in (0, 3, 5):
        eq = solve(world.with_theta(mc.theta[d]), shock, deficits=deficits)
        table = results.countries(eq).pivot(
            index="country", columns="variable", values="pct_change"
        )
        table = table.reindex(list(world.countries))
        np.testing.assert_allclose(
            mc.countries["welfare_pct"][d], 100 * (eq.welfare_hat - 1), rtol=1e-9, atol=1e-12
        )
        np.testing.assert_allclose(mc.countries["exports_pct"][d], table["exports"], rtol=1e-8)
        np.testing.assert_allclose(mc.countries["imports_pct"][d], table["imports"], rtol=1e-8)
        pairs = results.trade(eq, "pair")
        got = mc.bilateral["pct_change"][d]
        for row in pairs.itertuples():
            i, j = world.country_index(row.importer), world.country_index(row.exporter)
            assert got[i, j] == pytest.approx(row.pct_change, rel=1e-8)


def test_draws_at_the_point_estimate_give_bands_of_zero_width(world, shock):
    table = np.repeat(world.theta[None], 5, axis=0)
    mc = monte_carlo(
        world, shock, draws=5, distribution=from_draws(world.sectors, table), chunk_size=CHUNK
    )
    eq = solve(world, shock)
    bands = mc.country_bands().set_index(["iso3", "variable"])
    for c in world.countries:
        row = bands.loc[(c, "welfare_pct")]
        n = world.country_index(c)
        for key in ("q05", "q50", "q95"):
            assert row[key] == pytest.approx(100 * (eq.welfare_hat[n] - 1), abs=1e-10)
    assert (bands["converged"] == 5).all()
    assert (bands["failed"] == 0).all()


def test_failed_draws_are_counted_listed_and_left_out(world, shock):
    dist = proportional(world.sectors, world.theta, 0.5)
    full = monte_carlo(world, shock, draws=40, distribution=dist, seed=7, chunk_size=CHUNK)
    cap = int(np.median(full.iterations))  # about half the draws need more than this
    mc = monte_carlo(
        world,
        shock,
        draws=40,
        distribution=dist,
        seed=7,
        settings={"max_iter": cap},
        chunk_size=CHUNK,
    )
    failed = ~mc.converged
    assert 0 < mc.failures < 40
    assert mc.failures == int(failed.sum()) == len(mc.failed_draws())
    np.testing.assert_array_equal(failed, full.iterations > cap)
    assert all(np.isnan(mc.countries[v][failed]).all() for v in COUNTRY_VARIABLES)
    assert any(f"{mc.failures} of 40 draws did not converge" in n for n in mc.notes)
    summary = mc.summary()
    assert summary["failed"] == mc.failures
    assert summary["converged"] == 40 - mc.failures
    # Bands rest on the converged draws only, which equal the uncapped run's.
    ok = mc.converged
    np.testing.assert_allclose(mc.countries["welfare_pct"][ok], full.countries["welfare_pct"][ok])
    expect = np.quantile(full.countries["welfare_pct"][ok][:, 0], [0.05, 0.5, 0.95])
    band = mc.band("welfare_pct", world.countries[0])
    np.testing.assert_allclose([band["q05"], band["q50"], band["q95"]], expect)
    frame = mc.country_bands()
    assert (frame["failed"] == mc.failures).all()
    failed_rows = mc.failed_draws()
    np.testing.assert_allclose(
        failed_rows[[f"theta_{s}" for s in world.sectors]].to_numpy(), mc.theta[failed]
    )


def test_bands_and_quantiles_options(world, shock):
    dist = proportional(world.sectors, world.theta, 0.2)
    mc = monte_carlo(
        world, shock, draws=30, distribution=dist, quantiles=(0.1, 0.9), chunk_size=CHUNK
    )
    assert {"q10", "q90"} <= set(mc.country_bands().columns)
    wide = mc.country_bands((0.025, 0.5, 0.975)).query("variable == 'welfare_pct'")
    assert (wide["q02.5"] <= wide["q50"]).all()
    assert (wide["q50"] <= wide["q97.5"]).all()
    pair = mc.band("pct_change", world.countries[0], world.countries[1])
    assert pair["q10"] <= pair["q90"]
    bilateral = mc.bilateral_bands()
    assert len(bilateral) == 2 * 4 * 3  # two variables, off-diagonal pairs
    with pytest.raises(UncertaintyError, match="bilateral"):
        mc.band("pct_change", world.countries[0])
    with pytest.raises(UncertaintyError, match="unknown variable"):
        mc.band("happiness", world.countries[0])


def test_inputs_are_explicit_and_anything_else_is_refused(world, shock):
    compiled = SimpleNamespace(
        world=world, shock=shock, targets=(), scenario=SimpleNamespace(deficits="zero", name="s1")
    )
    dist = proportional(world.sectors, world.theta, 0.2)
    with pytest.raises(UncertaintyError, match="pass its parts"):
        monte_carlo(world, compiled, draws=3, distribution=dist)  # type: ignore[arg-type]
    mc = monte_carlo(
        world, shock, draws=3, distribution=dist, deficits="zero", name="s1", chunk_size=CHUNK
    )
    assert mc.name == "s1"
    assert mc.deficits == "zero"


def test_worlds_off_the_default_sectors_need_a_distribution(world, shock):
    with pytest.raises(UncertaintyError, match="proportional"):
        monte_carlo(world, shock, draws=3)
