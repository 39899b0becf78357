"""The scenario file format: what is accepted, what is rejected and how the error reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradewar.errors import ScenarioError
from tradewar.scenarios import load_scenario, parse_scenario, scenario_schema

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
name = "my-truce"
title = "My truce"
description = "A variant."
world = "default"
deficits = "zero"

[policy]
date = 2025-05-14
overlay = "truce-lapses-2026-11-10"

[elasticities]
theta = {electronics = 8.0}
scale = 1.1

[[commitments]]
record = "com-busan-soy-25"
sectors = ["oilseeds_grains"]
years = 2
price = {usd = 470.0, per = "tonne", sources = ["https://example.org/price"]}

[[tariff_cuts]]
importer = "USA"
exporter = "CHN"
covered_bn = 30
sources = ["https://example.org/cuts"]

[[observed]]
measure = "imports"
country = "USA"
partner = "CHN"
from_year = 2024
to_year = 2025
from_bn = 438.8
to_bn = 308.4
sources = ["https://example.org/census"]
"""


def test_a_full_scenario_file_parses(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    s = load_scenario(path)
    assert s.name == "my-truce"
    assert s.deficits == "zero"
    assert str(s.policy.date) == "2025-05-14"
    assert s.elasticities.theta == {"electronics": 8.0}
    assert s.commitments[0].price is not None
    assert s.commitments[0].price.per == "tonne"
    assert s.tariff_cuts[0].covered_bn == 30
    assert s.observed[0].to_bn == 308.4
    assert s.origin == path.resolve()
    assert s.resolve_path("x.yaml") == path.resolve().parent / "x.yaml"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"polcy": {"baseline": True}}, "polcy"),
        ({"policy": {}}, "exactly one"),
        ({"policy": {"date": "2025-01-01", "baseline": True}}, "exactly one"),
        ({"policy": {"baseline": True, "overlay": "x"}}, "overlay needs a date"),
        ({"policy": {"date": "yesterday"}}, "policy.date"),
        ({"policy": {"period": {"start": "2025-02-01", "end": "2025-01-01"}}}, "before start"),
        ({"deficits": "balanced"}, "deficits"),
        ({"name": "Has Spaces"}, "name"),
        ({"elasticities": {"theta": -1.0}}, "elasticities.theta"),
        ({"commitments": [{"sectors": ["x"]}]}, "record"),
        (
            {
                "commitments": [
                    {"value_bn": 3, "importer": "CHN", "exporter": "USA", "sectors": ["x"]}
                ]
            },
            "sources",
        ),
        ({"commitments": [{"record": "r", "sectors": []}]}, "commitments.0.sectors"),
        (
            {"commitments": [{"record": "r", "sectors": ["x"], "product_base_bn": 2}]},
            "product_sources",
        ),
        (
            {"tariff_cuts": [{"importer": "USA", "exporter": "CHN", "covered_bn": 3}]},
            "tariff_cuts.0.sources",
        ),
        (
            {
                "observed": [
                    {
                        "measure": "gdp",
                        "country": "USA",
                        "partner": "CHN",
                        "from_year": 1,
                        "to_year": 2,
                        "from_bn": 1,
                        "to_bn": 2,
                        "sources": ["https://a.b"],
                    }
                ]
            },
            "observed.0.measure",
        ),
        (
            {
                "tariff_cuts": [
                    {
                        "importer": "USA",
                        "exporter": "CHN",
                        "covered_bn": 3,
                        "sources": ["not a url"],
                    }
                ]
            },
            "tariff_cuts.0.sources.0",
        ),
    ],
)
def test_bad_fields_are_rejected_with_their_name(edit, message):
    data = {"name": "bad", "policy": {"baseline": True}, **edit}
    with pytest.raises(ScenarioError, match="invalid scenario") as info:
        parse_scenario(data, "bad.toml")
    assert message in str(info.value)
    assert "bad.toml" in str(info.value)


def test_unreadable_and_invalid_toml_name_the_file(tmp_path):
    with pytest.raises(ScenarioError, match="cannot be read"):
        load_scenario(tmp_path / "missing.toml")
    path = tmp_path / "broken.toml"
    path.write_text("name = \n")
    with pytest.raises(ScenarioError, match=r"broken\.toml: not valid TOML"):
        load_scenario(path)


def test_today_is_a_valid_date():
    s = parse_scenario({"name": "t", "policy": {"date": "today"}})
    assert s.policy.date == "today"


def test_exported_json_schema_is_current():
    """docs/schema/scenario.schema.json is what the model exports (regenerate if this fails:
    ``tradewar scenarios schema > docs/schema/scenario.schema.json``)."""
    path = ROOT / "docs" / "schema" / "scenario.schema.json"
    assert json.loads(path.read_text()) == json.loads(json.dumps(scenario_schema()))


def test_schema_names_every_section():
    properties = scenario_schema()["properties"]
    for key in (
        "name",
        "world",
        "policy",
        "commitments",
        "elasticities",
        "deficits",
        "tariff_cuts",
        "trade_costs",
        "observed",
    ):
        assert key in properties
