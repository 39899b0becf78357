"""The HS -> sector concordance: full coverage of the 2024 US import data, one home per code."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import shared_data
from tradewar.errors import DataError
from tradewar.sectors import (
    DEFAULT_SECTORS,
    GOODS_CODES,
    SECTOR_CODES,
    concordance_dir,
    hs_rules,
    sector_of_hs,
    sector_table,
)
from tradewar.worlds import built_dir


def test_classification_separates_the_story_sectors() -> None:
    for code in ("oilseeds_grains", "other_farm", "crude_oil_gas", "refined_petroleum", "steel",
                 "aluminium", "semiconductors", "computers_phones", "other_electronics",
                 "motor_vehicles", "aircraft", "pharma"):  # fmt: skip
        assert code in GOODS_CODES
    assert len(GOODS_CODES) >= 20
    assert len(SECTOR_CODES) > len(GOODS_CODES)  # services close the economy
    assert tuple(s.code for s in DEFAULT_SECTORS) == SECTOR_CODES


def test_sector_table_links_every_source() -> None:
    for row in sector_table():
        assert row["ll16"]
        assert row["icio14"]
        assert row["wiod13"]
        assert row["isic4"]
        assert row["cp"]


def test_every_chapter_is_classified_and_every_sector_reachable() -> None:
    rules = hs_rules()
    assert all(f"{c:02d}" in rules for c in range(1, 98))
    assert set(rules.values()) == set(GOODS_CODES)


@pytest.mark.parametrize(
    ("code", "sector"),
    [("1201900010", "oilseeds_grains"), ("270900", "crude_oil_gas"), ("2710", "refined_petroleum"),
     ("72083900", "steel"), ("760110", "aluminium"), ("854231", "semiconductors"),
     ("8471300100", "computers_phones"), ("851713", "computers_phones"),
     ("870323", "motor_vehicles"), ("880240", "aircraft"), ("300490", "pharma"),
     ("9503000090", "other_manuf")],
)  # fmt: skip
def test_sector_of_hs(code: str, sector: str) -> None:
    assert sector_of_hs(code) == sector


def test_bad_codes_are_rejected() -> None:
    with pytest.raises(DataError, match="digits"):
        sector_of_hs("85A2")
    with pytest.raises(DataError, match="special classification"):
        sector_of_hs("9801001012")


def test_timeline_copy_matches() -> None:
    """``timeline/data/hs_concordance.csv`` is a byte copy of the world's concordance."""
    from tradewar.timeline._timeline import data_path
    from tradewar.timeline._weights import concordance

    ours = (concordance_dir() / "hs_sector.csv").read_bytes()
    assert data_path("hs_concordance.csv").read_bytes() == ours
    assert concordance() == hs_rules()


def test_hs6_table_covers_the_2024_us_imports() -> None:
    """Every HS6 with 2024 US imports (chapters 1-97) maps to exactly one sector and, through
    the tracker's crosswalk, to a GTAP sector; the shipped HS6 table agrees."""
    pd = pytest.importorskip("pandas")
    folder = shared_data("tradewar2025_twr", "hs10_imports_2024")
    seen: set[str] = set()
    for path in sorted(folder.glob("*.parquet")):
        seen |= set(pd.read_parquet(path, columns=["HS6"])["HS6"])
    goods = {c for c in seen if c[:2] not in ("98", "99")}
    with (built_dir() / "hs6_sector.csv").open() as fh:
        shipped = {r["hs6"]: r for r in csv.DictReader(fh)}
    assert goods <= set(shipped)
    for code in goods:
        assert shipped[code]["sector"] == sector_of_hs(code)
        assert shipped[code]["sector"] in GOODS_CODES
        assert shipped[code]["gtap"], code
