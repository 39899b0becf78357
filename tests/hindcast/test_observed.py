"""The scorecard's observed data: every figure carries a source, and those derived from shared
data are rebuilt from it."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import shared_data
from tradewar.hindcast import household_count, observations

WAUGH = "mwaugh0328/tradewar-tracker"


def test_every_observed_figure_has_a_source_and_a_flag():
    rows = observations()
    assert len(rows) >= 10
    for row in rows:
        assert row.source_url.startswith("https://"), row.id
        assert isinstance(row.confirmed, bool), row.id
        assert row.note.strip(), f"{row.id}: say where the figure was read"
    assert household_count().to_value > 1e8


@pytest.mark.parametrize(
    ("file", "column", "quantity"),
    [
        ("imports_by_naics.csv", "china_trade", "us_imports_from:CHN"),
        ("exports_by_naics.csv", "china_trade", "us_exports_to:CHN"),
        ("imports_by_naics.csv", "total_trade", "us_imports_total"),
        ("exports_by_naics.csv", "total_trade", "us_exports_total"),
    ],
)
def test_2017_2019_figures_rebuild_from_the_census_series(file, column, quantity):
    """Census monthly trade by NAICS3 (Waugh's tracker), summed by year, to 0.1 bn."""
    frame = pd.read_csv(shared_data("tradewar2018_waugh", file))
    by_year = frame.groupby(frame["time"].str[:4])[column].sum() / 1e9
    (row,) = [r for r in observations() if r.episode == "2018-19" and r.quantity == quantity]
    assert WAUGH in row.source_url
    assert row.confirmed
    assert row.from_value == round(float(by_year["2017"]), 1)
    assert row.to_value == round(float(by_year["2019"]), 1)
