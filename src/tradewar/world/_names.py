"""Economies by name: the one table every front end labels economy codes with.

ISO 3166 codes are named from pycountry (its common name where it has one: "South Korea",
"Taiwan", "Vietnam"); the two aggregates of the default world are not countries and are named
here. A code nobody knows is shown as itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

#: Economies of tradewar's worlds that are not ISO 3166 countries.
AGGREGATES = {"EU27": "European Union (27)", "ROW": "Rest of the world"}


@cache
def economy_name(code: str) -> str:
    """The name of an economy code (``"KOR"`` -> ``"South Korea"``); unknown codes as given."""
    if code in AGGREGATES:
        return AGGREGATES[code]
    import pycountry  # 56 ms, paid when a name is first asked for, not by every World user

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def economy_names(codes: Iterable[str]) -> dict[str, str]:
    """``{code: name}`` for each code, in order."""
    return {code: economy_name(code) for code in codes}
