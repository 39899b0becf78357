"""`tradewar data ...` commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tradewar.cli import app

runner = CliRunner()


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
    result = runner.invoke(app, ["data", "info"])
    assert result.exit_code == 0
    assert "USA<-CHN" in result.output


def test_build_default_check_and_out(tmp_path: Path) -> None:
    result = runner.invoke(app, ["data", "build-default", "--check"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["data", "build-default", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "trade.csv").is_file()


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
