"""Rules that read tariff measures from one sentence: rate, actor, targets, authority, goods, dates.

A sentence yields a measure for each ad-valorem rate that stands near a tariff word ("25 percent
additional duty", "tariffs of 25% and 10%"); "from 10% to 25%" is one measure at 25% replacing 10%.
The actor and targets come from patterns such as "products from China", "US exports to China",
"the US has raised", "the Customs Tariff Commission decided"; what one sentence leaves open is
filled from the document (:mod:`tradewar.ingest._propose`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tradewar.ingest._text import PLACE_ONLY, DateMention, Mention, dates, economies

RATE = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d+)?)\s*(?:%|-?\s?percent\b|-?\s?per cent\b)")
_TARIFF = re.compile(
    r"\b(tariffs?|dut(?:y|ies)|levy|levies|surcharges?|tax rate|ad valorem|Tariff)\b", re.I
)
_FROM_TO = re.compile(rf"from\s+{RATE.pattern}\s+to\s+{RATE.pattern}")

US_AGENCY = re.compile(
    r"\b(USTR|Trade Representative|White House|Commerce Department|Department of Commerce|"
    r"Section\s+(?:301|232|122|201)|IEEPA|CBP|President Trump)\b"
)
CN_AGENCY = re.compile(
    r"\b(Customs Tariff Commission|Tariff Commission|Ministry of Commerce|MOFCOM|State Council|"
    r"Chinese side)\b"
)
_AUTHORITY = (
    (re.compile(r"Section\s+301|§\s?301|\b301 (?:tariffs?|action|investigation)"), "s301"),
    (re.compile(r"Section\s+232|§\s?232|\b232 (?:tariffs?|measures?|action)"), "s232"),
    (re.compile(r"Section\s+122|§\s?122"), "s122"),
    (re.compile(r"Section\s+201|§\s?201|safeguard tariff"), "s201"),
    (re.compile(r"\bfentanyl\b", re.I), "ieepa_fentanyl"),
    (re.compile(r"\breciprocal tariff", re.I), "ieepa_reciprocal"),
    (re.compile(r"\bIEEPA\b"), "ieepa_other"),
    (re.compile(r"Tariff Commission"), "tariff_commission"),
)
_PROPOSAL = re.compile(
    r"\b(propos\w*|plans? to|would|threat\w*|could|consider\w*|expected to|tentative\w*|may "
    r"impose|if\b)",
    re.I,
)
_IN_FORCE_PAST = re.compile(
    r"\b(?:has|have|had)\s+(?:raised|imposed|increased|levied|hiked)\b|\b(?:went|came) into "
    r"effect\b|\btook effect\b|\bofficially imposed\b|(?<!to )\bimposed\b"
)
_ANNOUNCE_NOW = re.compile(
    r"\b(is proposed|proposes|expected to impose|decides to|announces|hereby)\b"
)
_EFFECTIVE_CUE = re.compile(
    r"\b(effective|from|on or after|beginning|starting|since|as of|takes? effect|into effect|"
    r"increase[sd]?|rais(?:e|ed|es)|rise|appl(?:y|ies)|implement\w*)\b[^.;]{0,45}$",
    re.I,
)
_END_CUE = re.compile(r"\b(until|through|expire[sd]?|ending|lapse[sd]?|end of)\b[^.;]{0,25}$", re.I)
_ANNOUNCE_CUE = re.compile(
    r"\b(announced|published|issued|released|stated|signed|unveiled|determined)\b", re.I
)
_IGNORE_CUE = re.compile(r"\b(comments?|hearings?|submit\w*|said|by|deadline)\b[^.;]{0,20}$", re.I)

#: Goods named in trade texts: pattern -> (label, HS chapters/headings of the timeline's Scope).
PRODUCTS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(p, re.I), label, hs)
    for p, label, hs in (
        (r"semiconductors?|\bchips\b|integrated circuits", "semiconductors", ("8541", "8542")),
        (r"steel pipes?", "steel pipes", ("7304",)),
        (r"(?<!stainless )\bsteel\b", "steel", ("72", "73")),
        (r"alumin(?:i)?um", "aluminium", ("76",)),
        (r"soy ?beans?", "soybeans", ("1201",)),
        (r"electric vehicles|\bEVs?\b", "electric vehicles", ("8703",)),
        (r"solar cells?", "solar cells", ("8541",)),
        (r"auto parts", "auto parts", ("8708",)),
        (r"\b(?:autos|automobiles|passenger cars)\b", "cars", ("8703",)),
        (r"\btrucks\b", "trucks", ("8704",)),
        (r"\bcopper\b", "copper", ("74",)),
        (r"\blumber\b|\btimber\b", "lumber", ("44",)),
        (r"\bpork\b", "pork", ("0203",)),
        (r"\bfruit\b", "fruit", ("08",)),
        (r"\bnuts?\b", "nuts", ("08",)),
        (r"\bwine\b", "wine", ("2204",)),
        (r"ethanol", "ethanol", ("2207",)),
        (r"ginseng", "ginseng", ("1211",)),
        (r"pharmaceutical", "pharmaceuticals", ("30",)),
        (r"rare earths?", "rare earths", ("2805", "2846")),
        (r"\bcranes\b", "cranes", ("8426",)),
        (r"batter(?:y|ies)", "batteries", ("8507",)),
        (r"\bmagnets\b", "magnets", ("8505",)),
        (r"syringes|needles", "syringes and needles", ("9018",)),
        (r"\bface masks\b", "face masks", ("6307",)),
        (r"\bgloves\b", "gloves", ("4015",)),
        (r"graphite", "graphite", ("2504",)),
        (r"tungsten", "tungsten", ("8101",)),
        (r"furniture|cabinets", "furniture", ("9403",)),
        (r"\baircraft\b", "aircraft", ("8802",)),
        (r"\bLNG\b|liquefied natural gas", "LNG", ("2711",)),
        (r"crude oil", "crude oil", ("2709",)),
        (r"\bcoal\b", "coal", ("2701",)),
    )
)
_ALL_GOODS = re.compile(
    r"\b(?:Chinese|American|U\.S\.|US|China's|all)\s+(?:goods|imports|products)\b|"
    r"\bChapters?\s+1\s*[-–]\s*97\b|\ball (?:imported )?(?:goods|products|imports)\b"
)
_LISTED_VALUE = re.compile(r"(?:US)?\$\s?\d[\d.,]*\s*(?:billion|million|bn)|\bbillion\b")
_EXPORT_CONTROL = re.compile(
    r"(export controls?|export curbs|controls? on exports)(?: of| on)?[^.;]{0,60}", re.I
)
_CLAUSE_END = re.compile(r"\s(?:if|unless|while)\s|;")


@dataclass
class Draft:
    """A measure being read: field -> (value, sentence), and the cues seen for its status."""

    fields: dict[str, tuple[object, str]] = field(default_factory=dict)
    proposal: bool = False
    in_force_past: bool = False
    other_dates: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)

    def set(self, name: str, value: object, sentence: str) -> None:
        if value is not None and name not in self.fields:
            self.fields[name] = (value, sentence)

    def get(self, name: str) -> object:
        item = self.fields.get(name)
        return None if item is None else item[0]


def _near_tariff(sentence: str, start: int, end: int) -> bool:
    window = sentence[max(0, start - 80) : end + 80]
    return bool(_TARIFF.search(window))


def rates(sentence: str) -> list[tuple[float, float | None, int]]:
    """(rate, replaced rate or None, position) of each tariff rate in ``sentence``."""
    out: list[tuple[float, float | None, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _FROM_TO.finditer(sentence):
        if _near_tariff(sentence, m.start(), m.end()):
            out.append((float(m.group(2)) / 100, float(m.group(1)) / 100, m.start(2)))
            taken.append((m.start(), m.end()))
    for m in RATE.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if _near_tariff(sentence, m.start(), m.end()):
            out.append((float(m.group(1)) / 100, None, m.start()))
    return sorted(out, key=lambda r: r[2])


def authority(text: str) -> str | None:
    for pattern, name in _AUTHORITY:
        if pattern.search(text):
            return name
    return None


def actor_and_targets(sentence: str) -> tuple[str | None, str | None]:
    """The economy imposing the measure and the one whose goods it hits, where the sentence says."""
    ments = [m for m in economies(sentence) if m.name not in PLACE_ONLY or m.name == "Beijing"]
    econ = _alternation(ments)
    target = actor = None
    if econ:
        m = re.search(rf"({econ})(?:'s|’s)?\s+exports\s+to\s+(?:the\s+)?({econ})", sentence)
        if m:
            target, actor = _code(ments, m.start(1)), _code(ments, m.start(2))
        pats = (
            rf"(?:from|originating in|originating from|imported from|imports from|(?:products|"
            rf"goods|imports|exports) of)\s+(?:the\s+)?({econ})",
            rf"({econ})(?:'s|’s)?\s+(?:goods|imports|products|exports|steel|aluminum)",
            rf"^\s*({econ}):",
            rf"\bon\s+(?:the\s+)?({econ})\b",
        )
        for pat in pats:
            if target:
                break
            m = re.search(pat, sentence)
            if m:
                target = _code(ments, m.start(1))
        if actor is None:
            by = re.search(rf"\bby\s+(?:the\s+)?({econ})\b", sentence)
            if by and _code(ments, by.start(1)) != target:
                actor = _code(ments, by.start(1))
        if actor is None:
            subj = (
                rf"({econ})(?:'s|’s)?\s+(?:tariffs?|duties|government|president|side|decision|"
                rf"move)\b",
                rf"({econ})\s+(?:\w+\s+)?(?:has|had|will|would|to|also|then|immediately)?\s*"
                rf"(?:impose[sd]?|rais(?:e|es|ed)|increase[sd]?|levy|levied|implement\w*|"
                rf"announce[sd]?|decided|threatened|hike[sd]?)\b",
            )
            for pat in subj:
                for m in re.finditer(pat, sentence):
                    code = _code(ments, m.start(1))
                    if code != target:
                        actor = code
                        break
                if actor:
                    break
    pair = {"USA": "CHN", "CHN": "USA"}
    if actor is None:
        speaker = (
            "CHN" if CN_AGENCY.search(sentence) else "USA" if US_AGENCY.search(sentence) else None
        )
        # An agency names the actor unless the sentence's goods are its own economy's: then it
        # is speaking of the other side's measure.
        actor = pair.get(speaker or "") if speaker and speaker == target else speaker
    if actor == target:
        target = None
    codes = {m.code for m in ments}
    if actor and not target and pair.get(actor) in codes:
        target = pair[actor]
    if target and not actor and target in pair:
        actor = pair[target]
    return actor, target


def _alternation(ments: list[Mention]) -> str:
    names = sorted({m.name for m in ments}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def _code(ments: list[Mention], start: int) -> str | None:
    for m in ments:
        if m.start == start:
            return m.code
    return None


def products(clause: str) -> list[tuple[str, tuple[str, ...], int]]:
    """Goods named in ``clause`` (label, HS codes, position), leaving out export-control goods."""
    blocked = [(m.start(), m.end()) for m in _EXPORT_CONTROL.finditer(clause)]
    out = []
    seen: set[str] = set()
    for pattern, label, hs in PRODUCTS:
        for m in pattern.finditer(clause):
            if any(a <= m.start() < b for a, b in blocked) or label in seen:
                continue
            if label == "steel" and "steel pipes" in seen:
                continue
            seen.add(label)
            out.append((label, hs, m.start()))
            break
    return sorted(out, key=lambda p: p[2])


def measure_dates(
    sentence: str, base: dt.date | None
) -> tuple[list[DateMention], list[DateMention], list[DateMention]]:
    """Dates in ``sentence`` by role: (effective, planned end, announced)."""
    effective, end, announced = [], [], []
    for d in dates(sentence, base):
        before = sentence[max(0, d.start - 60) : d.start]
        after = sentence[d.end : d.end + 60]
        if _IGNORE_CUE.search(before[-25:]):
            continue
        if _END_CUE.search(before):
            end.append(d)
        elif _EFFECTIVE_CUE.search(before) or re.match(r"\s*Effective", sentence[: d.start]):
            effective.append(d)
        elif (
            _ANNOUNCE_CUE.search(before[-30:])
            or (re.match(r"^\s*On\s*$", sentence[: d.start]) and _ANNOUNCE_CUE.search(sentence))
            or (_ANNOUNCE_CUE.search(after[:40]) and not effective)
        ):
            announced.append(d)
    return effective, end, announced


def measures_in(sentence: str, context: str, base: dt.date | None) -> list[Draft]:
    """The measures one sentence states; ``context`` (the sentence before) may name the goods."""
    found = rates(sentence)
    if not found:
        return []
    actor, target = actor_and_targets(sentence)
    auth = authority(sentence)
    if actor is not None and (auth == "tariff_commission") != (actor == "CHN"):
        auth = None  # an authority of the other side, named in passing
    effective, end, announced = measure_dates(sentence, base)
    clause_end = _CLAUSE_END.search(sentence, found[0][2])
    clause = sentence[: clause_end.start()] if clause_end else sentence
    goods = products(clause)
    if not goods and not _ALL_GOODS.search(clause):
        goods = products(context)
    all_goods = not goods and bool(_ALL_GOODS.search(clause)) and not _LISTED_VALUE.search(clause)
    drafts = []
    for k, (rate, replaced, _pos) in enumerate(found):
        d = Draft()
        d.set("actor", actor, sentence)
        if target:
            d.set("targets", {"economies": [target]}, sentence)
        d.set("authority", auth, sentence)
        d.set("rate", rate, sentence)
        d.set("replaces_rate", replaced, sentence)
        if effective:
            d.set("effective", effective[0].day, sentence)
            d.other_dates += [x.text for x in effective[1:]]
        if end:
            d.set("planned_end", end[0].day, sentence)
        if announced:
            d.set("announced", announced[0].day, sentence)
        elif base is not None and _ANNOUNCE_NOW.search(sentence):
            d.set("announced", base, sentence)
        mine = [goods[k]] if len(goods) == len(found) > 1 else goods
        if mine:
            hs = sorted({h for _label, codes, _p in mine for h in codes})
            d.set("scope", {"hs": hs}, sentence if products(clause) else context)
            d.products = [label for label, _codes, _p in mine]
        elif all_goods:
            d.set("scope", {"all_goods": True}, sentence)
        d.proposal = bool(_PROPOSAL.search(sentence))
        d.in_force_past = bool(_IN_FORCE_PAST.search(sentence))
        drafts.append(d)
    return drafts


def dangling(sentence: str, base: dt.date | None) -> dict[str, object]:
    """Fields a sentence without a rate adds to the measure before it ("Effective July 24, 2026.",
    "Covers Chapters 1-97", "Source: ... (July 28, 2026, 91 FR 47318)")."""
    out: dict[str, object] = {}
    effective, _end, _ann = measure_dates(sentence, base)
    talks_of_it = re.search(
        r"^\s*Effective\b|\b(modification|action|duties|duty|tariffs?|measures?|increase|"
        r"rate)\b",
        sentence,
        re.I,
    )
    if effective and talks_of_it:
        out["effective"] = effective[0].day
    cite = re.search(r"\b(\d{2,3})\s+FR\s+(\d{3,6})\b", sentence)
    if cite:
        out["legal_basis"] = f"{cite.group(1)} FR {cite.group(2)}"
        ds = dates(sentence, base)
        if ds:
            out["announced"] = ds[0].day
    if re.search(r"\b(covers?|applies to|apply to)\b", sentence, re.I) and _ALL_GOODS.search(
        sentence
    ):
        out["scope"] = {"all_goods": True}
    return out
