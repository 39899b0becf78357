"""`tradewar timeline add`: reviewed candidates join the user's timeline, used at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.ingest.scoring import FIXTURES
from tradewar.cli import app
from tradewar.errors import TimelineError
from tradewar.scenarios import timeline_version
from tradewar.timeline import builtin_timeline
from tradewar.timeline._user import add_user_records

FR_URL = (
    "https://www.federalregister.gov/documents/2026/07/28/2026-15181/notice-of-actions-in-section"
    "-301-investigations-of-acts-policies-and-practices-of-various-economies"
)


@pytest.fixture
def user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "user" / "timeline.yaml"
    monkeypatch.setenv("TRADEWAR_USER_TIMELINE", str(path))
    builtin_timeline.cache_clear()
    yield path
    monkeypatch.setenv("TRADEWAR_USER_TIMELINE", "")
    builtin_timeline.cache_clear()


def _s301(runner: CliRunner, day: str) -> float:
    res = runner.invoke(app, ["tariffs", "--on", day, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["US_on_CN"]["by_authority"].get("s301", 0.0)


#: The shipped records of the Section 301 forced-labour action (from 2026-07-24).
FORCED_LABOUR_IDS = {"us-s301-fl-chn", "us-s301-fl-partners"}


@pytest.fixture
def without_forced_labour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped timeline as it stood before the forced-labour action was recorded."""
    import tradewar.timeline._timeline as timeline_module

    name = "measures_us_china.yaml"
    shipped = timeline_module.data_path(name)
    doc = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    key = next(k for k, v in doc.items() if isinstance(v, list))
    doc[key] = [m for m in doc[key] if m.get("id") not in FORCED_LABOUR_IDS]
    trimmed = tmp_path / name
    trimmed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    real = timeline_module.data_path
    monkeypatch.setattr(timeline_module, "data_path", lambda n: trimmed if n == name else real(n))
    builtin_timeline.cache_clear()
    yield
    monkeypatch.undo()
    builtin_timeline.cache_clear()


def test_forced_labour_notice_is_recorded_in_the_shipped_timeline() -> None:
    notice = str(FIXTURES / "s301_forced_labour_2026.txt")
    res = CliRunner().invoke(app, ["ingest", notice, "--source-url", FR_URL, "--json"])
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.stdout)
    assert (row["label"], row["match"]) == ("recorded", "us-s301-fl-chn")


def test_round_trip_ingest_accept_and_tariffs_change(
    without_forced_labour: None, user_file: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    before, earlier = _s301(runner, "2026-08-15"), _s301(runner, "2026-07-01")
    version = timeline_version()
    out = tmp_path / "candidates.yaml"
    notice = str(FIXTURES / "s301_forced_labour_2026.txt")
    res = runner.invoke(app, ["ingest", notice, "--source-url", FR_URL, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "new" in res.stdout
    res = runner.invoke(app, ["timeline", "add", str(out)])
    assert res.exit_code == 0, res.output
    assert "ingest-usa-s301-12p5-2026-07-24" in res.stdout
    assert user_file.exists()
    # 12.5% on all goods from China, from 2026-07-24 on: the trade-weighted s301 average rises
    # by 12.5 points; earlier dates are unchanged.
    assert _s301(runner, "2026-08-15") == pytest.approx(before + 12.5, abs=1e-6)
    assert _s301(runner, "2026-07-01") == pytest.approx(earlier, abs=1e-9)
    assert timeline_version() != version  # results record that user records were used
    listed = runner.invoke(app, ["timeline", "--from", "2026-07-24", "--to", "2026-07-24"])
    assert "ingest-usa-s301-12p5-2026-07-24" in listed.stdout
    assert "UNCONFIRMED" in listed.stdout
    # Ingesting the same notice again now finds it recorded.
    res = runner.invoke(app, ["ingest", notice, "--source-url", FR_URL, "--json"])
    (row,) = json.loads(res.stdout)
    assert (row["label"], row["match"]) == ("recorded", "ingest-usa-s301-12p5-2026-07-24")


def test_add_validates_and_writes_nothing_on_error(user_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "candidates.yaml"
    res = CliRunner().invoke(
        app, ["ingest", str(FIXTURES / "fr_2018-17709.json"), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["timeline", "add", str(out)])
    assert res.exit_code == 2
    assert "'scope' is empty" in res.output
    assert "ingest-usa-s301-25-2018-08-16" in res.output
    assert not user_file.exists()


def test_add_refuses_shipped_ids_and_repeats(user_file: Path, tmp_path: Path) -> None:
    shipped = builtin_timeline().measure("us-s301-list1").model_dump(mode="json", by_alias=True)
    path = tmp_path / "dup.yaml"
    path.write_text(yaml.safe_dump({"measures": [shipped]}), encoding="utf-8")
    with pytest.raises(TimelineError, match="already in the shipped timeline"):
        add_user_records(path)
    shipped["id"] = "my-list1-copy"
    path.write_text(
        yaml.safe_dump({"measures": [shipped], "evidence": {}, "check": {}}), encoding="utf-8"
    )
    assert add_user_records(path).ids == ("my-list1-copy",)
    with pytest.raises(TimelineError, match="was added before"):
        add_user_records(path)


def test_add_checks_references_across_records(user_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "ref.yaml"
    event = {
        "id": "my-talks",
        "title": "Talks",
        "kind": "negotiation",
        "start": "2026-09-01",
        "measures": ["no-such-measure"],
        "confirmed": False,
        "sources": ["https://example.org/talks"],
    }
    path.write_text(yaml.safe_dump({"events": [event]}), encoding="utf-8")
    with pytest.raises(TimelineError, match="unknown record 'no-such-measure'"):
        add_user_records(path)
    assert not user_file.exists()


def test_user_records_off_when_the_variable_is_empty(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRADEWAR_USER_TIMELINE", "")
    path = tmp_path / "x.yaml"
    path.write_text("measures: []\n", encoding="utf-8")
    with pytest.raises(TimelineError, match="switched off"):
        add_user_records(path)
