"""Controlled vocabularies of the policy timeline: economies, authorities, kinds, statuses.

Economy codes are the ISO3-like codes used everywhere in tradewar. ``ROW`` is the rest of the world
relative to :data:`DEFAULT_ECONOMIES`; a measure may name a country inside ``ROW`` (for example
``THA``), which the compiler resolves to partial coverage of ``ROW`` with sourced import weights
(``data/aggregate_members.csv``).
"""

from __future__ import annotations

from typing import Literal

#: The default economies of tradewar, in the order of the embedded default world.
DEFAULT_ECONOMIES: tuple[str, ...] = (
    "USA",
    "CHN",
    "MEX",
    "CAN",
    "EU27",
    "GBR",
    "JPN",
    "KOR",
    "TWN",
    "VNM",
    "IND",
    "BRA",
    "THA",
    "MYS",
    "IDN",
    "SGP",
    "CHE",
    "AUS",
    "RUS",
    "TUR",
    "SAU",
    "ROW",
)

#: Pseudo-target meaning every partner of the actor (resolved against the caller's economies).
ALL = "ALL"

#: Legal authority under which a measure is taken. The US ones follow the statute or order; the
#: Chinese ones the body that decides them. ``mfn`` marks changes of the base (MFN) schedule.
Authority = Literal[
    "mfn",
    "fta",
    "s301",
    "s232",
    "s201",
    "ieepa_fentanyl",
    "ieepa_reciprocal",
    "ieepa_other",
    "s122",
    "tariff_commission",
    "export_control",
    "entity_list",
    "port_fee",
    "informal",
]

AUTHORITIES: tuple[str, ...] = Authority.__args__  # type: ignore[attr-defined]

#: Authorities whose measures are ad-valorem tariffs and enter the tariff arrays (all but
#: export controls, entity listings, port fees and informal measures).
TARIFF_AUTHORITIES: frozenset[str] = frozenset(AUTHORITIES) - {
    "export_control",
    "entity_list",
    "port_fee",
    "informal",
}

MeasureKind = Literal[
    "additional_tariff",
    "base_rate_change",
    "suspension",
    "exclusion",
    "export_control",
    "port_fee",
    "entity_listing",
    "purchase_halt",
    "de_minimis",
]

#: Kinds that change tariff arrays; the others are listed by date only.
TARIFF_KINDS: frozenset[str] = frozenset(
    {"additional_tariff", "base_rate_change", "suspension", "exclusion"}
)

Status = Literal[
    "in_force",
    "ended",
    "superseded",
    "suspended",
    "voided",
    "never_in_force",
    "proposed",
    "investigation",
    "unknown",
]

#: Statuses of measures that never entered into force: the compiler ignores them.
NOT_IN_FORCE: frozenset[str] = frozenset({"never_in_force", "proposed", "investigation"})

EventKind = Literal["negotiation", "leader_call", "leader_meeting", "ruling", "announcement"]

CommitmentStatus = Literal["announced", "in_progress", "met", "fell_short", "expired", "unknown"]
