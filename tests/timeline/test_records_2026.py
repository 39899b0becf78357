"""Records from March 2026 to date: sourced, flagged, and compiled as the issue-13 review asks."""

from __future__ import annotations

import datetime as dt

import pytest

from tradewar.timeline import Measure, builtin_timeline, tariffs_on
from tradewar.timeline._balance import us_china_goods_balance
from tradewar.timeline._timeline import record_date

CUTOFF = dt.date(2026, 3, 1)


def test_every_record_after_february_2026_has_a_url_and_a_flag() -> None:
    late = [r for r in builtin_timeline() if (record_date(r) or dt.date.min) >= CUTOFF]
    assert len(late) >= 20
    for r in late:
        assert r.sources, r.id
        assert all(u.startswith("http") for u in r.sources), r.id
        assert isinstance(r.confirmed, bool)
    # nothing after February 2026 is marked confirmed without a primary source in stored material
    primary = ("federalregister.gov", "ustr.gov", "whitehouse.gov", "mofcom.gov.cn", "gkml.customs")
    for r in late:
        if r.confirmed:
            assert any(p in u for u in r.sources for p in primary), r.id


def test_section_122_gives_way_to_the_forced_labour_action() -> None:
    tl = builtin_timeline()
    s122 = tl.measure("us-s122-10")
    assert s122.ended == dt.date(2026, 7, 23)
    fl = tl.measure("us-s301-fl-chn")
    assert fl.effective == dt.date(2026, 7, 24)
    assert fl.rate == pytest.approx(0.125)
    assert "s232" in fl.stacking.exempt_if
    before = tariffs_on("2026-07-23").authority_average("USA", "CHN")
    after = tariffs_on("2026-07-24").authority_average("USA", "CHN")
    assert "s122" in before
    assert "s122" not in after
    # the 12.5% falls on the goods not under s232, so it adds less than 12.5 points
    added = after["s301"] - before["s301"]
    assert 0.08 < added < 0.125


def test_corrections_of_the_review() -> None:
    tl = builtin_timeline()
    by_id = tl.by_id
    appeal = by_id["ruling-doj-refund-appeal"]
    assert record_date(appeal) == dt.date(2026, 5, 29)
    pharma = tl.measure("us-232-pharma")
    assert pharma.status == "in_force"
    assert pharma.effective == dt.date(2026, 9, 29)
    soy = by_id["com-busan-soy-12"]
    assert soy.status != "met"  # type: ignore[union-attr]
    assert tl.measure("us-s301-exclusions-busan").ended == dt.date(2026, 11, 9)
    # the rare-earth pause and China's 24-point suspension share one treatment
    cn_susp = tl.measure("cn-2025-susp-24-busan")
    cn_re = tl.measure("cn-re-suspension")
    assert cn_susp.ended is None
    assert cn_re.ended is None
    assert cn_susp.planned_end == cn_re.planned_end == dt.date(2026, 11, 10)


def test_new_measures_compile_on_their_dates() -> None:
    tl = builtin_timeline()
    for rid, day in [
        ("us-s301-brazil", "2026-07-22"),
        ("us-232-pharma", "2026-09-29"),
        ("us-s301-ships-cranes-chassis", "2026-11-10"),
        ("us-232-metals-2026-primary", "2026-04-06"),
    ]:
        m = tl.measure(rid)
        assert isinstance(m, Measure)
        used = {r.id for r in tariffs_on(day).records}
        prev = {r.id for r in tariffs_on(dt.date.fromisoformat(day) - dt.timedelta(days=1)).records}
        assert rid in used, rid
        assert rid not in prev, rid
    assert "us-232-steel-alu-50" not in {r.id for r in tariffs_on("2026-04-06").records}


def test_events_to_date() -> None:
    ids = builtin_timeline().by_id
    for rid in (
        "mofcom-boeing-200",
        "us-s232-polysilicon",
        "us-s338-canada",
        "truce-deadline-2026-11",
    ):
        assert rid in ids
        assert not ids[rid].confirmed


def test_goods_balance_series() -> None:
    pts = us_china_goods_balance()
    assert next(p.year for p in pts) == 2018
    assert pts[-1].year == 2025
    assert pts[0].balance_usd_bn == pytest.approx(-418.0)
    assert pts[-1].balance_usd_bn == pytest.approx(-202.0)
    assert all(p.source.startswith("http") for p in pts)
