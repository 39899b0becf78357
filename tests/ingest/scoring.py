"""Field-level precision and recall of `tradewar ingest` on the fixtures (tests and docs use it).

Each fixture's expected records (``fixtures/expected.yaml``, written by hand from the text) are
paired one-to-one with the candidates of the same type, pairs agreeing on most fields first. Then,
over the scored fields: a field the candidate states that equals the expectation is *correct*; one
that differs, or any scored field of a candidate no expectation pairs with, is *wrong*; an expected
field the candidate lacks is *missed*. precision = correct / (correct + wrong); recall = correct /
expected fields. A field the candidate states but the expectation leaves open (the text does not
say) is counted apart as *unverifiable*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tradewar.ingest import Candidate, propose, read_document

FIXTURES = Path(__file__).parent / "fixtures"  # the texts the rules were written on
HELDOUT = Path(__file__).parent / "heldout"  # held out at first; rules were fixed after scoring
FRESH = Path(__file__).parent / "fresh"  # collected after the last rule change, never tuned on
SCORED = {
    "measure": (
        "actor",
        "targets",
        "authority",
        "rate",
        "replaces_rate",
        "announced",
        "effective",
        "status",
        "scope",
    ),
    "event": ("kind", "start", "end", "place", "participants"),
    "commitment": ("buyer", "seller", "product_group", "amount_usd_bn", "amount_physical", "unit"),
}


def expected(folder: Path = FIXTURES) -> dict[str, dict[str, Any]]:
    return yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))


def candidates(name: str, meta: dict[str, Any], folder: Path = FIXTURES) -> tuple[Candidate, ...]:
    doc = read_document(folder / name, source_url=meta["url"], date=meta.get("date"))
    return propose(doc).candidates


def _norm(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "targets":
        econ = value.get("economies", ()) if isinstance(value, dict) else value
        return frozenset(econ)
    if name == "participants":
        return frozenset(value)
    if name == "scope":
        return tuple(
            sorted(
                (k, tuple(sorted(v)) if isinstance(v, list | tuple) else v)
                for k, v in value.items()
            )
        )
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 9)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass
class Score:
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    unverifiable: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / max(1, self.correct + self.wrong)

    @property
    def recall(self) -> float:
        return self.correct / max(1, self.correct + self.wrong_expected + self.missed)

    wrong_expected: int = 0  # wrong values of expected fields (part of `wrong`)

    def add(self, other: Score) -> None:
        self.correct += other.correct
        self.wrong += other.wrong
        self.missed += other.missed
        self.unverifiable += other.unverifiable
        self.wrong_expected += other.wrong_expected
        self.errors += other.errors


def score_fixture(name: str, meta: dict[str, Any], folder: Path = FIXTURES) -> Score:
    s = Score()
    found = candidates(name, meta, folder)
    for kind, fields in SCORED.items():
        want = list(meta.get(kind + "s", []))
        have = [c for c in found if c.type == kind]
        agree = []
        for i, w in enumerate(want):
            for j, c in enumerate(have):
                n = sum(_norm(f, c.value(f)) == _norm(f, w[f]) for f in fields if f in w)
                agree.append((n, -i, -j))
        used_w: set[int] = set()
        used_c: set[int] = set()
        for n, mi, mj in sorted(agree, reverse=True):
            i, j = -mi, -mj
            if n == 0 or i in used_w or j in used_c:
                continue
            used_w.add(i)
            used_c.add(j)
            w, c = want[i], have[j]
            for f in fields:
                got = _norm(f, c.value(f))
                if f in w:
                    if got is None:
                        s.missed += 1
                        s.errors.append(f"{name}: {kind} #{i + 1} missed {f}={w[f]}")
                    elif got == _norm(f, w[f]):
                        s.correct += 1
                    else:
                        s.wrong += 1
                        s.wrong_expected += 1
                        s.errors.append(
                            f"{name}: {kind} #{i + 1} {f}={c.value(f)}, expected {w[f]}"
                        )
                elif got is not None:
                    s.unverifiable += 1
        for i, w in enumerate(want):
            if i not in used_w:
                s.missed += sum(1 for f in fields if f in w)
                s.errors.append(f"{name}: {kind} #{i + 1} not found")
        for j, c in enumerate(have):
            if j not in used_c:
                s.wrong += sum(1 for f in fields if c.value(f) is not None)
                s.errors.append(f"{name}: spurious {kind} {c.id}")
    return s


def score_all(folder: Path = FIXTURES) -> tuple[Score, dict[str, Score]]:
    total = Score()
    per: dict[str, Score] = {}
    for name, meta in expected(folder).items():
        per[name] = score_fixture(name, meta, folder)
        total.add(per[name])
    return total, per


def report(folder: Path) -> None:
    total, per = score_all(folder)
    for name, s in per.items():
        print(
            f"{name:<40} P {s.precision:.2f} R {s.recall:.2f} ({s.correct} correct, "
            f"{s.wrong} wrong, {s.missed} missed, {s.unverifiable} unverifiable)"
        )
    print(
        f"{'ALL':<40} P {total.precision:.2f} R {total.recall:.2f} ({total.correct} correct, "
        f"{total.wrong} wrong, {total.missed} missed, {total.unverifiable} unverifiable)"
    )
    for e in total.errors:
        print("  ", e)


if __name__ == "__main__":  # python -m tests.ingest.scoring: the figures in docs/ingest.md
    for folder in (FIXTURES, HELDOUT, FRESH):
        print(f"--- {folder.name}")
        report(folder)
