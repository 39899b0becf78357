"""The embedded default world: targets against its sourced inputs, validity, zero shock."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.worlds import ECONOMIES, data_info, default_world, read_inputs


@pytest.fixture(scope="module")
def world():
    return default_world()


@pytest.fixture(scope="module")
def inputs():
    return read_inputs()


@pytest.fixture(scope="module")
def info():
    return data_info()


def test_labels_and_order(world) -> None:
    assert world.countries == ECONOMIES
    assert world.sectors == SECTOR_CODES
    assert world.meta["base_year"] == 2024


def test_us_china_within_3_percent_of_census(info, inputs) -> None:
    usa, chn = ECONOMIES.index("USA"), ECONOMIES.index("CHN")
    census_imports = inputs.bilateral[(usa, chn)]  # 438.9, US Census 2024
    census_exports = inputs.bilateral[(chn, usa)]  # 143.5
    assert info["bilateral_goods_bn"]["USA<-CHN"] == pytest.approx(census_imports, rel=0.03)
    assert info["bilateral_goods_bn"]["CHN<-USA"] == pytest.approx(census_exports, rel=0.03)
    assert 400 < census_imports < 480
    assert 120 < census_exports < 170


def test_published_sector_flows_hold(world, inputs) -> None:
    for (imp, exp, s), value in inputs.sector_floors.items():
        cell = world.trade[imp, exp, SECTOR_CODES.index(GOODS_CODES[s])]
        assert cell >= value * (1 - 1e-9)


def test_gdp_within_5_percent(info, inputs) -> None:
    for k, c in enumerate(ECONOMIES):
        assert info["gdp_bn"][c] == pytest.approx(inputs.gdp[k], rel=0.05), c


def test_goods_trade_within_10_percent_of_wto(info, inputs) -> None:
    for k, c in enumerate(ECONOMIES[:-1]):
        assert info["goods_exports_bn"][c] == pytest.approx(inputs.exports[k], rel=0.10), c
        assert info["goods_imports_bn"][c] == pytest.approx(inputs.imports[k], rel=0.10), c


def test_rest_of_world_closes_world_trade(info) -> None:
    exports = sum(info["goods_exports_bn"].values())
    imports = sum(info["goods_imports_bn"].values())
    assert exports == pytest.approx(imports, rel=1e-12)


def test_no_services_trade_and_home_sales_positive(world) -> None:
    services = [SECTOR_CODES.index(s) for s in SECTOR_CODES if s not in GOODS_CODES]
    off = world.trade.copy()
    idx = np.arange(world.n_countries)
    off[idx, idx, :] = 0
    assert off[:, :, services].sum() == 0
    home = world.trade[idx, idx, :]
    assert (home > 0.1 * world.gross_output - 1e-9).all()


def test_bilateral_keys_cover_every_pair(info) -> None:
    n = len(ECONOMIES)
    assert len(info["bilateral_goods_bn"]) == n * (n - 1)
    assert all(v > 0 for v in info["bilateral_goods_bn"].values())


def test_tariffs_us_china_bounds(world) -> None:
    """Trade-weighted averages against Bown's (PIIE) published averages.

    PIIE (https://www.piie.com/research/piie-charts/2019/us-china-trade-war-tariffs-date-chart):
    US on China 19.3% from February 2020 (20.8% on 2025-01-20); China on the US 20.3-21.1%, both
    weighted by 2017 imports. With 2024 weights the average must be lower (the most-taxed imports
    shrank most), so the check is a band: above the pre-war level (3.8% and 7.2%, same source) and
    not above PIIE's figure.
    """
    goods = slice(0, len(GOODS_CODES))
    usa, chn = ECONOMIES.index("USA"), ECONOMIES.index("CHN")
    for imp, exp, low, high in ((usa, chn, 0.038, 0.208), (chn, usa, 0.072, 0.211)):
        t = world.trade[imp, exp, goods]
        avg = float((t * world.tariffs[imp, exp, goods]).sum() / t.sum())
        assert low < avg <= high


def test_usmca_duty_free(world) -> None:
    usa, mex, can = (ECONOMIES.index(c) for c in ("USA", "MEX", "CAN"))
    for a, b in ((usa, mex), (usa, can), (mex, can), (can, usa)):
        assert world.tariffs[a, b].max() == 0.0


def test_theta_mapping_and_override(world) -> None:
    assert world.theta[SECTOR_CODES.index("svc_other")] == pytest.approx(8.22)
    assert world.theta[SECTOR_CODES.index("machinery")] == pytest.approx(1.45)
    scalar = default_world(theta=4.0)
    assert np.all(scalar.theta == 4.0)
    partial = default_world(theta={"electronics": 5.0})
    assert partial.theta[SECTOR_CODES.index("electronics")] == 5.0
    assert partial.theta[SECTOR_CODES.index("machinery")] == pytest.approx(1.45)
    with pytest.raises(ValueError, match="unknown sector"):
        default_world(theta={"toys": 1.0})


def test_loading_is_cached(world) -> None:
    assert default_world() is world


def test_zero_shock_reproduces_baseline(world) -> None:
    from tradewar.model import solve

    eq = solve(world)
    assert eq.converged
    np.testing.assert_allclose(eq.w_hat, 1.0, atol=1e-10)
    np.testing.assert_allclose(eq.trade, world.trade, rtol=1e-9, atol=1e-9)
