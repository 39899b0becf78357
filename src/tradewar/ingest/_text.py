"""Sentences, language, economies, dates, places and people in English trade texts (rules only).

Economy names come from ISO 3166 (``pycountry``) plus the usages of trade reporting ("U.S.",
"Beijing", "Chinese", "the EU"); dates are parsed by ``dateparser`` relative to the document's date,
so "August 23" or "Thursday" get the right year and day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

# ---- sentences -------------------------------------------------------------------------------

_ABBREV = (
    "U.S",
    "U.K",
    "U.N",
    "Fed",
    "Reg",
    "No",
    "Nos",
    "Inc",
    "Corp",
    "Co",
    "Ltd",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gov",
    "Sen",
    "Rep",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "St",
    "vs",
    "e.g",
    "i.e",
    "approx",
    "Doc",
)
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[a-z]{2}\.)(?=[A-Z][a-z])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "U.S." and "Fed. Reg."."""
    out: list[str] = []
    start = 0
    for m in _SPLIT.finditer(paragraph):
        before = paragraph[start : m.start()].rstrip('"”’) ')
        word = re.search(r"([A-Za-z.]+)\.$", before)
        if word and (word.group(1) in _ABBREV or len(word.group(1)) == 1):
            continue
        piece = paragraph[start : m.start()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return out


# ---- language ---------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "be",
        "are",
        "was",
        "has",
        "have",
        "will",
        "its",
        "this",
        "an",
        "which",
        "or",
        "were",
        "their",
        "not",
        "but",
        "said",
        "would",
        "been",
        "also",
        "more",
        "than",
        "after",
        "into",
        "over",
    ]
)


_FOREIGN_STOPWORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "et",
        "du",
        "une",
        "est",
        "dans",
        "pour",
        "sur",
        "el",
        "los",
        "las",
        "y",
        "que",
        "en",
        "del",
        "por",
        "con",
        "una",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "mit",
        "den",
        "von",
        "nicht",
        "zu",
        "auf",
        "dem",
        "os",
        "não",
        "uma",
        "com",
        "para",
    ]
)


