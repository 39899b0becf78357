"""One product's duties on a date, stacked by authority (:func:`product_duties`).

A product is an HS code of 4 to 10 digits (e.g. ``"8517130000"``, ``"6109.10"``) imported by the
US from one exporter. Each tariff measure in force for the pair applies when its scope covers the
code: ``all_goods``; ``hs`` chapters or headings by prefix (less ``exclude_hs``); a Section 301
``product_set`` through its line list (``data/product_lines.csv``, built from ../shared/data by
``scripts/build_product_lines.py``); ``sectors`` through the HS→sector concordance. The legal
stacking rules are those of the records: a measure whose ``stacking.exempt_if`` names an
authority that covers the product does not apply (the IEEPA reciprocal tariff, the Section 122
surcharge and the forced-labour duties skip Section 232 goods); exclusions remove their authority
or record; suspensions subtract their points. Line lists override the records' chapter
approximations where they exist: Annex II of EO 14257 (and its 2025-11-14 expansion) and the
2025-04-11 electronics list exempt a product from the reciprocal tariff.

``scope.share`` below 1 is a record's assumption about part of a heading; a product in that
heading is reported with the measure's full rate and ``applies=share`` (expected coverage). For
Canadian and Mexican goods the IEEPA fentanyl tariff applies only to goods not claimed under USMCA:
``usmca=True`` (qualifying) removes it, ``usmca=False`` charges it in full, and ``None`` weights it
by the 2024 non-USMCA share of the HTS10 line (``data/usmca_shares_2024.csv``).

The base is the 2017 MFN ad-valorem rate of the HTS8 line (USITC tariff database; specific duties
not included), or the mean over the lines of the shortest known prefix; USMCA-qualifying goods of
Canada and Mexico and Korean goods (KORUS) enter at 0.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from tradewar.errors import TimelineError
from tradewar.timeline._codes import ALL
from tradewar.timeline._compile import parse_date
from tradewar.timeline._models import Measure
from tradewar.timeline._timeline import Timeline, builtin_timeline, data_path
from tradewar.timeline._weights import aggregate_members, sector_of

#: Section 301 product sets with a line list in ``product_lines.csv``.
SET_LISTS: Mapping[str, str] = {
    "us301-list1": "s301-list1",
    "us301-list2": "s301-list2",
    "us301-list3": "s301-list3",
    "us301-list4a": "s301-list4a",
    "us301-list4b": "s301-list4b",
}

#: Line lists that exempt a product from every measure of an authority, from a date on.
AUTHORITY_EXEMPTIONS: tuple[tuple[str, str, dt.date], ...] = (
    ("ieepa_reciprocal", "ieepa-annex2", dt.date(2025, 4, 5)),
    ("ieepa_reciprocal", "ieepa-annex2-nov14", dt.date(2025, 11, 14)),
)

#: Exclusion records whose goods are given by a line list instead of their chapter scope.
EXCLUSION_LISTS: Mapping[str, str] = {
    "us-ieepa-recip-electronics-exemption": "ieepa-electronics",
}

#: Exporters whose goods enter at a 0 base under a trade agreement (USMCA when qualifying; KORUS).
FTA_ZERO: Mapping[str, str] = {"CAN": "USMCA", "MEX": "USMCA", "KOR": "KORUS"}
USMCA = ("CAN", "MEX")


@dataclass(frozen=True)
class ProductDuty:
    """One measure's duty on the product: rate (fraction), expected coverage, record, source."""

    authority: str
    record: str
    rate: float
    applies: float
    confirmed: bool
    source: str
    note: str = ""

    @property
    def expected(self) -> float:
        return self.rate * self.applies


