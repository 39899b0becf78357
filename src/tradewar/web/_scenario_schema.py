"""The scenario schema as the dashboard accepts it, and the checks a web request must pass.

The dashboard takes the scenario format of :mod:`tradewar.scenarios` as it is, with three
restrictions so that a client can never make the server open a file or take unbounded work:

- ``world`` is the built-in default world, never a path;
- ``policy.overlay`` is one of the timeline's built-in overlays, never a path;
- lists are bounded (:data:`MAX_ITEMS`), every string at most :data:`MAX_TEXT` characters,
  dates lie in 2000-2040 (all written into the schema, so the OpenAPI document states them).

:func:`web_schema` is the scenario JSON schema with those restrictions written in and every
``$ref`` inlined (so it can sit inside the OpenAPI document and drive the scenario form);
:func:`check_scenario` applies the same restrictions to a validated :class:`Scenario`.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from typing import Any

from pydantic import BaseModel

from tradewar.errors import TradewarError
from tradewar.scenarios import scenario_schema
from tradewar.sectors import SECTOR_CODES
from tradewar.timeline import BUILTIN_OVERLAYS
from tradewar.worlds import ECONOMIES

WORLDS = ("default",)
#: Fields holding economy codes / sector codes of the default world (offered as choices).
ECONOMY_FIELDS = ("importer", "exporter", "country", "partner")
SECTOR_FIELDS = ("sectors",)
MAX_ITEMS = {
    "tariffs": 40,
    "tariff_cuts": 40,
    "trade_costs": 40,
    "commitments": 8,
    "observed": 8,
    "notes": 12,
}
MAX_TEXT = 2000
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2040, 12, 31)
#: FIRST_DAY..LAST_DAY as a regular expression (the schema's only way to bound a date).
DAY_PATTERN = r"^(20[0-3][0-9]|2040)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


class WebScenarioError(TradewarError, ValueError):
    """A scenario the dashboard does not run (a file path, too large, dates out of range)."""


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of a JSON schema with every local ``#/$defs/...`` reference replaced by its target.

    The scenario schema has no recursive definitions, so the result is finite.
    """
    defs = schema.get("$defs", {})

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.split("/")[-1]
                if name in seen:
                    raise ValueError(f"recursive schema definition {name!r} cannot be inlined")
                target = walk(defs[name], (*seen, name))
                extra = {k: walk(v, seen) for k, v in node.items() if k != "$ref"}
                return {**target, **extra}
            return {k: walk(v, seen) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v, seen) for v in node]
        return node

    out: dict[str, Any] = walk(schema, ())
    out.pop("$schema", None)
    return out


@cache
def web_schema() -> dict[str, Any]:
    """The scenario JSON schema with the dashboard's restrictions, references inlined."""
    schema = inline_refs(copy.deepcopy(scenario_schema()))
    props = schema["properties"]
    props["world"] = {
        "type": "string",
        "enum": list(WORLDS),
        "default": "default",
        "title": "World",
        "description": "A built-in world (the dashboard does not open world files).",
    }
    for key in ("title", "description"):
        if key in props:
            props[key]["maxLength"] = MAX_TEXT
    for key, most in MAX_ITEMS.items():
        if key in props:
            props[key]["maxItems"] = most
    policy = props.get("policy", {}).get("properties", {})
    if "overlay" in policy:
        policy["overlay"] = {
            "anyOf": [{"type": "string", "enum": list(BUILTIN_OVERLAYS)}, {"type": "null"}],
            "default": None,
            "title": "Overlay",
            "description": "A built-in overlay of the timeline (a scenario variant).",
        }
    _label_choices(schema)
    _bound_strings(schema)
    schema["title"] = "tradewar scenario (dashboard)"
    schema["description"] = (
        "A scenario as `tradewar run FILE.toml` reads it, restricted to built-in worlds and "
        "overlays, with bounded lists."
    )
    return schema


