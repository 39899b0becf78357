"""The US goods balance with China by year (``data/us_china_goods_balance.csv``), as sourced."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tradewar.errors import TimelineError
from tradewar.timeline._timeline import data_path
from tradewar.timeline._weights import _number, _rows


@dataclass(frozen=True)
class BalancePoint:
    """One year of the US goods balance with China (USD bn; negative is a US deficit)."""

    year: int
    balance_usd_bn: float
    confirmed: bool
    source: str
    note: str


@cache
def us_china_goods_balance() -> tuple[BalancePoint, ...]:
    """The sourced years of the US goods balance with China, oldest first (gaps are not filled)."""
    path = data_path("us_china_goods_balance.csv")
    out = []
    for k, row in enumerate(_rows(path, ("year", "balance_usd_bn", "confirmed", "source")), 2):
        where = f"{path.name} row {k}"
        if not row["source"].startswith("http"):
            raise TimelineError(f"{where}: column 'source' must be a URL")
        out.append(
            BalancePoint(
                int(row["year"]),
                _number(row["balance_usd_bn"], where),
                row["confirmed"].strip().lower() == "true",
                row["source"],
                row.get("note", "") or "",
            )
        )
    years = [p.year for p in out]
    if years != sorted(set(years)):
        raise TimelineError(f"{path.name}: years must be unique and ascending, got {years}")
    return tuple(out)