@dataclass(frozen=True)
class ProductSchedule:
    """Duties on one product from one exporter on one date, stacked by authority."""

    date: dt.date
    importer: str
    exporter: str
    hs: str
    base: float
    base_note: str
    duties: tuple[ProductDuty, ...]
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> float:
        """Base plus the expected additional duties (fraction)."""
        return self.base + sum(d.expected for d in self.duties)

    def by_authority(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for d in self.duties:
            out[d.authority] = out.get(d.authority, 0.0) + d.expected
        return out


def normalise_hs(code: str) -> str:
    digits = code.replace(".", "").replace(" ", "")
    if not digits.isdigit() or not 4 <= len(digits) <= 10:
        raise TimelineError(
            f"--hs {code!r}: give an HS code of 4 to 10 digits (dots allowed), e.g. 8517.13"
        )
    return digits


@cache
def product_lines() -> dict[str, frozenset[str]]:
    """Line lists of ``data/product_lines.csv``: list id -> codes (HTS8/HTS10 or prefixes)."""
    out: dict[str, set[str]] = {}
    with data_path("product_lines.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["list"], set()).add(row["code"])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def mfn_rates() -> dict[str, float]:
    with data_path("mfn_2017.csv").open(encoding="utf-8", newline="") as fh:
        return {row["hts8"]: float(row["mfn_ad_val"]) for row in csv.DictReader(fh)}


@cache
def usmca_shares() -> dict[str, tuple[float | None, float | None]]:
    out: dict[str, tuple[float | None, float | None]] = {}
    with data_path("usmca_shares_2024.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            can, mex = (float(row[c]) if row[c] else None for c in ("CAN", "MEX"))
            out[row["hts10"]] = (can, mex)
    return out


def in_list(code: str, name: str) -> bool:
    """``code`` is a listed line, inside one (a longer code), or a prefix of several."""
    lines = product_lines().get(name)
    if lines is None:
        raise TimelineError(f"no product list {name!r} in product_lines.csv")
    return any(code[: len(c)] == c for c in lines if len(c) <= len(code)) or (
        len(code) < 8 and any(c.startswith(code) for c in lines)
    )


def mfn_base(code: str) -> tuple[float, str]:
    rates = mfn_rates()
    if code[:8] in rates:
        return rates[code[:8]], f"MFN 2017, HTS {code[:8]}"
    for n in (6, 4):
        lines = [r for h, r in rates.items() if h.startswith(code[:n])]
        if lines:
            return sum(lines) / len(lines), (
                f"MFN 2017, mean of the {len(lines)} HTS8 lines of {code[:n]} (line {code[:8]} "
                "not in the 2017 nomenclature)"
            )
    raise TimelineError(f"HS {code}: no MFN rate in the 2017 tariff database; check the code")


def _targets(m: Measure, exporter: str) -> bool:
    t = m.targets
    if ALL in t.economies:
        return exporter not in t.except_
    if exporter in t.economies:
        return True
    member = aggregate_members().get((m.actor, exporter))
    return member is not None and member.aggregate in t.economies


def _scope(m: Measure, code: str, notes: set[str]) -> float:
    """Share (0-1) of the product covered by ``m``'s scope."""
    s = m.scope
    if any(code.startswith(x) for x in s.exclude_hs):
        return 0.0
    if s.product_set is not None:
        name = SET_LISTS.get(s.product_set)
        if name is None:
            notes.add(f"{m.id}: product set {s.product_set} has no line list; not applied")
            return 0.0
        hit = in_list(code, name)
    elif s.all_goods:
        hit = True
    elif s.hs:
        hit = any(code.startswith(x) for x in s.hs)
    elif s.sectors:
        hit = sector_of(code[:4]) in s.sectors
    else:
        hit = False
    if hit and s.exclude_sectors and sector_of(code[:4]) in s.exclude_sectors:
        hit = False
    if not hit:
        return 0.0
    if s.share < 1.0 and not (m.authority == "ieepa_fentanyl" and s.all_goods):
        notes.add(f"{m.id}: covers part of its heading (scope.share {s.share}, an assumption)")
    return s.share


def product_duties(
    date: dt.date | str,
    hs: str,
    exporter: str,
    importer: str = "USA",
    *,
    usmca: bool | None = None,
    overlay: object | None = None,
    timeline: Timeline | None = None,
) -> ProductSchedule:
    """Duties on product ``hs`` from ``exporter`` in force on ``date``, by authority."""
    from tradewar.timeline._overlay import resolve_overlay

    if importer != "USA":
        raise TimelineError(
            f"product-level duties are available for US imports only, not importer {importer}"
        )
    day = parse_date(date)
    code = normalise_hs(hs)
    tl = timeline if timeline is not None else builtin_timeline()
    if overlay is not None:
        tl = resolve_overlay(overlay).apply(tl)
    notes: set[str] = set()
    base, base_note = mfn_base(code)
    non_usmca = 1.0
    if exporter in USMCA:
        share = usmca_shares().get(code.ljust(10, "0")[:10], (0.0, 0.0))[USMCA.index(exporter)]
        claimed = (share or 0.0) if usmca is None else float(usmca)
        non_usmca = 1.0 - claimed
        if usmca is None:
            notes.add(
                f"{exporter}: {100 * (1 - non_usmca):.1f}% of 2024 imports of this line were "
                "claimed under USMCA; the fentanyl tariff and the FTA base are weighted by that "
                "share (claims rose after March 2025, so 2024 shares understate them)"
            )
    if exporter in FTA_ZERO:
        fta_share = non_usmca if exporter in USMCA else 0.0
        if fta_share < 1.0:
            base_note += f"; {FTA_ZERO[exporter]} preference on {100 * (1 - fta_share):.0f}%"
        base *= fta_share
    active = [
        m
        for m in tl.measures
        if m.is_tariff and m.active_on(day) and m.actor == importer and _targets(m, exporter)
    ]
    cover = {m.id: _scope(m, code, notes) for m in active if m.kind != "suspension"}
    for m in active:
        if m.kind == "exclusion" and m.id in EXCLUSION_LISTS:
            cover[m.id] = 1.0 if in_list(code, EXCLUSION_LISTS[m.id]) else 0.0
    covered = {
        str(m.authority)
        for m in active
        if m.kind == "additional_tariff" and cover.get(m.id, 0) >= 1.0 and (m.rate or 0) > 0
    }
    excluded = {
        (m.excludes or f"authority:{m.excludes_authority}")
        for m in active
        if m.kind == "exclusion" and cover.get(m.id, 0) > 0
    }
    exempt_lists = {
        a for a, name, start in AUTHORITY_EXEMPTIONS if day >= start and in_list(code, name)
    }
    duties: list[ProductDuty] = []
    by_id = {m.id: m for m in tl.measures}

    def applies(m: Measure) -> float:
        if cover.get(m.id, 0.0) <= 0:
            return 0.0
        if any(a in covered for a in m.stacking.exempt_if):
            return 0.0
        if m.id in excluded or f"authority:{m.authority}" in excluded:
            return 0.0
        if m.authority in exempt_lists:
            return 0.0
        if m.authority == "ieepa_fentanyl" and exporter in USMCA:
            # the line's own USMCA claim replaces the record's all-imports share assumption
            return non_usmca
        return cover[m.id]

    for m in active:
        if m.kind == "additional_tariff":
            if m.rate_mode == "inclusive":
                inc = max((m.rate or 0.0) - base, 0.0) - m.replaces_rate
            else:
                inc = (m.rate or 0.0) - m.replaces_rate
            share = applies(m)
            if share > 0 and inc != 0:
                duties.append(
                    ProductDuty(m.authority, m.id, inc, share, m.confirmed, m.sources[0], m.title)
                )
        elif m.kind == "suspension":
            target = by_id[m.suspends or ""]
            assert isinstance(target, Measure)
            if target.active_on(day) and target in active and applies(target) > 0:
                duties.append(
                    ProductDuty(
                        target.authority,
                        m.id,
                        -(m.rate or 0.0),
                        applies(target),
                        m.confirmed,
                        m.sources[0],
                        m.title,
                    )
                )
    if exempt_lists:
        notes.add(f"exempt from {sorted(exempt_lists)} by a line list (EO 14257 Annex II)")
    for m in active:
        if m.kind == "exclusion" and cover.get(m.id, 0) > 0:
            notes.add(f"{m.id}: {m.title}")
    return ProductSchedule(
        date=day,
        importer=importer,
        exporter=exporter,
        hs=code,
        base=base,
        base_note=base_note,
        duties=tuple(duties),
        notes=tuple(sorted(notes)),
    )
