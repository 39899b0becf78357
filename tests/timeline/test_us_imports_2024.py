"""The derived US 2024 import and duty tables: rebuilt bit-for-bit, checked against the source."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_data

from tradewar.timeline import tariffs_on
from tradewar.timeline._timeline import data_path
from tradewar.timeline._weights import duty_tables, imports_2024, weight_tables

ROOT = Path(__file__).resolve().parents[2]


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_us_imports_2024", ROOT / "scripts" / "build_us_imports_2024.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rebuild_is_bit_for_bit() -> None:
    shared = shared_data("tradewar2025_twr", "hs10_imports_2024").parents[1]
    builder = _builder()
    assert builder.build(shared) == data_path("us_imports_2024.csv").read_text(encoding="utf-8")
    members = data_path("us_row_members_2024.csv").read_text(encoding="utf-8")
    assert builder.build_members(shared) == members


def test_totals_match_the_source_readme() -> None:
    """README of tradewar2025_twr: China 429.4 bn, duty 46.7 bn (10.9%), Mexico 503.4, ..."""
    imports, duty = imports_2024(), duty_tables()
    china = imports[("USA", "CHN")]
    assert (china.total + china.special) / 1e3 == pytest.approx(429.4, abs=0.05)
    paid = duty[("USA", "CHN")]
    assert (paid.total + paid.special) / (china.total + china.special) == pytest.approx(
        0.109, abs=0.0005
    )
    for code, bn in (("MEX", 503.4), ("CAN", 411.7), ("VNM", 141.4), ("EU27", 597.5)):
        t = imports[("USA", code)]
        assert (t.total + t.special) / 1e3 == pytest.approx(bn, abs=0.05), code


def test_partner_pairs_use_their_own_weights() -> None:
    tables = weight_tables()
    assert tables[("USA", "CHN")].year == 2017  # PIIE's base year is kept for China
    assert tables[("USA", "VNM")].year == 2024
    notes = tariffs_on("2025-05-01").notes
    assert not any(n.startswith("USA <- VNM") for n in notes)


def test_collected_reproduces_2024_duties_paid() -> None:
    """On the reference day the collected rate, weighted by 2024 imports, is the duty paid."""
    s = tariffs_on("2024-07-01")
    collected = s.collected()
    imports, duty = imports_2024(), duty_tables()
    us = s.economies.index("USA")
    for code in ("VNM", "EU27", "JPN"):
        i = s.economies.index(code)
        w = imports[("USA", code)].sector_totals()
        paid = duty[("USA", code)].total / imports[("USA", code)].total
        # sectors with a zero statutory rate but duties paid keep 0: a small shortfall is allowed
        assert (w * collected[us, i]).sum() / w.sum() == pytest.approx(paid, abs=0.004), code
    assert np.isfinite(collected).all()
    assert (collected >= 0).all()
    other = s.economies.index("CHN")
    assert (collected[other] == s.total[other]).all()  # no duties-paid data for China's imports


def test_collected_is_below_statutory_for_china_today() -> None:
    s = tariffs_on("2026-12-04")
    us, cn = s.economies.index("USA"), s.economies.index("CHN")
    w = s.sector_weights("USA", "CHN")
    statutory = (w * s.total[us, cn]).sum() / w.sum()
    collected = (w * s.collected()[us, cn]).sum() / w.sum()
    assert 0.4 * statutory < collected < statutory


def test_row_members_add_up_to_row() -> None:
    from tradewar.timeline._weights import aggregate_members

    shares = [m.share for (imp, _), m in aggregate_members().items() if imp == "USA"]
    assert sum(shares) == pytest.approx(1.0, abs=1e-5)
    members = aggregate_members()
    assert ("USA", "THA") not in members  # Thailand is a default economy, not part of ROW
    tha = imports_2024()[("USA", "THA")]
    assert (tha.total + tha.special) / 1e3 == pytest.approx(63.3, abs=0.1)  # README: 63.3 bn
