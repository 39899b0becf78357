"""Hypothesis strategies of hostile inputs: scenario files and dicts, overlays, long-form CSV.

Each strategy mixes three kinds of input: well-formed files taken from the shipped ones and
mutated (lines dropped, duplicated, truncated, a value replaced by a hostile token), structures
built from the real field names with hostile values, and raw bytes (binary, other encodings).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tradewar.scenarios import builtin_scenarios
from tradewar.timeline import BUILTIN_OVERLAYS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tradewar"
SCENARIO_TEXTS = tuple(
    p.read_text("utf-8") for p in sorted((PACKAGE / "scenarios/data/builtin").glob("*.toml"))
)
OVERLAY_TEXTS = tuple(
    (PACKAGE / "timeline/data/overlays" / f"{name}.yaml").read_text("utf-8")
    for name in BUILTIN_OVERLAYS
)

#: Values that have broken parsers elsewhere: huge and tiny numbers, odd dates, paths, escapes.
TOKENS = (
    "0", "-1", "1e309", "-1e309", "nan", "inf", "1e-320", "10.0", "1000", "2**64",
    '"9999-12-31"', "1900-01-01", "0001-01-01", "2025-02-30", '""', '"../../etc/passwd"',
    '"/dev/zero"', "[]", "{}", "[[]]", "true", '"\\u0000"', '"\U0001f600"', "'''", '"""',
    "{ a = 1 }", "[1, 'a', 2025-01-01]", "-", "USA", "XXX", '"ALL"', "null", "~", "&a", "*a",
    "!!python/object:os.system", "- - -", ": :", "{{", "]]",
)  # fmt: skip

SCENARIO_KEYS = (
    "name", "title", "description", "world", "deficits", "policy", "elasticities",
    "tariff_cuts", "trade_costs", "commitments", "observed", "notes",
)  # fmt: skip
POLICY_KEYS = ("date", "period", "baseline", "overlay")
LABELS = ("USA", "CHN", "MEX", "EU27", "ROW", "XXX", "", "usa", "ALL")


def _scalar() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from(LABELS),
        st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
        st.sampled_from(["today", "2025-04-10", "default", "fixed", "zero", "ratio"]),
    )


def _value() -> st.SearchStrategy[Any]:
    return st.recursive(
        _scalar(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    (
                        *POLICY_KEYS,
                        "start",
                        "end",
                        "importer",
                        "exporter",
                        "sectors",
                        "covered_bn",
                        "sources",
                        "factor",
                        "theta",
                        "x",
                    )
                ),
                inner,
                max_size=4,
            ),
        ),
        max_leaves=12,
    )


@st.composite
def mutated(draw: st.DrawFn, texts: tuple[str, ...]) -> bytes:
    """One of ``texts`` with a few random line-level and token-level mutations, as bytes."""
    lines = draw(st.sampled_from(texts)).splitlines()
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        if not lines:
            break
        k = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "token", "cut", "indent", "swap"]))
        if op == "drop":
            del lines[k]
        elif op == "dup":
            lines.insert(k, lines[k])
        elif op == "token":
            head = lines[k].split("=", 1)[0] if "=" in lines[k] else lines[k].split(":", 1)[0]
            sep = "=" if "=" in lines[k] else ":"
            lines[k] = f"{head}{sep} {draw(st.sampled_from(TOKENS))}"
        elif op == "cut":
            lines[k] = lines[k][: draw(st.integers(min_value=0, max_value=len(lines[k])))]
        elif op == "indent":
            lines[k] = "  " + lines[k]
        else:
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
    text = "\n".join(lines) + "\n"
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


def toml_files() -> st.SearchStrategy[bytes]:
    """Scenario files: mutated built-ins, random text, random bytes."""
    return st.one_of(
        mutated(SCENARIO_TEXTS),
        st.text(max_size=200).map(lambda t: t.encode("utf-8")),
        st.binary(max_size=200),
    )


def scenario_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """Scenario structures (as the dashboard receives them): real keys, hostile values."""
    base = st.sampled_from([s.model_dump(mode="json") for s in builtin_scenarios()])
    changes = st.dictionaries(
        st.sampled_from((*SCENARIO_KEYS, "unknown")), _value(), min_size=1, max_size=3
    )
    return st.tuples(base, changes).map(lambda bc: {**bc[0], **bc[1]})


def overlay_files() -> st.SearchStrategy[bytes]:
    """Overlay files: mutated built-in overlays, random text, random bytes."""
    return st.one_of(
        mutated(OVERLAY_TEXTS),
        st.text(max_size=200).map(lambda t: t.encode("utf-8")),
        st.binary(max_size=120),
    )


def _cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(min_value=-5, max_value=100).map(str),
        st.sampled_from(["", " ", "1e400", "-0", "abc", '"1,5"', "0x10", "1_000", "10"]),
    )


@st.composite
def longform_files(draw: st.DrawFn) -> tuple[str, str]:
    """(trade CSV, input-output CSV) over a few economies and sectors, with hostile cells,
    missing or extra columns, duplicated and missing rows."""
    countries = draw(st.lists(st.sampled_from(["A", "B", "C", " A", "a"]), min_size=1,
                              max_size=3, unique=True))  # fmt: skip
    sectors = draw(st.lists(st.sampled_from(["x", "y", "z", ""]), min_size=1, max_size=2,
                            unique=True))  # fmt: skip
    trade_cols = ["exporter", "importer", "sector", "value"]
    if draw(st.booleans()):
        trade_cols.append("tariff")
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        trade_cols.remove(draw(st.sampled_from(trade_cols)))
    rows = []
    for e in countries:
        for i in countries:
            for s in sectors:
                if draw(st.integers(min_value=0, max_value=9)) == 0:
                    continue  # a missing row
                cells = {"exporter": e, "importer": i, "sector": s}
                cells["value"] = draw(_cell()) if draw(st.integers(0, 4)) == 0 else str(
                    draw(st.floats(min_value=0, max_value=1000)))  # fmt: skip
                cells["tariff"] = draw(st.sampled_from(["", "0", "0.1", "-0.1", "25", "x"]))
                rows.append(",".join(cells[c] for c in trade_cols))
                if draw(st.integers(min_value=0, max_value=19)) == 0:
                    rows.append(rows[-1])  # a duplicate row
    trade = "\n".join([",".join(trade_cols), *rows]) + "\n"
    io_rows = []
    for c in countries:
        for k in sectors:
            for s in sectors:
                if draw(st.booleans()):
                    value = draw(st.one_of(_cell(), st.floats(0, 50).map(str)))
                    io_rows.append(f"{c},{k},{s},{value}")
                    if draw(st.integers(min_value=0, max_value=19)) == 0:
                        io_rows.append(io_rows[-1])
    io = "\n".join(["country,input,sector,value", *io_rows]) + "\n"
    return trade, io
