"""Compiler invariants: stacking, suspensions, partial ROW coverage, apply(), overlays, series."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tradewar.errors import TimelineError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.timeline import DEFAULT_ECONOMIES, etr_series, tariffs_on, tariffs_summary
from tradewar.timeline._weights import rest_of_world_share

US, CN = DEFAULT_ECONOMIES.index("USA"), DEFAULT_ECONOMIES.index("CHN")


def sector(code: str) -> int:
    return SECTOR_CODES.index(code)


def test_shapes_and_domestic_zero() -> None:
    s = tariffs_on("2025-05-14")
    n, j = len(DEFAULT_ECONOMIES), len(SECTOR_CODES)
    assert s.base.shape == s.additional.shape == (n, n, j)
    assert set(s.importers) == {"USA", "CHN"}
    assert np.all(np.diagonal(s.total, axis1=0, axis2=1) == 0)
    assert np.all(s.total >= 0)
    assert s.total[DEFAULT_ECONOMIES.index("JPN")].sum() == 0  # not covered as importer
    layers = sum(v for k, v in s.by_authority.items() if k != "mfn")
    np.testing.assert_allclose(layers, s.additional)


def test_before_the_war_only_base_rates() -> None:
    s = tariffs_on("2017-12-31")
    assert not s.records
    assert np.all(s.additional == 0)
    assert s.total[US, CN, sector("textiles_apparel")] > s.total[US, CN, sector("computers_phones")]


def test_reciprocal_exempts_section_232_goods() -> None:
    """On 2025-05-14 the reciprocal 10% is scaled by (1 - s232 coverage) sector by sector."""
    s = tariffs_on("2025-05-14")
    recip = s.by_authority["ieepa_reciprocal"][US, CN]
    s232 = s.by_authority["s232"][US, CN]
    mv = sector("motor_vehicles")
    assert s232[mv] > 0
    assert recip[mv] < recip[sector("textiles_apparel")]
    np.testing.assert_allclose(recip[sector("textiles_apparel")], 0.10)
    fent = s.by_authority["ieepa_fentanyl"][US, CN]
    np.testing.assert_allclose(fent[[SECTOR_CODES.index(g) for g in GOODS_CODES]], 0.20)


def test_peak_and_geneva_for_china_reciprocal() -> None:
    apr = tariffs_on("2025-04-10").by_authority["ieepa_reciprocal"][
        US, CN, sector("textiles_apparel")
    ]
    may = tariffs_on("2025-05-14").by_authority["ieepa_reciprocal"][
        US, CN, sector("textiles_apparel")
    ]
    assert apr == pytest.approx(1.25)
    assert may == pytest.approx(0.10)
    cn = tariffs_on("2025-04-12").by_authority["tariff_commission"][CN, US, sector("machinery")]
    assert cn >= 1.25


def test_ieepa_voided_and_s122_window() -> None:
    feb = tariffs_on("2026-02-23")
    mar = tariffs_on("2026-03-01")
    aug = tariffs_on("2026-08-01")
    assert "ieepa_fentanyl" in feb.by_authority
    assert "ieepa_fentanyl" not in mar.by_authority
    assert mar.by_authority["s122"][US, CN, sector("textiles_apparel")] == pytest.approx(0.10)
    assert mar.by_authority["s122"][US, DEFAULT_ECONOMIES.index("MEX")].sum() == 0
    assert "s122" not in aug.by_authority


#: An economy list in which Thailand, Switzerland and the other members sit inside ROW (the
#: default list names them separately since 2026).
COARSE = (
    "USA",
    "CHN",
    "MEX",
    "CAN",
    "EU27",
    "GBR",
    "JPN",
    "KOR",
    "TWN",
    "VNM",
    "IND",
    "BRA",
    "ROW",
)


def test_partial_row_coverage_uses_member_weights() -> None:
    s = tariffs_on("2025-09-01", economies=COARSE)
    row = COARSE.index("ROW")
    tx = sector("textiles_apparel")
    recip_row = s.by_authority["ieepa_reciprocal"][US, row, tx]
    # 10% baseline on all of ROW, plus (39-10) on Switzerland's share, (19-10) on ASEAN shares
    assert 0.10 < recip_row < 0.20
    s2 = tariffs_on("2027-02-01", "excess-capacity-301-2027", economies=COARSE)
    share = s2.by_authority["s301"][US, row, tx]
    forced_labour = 0.10  # us-s301-fl-partners, in force on all of ROW since 2026-07-24
    named = ("THA", "MYS", "KHM", "IDN", "SGP", "BGD", "CHE", "NOR")  # the overlay's ROW targets
    # this list's ROW holds the default ROW plus the default economies it leaves out (THA, ...)
    shares = [rest_of_world_share("USA", m, COARSE) for m in named]
    assert all(x is not None and x > 0 for x in shares)
    assert share == pytest.approx(forced_labour + 0.25 * sum(x for x in shares if x))


def test_apply_replaces_covered_rows_only() -> None:
    s = tariffs_on("2025-05-14")
    econ = list(reversed(DEFAULT_ECONOMIES))
    n, j = len(econ), len(SECTOR_CODES)
    tariffs = np.full((n, n, j), 0.07)
    for k in range(n):
        tariffs[k, k] = 0.0
    out = s.apply(tariffs, econ, SECTOR_CODES)
    assert tariffs[0, 1, 0] == 0.07  # input untouched
    u, c = econ.index("USA"), econ.index("CHN")
    np.testing.assert_allclose(
        out[u, c, : len(GOODS_CODES)], s.rates("USA", "CHN")[: len(GOODS_CODES)]
    )
    assert np.all(out[u, c, len(GOODS_CODES) :] == 0.07)  # services untouched
    j_ = econ.index("JPN")
    assert np.all(out[j_] == tariffs[j_])
    assert out[u, u].sum() == 0
    with pytest.raises(TimelineError, match="shape"):
        s.apply(tariffs[:2], econ, SECTOR_CODES)


def test_custom_economies_resolve_all_except() -> None:
    s = tariffs_on("2025-04-05", economies=("USA", "CHN", "MEX", "CAN", "ROW"))
    recip = s.by_authority["ieepa_reciprocal"]
    assert recip[0, 2].sum() == 0  # Mexico excepted
    assert recip[0, 4, 3] == pytest.approx(0.10)  # ROW textiles
    # Japan, excepted from the s232 auto tariff, is part of this list's ROW: carved out of it by
    # its 2024 import share (issue 13; it used to be reported as not applied)
    assert not any("JPN" in note for note in s.notes)
    # Canada's fentanyl tariff falls on ROW when the list leaves Canada out (it used to raise)
    small = tariffs_on("2025-05-14", economies=("USA", "CHN", "ROW"))
    assert small.by_authority["ieepa_fentanyl"][0, 2].sum() > 0


def test_overlays_change_the_schedule() -> None:
    day = "2026-12-01"
    base = tariffs_on(day).average("CHN", "USA")
    lapse = tariffs_on(day, "truce-lapses-2026-11-10").average("CHN", "USA")
    assert lapse > base + 0.2  # the 24 suspended points come back
    assert tariffs_on("2026-11-09", "truce-lapses-2026-11-10").average(
        "CHN", "USA"
    ) == pytest.approx(tariffs_on("2026-11-09").average("CHN", "USA"))
    back = tariffs_on("2027-06-01", "back-to-2017")
    assert np.all(back.additional == 0)
    assert back.average("USA", "CHN") == pytest.approx(
        tariffs_on("2017-12-31").average("USA", "CHN")
    )


def test_summary_keys_and_series() -> None:
    out = tariffs_summary(tariffs_on("2025-05-14"))
    assert set(out) >= {"date", "US_on_CN", "CN_on_US"}
    for key in ("US_on_CN", "CN_on_US"):
        assert set(out[key]) >= {"trade_weighted", "simple", "by_authority", "by_sector"}  # type: ignore[arg-type]
    pts = etr_series("2025-01-01", "2025-06-30")
    assert pts[0].date == dt.date(2025, 1, 1)
    assert [p.date for p in pts] == sorted(p.date for p in pts)
    peak = max(pts, key=lambda p: p.us_on_cn)
    assert dt.date(2025, 4, 9) <= peak.date <= dt.date(2025, 5, 13)


def test_any_economy_list_with_row_compiles_and_applies() -> None:
    """Economies a list leaves out fall into its ROW with their 2024 import shares."""

    small = ("USA", "CHN", "ROW")
    s = tariffs_on("2025-08-07", economies=small, sectors=SECTOR_CODES[:6])
    out = s.apply(np.zeros((3, 3, 6)), list(reversed(small)), list(reversed(SECTOR_CODES[:6])))
    assert out.shape == (3, 3, 6)
    assert s.collected().shape == (3, 3, 6)
    # the UK is part of this list's ROW, and Thailand's share of it is smaller than in the default
    gbr = rest_of_world_share("USA", "GBR", small)
    assert gbr is not None
    assert 0 < gbr < 0.1
    # Cambodia is in ROW either way; its share of this list's larger ROW is smaller
    khm_small = rest_of_world_share("USA", "KHM", small)
    khm_default = rest_of_world_share("USA", "KHM", DEFAULT_ECONOMIES)
    assert khm_small is not None
    assert khm_default is not None
    assert khm_small < khm_default
    assert rest_of_world_share("USA", "THA", DEFAULT_ECONOMIES) is None  # modelled on its own
    # a list without ROW simply leaves out measures on economies it does not model
    duo = tariffs_on("2026-12-04", economies=("CHN", "USA"))
    assert any("outside the economy list" in n for n in duo.notes)
    # China must be modelled explicitly: its lists cannot be spread over ROW
    with pytest.raises(TimelineError, match="'CHN' is not among the economies"):
        tariffs_on("2025-08-07", economies=("USA", "VNM", "ROW"))
