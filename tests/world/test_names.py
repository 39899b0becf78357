"""Economy names: one table for every label, from ISO 3166 (pycountry) and the two aggregates."""

from __future__ import annotations

from tradewar.world import AGGREGATES, economy_name, economy_names
from tradewar.worlds import ECONOMIES


def test_every_economy_of_the_default_world_has_a_name() -> None:
    names = economy_names(ECONOMIES)
    assert list(names) == list(ECONOMIES)
    unnamed = [code for code, name in names.items() if name == code]
    assert not unnamed, f"add names for {unnamed} to tradewar.world._names.AGGREGATES"


def test_common_names_and_aggregates() -> None:
    assert economy_name("USA") == "United States"
    assert economy_name("KOR") == "South Korea"  # pycountry's common name, not the official one
    assert economy_name("TWN") == "Taiwan"
    assert economy_name("EU27") == AGGREGATES["EU27"]
    assert economy_name("ROW") == "Rest of the world"


def test_an_unknown_code_is_shown_as_given() -> None:
    assert economy_name("XYZ") == "XYZ"
