"""Rules that read events (talks, leader meetings and calls, rulings) and purchase commitments.

An event needs a kind word ("talks", "consultations", "summit", "phone call", "ruled") and
something that pins it down: a place, a numbered round, a dated day, or "underway". Its day is
the one in the clause, else the latest day in the two sentences before ("... said Sunday. ... after
two days of talks"), and "two days of talks" starts the day before it ends. A commitment is a
purchase verb with goods ("purchases of US soybeans"); the buyer is the economy just before it.
"""

from __future__ import annotations

import datetime as dt
import re

from tradewar.ingest._text import DateMention, dates, economies, people, place

_CLAUSE = re.compile(r",?\s+(?:just before|ahead of|since|before|while)\s+|;\s+")
_KINDS = (
    ("ruling", re.compile(r"\b(court|tribunal|WTO panel|ruled|ruling|judges?)\b", re.I)),
    ("leader_call", re.compile(r"\b(phone call|video call|spoke by phone|call with)\b", re.I)),
    ("leader_meeting", re.compile(r"\b(summit|meets|met|meeting)\b", re.I)),
    (
        "negotiation",
        re.compile(r"\b(talks|consultations|negotiations|round of|meetings? with)\b", re.I),
    ),
)
_LEADERS = {"Donald Trump", "Xi Jinping", "Joe Biden"}
_ROUND = re.compile(r"\b(\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth)\s+round\b", re.I)
_NOW = re.compile(r"\b(underway|under way|this week|today)\b", re.I)
_DAYS = re.compile(r"\b(two|three|four|2|3|4)[- ]days?\b", re.I)
_NUM = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}

_PURCHASE = re.compile(
    r"\b(buy|buys|bought|buying|purchases?|purchased|purchasing|import more)\b", re.I
)
_PLEDGE = re.compile(
    r"\b(will|would|agreed|agrees|commit\w*|pledge\w*|promis\w*|expects?|plans?|intends?|"
    r"going to|resume|revive|to (?:buy|purchase|make))\b",
    re.I,
)
GOODS = (
    (re.compile(r"soy ?beans?|soybean", re.I), "soybeans"),
    (re.compile(r"farm goods|farm products|agricultur\w*", re.I), "agriculture"),
    (re.compile(r"\bLNG\b|liquefied natural gas|crude oil|\benergy\b", re.I), "energy"),
    (re.compile(r"Boeing|aircraft|planes", re.I), "aircraft (Boeing)"),
    (re.compile(r"sorghum", re.I), "sorghum"),
    (re.compile(r"manufactured goods", re.I), "manufactured goods"),
)
_TONS = re.compile(r"(\d+(?:\.\d+)?)\s*(million|mn)?\s*(metric )?(tons|tonnes)\b", re.I)
_USD = re.compile(r"(?:US)?\$\s?(\d+(?:\.\d+)?)\s*(billion|bn)\b", re.I)
_YEARS = re.compile(r"\bin ((?:20\d\d, )*20\d\d)(?:,? and (20\d\d))?\b")

Fields = dict[str, tuple[object, str]]


def events_in(sentence: str, earlier: list[str], base: dt.date | None) -> list[Fields]:
    """Events stated in ``sentence`` (one per clause); ``earlier`` are the sentences before it."""
    out = []
    for clause in _CLAUSE.split(sentence):
        kind = _kind(clause)
        if kind is None:
            continue
        where = place(clause)
        day_mentions = dates(clause, base)
        dated = [d for d in day_mentions if d.has_year or re.search(r"\d", d.text)]
        weekday = [d for d in day_mentions if d not in dated]
        round_ = _ROUND.search(clause)
        now = _NOW.search(clause)
        if not (where or round_ or dated or now or (weekday and kind != "negotiation")):
            continue
        fields: Fields = {"kind": (kind, clause)}
        end: dt.date | None = None
        start: dt.date | None = None
        if dated or weekday:
            start = (dated or weekday)[0].day
        elif now and base is not None:
            start = base
        elif re.search(r"\b(after|follow\w*)\b", clause):
            start = _latest_day(earlier, base)
        span = _DAYS.search(clause)
        if start is not None and span and re.search(r"\b(after|follow\w*)\b", clause):
            end, start = start, start - dt.timedelta(days=_NUM[span.group(1).lower()] - 1)
        if start is not None:
            fields["start"] = (start, clause)
        if end is not None:
            fields["end"] = (end, clause)
        if where:
            fields["place"] = (where, clause)
        who = people(clause)
        if who:
            fields["participants"] = (who, clause)
        out.append(fields)
    return out


def _kind(clause: str) -> str | None:
    for kind, pattern in _KINDS:
        if not pattern.search(clause):
            continue
        leaders = _LEADERS & set(people(clause))
        if kind == "negotiation" and len(leaders) >= 2:
            return "leader_meeting"  # talks between the two leaders
        if kind in ("leader_call", "leader_meeting") and not leaders:
            continue
        if (
            kind == "leader_meeting"
            and not re.search(r"\b(summit|meets|met)\b", clause)
            and len(leaders) < 2
        ):
            continue
        return kind
    return None


def _latest_day(earlier: list[str], base: dt.date | None) -> dt.date | None:
    found: list[DateMention] = []
    for s in earlier[-2:]:
        found.extend(dates(s, base))
    return found[-1].day if found else None


def commitment_in(sentence: str, base: dt.date | None) -> Fields | None:
    """A purchase commitment stated in ``sentence``, or None (purchases made are not pledges)."""
    verb = _PURCHASE.search(sentence)
    if not verb or not _PLEDGE.search(sentence):
        return None
    goods = [
        (m.start(), label) for pattern, label in GOODS for m in [pattern.search(sentence)] if m
    ]
    if not goods:
        return None
    after = [g for g in goods if g[0] > verb.start()]
    at, label = min(after or goods)
    ments = economies(sentence)
    before = [m for m in ments if m.end <= verb.start()]
    buyer = before[-1].code if before else None
    # The seller is named between the verb and the goods ("purchases of US soybeans").
    rest = [m.code for m in ments if verb.end() <= m.start <= at and m.code != buyer]
    seller = rest[0] if rest else None
    pair = {"USA": "CHN", "CHN": "USA"}
    if buyer is None and seller in pair:
        buyer = pair[seller]
    if seller is None and buyer in pair and pair[buyer] in {m.code for m in ments}:
        seller = pair[buyer]
    if buyer is None and seller is None:
        return None
    fields: Fields = {"product_group": (label, sentence), "status": ("announced", sentence)}
    if buyer:
        fields["buyer"] = (buyer, sentence)
    if seller:
        fields["seller"] = (seller, sentence)
    tons = _TONS.search(sentence)
    if tons:
        scale = "million " if tons.group(2) else ""
        fields["amount_physical"] = (float(tons.group(1)), sentence)
        fields["unit"] = (f"{scale}metric tons", sentence)
    usd = _USD.search(sentence)
    if usd:
        fields["amount_usd_bn"] = (float(usd.group(1)), sentence)
    years = _YEARS.search(sentence)
    if years:
        listed = [int(y) for y in re.findall(r"20\d\d", years.group(0))]
        fields["period_start"] = (dt.date(min(listed), 1, 1), sentence)
        fields["period_end"] = (dt.date(max(listed), 12, 31), sentence)
    if base is not None:
        fields["announced"] = (base, sentence)
    return fields
