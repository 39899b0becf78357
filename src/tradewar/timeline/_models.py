"""The records of the policy timeline: :class:`Measure`, :class:`Event`, :class:`Commitment`.

Every record is an immutable, validated pydantic model with an ``id``, a ``confirmed`` flag and at
least one source URL. Unknown fields are rejected (so a typo cannot silently drop information).
Checks made here concern one record at a time (dates in order, an authority from the controlled
list, HS codes that exist, stacking rules that do not contradict themselves); checks across
records (references between ids, mutual exemptions) are made by :class:`Timeline`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tradewar.sectors import SECTOR_CODES
from tradewar.timeline._codes import (
    ALL,
    NOT_IN_FORCE,
    TARIFF_KINDS,
    Authority,
    CommitmentStatus,
    EventKind,
    MeasureKind,
    Status,
)

_ID = r"^[a-z0-9][a-z0-9._-]*$"
_URL = re.compile(r"^https?://[^\s]+$")
_ECONOMY = re.compile(r"^[A-Z][A-Z0-9]{2,4}$")

RecordId = Annotated[str, Field(pattern=_ID, min_length=2, max_length=80)]


def valid_hs(code: str) -> bool:
    """True for an HS chapter ``01``–``97`` (77 is reserved) or a heading ``0101``–``9799``."""
    if not re.fullmatch(r"\d{2}|\d{4}", code):
        return False
    chapter = int(code[:2])
    return 1 <= chapter <= 97 and chapter != 77 and (len(code) == 2 or int(code[2:]) >= 1)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: RecordId
    title: str = Field(min_length=3)
    confirmed: bool
    sources: tuple[str, ...] = Field(min_length=1)
    notes: str = ""

    @field_validator("sources")
    @classmethod
    def _urls(cls, sources: tuple[str, ...]) -> tuple[str, ...]:
        for url in sources:
            if not _URL.match(url):
                raise ValueError(f"{url!r} is not an http(s) URL; every source must be a link")
        return sources


class Targets(BaseModel):
    """The exporters a measure applies to: listed economies, or ``ALL`` partners with exceptions.

    Codes outside the caller's economy list (``THA``, ``CHE`` ...) are resolved by the compiler to
    partial coverage of the aggregate that contains them (``ROW``), weighted by their sourced
    share of the importer's imports from that aggregate.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    economies: tuple[str, ...] = Field(min_length=1)
    except_: tuple[str, ...] = Field(default=(), alias="except")

    @field_validator("economies", "except_")
    @classmethod
    def _codes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            if code != ALL and not _ECONOMY.match(code):
                raise ValueError(f"{code!r} is not an economy code (ISO3-like, e.g. CHN, EU27)")
        return codes

    @model_validator(mode="after")
    def _shape(self) -> Targets:
        if ALL in self.economies and len(self.economies) > 1:
            raise ValueError("ALL cannot be combined with named economies; use 'except'")
        if self.except_ and ALL not in self.economies:
            raise ValueError("'except' is only meaningful with economies: [ALL]")
        return self


class Scope(BaseModel):
    """The goods a measure covers.

    Exactly one of ``all_goods``, ``sectors``, ``hs`` or ``product_set`` selects the goods;
    ``exclude_hs`` / ``exclude_sectors`` carve out of it. HS codes are chapters (2 digits) or
    headings (4 digits); they map to model sectors through the shipped concordance with base-year
    import-value weights. A ``product_set`` names a sourced list (``data/product_sets.yaml``) whose
    announced trade value fixes its coverage. ``share`` (default 1) scales the coverage where only
    part of the named goods is concerned (e.g. syringes within heading 9018); it is an assumption
    and the record's notes must say where it comes from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    all_goods: bool = False
    sectors: tuple[str, ...] = ()
    hs: tuple[str, ...] = ()
    product_set: str | None = None
    exclude_hs: tuple[str, ...] = ()
    exclude_sectors: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    share: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("hs", "exclude_hs")
    @classmethod
    def _hs(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            if not valid_hs(str(code)):
                raise ValueError(
                    f"unknown HS code {code!r}: use a chapter '01'-'97' (not 77) or a 4-digit "
                    "heading, as a quoted string"
                )
        return tuple(str(c) for c in codes)

    @field_validator("sectors", "exclude_sectors", "services")
    @classmethod
    def _sectors(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            if code not in SECTOR_CODES:
                raise ValueError(f"unknown sector {code!r}; known: {', '.join(SECTOR_CODES)}")
        return codes

    @model_validator(mode="after")
    def _one_selector(self) -> Scope:
        chosen = [
            name
            for name, on in (
                ("all_goods", self.all_goods),
                ("sectors", bool(self.sectors)),
                ("hs", bool(self.hs)),
                ("product_set", self.product_set is not None),
            )
            if on
        ]
        if len(chosen) > 1:
            raise ValueError(f"choose one of all_goods, sectors, hs, product_set (got {chosen})")
        return self

    @property
    def empty(self) -> bool:
        return not (self.all_goods or self.sectors or self.hs or self.product_set or self.services)


class Stacking(BaseModel):
    """How a measure combines with measures under other authorities on the same goods.

    By default an additional tariff stacks on everything in force. ``exempt_if`` lists the
    authorities whose coverage exempts the goods from this measure (e.g. the IEEPA reciprocal
    tariff and the Section 122 surcharge do not apply to goods under Section 232).
    ``stacks_on`` documents authorities it explicitly adds to; an authority may not be in both.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    exempt_if: tuple[Authority, ...] = ()
    stacks_on: tuple[Authority, ...] = ()


