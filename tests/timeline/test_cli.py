"""The three timeline commands, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tradewar.cli import app

runner = CliRunner()


def test_tariffs_json_keys() -> None:
    res = runner.invoke(app, ["tariffs", "--on", "2025-05-14", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["date"] == "2025-05-14"
    for key in ("US_on_CN", "CN_on_US"):
        assert {"trade_weighted", "simple", "by_authority", "by_sector"} <= set(out[key])
    assert out["US_on_CN"]["by_authority"]["ieepa_fentanyl"] == 20.0


def test_tariffs_with_overlay_file(tmp_path: Path) -> None:
    path = tmp_path / "o.toml"
    path.write_text(
        'name = "no-301"\n[end_all]\nfrom = 2027-01-01\nactors = ["USA"]\nauthorities = ["s301"]\n'
        'targets = ["CHN"]\n',
        encoding="utf-8",
    )
    res = runner.invoke(app, ["tariffs", "--on", "2027-06-01", "--overlay", str(path), "--json"])
    assert res.exit_code == 0, res.output
    assert "s301" not in json.loads(res.output)["US_on_CN"]["by_authority"]


def test_bad_date_is_a_clean_error() -> None:
    res = runner.invoke(app, ["tariffs", "--on", "yesterday"])
    assert res.exit_code == 2
    assert "ISO date" in res.output


def test_etr_json_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "etr.png"
    res = runner.invoke(
        app, ["etr", "--from", "2025-01-01", "--to", "2025-12-31", "--plot", str(png), "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["series"][0]["date"] == "2025-01-01"
    assert any(e["id"] == "round-2025-geneva" for e in out["events"])
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_timeline_table_and_filter() -> None:
    res = runner.invoke(app, ["timeline", "--from", "2026-03-01", "--to", "2026-03-31", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert any(r["id"] == "round-2026-paris" for r in rows)
    assert all(r["sources"] for r in rows)
    res = runner.invoke(app, ["timeline", "--kind", "commitment"])
    assert res.exit_code == 0
    assert "com-phase1-total" in res.output
    assert runner.invoke(app, ["timeline", "--kind", "rumour"]).exit_code == 2


def test_tariffs_any_pair_and_all_imports() -> None:
    res = runner.invoke(
        app, ["tariffs", "--on", "2025-08-07", "--importer", "USA", "--exporter", "VNM", "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["USA_on_VNM"]["by_authority"]["ieepa_reciprocal"] > 10
    assert 0 < data["US_on_all_imports"] < data["US_on_CN"]["trade_weighted"]
    bad = runner.invoke(app, ["tariffs", "--on", "2025-08-07", "--importer", "USA"])
    assert bad.exit_code != 0
    assert "--exporter" in bad.output


def test_etr_pair_daily_csv(tmp_path: Path) -> None:
    out = tmp_path / "vnm.csv"
    res = runner.invoke(
        app,
        [
            "etr", "--from", "2025-04-01", "--to", "2025-08-31",
            "--importer", "USA", "--exporter", "VNM", "--csv", str(out),
        ],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("date,USA_on_VNM,")
    assert len(lines) == 1 + 153  # one row per day, 1 Apr to 31 Aug 2025
    head = lines[0].split(",")
    recip = head.index("ieepa_reciprocal")
    by_day = {ln.split(",")[0]: ln.split(",") for ln in lines[1:]}
    assert float(by_day["2025-04-04"][recip]) == 0.0
    assert float(by_day["2025-08-07"][recip]) > float(by_day["2025-05-01"][recip]) > 0
    everything = runner.invoke(
        app, ["etr", "--from", "2026-07-01", "--to", "2026-08-01", "--importer", "USA",
              "--exporter", "ALL", "--json"],
    )  # fmt: skip
    assert everything.exit_code == 0, everything.output
    series = json.loads(everything.output)["series"]
    assert [p["date"] for p in series][-1] == "2026-07-24"


def test_tariffs_pair_without_weights_gives_the_simple_average() -> None:
    res = runner.invoke(
        app, ["tariffs", "--on", "2025-05-14", "--importer", "CHN", "--exporter", "VNM", "--json"]
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)["CHN_on_VNM"]
    assert d["trade_weighted"] is None
    assert d["simple"] > 0
    assert "no base-year import weights" in d["note"]
