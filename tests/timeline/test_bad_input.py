"""Bad records are rejected with an error naming the record id and the field (issue 3)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tradewar.errors import TimelineError
from tradewar.timeline import Overlay, builtin_timeline, load_overlay, load_timeline, tariffs_on
from tradewar.timeline._timeline import parse_records

GOOD: dict[str, Any] = {
    "id": "test-measure",
    "title": "A test measure",
    "actor": "USA",
    "targets": {"economies": ["CHN"]},
    "authority": "s301",
    "kind": "additional_tariff",
    "scope": {"hs": ["85"]},
    "rate": 0.25,
    "announced": "2018-06-15",
    "effective": "2018-07-06",
    "status": "in_force",
    "confirmed": True,
    "sources": ["https://example.org/notice"],
}


def bad(**changes: Any) -> dict[str, Any]:
    rec = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            rec.pop(key, None)
        else:
            rec[key] = value
    return rec


def reject(record: dict[str, Any], field: str) -> str:
    with pytest.raises(TimelineError) as info:
        parse_records({"measures": [record]}, "test.yaml")
    msg = str(info.value)
    assert "'test-measure'" in msg, msg
    assert field in msg, msg
    return msg


def test_good_record_is_accepted() -> None:
    (rec,) = parse_records({"measures": [GOOD]}, "test.yaml")
    assert rec.id == "test-measure"


def test_dates_out_of_order() -> None:
    msg = reject(bad(effective="2018-06-01"), "effective")
    assert "out of order" in msg
    reject(bad(ended="2018-07-01"), "ended")


def test_unknown_authority() -> None:
    reject(bad(authority="section_999"), "authority")


def test_no_source() -> None:
    reject(bad(sources=[]), "sources")
    reject(bad(sources=None), "sources")
    reject(bad(sources=["not a url"]), "sources")


def test_unknown_hs_chapter() -> None:
    msg = reject(bad(scope={"hs": ["77"]}), "scope.hs")
    assert "77" in msg
    reject(bad(scope={"hs": ["98"]}), "scope.hs")
    reject(bad(scope={"hs": ["851"]}), "scope.hs")


def test_contradicting_stacking_in_one_record() -> None:
    msg = reject(bad(stacking={"exempt_if": ["s232"], "stacks_on": ["s232"]}), "stacking")
    assert "contradict" in msg
    reject(bad(stacking={"exempt_if": ["s301"]}), "stacking")


def test_contradicting_stacking_across_records() -> None:
    a = bad(id="rule-a", authority="ieepa_reciprocal", stacking={"exempt_if": ["s232"]})
    b = bad(id="rule-b", authority="s232", stacking={"exempt_if": ["ieepa_reciprocal"]})
    records = parse_records({"measures": [a, b]}, "test.yaml")
    with pytest.raises(TimelineError, match=r"'rule-a'.*stacking.exempt_if|contradict"):
        builtin_timeline().replace_records(records)


def test_unknown_field_is_not_dropped() -> None:
    reject(bad(rat=0.1), "rat")


def test_every_error_of_a_file_is_reported() -> None:
    with pytest.raises(TimelineError) as info:
        parse_records({"measures": [bad(id="one", authority="x"), bad(id="two", rate=None)]}, "f")
    assert "'one'" in str(info.value)
    assert "'two'" in str(info.value)


def test_references_must_exist() -> None:
    susp = bad(id="test-susp", kind="suspension", suspends="no-such-measure", scope={})
    records = parse_records({"measures": [susp]}, "test.yaml")
    with pytest.raises(TimelineError, match=r"'test-susp'.*suspends"):
        builtin_timeline().replace_records([*builtin_timeline(), *records])


def test_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(yaml.safe_dump({"measures": [GOOD, GOOD]}), encoding="utf-8")
    with pytest.raises(TimelineError, match="duplicate id"):
        load_timeline([path])


def test_unknown_product_set_and_heading_without_weights() -> None:
    rec = bad(scope={"product_set": "no-such-set"})
    tl = builtin_timeline().replace_records(
        [*builtin_timeline(), *parse_records({"measures": [rec]}, "t")]
    )
    with pytest.raises(TimelineError, match=r"'test-measure'.*scope.product_set"):
        tariffs_on("2019-01-01", timeline=tl)
    rec = bad(scope={"hs": ["0101"]})
    tl = builtin_timeline().replace_records(
        [*builtin_timeline(), *parse_records({"measures": [rec]}, "t")]
    )
    with pytest.raises(TimelineError, match=r"'test-measure'.*scope.hs.*0101"):
        tariffs_on("2019-01-01", timeline=tl)


def test_member_of_aggregate_without_weight() -> None:
    rec = bad(targets={"economies": ["FJI"]}, scope={"all_goods": True})
    tl = builtin_timeline().replace_records(
        [*builtin_timeline(), *parse_records({"measures": [rec]}, "t")]
    )
    with pytest.raises(TimelineError, match=r"'test-measure'.*targets.*FJI"):
        tariffs_on("2019-01-01", timeline=tl)


def test_bad_overlays(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match=r"unknown measure id 'nope'"):
        Overlay(name="x", end=({"id": "nope", "from": "2027-01-01"},)).apply(builtin_timeline())  # type: ignore[arg-type]
    path = tmp_path / "o.toml"
    path.write_text('name = "x"\nremove = 3\n', encoding="utf-8")
    with pytest.raises(TimelineError, match="remove"):
        load_overlay(path)
    path = tmp_path / "o.yaml"
    path.write_text(yaml.safe_dump({"name": "x", "add": {"measures": [bad(rate=None)]}}))
    with pytest.raises(TimelineError, match=r"'test-measure'.*rate"):
        load_overlay(path)


def test_bad_queries() -> None:
    with pytest.raises(TimelineError, match="ISO date"):
        tariffs_on("23/11/2026")
    with pytest.raises(TimelineError, match="sectors"):
        tariffs_on("2020-01-01", sectors=("toys",))
