"""Inputs (issue 19, "Why" cases 5-7): undecodable files are clear errors naming the file, duplicate
input-output rows fail as documented, unknown economies fail, and results outside the model's
range of validity (tariffs of 1000%, dates in 1900 or 9999) carry a warning."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.scenarios._support import Rule, TablePolicy, scenario, small_world
from tradewar.cli import app
from tradewar.errors import DataError, ScenarioError, SweepError, TimelineError

BAD_BYTES = {
    "latin-1": 'name = "caf\xe9"\n'.encode("latin-1"),
    "utf-16": 'name = "x"\n'.encode("utf-16"),
    "binary": bytes(range(256)) * 4,
    "nul": b'name = "x"\x00\n',
}


@pytest.mark.parametrize("kind", sorted(BAD_BYTES))
def test_a_scenario_file_that_is_not_utf8_names_the_file(tmp_path: Path, kind: str) -> None:
    from tradewar.scenarios import load_scenario

    path = tmp_path / "bad.toml"
    path.write_bytes(BAD_BYTES[kind])
    with pytest.raises(ScenarioError, match=r"bad\.toml: (not UTF-8 text|contains NUL|not valid)"):
        load_scenario(path)
    out = CliRunner().invoke(app, ["run", str(path), "--no-save"])
    assert out.exit_code == 2
    assert "bad.toml" in out.output
    assert "Traceback" not in out.output


def test_a_sweep_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    from tradewar.sweep import load_sweep_spec

    path = tmp_path / "sweep.toml"
    path.write_bytes(BAD_BYTES["latin-1"])
    with pytest.raises(SweepError, match=r"sweep\.toml: not UTF-8 text \(byte 0xe9"):
        load_sweep_spec(path)


def test_an_oversized_scenario_file_is_refused_before_parsing(tmp_path: Path) -> None:
    from tradewar.scenarios import load_scenario

    path = tmp_path / "huge.toml"
    path.write_text('name = "x"\nnotes = ["' + "x" * (2 * 1024 * 1024) + '"]\n', "utf-8")
    with pytest.raises(ScenarioError, match=r"huge\.toml: \d+ bytes, larger than"):
        load_scenario(path)


@pytest.mark.parametrize("kind", ["latin-1", "binary", "nul"])
def test_csv_and_longform_files_that_are_not_utf8_name_the_file(tmp_path: Path, kind: str) -> None:
    from tradewar.data import load_longform, read_csv

    path = tmp_path / "trade.csv"
    path.write_bytes(b"exporter,importer,sector,value\n" + BAD_BYTES[kind])
    with pytest.raises(DataError, match=r"trade\.csv: (not UTF-8|contains NUL)"):
        read_csv(path, ("exporter",))
    with pytest.raises(DataError, match=r"trade\.csv: (not UTF-8|contains NUL)"):
        load_longform(path, path)


def test_a_yaml_overlay_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    from tradewar.timeline._timeline import read_file

    path = tmp_path / "overlay.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(TimelineError, match=r"overlay\.yaml: not UTF-8 text"):
        read_file(path)


def _longform(tmp_path: Path, io_rows: str) -> tuple[Path, Path]:
    trade = tmp_path / "trade.csv"
    trade.write_text(
        "exporter,importer,sector,value\nA,A,x,10\nA,B,x,2\nB,A,x,3\nB,B,x,12\n",
        "utf-8",
    )
    io = tmp_path / "io.csv"
    io.write_text("country,input,sector,value\n" + io_rows, "utf-8")
    return trade, io


def test_duplicate_io_rows_are_an_error_naming_the_row(tmp_path: Path) -> None:
    from tradewar.data import load_longform

    trade, io = _longform(tmp_path, "A,x,x,1\nB,x,x,1\n")
    load_longform(trade, io)  # distinct rows load
    trade, io = _longform(tmp_path, "A,x,x,1\nB,x,x,1\nA,x,x,1\n")
    with pytest.raises(DataError, match=r"io\.csv, row 4.*appears twice"):
        load_longform(trade, io)


def test_unknown_countries_fail_before_solving() -> None:
    out = CliRunner().invoke(app, ["run", "--only", "today", "--no-save", "--countries", "XXX"])
    assert out.exit_code == 2
    assert "--countries: XXX not in the world" in out.output
    assert "USA" in out.output


def _run(policy: dict[str, Any], rules: tuple[Rule, ...] = ()) -> Any:
    from tradewar.runner import run_scenarios

    return run_scenarios(
        [scenario("s", policy=policy)],
        world=small_world(),
        source=TablePolicy(rules=rules) if rules else TablePolicy(),
        today=dt.date(2025, 9, 1),
    )


def test_a_1000_percent_tariff_carries_a_warning_in_the_result() -> None:
    from tradewar.runner._validity import range_warnings

    world = small_world()
    everyone = tuple(
        Rule(f"us-{c}", "USA", c, 10.0, dt.date(2025, 1, 1)) for c in world.countries if c != "USA"
    )
    run = _run({"date": "2025-06-01"}, everyone)
    result = run.scenarios[0]
    (warning,) = result.meta["warnings"]
    assert "tariffs above 300%" in warning
    assert re.search(r"up to 100\d%", warning)  # 1000% on top of a base tariff under 5%
    assert warning in run.summary()["scenarios"][0]["warnings"]
    assert range_warnings  # one module computes them
    calm = _run({"date": "2025-06-01"})
    assert calm.scenarios[0].meta["warnings"] == []


@pytest.mark.parametrize(("day", "fragment"), [("1900-01-01", "before"), ("9999-01-01", "after")])
def test_dates_outside_the_timeline_carry_a_warning_naming_its_range(
    day: str, fragment: str
) -> None:
    from tradewar.runner._validity import timeline_range

    first, last = timeline_range()
    result = _run({"date": day}).scenarios[0]
    text = " ".join(result.meta["warnings"])
    assert fragment in text
    assert f"covers {first} to {last}" in text


def test_found_by_the_fuzz_campaign_an_empty_trade_file(tmp_path: Path) -> None:
    from tradewar.data import load_longform

    trade, io = _longform(tmp_path, "")
    trade.write_text("exporter,importer,sector,value\n", "utf-8")
    with pytest.raises(DataError, match=r"trade\.csv: no trade rows"):
        load_longform(trade, io)


def test_found_by_the_fuzz_campaign_an_economy_that_buys_nothing(tmp_path: Path) -> None:
    """Was a RuntimeWarning (0/0 in the final-demand shares), then a world of NaN."""
    from tradewar.data import load_longform
    from tradewar.errors import WorldError

    trade, io = _longform(tmp_path, "")
    trade.write_text("exporter,importer,sector,value\nA,A,x,10\nA,B,x,0\nB,A,x,3\n", "utf-8")
    with pytest.raises(WorldError, match="country 'B' has no final demand"):
        load_longform(trade, io)


US_1000 = """name: us-1000
description: A 1000% US surcharge on every partner (a range-of-validity example).
add:
  measures:
    - id: us-2025-surcharge-1000
      title: US 1000% surcharge on all imports (example)
      actor: USA
      targets: {economies: [ALL]}
      authority: ieepa_other
      kind: additional_tariff
      scope: {all_goods: true}
      rate: 10.0
      effective: 2025-06-01
      status: in_force
      confirmed: false
      sources: ["https://example.org/range-of-validity"]
