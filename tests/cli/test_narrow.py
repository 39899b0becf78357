"""At ``COLUMNS=80`` no line of ``run``, ``timeline``, ``tariffs``, ``results list`` or ``data
info`` (URLs aside) is wider.

Nothing forces a width any more: tables wrap or narrow to the terminal. ``results list`` shows
whole run ids (they differ only in their last digits).
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from tradewar.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _narrow(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    monkeypatch.setenv("TRADEWAR_STORE", str(tmp_path / "store"))


def _fits(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    long = [line for line in result.output.splitlines() if len(line) > 80]
    assert not long, "\n".join(long)
    return result.output


def test_run_and_results_list_fit_80_columns_and_list_whole_ids():
    out = _fits(["run", "--tariff", "USA<-CHN:=60%@2027-01-01"])
    assert "tariffs of the scenario: USA<-CHN =60% on all goods" in " ".join(out.split())
    assert not re.search(r"(?<![0-9a-f])[-+]?\d+\.\d*…", out), "a number was cut short"
    assert "welfare %" in out
    listed = _fits(["results", "list"])
    run_id = json.loads(runner.invoke(app, ["results", "list", "--json"]).output)["runs"][0]
    assert run_id["run_id"] in listed


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--from", "2025-04-01", "--to", "2025-04-30"],
        ["tariffs", "--on", "2025-05-14"],
    ],
)
def test_timeline_commands_fit_80_columns(args):
    _fits(args)


def test_data_info_fits_80_columns_and_names_the_economies():
    result = runner.invoke(app, ["data", "info"])
    assert result.exit_code == 0, result.output
    # A line may run past 80 only for a URL, which is never broken.
    long = [line for line in result.output.splitlines() if len(line) > 80]
    assert all(len(line.split()) == 1 and "://" in line for line in long), "\n".join(long)
    assert "KOR South Korea" in " ".join(result.output.split())