def language_problem(text: str) -> str | None:
    """Why ``text`` is not English prose (None if it is): the share of CJK, Cyrillic ... letters,
    or more function words of another European language than of English."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "the text has no words"
    scripts = {
        "Chinese/Japanese": sum(1 for c in letters if "\u3040" <= c <= "\u9fff"),
        "Korean": sum(1 for c in letters if "\uac00" <= c <= "\ud7af"),
        "Cyrillic": sum(1 for c in letters if "\u0400" <= c <= "\u04ff"),
        "Arabic": sum(1 for c in letters if "\u0600" <= c <= "\u06ff"),
    }
    for script, count in scripts.items():
        if count > 0.2 * len(letters):
            return f"{round(100 * count / len(letters))}% of its letters are {script}"
    words = re.findall(r"[^\W\d_]+", text.lower())
    english = sum(1 for w in words if w in _STOPWORDS)
    foreign = sum(1 for w in words if w in _FOREIGN_STOPWORDS)
    if len(words) >= 20 and foreign > max(3, english):
        return (
            f"it has more French/Spanish/German/Portuguese function words ({foreign}) than "
            f"English ones ({english})"
        )
    return None


# ---- economies ---------------------------------------------------------------------------------

#: Usage in trade reporting, beyond ISO names: code -> names (case-sensitive, word-bounded).
_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": (
        "United States of America",
        "United States",
        "U.S.",
        "U. S.",
        "US",
        "USA",
        "America",
        "American",
        "Washington",
        "USTR",
    ),
    "CHN": ("People's Republic of China", "China", "Chinese", "Beijing", "PRC", "MOFCOM"),
    "EU27": ("European Union", "EU", "European"),
    "GBR": ("United Kingdom", "UK", "U.K.", "Britain", "British"),
    "KOR": ("South Korea", "Korea", "Korean"),
    "TWN": ("Taiwan", "Taiwanese"),
    "VNM": ("Vietnam", "Viet Nam", "Vietnamese"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "MEX": ("Mexico", "Mexican"),
    "CAN": ("Canada", "Canadian"),
    "IND": ("India", "Indian"),
    "BRA": ("Brazil", "Brazilian"),
    "HKG": ("Hong Kong",),
    "RUS": ("Russia", "Russian"),
}
#: Names that mean a place of talks more often than a party (kept out of party detection).
PLACE_ONLY = frozenset({"Washington", "Beijing", "Tokyo"})


@cache
def _economy_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value] = c.alpha_3
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            names[alias] = code
    return names


@cache
def _economy_regex() -> re.Pattern[str]:
    names = sorted(_economy_names(), key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![A-Za-z])({alts})(?:'s|’s)?(?![A-Za-z])")


@dataclass(frozen=True)
class Mention:
    code: str
    name: str
    start: int
    end: int


def economies(sentence: str) -> list[Mention]:
    """Economies named in ``sentence``, in order (``EU27`` for the EU, ISO3 otherwise)."""
    names = _economy_names()
    out = []
    for m in _economy_regex().finditer(sentence):
        name = m.group(1)
        if name == "US" and sentence[m.start() : m.start() + 3] == "US$":
            continue  # a currency, not a party
        out.append(Mention(names[name], name, m.start(), m.end()))
    return out


# ---- dates --------------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}-\d{{1,2}}-\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_WEEKDAY}|today)\b"
)
_FUTURE = re.compile(r"\b(will|to be held|next|meets|would|plans?|scheduled)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    day: dt.date
    text: str
    start: int
    end: int
    has_year: bool


def dates(sentence: str, base: dt.date | None) -> list[DateMention]:
    """Dates in ``sentence``; year-less dates and weekdays are read relative to ``base``."""
    import dateparser

    out = []
    for m in DATE.finditer(sentence):
        text = m.group(0)
        has_year = bool(re.search(r"\d{4}", text))
        if not has_year and base is None:
            continue
        if text == "today":
            assert base is not None
            out.append(DateMention(base, text, m.start(), m.end(), False))
            continue
        future = bool(_FUTURE.search(sentence[max(0, m.start() - 50) : m.start()]))
        if re.fullmatch(_WEEKDAY, text):
            if base is None:
                continue
            day = _weekday(text, base, future)
        else:
            settings: dict[str, object] = {"DATE_ORDER": "MDY", "REQUIRE_PARTS": ["day", "month"]}
            if base is not None:
                settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
            parsed = dateparser.parse(text, languages=["en"], settings=settings)
            if parsed is None:
                continue
            day = parsed.date()
            if not has_year and base is not None:
                day = _nearest_year(day, base, future)
        out.append(DateMention(day, text, m.start(), m.end(), has_year))
    return out


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(name: str, base: dt.date, future: bool) -> dt.date:
    """The ``name``-day nearest ``base`` on the preferred side (``base`` itself if it is one)."""
    shift = (_WEEKDAYS.index(name) - base.weekday()) % 7
    if future:
        return base + dt.timedelta(days=shift)
    return base - dt.timedelta(days=(7 - shift) % 7)


def _nearest_year(day: dt.date, base: dt.date, future: bool) -> dt.date:
    """A month-day read in the year that puts it nearest ``base`` (ahead of it if ``future``)."""
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    if future:
        ahead = [d for d in options if d >= base]
        if ahead:
            return min(ahead)
    return min(options, key=lambda d: (abs((d - base).days), d > base))


# ---- places and people ---------------------------------------------------------------------------

#: Cities where US–China talks and summits are held, and their countries.
CITY_COUNTRY = {
    "Kuala Lumpur": "Malaysia",
    "Buenos Aires": "Argentina",
    "Mar-a-Lago": "United States",
    "Geneva": "Switzerland",
    "London": "United Kingdom",
    "Stockholm": "Sweden",
    "Madrid": "Spain",
    "Busan": "South Korea",
    "Gyeongju": "South Korea",
    "Seoul": "South Korea",
    "Beijing": "China",
    "Shanghai": "China",
    "Washington": "United States",
    "Osaka": "Japan",
    "Paris": "France",
    "Davos": "Switzerland",
    "Singapore": "Singapore",
    "Tokyo": "Japan",
    "Hong Kong": "Hong Kong",
    "Bali": "Indonesia",
}
CITIES = tuple(CITY_COUNTRY)

#: Officials who recur in US–China talks: surname -> full name.
PEOPLE = {
    "Trump": "Donald Trump",
    "Xi": "Xi Jinping",
    "Biden": "Joe Biden",
    "Bessent": "Scott Bessent",
    "Greer": "Jamieson Greer",
    "Lutnick": "Howard Lutnick",
    "Lighthizer": "Robert Lighthizer",
    "Mnuchin": "Steven Mnuchin",
    "Ross": "Wilbur Ross",
    "Yellen": "Janet Yellen",
    "Raimondo": "Gina Raimondo",
    "Tai": "Katherine Tai",
    "Lifeng": "He Lifeng",
    "Liu He": "Liu He",
    "Chenggang": "Li Chenggang",
    "Wentao": "Wang Wentao",
    "Li Qiang": "Li Qiang",
    "Wang Yi": "Wang Yi",
}
_PEOPLE = re.compile(
    r"\b(Donald Trump|Xi Jinping|Joe Biden|Scott Bessent|Jamieson Greer|Howard Lutnick|"
    r"Robert Lighthizer|Steven Mnuchin|Wilbur Ross|Janet Yellen|Gina Raimondo|Katherine Tai|"
    r"He Lifeng|Liu He|Li Chenggang|Wang Wentao|Li Qiang|Wang Yi|Trump|Xi|Biden|Bessent|Greer|"
    r"Lutnick|Lighthizer|Mnuchin|Yellen|Raimondo)\b"
)


def people(text: str) -> list[str]:
    """Full names of the known officials named in ``text``, in order, without repeats."""
    out: list[str] = []
    for m in _PEOPLE.finditer(text):
        name = m.group(1)
        full = name if " " in name else PEOPLE.get(name, name)
        if full not in out:
            out.append(full)
    return out


def place(text: str) -> str | None:
    """The place of a meeting: a city if one is named after "in"/"at", else a country."""
    for city in CITIES:
        if re.search(rf"\b(in|at|to)\s+(the\s+)?{re.escape(city)}\b", text):
            return city
    for city in CITIES:
        if city not in PLACE_ONLY and re.search(rf"\b{re.escape(city)}\b", text):
            return city
    for m in re.finditer(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)", text):
        candidate = m.group(1)
        names = _economy_names()
        if candidate in names and candidate not in ("American", "Chinese", "European"):
            return candidate
    return None
