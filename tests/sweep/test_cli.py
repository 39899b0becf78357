"""``tradewar sweep`` on the command line, and sweeps in the results store."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tradewar.cli import app
from tradewar.store import Store

runner = CliRunner()

SPEC = """
name = "cli-grid"
title = "A small grid"
world = "random:5:4:3"
chunk_size = 2
[[axes]]
name = "t01"
kind = "tariff"
importer = "C0"
exporter = "C1"
sectors = "all"
values = [0, 25, 50]
[[axes]]
name = "scale"
kind = "theta_scale"
values = [0.8, 1.25]
"""


def invoke(*args):
    return runner.invoke(app, list(map(str, args)))


def test_sweep_command_writes_into_the_store_and_resumes(tmp_path):
    spec = tmp_path / "grid.toml"
    spec.write_text(SPEC)
    store = tmp_path / "store"
    first = invoke("sweep", spec, "--store", store, "--workers", 0, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert (report["total"], report["computed"], report["skipped"]) == (6, 6, 0)
    assert report["root"] == str(store / "sweeps" / "cli-grid")
    again = invoke("sweep", spec, "--store", store, "--workers", 0)
    assert again.exit_code == 0, again.output
    assert "0 solved now, 6 already on disk" in again.stdout

    listed = json.loads(invoke("results", "sweeps", "--store", store, "--json").stdout)
    (row,) = listed["sweeps"]
    assert (row["name"], row["status"], row["points"], row["finished"], row["failed"]) == (
        "cli-grid",
        "complete",
        6,
        6,
        0,
    )
    frame = Store(store).query(
        "SELECT sweep, t01, scale, welfare_pct FROM sweep_countries WHERE iso3 = 'C0' "
        "ORDER BY t01, scale"
    )
    assert len(frame) == 6
    assert set(frame["sweep"]) == {"cli-grid"}
    assert frame.loc[(frame.t01 == 0), "welfare_pct"].abs().max() < 1e-9  # no shock, no change
    assert "cli-grid" in invoke("results", "sweeps", "--store", store).stdout


def test_sweep_command_errors_are_one_line(tmp_path):
    spec = tmp_path / "bad.toml"
    spec.write_text(SPEC.replace('kind = "theta_scale"', 'kind = "quota"'))
    result = invoke("sweep", spec, "--out", tmp_path / "o", "--workers", 0)
    assert result.exit_code == 2
    assert "axes.1.kind" in result.output
    both = invoke("sweep", spec, "--out", tmp_path / "o", "--store", tmp_path / "s")
    assert both.exit_code == 2
    assert "not both" in both.output