def _bound_strings(node: Any) -> None:
    """Give every free-text string node (no enum, pattern of its own or format) ``maxLength``."""
    if isinstance(node, list):
        for item in node:
            _bound_strings(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not {"enum", "const", "format"} & node.keys():
        node["maxLength"] = min(node.get("maxLength", MAX_TEXT), MAX_TEXT)
    if node.get("type") == "string" and node.get("format") == "date":
        node["pattern"] = DAY_PATTERN  # FIRST_DAY..LAST_DAY (dates have no minimum in JSON)
    for value in node.values():
        _bound_strings(value)


def _long_text(value: Any, where: str = "") -> str | None:
    """The field path of the first string in ``value`` longer than :data:`MAX_TEXT`, if any."""
    if isinstance(value, str):
        return where or "(value)" if len(value) > MAX_TEXT else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, sub in items:
        found = _long_text(sub, f"{where}.{key}" if where else str(key))
        if found:
            return found
    return None


def check_raw_text(raw: Any, where: str) -> None:
    """Raise :class:`WebScenarioError` when a string in a raw scenario is over the limit."""
    found = _long_text(raw)
    if found is not None:
        raise WebScenarioError(
            f"{where}: field '{found}' is longer than {MAX_TEXT} characters (the dashboard's "
            "limit; run longer files with 'tradewar run FILE.toml')"
        )


def _string_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The string-typed alternatives of a schema node (itself, or its anyOf branches)."""
    if node.get("type") == "string" and "const" not in node:
        return [node]
    return [n for branch in node.get("anyOf", []) for n in _string_nodes(branch)]


def _label_choices(node: Any) -> None:
    """Offer the default world's economy and sector codes as choices, in place.

    Importer/exporter/country/partner strings become enums of the economies; items of
    ``sectors`` lists and keys of ``theta`` maps become enums of the sectors.
    """
    if isinstance(node, list):
        for item in node:
            _label_choices(item)
        return
    if not isinstance(node, dict):
        return
    for key, sub in node.get("properties", {}).items():
        if key in ECONOMY_FIELDS:
            for leaf in _string_nodes(sub):
                leaf["enum"] = list(ECONOMIES)
        if key in SECTOR_FIELDS:
            for branch in [sub, *sub.get("anyOf", [])]:
                if branch.get("type") == "array":
                    for leaf in _string_nodes(branch.get("items", {})):
                        leaf["enum"] = list(SECTOR_CODES)
        if key == "theta":
            for branch in sub.get("anyOf", []):
                if branch.get("type") == "object":
                    branch["propertyNames"] = {"enum": list(SECTOR_CODES)}
    for value in node.values():
        _label_choices(value)


def _dates(value: Any) -> list[dt.date]:
    if isinstance(value, dt.date):
        return [value]
    if isinstance(value, dict):
        return [d for v in value.values() for d in _dates(v)]
    if isinstance(value, list | tuple):
        return [d for v in value for d in _dates(v)]
    if isinstance(value, BaseModel):
        return [d for name in type(value).model_fields for d in _dates(getattr(value, name))]
    return []


def check_scenario(scenario: Any) -> None:
    """Raise :class:`WebScenarioError` unless ``scenario`` stays within the web restrictions."""
    where = f"scenario {scenario.name!r}"
    if scenario.world not in WORLDS:
        raise WebScenarioError(
            f"{where}: field 'world': {scenario.world!r} is not a built-in world; the dashboard "
            f"runs on {', '.join(WORLDS)} (run world files with 'tradewar run FILE.toml')"
        )
    overlay = scenario.policy.overlay
    if overlay is not None and overlay not in BUILTIN_OVERLAYS:
        raise WebScenarioError(
            f"{where}: field 'policy.overlay': {overlay!r} is not a built-in overlay; choose "
            f"one of {', '.join(BUILTIN_OVERLAYS)}"
        )
    for key, most in MAX_ITEMS.items():
        items = getattr(scenario, key, ())
        if len(items) > most:
            raise WebScenarioError(
                f"{where}: field '{key}': {len(items)} items, the dashboard takes at most {most}"
            )
    for key in ("title", "description"):
        if len(getattr(scenario, key, "")) > MAX_TEXT:
            raise WebScenarioError(f"{where}: field '{key}' is longer than {MAX_TEXT} characters")
    for field in ("policy", "tariffs"):
        for day in _dates(getattr(scenario, field, ())):
            if not FIRST_DAY <= day <= LAST_DAY:
                raise WebScenarioError(
                    f"{where}: field '{field}': date {day} is outside {FIRST_DAY}..{LAST_DAY}"
                )
