"""tradewar ingest: reading documents, proposing records, checking them against the timeline."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.ingest.scoring import FIXTURES, FRESH, HELDOUT, candidates, expected, score_all
from tradewar.cli import app
from tradewar.errors import IngestError
from tradewar.ingest import check, propose, read_document
from tradewar.timeline import Measure, Timeline, builtin_timeline

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ingest.md"


def _ingest(name: str, folder: Path = FIXTURES):
    meta = expected(folder)[name]
    return propose(read_document(folder / name, source_url=meta["url"], date=meta.get("date")))


def test_fixtures_cover_the_kinds_of_text() -> None:
    kinds = {meta["kind"] for meta in expected().values()}
    assert len(expected()) + len(expected(HELDOUT)) >= 10
    for kind in (
        "federal_register_text",
        "federal_register_json",
        "wire_report",
        "ministry_statement",
        "ministry_statement_html",
    ):
        assert kind in kinds
    for meta in [*expected().values(), *expected(HELDOUT).values()]:
        assert meta["url"].startswith("http")


@pytest.mark.parametrize("folder", [FIXTURES, HELDOUT, FRESH], ids=["fixtures", "heldout", "fresh"])
def test_field_scores_are_the_ones_documented(folder: Path) -> None:
    total, _per = score_all(folder)
    text = DOCS.read_text(encoding="utf-8")
    line = f"| {folder.name} | {total.precision:.2f} | {total.recall:.2f} | {total.correct} |"
    assert line in text, f"docs/ingest.md lacks the measured row {line!r}; update it"


def test_field_scores_do_not_regress() -> None:
    fixtures, _ = score_all(FIXTURES)
    heldout, _ = score_all(HELDOUT)
    fresh, _ = score_all(FRESH)
    assert fresh.precision >= 0.55, fresh.errors
    assert fresh.recall >= 0.5, fresh.errors
    assert fixtures.precision >= 0.95, fixtures.errors
    assert fixtures.recall >= 0.9, fixtures.errors
    assert heldout.precision >= 0.9, heldout.errors
    assert heldout.recall >= 0.6, heldout.errors


@pytest.mark.parametrize("name", sorted(expected()))
def test_every_field_cites_a_sentence_of_the_document_and_nothing_is_confirmed(name: str) -> None:
    proposal = _ingest(name)
    flat = re.sub(r"\s+", " ", proposal.document.text + " " + proposal.document.title)
    for c in proposal.candidates:
        assert c.record_data()["confirmed"] is False
        for field, ev in c.fields.items():
            assert re.sub(r"\s+", " ", ev.sentence) in flat, (field, ev.sentence)


def test_candidates_are_records_of_the_timeline_schema() -> None:
    (c,) = _ingest("s301_forced_labour_2026.txt").candidates
    record, problems = c.validate()
    assert problems == []
    assert isinstance(record, Measure)
    assert (record.actor, record.authority, record.rate, record.effective) == (
        "USA",
        "s301",
        0.125,
        dt.date(2026, 7, 24),
    )
    assert record.confirmed is False
    assert record.sources[0].startswith("https://www.federalregister")


def test_incomplete_candidates_say_what_to_fill() -> None:
    (c,) = _ingest("fr_2018-17709.json").candidates
    record, problems = c.validate()
    assert record is None
    assert any("'scope' is empty" in p for p in problems)


def test_a_federal_register_json_document_gives_its_date_url_and_citation() -> None:
    doc = read_document(FIXTURES / "fr_2018-17709.json")
    assert doc.kind == "federal_register"
    assert doc.date == dt.date(2018, 8, 16)
    assert doc.citation == "83 FR 40823"
    assert doc.source_url.startswith("https://www.federalregister")


def test_html_is_read_as_text_blocks() -> None:
    doc = read_document(FIXTURES / "mofcom_2019_05_spokesman.html")
    assert doc.kind == "html"
    assert "Spokesman Comments" in doc.title
    assert not any("<" in p for p in doc.paragraphs)


def test_check_labels_new_recorded_and_conflicts() -> None:
    tl = builtin_timeline()
    # The forced-labour action is shipped: against the timeline without it, the notice is new.
    shipped = ("us-s301-fl-chn", "us-s301-fl-partners")
    before = Timeline(measures=(), events=(), commitments=()).replace_records(
        r for r in tl if r.id not in shipped
    )
    (new,) = check(_ingest("s301_forced_labour_2026.txt").candidates, before)
    assert new.label == "new"
    assert new.match is None
    (recorded,) = check(_ingest("s301_forced_labour_2026.txt").candidates, tl)
    assert (recorded.label, recorded.match) == ("recorded", "us-s301-fl-chn")
    labels = {
        c.candidate.type: c for c in check(_ingest("farms_2025_10_bloomberg.txt").candidates, tl)
    }
    assert labels["event"].label == "recorded"
    assert labels["event"].match == "round-2025-kl"
    (fr,) = check(_ingest("fr_83fr40823.txt").candidates, tl)
    assert fr.label == "conflicts"
    assert fr.match == "us-s301-list2"
    diff = {k.field: (k.candidate, k.recorded) for k in fr.conflicts}
    assert diff["announced"] == (dt.date(2018, 8, 16), dt.date(2018, 8, 7))


# ---- bad input ----------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(IngestError, match="empty"):
        read_document(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02\xff" * 20)
    with pytest.raises(IngestError, match="binary file"):
        read_document(path)


def test_text_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Tarif de 25 % sur l'acier, annonc\xe9".encode("latin-1"))
    with pytest.raises(IngestError, match="not UTF-8"):
        read_document(path)


def test_text_without_trade_content(tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text(
        "Preheat the oven to 180 degrees. Mix the flour with two eggs and a cup of milk, then "
        "bake the batter for 25 minutes until it is golden. Serve it warm with fresh berries.",
        encoding="utf-8",
    )
    proposal = propose(read_document(path))
    assert proposal.candidates == ()
    assert "no trade content" in proposal.message


def test_non_english_page() -> None:
    with pytest.raises(IngestError, match=r"not in English .*Chinese"):
        propose(read_document(FIXTURES / "nonenglish_2019_tariffcommission.html"))


def test_a_url_is_refused_offline() -> None:
    with pytest.raises(IngestError, match="fetching URLs is not supported"):
        read_document("https://www.federalregister.gov/documents/2026/07/28/2026-15181/x")


def test_json_that_is_not_a_federal_register_document(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"name": "x"}), encoding="utf-8")
    with pytest.raises(IngestError, match="not a Federal Register document"):
        read_document(path)


# ---- command line ------------------------------------------------------------------------------


def test_cli_json_and_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app,
        ["ingest", str(FIXTURES / "farms_2025_10_bloomberg.txt"), "--date", "2025-10-27", "--json"],
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {r["label"] for r in rows} == {"recorded"}
    assert all(r["record"]["confirmed"] is False and r["evidence"] for r in rows)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(empty)])
    assert res.exit_code == 2
    assert "empty" in res.output
    res = runner.invoke(
        app, ["ingest", str(FIXTURES / "farms_2025_10_bloomberg.txt"), "--date", "27/10/2025"]
    )
    assert res.exit_code == 2
    assert "--date" in res.output
    recipe = tmp_path / "recipe.txt"
    recipe.write_text(
        "We walked along the river and talked about books for an hour or so.", encoding="utf-8"
    )
    res = runner.invoke(app, ["ingest", str(recipe)])
    assert res.exit_code == 1
    assert "no candidate records" in res.output


def test_cli_table_names_the_match() -> None:
    res = CliRunner().invoke(app, ["ingest", str(FIXTURES / "fr_83fr40823.txt")])
    assert res.exit_code == 0, res.output
    assert "conflicts us-s301-list2" in res.stdout
    assert "none confirmed" in res.stdout


def test_held_out_candidates_are_read_without_error() -> None:
    for name, meta in expected(HELDOUT).items():
        candidates(name, meta, HELDOUT)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_any_text_gives_candidates_or_a_clear_error(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "doc.txt"
    path.write_text(text, encoding="utf-8")
    try:
        proposal = propose(read_document(path, date=dt.date(2025, 1, 1)))
    except IngestError as exc:
        message, found = str(exc), ()
    else:
        message, found = proposal.message or str(path), proposal.candidates
    assert found or str(path) in message  # no candidates: a message naming the file
    for c in found:
        c.validate()  # never raises: problems are returned


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("blank.html", "<html><body><script>x=1</script></body></html>"),
        ("blank.json", '{"document_number": "2026-1", "publication_date": "2026-01-02"}'),
    ],
)
def test_documents_without_text(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match="has no text"):
        read_document(path)
