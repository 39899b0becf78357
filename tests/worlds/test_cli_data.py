"""`tradewar data ...` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"


def test_info_json_keys() -> None:
    result = runner.invoke(app, ["data", "info", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    for key in ("economies", "sectors", "base_year", "sources", "sha256", "gdp_bn",
                "goods_exports_bn", "goods_imports_bn", "bilateral_goods_bn"):  # fmt: skip
        assert key in payload
    assert payload["base_year"] == 2024
    assert payload["bilateral_goods_bn"]["USA<-CHN"] > payload["bilateral_goods_bn"]["CHN<-USA"]
    assert set(payload["gdp_bn"]) == set(payload["economies"])


def test_info_text() -> None:
    result = runner.invoke(app, ["data", "info", "--economy", "VNM"])
    assert result.exit_code == 0, result.output
    assert "USA<-CHN" in result.output
    assert "VNM goods trade by sector" in result.output
    assert "computers_phones" in result.output
    assert "no table of its own" not in result.output  # the economies are listed, not the prose
    assert "VNM, THA, MYS, SGP, SAU" in result.output


def test_info_json_composition_and_margins() -> None:
    payload = json.loads(runner.invoke(app, ["data", "info", "--json"]).output)
    usa = payload["composition_bn"]["USA"]
    assert set(usa["imports"]) == set(payload["goods_sectors"])
    assert sum(usa["imports"].values()) == pytest.approx(payload["goods_imports_bn"]["USA"])
    assert payload["build_report"]["margins_bn"]["CHN"]["gdp_source"] == pytest.approx(18743.8)


def test_check_us_imports_markdown() -> None:
    result = runner.invoke(app, ["data", "check-us-imports", "--markdown"])
    assert result.exit_code == 0, result.output
    assert "| CHN | computers_phones |" in result.output


def test_build_from_a_user_icio_table(tmp_path: Path) -> None:
    from tradewar.worlds import load_world_file

    out = tmp_path / "w.nc"
    result = runner.invoke(
        app,
        ["data", "build", "--icio", str(FIXTURES / "ICIO2023_2019.csv"), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    world = load_world_file(out)
    assert world.n_countries >= 2
    bad = runner.invoke(app, ["data", "build", "--out", str(out)])
    assert bad.exit_code != 0


def test_build_default_check(tmp_path: Path) -> None:
    from tests.conftest import shared_data

    shared_data("ll2023_wiod2014")
    result = runner.invoke(app, ["data", "build-default", "--check"])
    assert result.exit_code == 0, result.output
    assert "identical to the shipped build" in result.output
    missing = runner.invoke(app, ["data", "build-default", "--check", "--shared", str(tmp_path)])
    assert missing.exit_code != 0
    assert "not found" in missing.output


def test_fetch_icio_file_url(tmp_path: Path) -> None:
    src = tmp_path / "x.zip"
    src.write_bytes(b"abc")
    result = runner.invoke(
        app,
        ["data", "fetch", "icio", "--year", "2019", "--url", src.as_uri(),
         "--cache-dir", str(tmp_path / "c")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    bad = runner.invoke(
        app,
        ["data", "fetch", "icio", "--year", "2019", "--url", src.as_uri(), "--sha256", "00",
         "--cache-dir", str(tmp_path / "d")],
    )  # fmt: skip
    assert bad.exit_code == 2
    assert "checksum mismatch" in bad.output
