"""The default sector classification shared by the embedded world and the policy timeline.

Twenty-four goods sectors resolve the goods of the US-China story (soybeans, crude oil against
refined petroleum, steel, aluminium, semiconductors, computers and phones, autos, aircraft,
pharmaceuticals ...); three service sectors close the economy. The classification and its links
to the source tables (WIOD, ICIO, ISIC Rev.4, Caliendo-Parro) live in
``tradewar/worlds/data/concordance/sectors.csv``; HS chapters and headings map onto the goods
sectors through ``hs_sector.csv`` next to it (:func:`sector_of_hs`). The embedded default world
uses these codes, in this order.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from tradewar.errors import DataError


class Sector(NamedTuple):
    code: str
    name: str
    goods: bool


def concordance_dir() -> Path:
    """The folder holding ``sectors.csv`` and ``hs_sector.csv``."""
    return Path(__file__).resolve().parent / "worlds" / "data" / "concordance"


def _rows(name: str) -> list[dict[str, str]]:
    path = concordance_dir() / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def sector_table() -> list[dict[str, str]]:
    """The rows of ``sectors.csv``: code, name, goods and the source-table links."""
    return _rows("sectors.csv")


DEFAULT_SECTORS: tuple[Sector, ...] = tuple(
    Sector(r["code"], r["name"], r["goods"] == "true") for r in sector_table()
)
SECTOR_CODES: tuple[str, ...] = tuple(s.code for s in DEFAULT_SECTORS)
GOODS_CODES: tuple[str, ...] = tuple(s.code for s in DEFAULT_SECTORS if s.goods)


@cache
def hs_rules() -> dict[str, str]:
    """HS chapter (``'27'``) or heading (``'2709'``) to goods sector, as listed in the file."""
    out: dict[str, str] = {}
    for k, row in enumerate(_rows("hs_sector.csv"), start=2):
        code, sector = row["hs"].strip(), row["sector"].strip()
        if sector not in GOODS_CODES:
            raise DataError(f"hs_sector.csv row {k}: {sector!r} is not a goods sector.")
        if code in out:
            raise DataError(f"hs_sector.csv row {k}: HS {code!r} is listed twice.")
        out[code] = sector
    return out


def sector_of_hs(code: str) -> str:
    """The goods sector of an HS code of 2, 4, 6, 8 or 10 digits (the longest listed prefix).

    Raises :class:`~tradewar.errors.DataError` for a code that is not digits of an even length
    from 2 to 10, or whose chapter is not classified (chapters 98-99 are special provisions).
    """
    text = code.strip().replace(".", "")
    if not text.isdigit() or len(text) not in (2, 4, 6, 8, 10):
        raise DataError(
            f"HS code {code!r}: give 2, 4, 6, 8 or 10 digits (e.g. '8542' or '120190')."
        )
    rules = hs_rules()
    for width in (4, 2):
        sector = rules.get(text[:width])
        if sector is not None:
            return sector
    raise DataError(
        f"HS code {code!r}: chapter {text[:2]} has no sector (chapters 98-99 are special "
        "classification provisions, not goods of a sector)."
    )


def goods_indices(sectors: Sequence[str]) -> list[int]:
    """Positions of the goods sectors in ``sectors``: default codes marked goods, and any other
    code not named as a service (``svc...``/``service...``)."""
    return [
        j
        for j, code in enumerate(sectors)
        if code in GOODS_CODES
        or (code not in SECTOR_CODES and not code.lower().startswith(("svc", "service")))
    ]