"""


@pytest.mark.slow
def test_a_1000_percent_us_tariff_on_the_default_world_is_printed_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19's example: it converges to a US welfare gain of about 12%, and says why not to
    believe it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "us1000.yaml").write_text(US_1000, "utf-8")
    (tmp_path / "us1000.toml").write_text(
        'name = "us-1000"\n[policy]\ndate = "2025-06-02"\noverlay = "us1000.yaml"\n', "utf-8"
    )
    out = CliRunner().invoke(app, ["run", "us1000.toml", "--no-save"], terminal_width=200)
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "warning: tariffs above 300%" in text
    assert "USA on CHN" in text


@pytest.mark.parametrize("day", ["1900-01-01", "9999-01-01"])
def test_timeline_commands_warn_for_dates_outside_its_range(day: str) -> None:
    from tradewar._coverage import timeline_range

    first, last = timeline_range()
    out = CliRunner().invoke(app, ["tariffs", "--on", day])
    assert out.exit_code == 0, out.output
    assert f"warning: --on {day}" in out.output
    assert f"covers {first} to {last}" in out.output


def test_inputs_far_above_output_are_an_error_not_an_overflow(tmp_path: Path) -> None:
    """Regression (fuzz campaign, CI 2026-12-04): 1e300 of inputs on a tiny output overflowed the
    share division (a RuntimeWarning) instead of naming the cell."""
    from tradewar.data import load_longform

    trade = tmp_path / "trade.csv"
    trade.write_text(
        "exporter,importer,sector,value\nA,A,x,1e-300\nA,B,x,1e-300\nB,A,x,3\nB,B,x,12\n",
        "utf-8",
    )
    io = tmp_path / "io.csv"
    io.write_text("country,input,sector,value\nA,x,x,1e300\n", "utf-8")
    with pytest.raises(DataError, match=r"io\.csv: inputs of 'A', sector 'x' are worth"):
        load_longform(trade, io)
