"""China's import side at the line level (PIIE's HS10 schedule and HS8 imports from the US).

Rebuilt bit-for-bit from ../shared/data, and compared with PIIE's published series: Figure 1 of
Bown, Jung and Zhang (2019), "Trump Has Gotten China to Lower Its Tariffs. Just Toward Everyone
Else", PIIE Trade and Investment Policy Watch, 12 June 2019 (data file in ../shared/data/
tradewar2018_waugh), and the chart text of Bown's "US-China Trade War Tariffs: An Up-to-Date Chart"
(tests/timeline/test_validation_piie.py). Tolerance: 1.5 points (issue 13).

PIIE weights China's tariffs with China's imports from the world (Figure 1 starts both the US and
the other exporters at the same 7.99% on 2018-01-01); ours are weighted with China's imports from
the US, so before and just after the first retaliation (when a few farm lists dominate) the two
weightings differ by 2-3 points; from 2018-08-23 on they agree within 1.5 points.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from tests.conftest import shared_data

from tradewar.timeline import tariffs_on
from tradewar.timeline._timeline import data_path
from tradewar.timeline._weights import derived_mfn, weight_tables

ROOT = Path(__file__).resolve().parents[2]
FIGURE_1_DATES = {
    "August 23, 2018": "2018-08-23",
    "September 24, 2018": "2018-09-24",
    "November 1, 2018": "2018-11-01",
    "January 1, 2019": "2019-01-01",
    "June 1, 2019": "2019-06-01",
}


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_china_lines", ROOT / "scripts" / "build_china_lines.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_rebuild_is_bit_for_bit() -> None:
    """Reads PIIE's 1.5 MB workbook (about 10 s)."""
    shared = shared_data("tradewar2018_waugh", "bown-jung-zhang-2019-06-12.xlsx").parents[1]
    for name, text in _builder().build(shared).items():
        assert text == data_path(name).read_text(encoding="utf-8"), name


def test_weights_and_base_come_from_the_line_data() -> None:
    table = weight_tables()[("CHN", "USA")]
    assert table.confirmed
    assert (table.total + table.special) / 1000 == pytest.approx(154.8, abs=0.05)
    base = derived_mfn("CHN")
    assert base
    assert all(0 <= r < 0.5 for r in base.values())
    # the trade-weighted MFN rate on US goods on 2018-01-01, from the HS8 data: 5.98%
    assert 100 * tariffs_on("2018-01-01").average("CHN", "USA") == pytest.approx(5.98, abs=0.05)


def _figure_1() -> dict[str, float]:
    import pandas as pd

    path = shared_data("tradewar2018_waugh", "bown-jung-zhang-2019-06-12.xlsx")
    fig = pd.read_excel(path, sheet_name="Figure 1", nrows=2)
    row = fig.iloc[0]
    assert row.iloc[0] == "United States"
    out = {}
    for col in fig.columns[1:]:
        label = str(col).split("\n")[0].strip()
        if label in FIGURE_1_DATES:
            out[FIGURE_1_DATES[label]] = float(row[col])
    return out


def test_china_on_us_matches_piie_figure_1_from_august_2018() -> None:
    published = _figure_1()
    assert len(published) == len(FIGURE_1_DATES)
    for day, piie in published.items():
        ours = 100 * tariffs_on(day).average("CHN", "USA")
        assert abs(ours - piie) <= 1.5, (day, round(ours, 2), piie)


@pytest.mark.parametrize(
    ("day", "piie"),
    [("2018-09-24", 18.3), ("2019-12-01", 21.1), ("2020-02-14", 20.3), ("2025-01-20", 21.2),
     ("2025-05-14", 32.6)],
)  # fmt: skip
def test_china_on_us_matches_piie_chart_text(day: str, piie: float) -> None:
    ours = 100 * tariffs_on(day).average("CHN", "USA")
    assert abs(ours - piie) <= 1.5, (day, round(ours, 2), piie)
