"""Loaders on small mock files in the real layouts (tests/data/fixtures, pymrio.load_test())."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tradewar.data import load_icio, load_longform, load_wiod, read_mapping
from tradewar.data._mrio import from_iosystem, to_world
from tradewar.errors import DataError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _raw_icio():
    import pandas as pd

    return pd.read_csv(FIXTURES / "ICIO2023_2019.csv", index_col=0)


def test_icio_flows_match_the_table() -> None:
    world, report = load_icio(FIXTURES / "ICIO2023_2019.csv")
    assert set(world.countries) == {"USA", "CHN", "ROW"}
    raw = _raw_icio()
    # CHN's rows come from the CN1/CN2 split, folded in by pymrio
    chn_sales = raw.loc[[r for r in raw.index if r[:3] in ("CN1", "CN2")]]
    inter = [c for c in raw.columns if c[:3] in ("USA", "CHN", "ROW", "CN1", "CN2")]
    inter = [c for c in inter if c.split("_", 1)[1] in ("A01", "C26", "C29", "S96")]
    fd = [c for c in raw.columns if c.endswith(("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR"))]
    # pymrio adds CN1 and CN2 row by row before tradewar moves negative entries
    by_sector = chn_sales[fd].groupby(lambda r: r.split("_", 1)[1]).sum()
    positive_fd = by_sector.clip(lower=0).to_numpy().sum()
    chn = world.country_index("CHN")
    assert world.gross_output[chn].sum() == pytest.approx(
        chn_sales[inter].to_numpy().sum() + positive_fd, rel=1e-9
    )
    negatives = int(
        (raw.loc[[r for r in raw.index if r[:3] in ("USA", "ROW")], fd] < 0).sum().sum()
    )
    negatives += int((by_sector < 0).to_numpy().sum())
    assert (
        report.count(
            "negative final-demand entries (inventories) moved to the producer's value added"
        )
        == negatives
        > 0
    )


def test_icio_mapping_aggregates_and_reports() -> None:
    world, report = load_icio(
        FIXTURES / "ICIO2023_2019.csv", mapping=FIXTURES / "mapping_icio.csv", theta=5.0
    )
    assert world.sectors == ("goods", "services")
    assert report.count("sectors re-aggregated") == 2
    full, _ = load_icio(FIXTURES / "ICIO2023_2019.csv")
    assert world.trade.sum() == pytest.approx(full.trade.sum(), rel=1e-12)
    assert np.all(world.theta == 5.0)


def test_icio_incomplete_mapping_is_an_error(tmp_path: Path) -> None:
    text = (FIXTURES / "mapping_icio.csv").read_text().replace("sector,S96,services\n", "")
    (tmp_path / "m.csv").write_text(text)
    with pytest.raises(DataError, match=r"sectors \['S96'\] are not in the mapping"):
        load_icio(FIXTURES / "ICIO2023_2019.csv", mapping=tmp_path / "m.csv")


def test_icio_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_icio(tmp_path / "ICIO2023_2019.csv")


def test_wiod_mock_loads() -> None:
    world, report = load_wiod(FIXTURES / "wiot09_row_apr12.xlsx")
    assert world.countries == ("USA", "CHN", "RoW")
    assert world.sectors == ("AtB", "C", "30t33", "P")
    assert (
        report.count(
            "negative final-demand entries (inventories) moved to the producer's value added"
        )
        > 0
    )


def test_pymrio_test_system() -> None:
    import pymrio

    io = pymrio.load_test()
    world, _report = to_world(from_iosystem(io, "pymrio.load_test()"))
    assert world.n_countries == 6
    assert world.n_sectors == 8
    total = io.Z.to_numpy().sum() + io.Y.to_numpy().clip(min=0).sum()
    assert world.trade.sum() == pytest.approx(total, rel=1e-12)


def test_longform_round_trip() -> None:
    world, report = load_longform(
        FIXTURES / "longform_trade.csv",
        FIXTURES / "longform_io.csv",
        value_added=FIXTURES / "longform_va.csv",
        deficits=FIXTURES / "longform_deficits.csv",
        theta={"goods": 4.0, "services": 8.22},
    )
    assert world.countries == ("HOME", "FOR")
    home, foreign = 0, 1
    assert world.trade[foreign, home, 0] == 20
    assert world.tariffs[home, foreign, 0] == 0.10
    assert world.value_added[home] == pytest.approx(110.0)
    assert report.count("zero-value trade rows dropped") == 1


def test_longform_parquet(tmp_path: Path) -> None:
    import pandas as pd

    pd.read_csv(FIXTURES / "longform_trade.csv").to_parquet(tmp_path / "t.parquet")
    world, _ = load_longform(tmp_path / "t.parquet", FIXTURES / "longform_io.csv")
    csv_world, _ = load_longform(FIXTURES / "longform_trade.csv", FIXTURES / "longform_io.csv")
    np.testing.assert_array_equal(world.trade, csv_world.trade)


def test_longform_errors_name_file_row_column(tmp_path: Path) -> None:
    bad = (
        (FIXTURES / "longform_trade.csv")
        .read_text()
        .replace("HOME,FOR,goods,20", "HOME,FOR,goods,-2")
    )
    (tmp_path / "t.csv").write_text(bad)
    with pytest.raises(DataError, match=r"t\.csv, row 3, column 'value'.*at least 0"):
        load_longform(tmp_path / "t.csv", FIXTURES / "longform_io.csv")
    (tmp_path / "d.csv").write_text("country,value\nHOME,-4\nFOR,4\n")
    with pytest.raises(DataError, match=r"deficit of 'HOME' is given as -4.0"):
        load_longform(
            FIXTURES / "longform_trade.csv",
            FIXTURES / "longform_io.csv",
            deficits=tmp_path / "d.csv",
        )
    va = (FIXTURES / "longform_va.csv").read_text().replace("HOME,goods,50", "HOME,goods,51")
    (tmp_path / "v.csv").write_text(va)
    with pytest.raises(DataError, match=r"'HOME', sector 'goods'"):
        load_longform(
            FIXTURES / "longform_trade.csv",
            FIXTURES / "longform_io.csv",
            value_added=tmp_path / "v.csv",
        )


def test_mapping_file_rejects_duplicates(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("kind,source,target\nsector,A,x\nsector,A,y\n")
    with pytest.raises(DataError, match=r"m\.csv, row 3, column 'source'.*mapped twice"):
        read_mapping(tmp_path / "m.csv")


def test_longform_mapping_merges_sectors_and_keeps_revenue(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(
        "kind,source,target\nsector,goods,all\nsector,services,all\n"
        "country,HOME,HOME\ncountry,FOR,FOR\n"
    )
    world, report = load_longform(
        FIXTURES / "longform_trade.csv", FIXTURES / "longform_io.csv", mapping=tmp_path / "m.csv"
    )
    full, _ = load_longform(FIXTURES / "longform_trade.csv", FIXTURES / "longform_io.csv")
    assert world.sectors == ("all",)
    assert report.count("sectors re-aggregated") == 1
    np.testing.assert_allclose(world.tariff_revenue, full.tariff_revenue)
    np.testing.assert_allclose(world.value_added, full.value_added)