class Measure(_Record):
    """A dated policy measure of one economy (tariff, suspension, exclusion, export control ...)."""

    record: Literal["measure"] = "measure"
    actor: str = Field(pattern=_ECONOMY.pattern)
    targets: Targets
    authority: Authority
    legal_basis: str = ""
    kind: MeasureKind
    scope: Scope = Scope()
    rate: float | None = Field(default=None, ge=-1.0, le=10.0)
    replaces_rate: float = Field(default=0.0, ge=0.0, le=10.0)
    rate_mode: Literal["additional", "inclusive"] = "additional"
    announced: dt.date | None = None
    effective: dt.date | None = None
    ended: dt.date | None = None
    planned_end: dt.date | None = None
    date_precision: Literal["day", "month"] = "day"
    stacking: Stacking = Stacking()
    suspends: str | None = None
    excludes: str | None = None
    excludes_authority: Authority | None = None
    status: Status

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if self.announced and self.effective and self.effective < self.announced:
            raise ValueError(
                f"dates out of order: effective {self.effective} is before announced "
                f"{self.announced} (field 'effective')"
            )
        if self.effective and self.ended and self.ended < self.effective:
            raise ValueError(
                f"dates out of order: ended {self.ended} is before effective {self.effective} "
                "(field 'ended')"
            )
        if self.effective and self.planned_end and self.planned_end < self.effective:
            raise ValueError(
                f"dates out of order: planned_end {self.planned_end} is before effective "
                f"{self.effective} (field 'planned_end')"
            )
        if self.status not in NOT_IN_FORCE and self.effective is None:
            raise ValueError(
                f"field 'effective' is required for status {self.status!r}; use status "
                "'proposed', 'investigation' or 'never_in_force' for measures without one"
            )
        if self.kind in TARIFF_KINDS:
            if self.kind != "exclusion" and self.rate is None:
                raise ValueError(f"field 'rate' is required for kind {self.kind!r}")
            if self.kind in ("additional_tariff", "exclusion") and self.scope.empty:
                raise ValueError("field 'scope' is empty: name all_goods, sectors, hs or a set")
        if self.kind == "suspension" and not self.suspends:
            raise ValueError("field 'suspends' (the id of the suspended measure) is required")
        if self.kind == "exclusion" and not (self.excludes or self.excludes_authority):
            raise ValueError("an exclusion needs field 'excludes' (an id) or 'excludes_authority'")
        if self.kind != "suspension" and self.suspends:
            raise ValueError("field 'suspends' is only allowed on kind 'suspension'")
        both = set(self.stacking.exempt_if) & set(self.stacking.stacks_on)
        if both:
            raise ValueError(
                f"stacking rules contradict: {sorted(both)} in both exempt_if and stacks_on "
                "(field 'stacking')"
            )
        if self.authority in self.stacking.exempt_if:
            raise ValueError(
                f"stacking rules contradict: a {self.authority} measure cannot be exempt from "
                "its own authority (field 'stacking.exempt_if')"
            )
        if self.rate_mode == "inclusive" and (self.rate is None or self.rate < 0):
            raise ValueError("rate_mode 'inclusive' needs a non-negative 'rate'")
        return self

    @property
    def is_tariff(self) -> bool:
        return self.kind in TARIFF_KINDS and self.status not in NOT_IN_FORCE

    def active_on(self, day: dt.date) -> bool:
        """In force on ``day`` (both ends inclusive; ``ended`` is the last day in force)."""
        if self.status in NOT_IN_FORCE or self.effective is None:
            return False
        return self.effective <= day and (self.ended is None or day <= self.ended)

    @property
    def first_day(self) -> dt.date | None:
        return None if self.status in NOT_IN_FORCE else self.effective


class Event(_Record):
    """A negotiation round, leader meeting or call, court ruling or announcement."""

    record: Literal["event"] = "event"
    kind: EventKind
    start: dt.date
    end: dt.date | None = None
    date_precision: Literal["day", "month"] = "day"
    place: str = ""
    participants: tuple[str, ...] = ()
    outcome: str = ""
    measures: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Event:
        if self.end and self.end < self.start:
            raise ValueError(f"dates out of order: end {self.end} before start {self.start}")
        return self


class Commitment(_Record):
    """A purchase (or other) commitment: who buys what from whom, how much, over which period."""

    record: Literal["commitment"] = "commitment"
    buyer: str = Field(pattern=_ECONOMY.pattern)
    seller: str = Field(pattern=_ECONOMY.pattern)
    product_group: str
    amount_usd_bn: float | None = Field(default=None, ge=0)
    amount_physical: float | None = Field(default=None, ge=0)
    unit: str | None = None
    announced: dt.date
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    status: CommitmentStatus
    reported_fulfilment: str = ""
    event: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Commitment:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError(
                f"dates out of order: period_end {self.period_end} before period_start "
                f"{self.period_start} (field 'period_end')"
            )
        if self.amount_physical is not None and not self.unit:
            raise ValueError("field 'unit' is required with 'amount_physical'")
        return self


Record = Measure | Event | Commitment
