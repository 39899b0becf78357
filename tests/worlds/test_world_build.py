"""The builder rebuilds the shipped default world bit for bit; inputs are sourced and checked."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tradewar.data._table import read_csv
from tradewar.errors import DataError
from tradewar.worlds import build_default, built_dir, inputs_dir, read_inputs
from tradewar.worlds._inputs import INPUT_FILES


def test_build_reproduces_shipped_files(tmp_path: Path) -> None:
    hashes = build_default(tmp_path)
    for name, sha in hashes.items():
        shipped = (built_dir() / name).read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == sha, name
        assert (tmp_path / name).read_bytes() == shipped, name


def test_manifest_hashes_inputs() -> None:
    manifest = json.loads((built_dir() / "manifest.json").read_text())
    for name in INPUT_FILES:
        digest = hashlib.sha256((inputs_dir() / name).read_bytes()).hexdigest()
        assert manifest["inputs_sha256"][name] == digest, name
    assert manifest["build_report"]["ras_max_relative_gap"] < 1e-10


def test_every_figure_has_a_source() -> None:
    for name in INPUT_FILES:
        rows = read_csv(inputs_dir() / name, ())
        for row in rows:
            if "source_url" in row and row.get("economy", row.get("code")) != "ROW":
                assert row["source_url"].startswith("http"), (name, row.line)
            if "confirmed" in row:
                assert row["confirmed"] in ("true", "false"), (name, row.line)


def test_theta_matches_caliendo_parro_files() -> None:
    from tests.conftest import shared_data

    t_txt = shared_data("cp2015", "original", "T.txt")
    published = [float(x) for x in t_txt.read_text().split()]
    rows = read_csv(inputs_dir() / "theta_cp2015.csv", ("cp_sector", "theta"))
    ours = [float(r["theta"]) for r in rows if r["cp_sector"] != "Services"]
    assert ours == pytest.approx(published, abs=1e-9)


def test_bad_input_names_file_row_and_column(tmp_path: Path) -> None:
    copy = tmp_path / "inputs"
    shutil.copytree(inputs_dir(), copy)
    gdp = copy / "gdp.csv"
    lines = gdp.read_text().splitlines()
    lines[3] = lines[3].replace("1852.7", "lots", 1)
    gdp.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match=r"gdp\.csv, row 4, column 'value_bn'.*not a number"):
        read_inputs(copy)


def test_unknown_economy_is_rejected(tmp_path: Path) -> None:
    copy = tmp_path / "inputs"
    shutil.copytree(inputs_dir(), copy)
    path = copy / "bilateral_goods.csv"
    path.write_text(path.read_text().replace("USA,MEX,505.851", "USA,MXX,505.9"))
    with pytest.raises(DataError, match=r"bilateral_goods\.csv, row \d+, column 'exporter'"):
        read_inputs(copy)
