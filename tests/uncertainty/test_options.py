"""Band options from the command line, and bands laid beside the figures of a run's JSON."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import UncertaintyError
from tradewar.model import Shock
from tradewar.results import attach_bands
from tradewar.uncertainty import (
    BandOptions,
    band_tables,
    distribution_from,
    monte_carlo,
    parse_quantiles,
)
from tradewar.worlds import default_world
from tradewar.worlds.examples import random_world


def test_quantiles_from_text():
    assert parse_quantiles("0.05,0.5,0.95") == (0.05, 0.5, 0.95)
    assert parse_quantiles("10, 50, 90") == (0.1, 0.5, 0.9)
    with pytest.raises(UncertaintyError, match="separated by commas"):
        parse_quantiles("a,b")


def test_options_are_checked():
    with pytest.raises(UncertaintyError, match="at least one draw"):
        BandOptions(draws=0)
    with pytest.raises(UncertaintyError, match="not both"):
        BandOptions(moments="m.csv", draws_file="d.csv")  # type: ignore[arg-type]
    with pytest.raises(UncertaintyError, match="needs --theta-moments"):
        BandOptions(cov="c.csv")  # type: ignore[arg-type]
    with pytest.raises(UncertaintyError, match="positive"):
        BandOptions(cv=-1.0)


def test_distribution_choice(tmp_path):
    world = default_world()
    default = distribution_from(world, BandOptions())
    assert not default.assumed  # every estimate of the default world ships its standard error
    np.testing.assert_allclose(default.mean_theta, world.theta, rtol=1e-12)
    assert default.se_theta[world.sector_index("oilseeds_grains")] == pytest.approx(2.0083)
    # --theta-cv applies only where no standard error is known: none here.
    same = distribution_from(world, BandOptions(cv=0.5))
    np.testing.assert_allclose(same.se_theta, default.se_theta)
    small = random_world(0, 3, 2)
    with pytest.raises(UncertaintyError, match="proportional"):
        distribution_from(small, BandOptions())
    assert distribution_from(small, BandOptions(cv=0.1)).assumed
    draws = tmp_path / "d.csv"
    draws.write_text("S1,S0\n2,3\n4,5\n")
    boot = distribution_from(small, BandOptions(draws_file=draws))
    np.testing.assert_allclose(boot.sample(2), [[3, 2], [5, 4]])


def test_bands_sit_beside_their_figures():
    world = random_world(2, 3, 2)
    tariffs = world.tariffs + 0.2
    tariffs[np.arange(3), np.arange(3)] = 0.0
    dist = distribution_from(world, BandOptions(cv=0.2))
    mc = monte_carlo(world, Shock(tariffs=tariffs), draws=8, distribution=dist, chunk_size=8)
    tables = band_tables(mc)
    assert list(tables["bands"].columns) == [
        "iso3",
        "variable",
        "q05",
        "q50",
        "q95",
        "converged",
        "failed",
    ]
    records = [{"iso3": c, "welfare_pct": 0.1, "other": 1} for c in world.countries]
    out = attach_bands(records, tables["bands"], ["iso3"], ["welfare_pct", "other"])
    assert list(out[0]) == ["iso3", "welfare_pct", "welfare_pct_bands", "other"]
    assert out[1]["welfare_pct_bands"] == mc.band("welfare_pct", world.countries[1])
    pairs = [{"importer": "C0", "exporter": "C1", "pct_change": -3.0}]
    out = attach_bands(pairs, tables["bilateral_bands"], ["importer", "exporter"], ["pct_change"])
    assert out[0]["pct_change_bands"] == mc.band("pct_change", "C0", "C1")
