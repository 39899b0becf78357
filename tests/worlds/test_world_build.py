"""The builder rebuilds the shipped default world bit for bit; inputs are sourced and checked."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import shared_data
from tradewar.data import read_csv
from tradewar.errors import DataError
from tradewar.sectors import SECTOR_CODES
from tradewar.worlds import built_dir, inputs_dir
from tradewar.worlds.build import INPUT_FILES, NO_TABLE, build_default, read_inputs


def test_build_reproduces_shipped_files(tmp_path: Path) -> None:
    shared = shared_data()
    hashes = build_default(tmp_path, shared=shared)
    for name, sha in hashes.items():
        shipped = (built_dir() / name).read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == sha, name
        assert (tmp_path / name).read_bytes() == shipped, name


def test_manifest_hashes_inputs_and_reports_the_build() -> None:
    manifest = json.loads((built_dir() / "manifest.json").read_text())
    for name in INPUT_FILES:
        digest = hashlib.sha256((inputs_dir() / name).read_bytes()).hexdigest()
        assert manifest["inputs_sha256"][name] == digest, name
    report = manifest["build_report"]
    assert report["ras_max_relative_gap"] < 1e-10
    assert report["economies_without_a_table"] == list(NO_TABLE)
    for economy in NO_TABLE:
        assert "no table of its own" in report["io_structure"][economy]
    assert "no table of its own" in report["io_structure"]["CHE"]
    assert set(report["margins_bn"]) == set(manifest["economies"])


def test_imputed_cells_are_listed() -> None:
    """Cells split by a key (several default sectors in one WIOD sector, the economies without
    a table) are flagged; the US import row from the HS10 data is not."""
    with (built_dir() / "imputed.csv").open() as fh:
        rows = {(r["importer"], r["exporter"], r["sector"]) for r in csv.DictReader(fh)}
    assert ("CHN", "USA", "semiconductors") in rows
    assert ("EU27", "VNM", "textiles_apparel") in rows
    assert ("USA", "CHN", "semiconductors") not in rows
    assert ("JPN", "KOR", "machinery") not in rows  # one WIOD sector, both economies tabled


def test_every_figure_has_a_source() -> None:
    for name in INPUT_FILES:
        for row in read_csv(inputs_dir() / name, ()):
            if "source_url" in row and row.get("economy", row.get("code")) != "ROW":
                assert row["source_url"].startswith("http"), (name, row.line)
            if "confirmed" in row:
                assert row["confirmed"] in ("true", "false"), (name, row.line)


def test_theta_is_the_chosen_published_estimate() -> None:
    """Each built theta is the mean of its chosen Table 1 / Table 3 estimates (99% sample)."""
    table1 = read_csv(shared_data("cp2015_elasticities", "table1_theta_se.csv"), ())
    cp = {r["sector"]: (float(r["theta_99"]), float(r["se_99"])) for r in table1}
    built = {r["sector"]: r for r in read_csv(built_dir() / "theta.csv", ())}
    assert list(built) == list(SECTOR_CODES)
    assert float(built["oilseeds_grains"]["theta"]) == pytest.approx(cp["Agriculture"][0])
    assert float(built["oilseeds_grains"]["se"]) == pytest.approx(cp["Agriculture"][1])
    assert float(built["steel"]["theta"]) == pytest.approx(cp["Basic metals"][0])
    office, comm = cp["Office"], cp["Communication"]
    assert float(built["computers_phones"]["theta"]) == pytest.approx((office[0] + comm[0]) / 2)
    assert float(built["computers_phones"]["se"]) == pytest.approx(
        (office[1] ** 2 + comm[1] ** 2) ** 0.5 / 2
    )


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


def test_missing_shared_data_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found; the default world is built from"):
        build_default(tmp_path / "out", shared=tmp_path)
