"""Product-level US duties (one HS code, one exporter, one date), stacked by authority."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from tests.conftest import shared_data
from typer.testing import CliRunner

from tradewar.cli import app
from tradewar.errors import TimelineError
from tradewar.timeline import product_duties
from tradewar.timeline._timeline import data_path

ROOT = Path(__file__).resolve().parents[2]
SMARTPHONE = "8517130000"
TSHIRT = "6109100012"  # cotton T-shirts (HTS 6109.10.00.12), Section 301 list 4A


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_product_lines", ROOT / "scripts" / "build_product_lines.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("name", ["product_lines.csv", "usmca_shares_2024.csv"])
def test_rebuild_is_bit_for_bit(name: str) -> None:
    shared = shared_data("tariff_tracker_ybl", "resources").parents[1]
    assert _builder().BUILDERS[name](shared) == data_path(name).read_text(encoding="utf-8")


@pytest.mark.slow
def test_rebuild_mfn_is_bit_for_bit() -> None:
    """Reads the 3 MB USITC tariff database workbook (about 15 s)."""
    shared = shared_data("tradewar2018_waugh", "tariff_database_2017.xlsx").parents[1]
    text = _builder().BUILDERS["mfn_2017.csv"](shared)
    assert text == data_path("mfn_2017.csv").read_text(encoding="utf-8")


def test_smartphone_from_china_pays_no_reciprocal_tariff() -> None:
    p = product_duties("2025-04-15", SMARTPHONE, "CHN")
    auth = p.by_authority()
    assert "ieepa_reciprocal" not in auth
    assert auth["ieepa_fentanyl"] == pytest.approx(0.20)
    assert "s301" not in auth  # list 4B was never applied
    # before the 11 April carve-out the phone paid the reciprocal rates
    assert product_duties("2025-04-10", SMARTPHONE, "CHN").by_authority()["ieepa_reciprocal"] > 1


def test_textiles_from_china_stack_125_20_301_and_mfn() -> None:
    p = product_duties("2025-04-12", TSHIRT, "CHN")
    auth = p.by_authority()
    assert auth["ieepa_reciprocal"] == pytest.approx(1.25)
    assert auth["ieepa_fentanyl"] == pytest.approx(0.20)
    assert auth["s301"] == pytest.approx(0.075)  # list 4A, halved in February 2020
    assert p.base == pytest.approx(0.165)  # MFN of HTS 6109.10.00 (USITC 2017)
    assert p.total == pytest.approx(0.165 + 0.075 + 0.20 + 1.25)
    assert all(d.source.startswith("http") for d in p.duties)


def test_vietnam_reciprocal_10_then_20() -> None:
    may = product_duties("2025-05-01", TSHIRT, "VNM").by_authority()
    aug = product_duties("2025-08-07", TSHIRT, "VNM").by_authority()
    assert may["ieepa_reciprocal"] == pytest.approx(0.10)
    assert aug["ieepa_reciprocal"] == pytest.approx(0.20)
    assert product_duties("2025-08-06", TSHIRT, "VNM").by_authority()[
        "ieepa_reciprocal"
    ] == pytest.approx(0.10)


def test_canadian_usmca_goods_pay_no_fentanyl_tariff() -> None:
    car = "8703230190"
    qualifying = product_duties("2025-03-10", car, "CAN", usmca=True)
    assert "ieepa_fentanyl" not in qualifying.by_authority()
    assert qualifying.base == 0.0
    other = product_duties("2025-03-10", car, "CAN", usmca=False)
    assert other.by_authority()["ieepa_fentanyl"] == pytest.approx(0.25)
    expected = product_duties("2025-03-10", car, "CAN").by_authority()["ieepa_fentanyl"]
    assert 0 < expected < 0.25  # weighted by the line's 2024 USMCA claims
    assert product_duties("2025-08-01", car, "CAN", usmca=False).by_authority()[
        "ieepa_fentanyl"
    ] == pytest.approx(0.35)


def test_section_232_goods_skip_the_surcharges() -> None:
    steel = "7208100000"
    auth = product_duties("2026-03-01", steel, "VNM").by_authority()
    assert auth["s232"] == pytest.approx(0.50)
    assert "s122" not in auth
    shirt = product_duties("2026-03-01", TSHIRT, "VNM").by_authority()
    assert shirt["s122"] == pytest.approx(0.10)


def test_bad_codes_are_named() -> None:
    with pytest.raises(TimelineError, match="4 to 10 digits"):
        product_duties("2025-04-15", "85x7", "CHN")
    with pytest.raises(TimelineError, match="US imports only"):
        product_duties("2025-04-15", SMARTPHONE, "USA", importer="CHN")


def test_cli_hs_lookup() -> None:
    runner = CliRunner()
    res = runner.invoke(
        app, ["tariffs", "--on", "2025-04-15", "--hs", "8517.13", "--from", "CHN", "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["hs"] == "851713"
    assert "ieepa_reciprocal" not in data["by_authority"]
    assert all(d["record"] and d["source"].startswith("http") for d in data["duties"])
    text = runner.invoke(app, ["tariffs", "--on", "2025-04-12", "--hs", TSHIRT, "--from", "CHN"])
    assert text.exit_code == 0
    assert "us-s301-list4a-7p5" in text.output
    bad = runner.invoke(app, ["tariffs", "--on", "2025-04-12", "--hs", TSHIRT])
    assert bad.exit_code != 0
