"""World validation (every error names what is wrong and where) and aggregation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tradewar.errors import WorldError
from tradewar.model import solve
from tradewar.worlds.examples import random_world, toy_world


@pytest.fixture(scope="module")
def world():
    return toy_world()


def _with(world, name, index, value):
    array = np.array(getattr(world, name))
    array[index] = value
    return replace(world, **{name: array})


@pytest.mark.parametrize(
    ("name", "index", "value", "expected"),
    [
        ("trade", (0, 1, 0), -1.0, "negative flow at importer 'Home', exporter 'Foreign'"),
        ("trade", (2, 0, 1), np.nan, "not finite at importer 'Rest', exporter 'Home'"),
        ("tariffs", (0, 0, 0), 0.1, "tariff on domestic sales at importer 'Home'"),
        ("tariffs", (1, 0, 0), -1.5, "at or below -100%"),
        ("theta", (1,), 0.0, "trade elasticity not positive at sector 'services'"),
        ("theta", (0,), -2.0, "sector 'goods'"),
        ("va_share", (1, 0), 1.5, "value-added share outside (0, 1] at country 'Foreign'"),
        ("io_share", (2, 1, 0), -0.1, "negative input share at country 'Rest', input 'services'"),
        ("final_share", (0, 1), -0.2, "negative final-demand share at country 'Home'"),
    ],
)
def test_bad_values_are_named(world, name, index, value, expected):
    with pytest.raises(WorldError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        _with(world, name, index, value)


def test_input_shares_summing_to_one_or_more(world):
    io = np.array(world.io_share)
    io[1, :, 0] = 0.6  # two inputs of 0.6 each into Foreign's goods sector
    with pytest.raises(WorldError, match="country 'Foreign', sector 'goods': input shares sum to"):
        replace(world, io_share=io)


def test_shares_that_do_not_exhaust_output(world):
    va = np.array(world.va_share)
    va[0, 1] -= 0.05
    with pytest.raises(WorldError, match="country 'Home', sector 'services': value-added share"):
        replace(world, va_share=va)


def test_final_shares_must_sum_to_one(world):
    alpha = np.array(world.final_share)
    alpha[2] *= 0.9
    with pytest.raises(WorldError, match="country 'Rest' sum to"):
        replace(world, final_share=alpha)


def test_disequilibrium_is_reported(world):
    trade = np.array(world.trade)
    trade[0, 1, 0] *= 1.5
    # Foreign's goods and services residuals are of one size, so either may be named first
    # (the order of the last float digits depends on the BLAS build): the message names the
    # country, a sector and the fix.
    with pytest.raises(
        WorldError,
        match=r"not an equilibrium: in country 'Foreign', sector '(goods|services)'.*from_flows",
    ):
        replace(world, trade=trade)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"countries": ("Home", "Foreign")}, "trade: shape"),
        ({"sectors": ("goods",)}, "trade: shape"),
        ({"countries": ("Home", "Home", "Rest")}, "label 'Home' appears twice"),
        ({"sectors": ("goods", " ")}, "empty label"),
        ({"theta": np.ones(3)}, r"theta: shape \(3,\)"),
    ],
)
def test_labels_and_shapes_must_agree(world, change, expected):
    with pytest.raises(WorldError, match=expected):
        replace(world, **change)


def test_arrays_are_read_only(world):
    with pytest.raises(ValueError, match="read-only"):
        world.trade[0, 0, 0] = 1.0


def test_unknown_labels(world):
    with pytest.raises(WorldError, match="unknown country 'Mars'"):
        world.country_index("Mars")
    with pytest.raises(WorldError, match="unknown sector 'oil'"):
        world.sector_index("oil")


def test_identity_aggregation_keeps_the_world():
    world = random_world(3, 4, 3)
    same = world.aggregate(
        countries={c: c for c in world.countries}, sectors={s: s for s in world.sectors}
    )
    np.testing.assert_allclose(same.trade, world.trade)
    np.testing.assert_allclose(same.final_share, world.final_share, atol=1e-12)
    np.testing.assert_allclose(same.io_share, world.io_share, atol=1e-15)


def test_aggregation_sums_flows_and_keeps_totals():
    world = random_world(4, 4, 3)
    merged = world.aggregate(
        countries={"C0": "A", "C1": "A", "C2": "C2", "C3": "C3"},
        sectors={"S0": "X", "S1": "X", "S2": "S2"},
    )
    assert merged.countries == ("A", "C2", "C3")
    assert merged.sectors == ("X", "S2")
    assert merged.trade.sum() == pytest.approx(world.trade.sum(), rel=1e-12)
    assert merged.value_added.sum() == pytest.approx(world.value_added.sum(), rel=1e-12)
    # trade inside the merged country became domestic and pays no tariff:
    assert merged.tariffs[0, 0].max() == 0.0
    # the aggregate is itself a valid equilibrium:
    eq = solve(merged)
    np.testing.assert_allclose(eq.w_hat, 1.0, atol=1e-10)


def test_aggregation_mapping_must_be_complete(world):
    with pytest.raises(WorldError, match=r"countries \['Rest'\] have no target"):
        world.aggregate(countries={"Home": "H", "Foreign": "F"})
    with pytest.raises(WorldError, match="unknown countries"):
        world.aggregate(countries={"Home": "H", "Foreign": "F", "Rest": "R", "Mars": "M"})


def test_from_flows_rejects_negative_final_demand(world):
    from tradewar.world import World

    io = np.array(world.io_share) * 0
    io[0, 0, 1] = 0.95  # services use goods heavily...
    va = np.array(world.va_share)
    va[0, 1] = 0.05
    io[0, 1, 1] = 0.0
    trade = np.array(world.trade)
    trade[:, 0, 0] *= 0.01  # ... but almost no goods are produced at Home
    with pytest.raises(WorldError, match="final demand of country 'Home' for sector 'goods'"):
        World.from_flows(world.countries, world.sectors, trade, world.tariffs, va, io, world.theta)
