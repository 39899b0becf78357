"""From a :class:`Document` to candidate records: sentence rules, then merging, then the document.

1. Each sentence is read for measures, events and a commitment (:mod:`._measures`, :mod:`._talks`);
   a sentence without a rate may complete the measure before it ("Effective July 24, 2026.").
2. One measure told twice ("decided to impose a 25% tariff ..." / "will implement a 25% tariff
   ... from August 23") is merged: same rate, no actor, target or date that disagree.
3. What no sentence says is taken from the document where that is unambiguous: the actor from its
   agency (USTR, the Customs Tariff Commission), the authority if it names only one, the
   announcement date of a Federal Register notice (its publication date), the source URL.
   Every filled field cites the sentence that fixes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tradewar.errors import IngestError
from tradewar.ingest._candidate import Candidate, Evidence
from tradewar.ingest._measures import (
    CN_AGENCY,
    US_AGENCY,
    Draft,
    authority,
    dangling,
    measures_in,
)
from tradewar.ingest._read import Document
from tradewar.ingest._talks import commitment_in, events_in
from tradewar.ingest._text import dates, economies, language_problem, sentences

_TRADE_WORDS = re.compile(
    r"\b(tariffs?|dut(?:y|ies)|trade|imports?|exports?|Section\s+\d{3}|sanctions?)\b", re.I
)


@dataclass(frozen=True)
class Proposal:
    """The candidates read from one document, and a message when there are none."""

    document: Document
    candidates: tuple[Candidate, ...]
    message: str = ""


def propose(doc: Document) -> Proposal:
    """Candidate records for ``doc``. Raises :class:`IngestError` if it is not English text."""
    problem = language_problem(doc.text)
    if problem:
        raise IngestError(
            f"{doc.path}: the text is not in English ({problem}); ingest reads English only: "
            "use the English version of the page (e.g. english.mofcom.gov.cn) or a translation"
        )
    sents = [s for p in doc.paragraphs for s in sentences(p)]
    base = doc.date or _first_dated(sents)
    drafts: list[Draft] = []
    events: list[dict[str, tuple[object, str]]] = []
    commitments: list[dict[str, tuple[object, str]]] = []
    for k, s in enumerate(sents):
        found = measures_in(s, sents[k - 1] if k else "", base)
        if found:
            drafts.extend(found)
        elif drafts:
            for name, value in dangling(s, base).items():
                target = next((d for d in reversed(drafts) if d.get(name) is None), None)
                if target is not None:
                    target.set(name, value, s)
        events.extend(events_in(s, sents[:k], base))
        c = commitment_in(s, base)
        if c:
            commitments.append(c)
    measures = [_finish(d, doc, sents, base) for d in _merge_drafts(drafts)]
    candidates = (
        measures
        + [
            Candidate("event", _evidence(e), _sources(doc))
            for e in _merge(events, ("kind", "place"))
        ]
        + [
            Candidate("commitment", _evidence(c), _sources(doc))
            for c in _merge(commitments, ("buyer", "product_group"))
        ]
    )
    message = ""
    if not candidates:
        message = (
            f"{doc.path}: no candidate records: the text states no tariff rate, dated talks or "
            "purchase commitment"
            + ("" if _TRADE_WORDS.search(doc.text) else " (it has no trade content at all)")
        )
    return Proposal(doc, tuple(candidates), message)


def _first_dated(sents: list[str]) -> dt.date | None:
    for s in sents:
        for d in dates(s, None):
            if d.has_year:
                return d.day
    return None


def _compatible(a: Draft, b: Draft) -> bool:
    for name in ("rate", "actor", "targets", "authority", "effective", "replaces_rate"):
        va, vb = a.get(name), b.get(name)
        if name == "rate" and va != vb:
            return False
        if va is not None and vb is not None and va != vb:
            return False
    return True


def _merge_drafts(drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        twin = next((o for o in out if _compatible(o, d)), None)
        if twin is None:
            out.append(d)
            continue
        for name, item in d.fields.items():
            twin.fields.setdefault(name, item)
        twin.proposal = twin.proposal or d.proposal
        twin.in_force_past = twin.in_force_past or d.in_force_past
        twin.other_dates += d.other_dates
        twin.products += [p for p in d.products if p not in twin.products]
    return out


def _finish(d: Draft, doc: Document, sents: list[str], base: dt.date | None) -> Candidate:
    """Fill what the document fixes, then the status; the cited sentence says where from."""
    if d.get("actor") is None:
        cue = _first(US_AGENCY, sents), _first(CN_AGENCY, sents)
        found = [(pos, code, s) for (pos, s), code in zip(cue, ("USA", "CHN"), strict=True) if s]
        if found:
            _pos, code, s = min(found)
            d.set("actor", code, s)
    actor = d.get("actor")
    pair = {"USA": "CHN", "CHN": "USA"}
    if d.get("targets") is None and actor in pair:
        other = pair[str(actor)]
        hit = next((s for s in sents if other in {m.code for m in economies(s)}), None)
        if hit:
            d.set("targets", {"economies": [other]}, hit)
    if d.get("authority") is None and actor is not None:
        named = {(authority(s), s) for s in sents if authority(s)}
        mine = {(a, s) for a, s in named if (a == "tariff_commission") == (actor == "CHN")}
        if len({a for a, _s in mine}) == 1:
            a, s = sorted(mine, key=lambda x: sents.index(x[1]))[0]
            d.set("authority", a, s)
    if d.get("announced") is None and doc.kind == "federal_register" and base is not None:
        d.set("announced", base, doc.title or sents[0])
    if doc.citation and d.get("legal_basis") is None:
        d.set("legal_basis", doc.citation, doc.title or sents[0])
    notes = []
    announced, effective = d.get("announced"), d.get("effective")
    if isinstance(announced, dt.date) and isinstance(effective, dt.date) and announced > effective:
        del d.fields["announced"]  # a publication date after entry into force
        notes.append(f"Published {announced}, after the date in force: 'announced' left empty.")
    evidence_sentence = next(iter(d.fields.values()))[1]
    if d.proposal:
        status = "proposed"
    elif d.get("effective") is not None or d.in_force_past:
        status = "in_force"
    else:
        status = "proposed"
    d.set("status", status, evidence_sentence)
    d.set("kind", "additional_tariff", evidence_sentence)  # a rate was read: a tariff
    if d.products:
        notes.append(f"Goods named: {', '.join(d.products)} (HS codes are the nearest headings).")
    if d.other_dates:
        notes.append(f"Other dates in the text: {', '.join(d.other_dates)}.")
    if status == "proposed" and not d.proposal:
        notes.append("No date in force found: status set to 'proposed'.")
    fields = {k: Evidence(v, s) for k, (v, s) in d.fields.items()}
    return Candidate("measure", fields, _sources(doc), tuple(notes))


def _first(pattern: re.Pattern[str], sents: list[str]) -> tuple[int, str | None]:
    for k, s in enumerate(sents):
        if pattern.search(s):
            return k, s
    return len(sents), None


def _merge(items: list[dict[str, tuple[object, str]]], key: tuple[str, ...]) -> list[dict]:
    out: list[dict[str, tuple[object, str]]] = []
    for item in items:
        ident = tuple(item.get(k, (None, ""))[0] for k in key)
        twin = next(
            (
                o
                for o in out
                if tuple(o.get(k, (None, ""))[0] for k in key) == ident
                and all(o[f][0] == item[f][0] for f in ("start", "end") if f in o and f in item)
            ),
            None,
        )
        if twin is None:
            out.append(dict(item))
        else:
            for name, value in item.items():
                twin.setdefault(name, value)
    return out


def _evidence(fields: dict[str, tuple[object, str]]) -> dict[str, Evidence]:
    return {k: Evidence(v, s) for k, (v, s) in fields.items()}


def _sources(doc: Document) -> tuple[str, ...]:
    return (doc.source_url,) if doc.source_url else ()
