"""From HS codes to model sectors: the concordance, base-year import weights and product sets.

A scope given as HS chapters/headings covers, in model sector *j*, the share of the base-year
imports of sector *j* that its codes account for (coverage share). The weights are bilateral import
values by HS chapter, with headings listed separately where a chapter splits between sectors or a
measure names a heading. A heading row is part of its chapter row; the chapter's remainder is the
chapter total less its listed headings.

A *product set* is a sourced tariff list (a Section 301 list, a Chinese retaliation list) known by
its announced trade value and the chapters it draws on. Sets in one ``partition`` are disjoint
product lists: in their ``order``, each takes ``value / remaining value of its chapters`` of the
not-yet-covered imports of each of its chapters (capped at all of them). This spreads a list over
its chapters in proportion to base-year imports — the only assumption where line-level data are
not shipped — and guarantees that disjoint lists never cover more than 100% of a chapter.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tradewar.errors import TimelineError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.timeline._models import Scope, valid_hs
from tradewar.timeline._timeline import data_path


def _rows(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    reader = csv.DictReader(lines)
    missing = set(required) - set(reader.fieldnames or ())
    if missing:
        raise TimelineError(f"{path.name}: missing column(s) {sorted(missing)}")
    return list(reader)


def _number(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise TimelineError(f"{where}: {value!r} is not a number") from exc


@cache
def concordance() -> dict[str, str]:
    """HS chapter (``'01'``) or heading (``'8541'``) to sector code; every chapter 01–97."""
    path = data_path("hs_concordance.csv")
    out: dict[str, str] = {}
    for k, row in enumerate(_rows(path, ("hs", "sector")), start=2):
        code, sector = row["hs"].strip(), row["sector"].strip()
        where = f"{path.name} row {k}"
        if code != "77" and not valid_hs(code):
            raise TimelineError(f"{where}: column 'hs': {code!r} is not an HS chapter or heading")
        if sector not in GOODS_CODES:
            raise TimelineError(f"{where}: column 'sector': {sector!r} is not a goods sector")
        if code in out:
            raise TimelineError(f"{where}: column 'hs': {code!r} is listed twice")
        out[code] = sector
    missing = [f"{c:02d}" for c in range(1, 98) if f"{c:02d}" not in out]
    if missing:
        raise TimelineError(f"{path.name}: HS chapters {missing} are not mapped to a sector")
    return out


def sector_of(code: str) -> str:
    conc = concordance()
    return conc.get(code) or conc[code[:2]]


@dataclass(frozen=True)
class Cell:
    code: str
    sector: str
    value: float


#: HS chapters 98-99 (special classification / special import provisions): recorded so a table adds
#: up to the published bilateral total, but not goods of any model sector, so they carry no weight.
SPECIAL_CHAPTERS = ("98", "99")


@dataclass(frozen=True)
class WeightTable:
    """Base-year imports of one importer from one exporter, as cells (chapters, headings).

    ``special`` is the value recorded under HS chapters 98-99 (no sector, no weight);
    ``confirmed`` is true only if every row of the table is confirmed.
    """

    importer: str
    exporter: str
    year: int
    cells: tuple[Cell, ...]
    confirmed: bool
    special: float = 0.0

    def sector_totals(self) -> np.ndarray:
        return self._totals.copy()

    @cached_property
    def _totals(self) -> np.ndarray:
        out = np.zeros(len(SECTOR_CODES))
        for cell in self.cells:
            out[SECTOR_CODES.index(cell.sector)] += cell.value
        out.setflags(write=False)
        return out

    @property
    def total(self) -> float:
        return float(sum(c.value for c in self.cells))


#: Files of bilateral import tables, in priority order: a pair found in an earlier file is not read
#: from a later one (CHN<-USA: PIIE's 2017 HS8 data; USA<-CHN keeps its 2017 Census table, the
#: year PIIE weights with; the other US pairs get their 2024 Census tables).
WEIGHT_FILES = ("cn_imports_2017.csv", "trade_weights.csv", "us_imports_2024.csv")


@cache
def weight_tables() -> dict[tuple[str, str], WeightTable]:
    """The bilateral import tables of :data:`WEIGHT_FILES`, keyed (importer, exporter)."""
    tables: dict[tuple[str, str], WeightTable] = {}
    for name in WEIGHT_FILES:
        for key, table in _read_weight_file(name, "value_usd_m").items():
            tables.setdefault(key, table)
    return tables


@cache
def duty_tables() -> dict[tuple[str, str], WeightTable]:
    """Duties actually paid in 2024 (``us_imports_2024.csv``, column ``duty_usd_m``), as tables."""
    return _read_weight_file("us_imports_2024.csv", "duty_usd_m")


@cache
def imports_2024() -> dict[tuple[str, str], WeightTable]:
    """US 2024 imports by partner (``us_imports_2024.csv``), China included."""
    return _read_weight_file("us_imports_2024.csv", "value_usd_m")


def _read_weight_file(name: str, column: str) -> dict[tuple[str, str], WeightTable]:
    path = data_path(name)
    cols = ("importer", "exporter", "year", "hs", column, "confirmed", "source")
    raw: dict[tuple[str, str], dict[str, float]] = {}
    special: dict[tuple[str, str], dict[str, float]] = {}
    years: dict[tuple[str, str], int] = {}
    confirmed: dict[tuple[str, str], bool] = {}
    for k, row in enumerate(_rows(path, cols), start=2):
        where = f"{path.name} row {k}"
        key = (row["importer"], row["exporter"])
        code = row["hs"].strip()
        if not valid_hs(code) and code not in SPECIAL_CHAPTERS:
            raise TimelineError(f"{where}: column 'hs': {code!r} is not an HS chapter or heading")
        if not row["source"].startswith("http"):
            raise TimelineError(f"{where}: column 'source' must be a URL")
        table = (special if code in SPECIAL_CHAPTERS else raw).setdefault(key, {})
        if code in table:
            raise TimelineError(f"{where}: column 'hs': {code!r} listed twice for {key}")
        table[code] = _number(row[column], where)
        years.setdefault(key, int(row["year"]))
        confirmed[key] = confirmed.get(key, True) and row["confirmed"].strip().lower() == "true"
    tables = {}
    for key, values in raw.items():
        cells = []
        for chapter in sorted(c for c in values if len(c) == 2):
            parts = {h: v for h, v in values.items() if len(h) == 4 and h[:2] == chapter}
            rest = values[chapter] - sum(parts.values())
            if rest < -1e-6:
                raise TimelineError(
                    f"{path.name}: {key}: headings of chapter {chapter} add up to more than the "
                    f"chapter ({sum(parts.values())} > {values[chapter]})"
                )
            cells.append(Cell(chapter, sector_of(chapter), max(rest, 0.0)))
            cells.extend(Cell(h, sector_of(h), v) for h, v in sorted(parts.items()))
        orphans = [h for h in values if len(h) == 4 and h[:2] not in values]
        if orphans:
            raise TimelineError(f"{path.name}: {key}: headings {orphans} have no chapter row")
        extra = float(sum(special.get(key, {}).values()))
        tables[key] = WeightTable(
            key[0], key[1], years[key], tuple(cells), confirmed[key], special=extra
        )
    stray = sorted(set(special) - set(raw))
    if stray:
        raise TimelineError(f"{path.name}: {stray}: chapters 98-99 given without any goods chapter")
    return tables


class ProductSet(BaseModel):
    """A sourced tariff list: the chapters it draws on and its announced annual trade value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    importer: str
    hs: tuple[str, ...] = ()
    exclude_hs: tuple[str, ...] = ()
    all_goods: bool = False
    value_usd_bn: float = Field(gt=0)
    value_year: int
    lines: int | None = None
    partition: str | None = None
    order: int = 0
    confirmed: bool
    sources: tuple[str, ...] = Field(min_length=1)
    notes: str = ""

    @field_validator("hs", "exclude_hs")
    @classmethod
    def _hs(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            if not valid_hs(str(code)):
                raise ValueError(f"unknown HS code {code!r}")
        return tuple(str(c) for c in codes)


@cache
def product_sets() -> dict[str, ProductSet]:
    path = data_path("product_sets.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, ProductSet] = {}
    for item in raw.get("product_sets", []):
        try:
            ps = ProductSet.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise TimelineError(
                f"{path.name}: product set {item.get('id')!r}, field '{loc}': {err['msg']}"
            ) from exc
        out[ps.id] = ps
    return out


@cache
def bilateral_totals() -> dict[tuple[str, str, int], float]:
    """Published annual import totals (USD bn) used to restate list values in base-year terms."""
    path = data_path("bilateral_totals.csv")
    out = {}
    for k, row in enumerate(_rows(path, ("importer", "exporter", "year", "value_usd_bn")), 2):
        out[(row["importer"], row["exporter"], int(row["year"]))] = _number(
            row["value_usd_bn"], f"{path.name} row {k}"
        )
    return out


@dataclass(frozen=True)
class AggregateMember:
    importer: str
    aggregate: str
    member: str
    share: float
    confirmed: bool


@cache
def aggregate_members() -> dict[tuple[str, str], AggregateMember]:
    """Share of imports from an aggregate (ROW) due to a member; key (importer, member).

    ``us_row_members_2024.csv`` (derived from the 2024 Census data, as the ROW of
    ``us_imports_2024.csv``) comes first; ``aggregate_members.csv`` may add hand-written rows.
    """
    out: dict[tuple[str, str], AggregateMember] = {}
    for name in ("us_row_members_2024.csv", "aggregate_members.csv"):
        for key, m in _read_members(name).items():
            out.setdefault(key, m)
    return out


def _read_members(name: str) -> dict[tuple[str, str], AggregateMember]:
    path = data_path(name)
    out = {}
    cols = ("importer", "aggregate", "member", "share", "confirmed", "source")
    for k, row in enumerate(_rows(path, cols), start=2):
        share = _number(row["share"], f"{path.name} row {k}")
        if not 0 <= share <= 1:
            raise TimelineError(f"{path.name} row {k}: column 'share' must lie in [0, 1]")
        m = AggregateMember(
            row["importer"], row["aggregate"], row["member"], share, row["confirmed"] == "true"
        )
        out[(m.importer, m.member)] = m
    return out


@dataclass
class CoverageModel:
    """Coverage shares of scopes by sector for one bilateral weight table (cached per scope)."""

    table: WeightTable
    _partition_cache: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    _coverage_cache: dict[tuple[Scope, str], np.ndarray] = field(default_factory=dict)

    def _matches(self, cell: Cell, codes: Sequence[str]) -> bool:
        return any(cell.code == c or (len(c) == 2 and cell.code[:2] == c) for c in codes)

    def _check_headings(self, codes: Sequence[str], rid: str, field: str = "scope.hs") -> None:
        known = {c.code for c in self.table.cells}
        for code in codes:
            if len(code) == 4 and code not in known:
                raise TimelineError(
                    f"record {rid!r}: field '{field}': heading {code} has no import value in the "
                    f"{self.table.importer}<-{self.table.exporter} weights (trade_weights.csv); "
                    "add a row for it or use its chapter"
                )

    def cell_shares(self, scope: Scope, rid: str) -> dict[str, float]:
        """Share (0–1) of each cell's value covered by the scope."""
        cells = self.table.cells
        if scope.product_set is not None:
            shares = dict(self._partition(scope.product_set, rid))
        elif scope.all_goods:
            shares = {c.code: 1.0 for c in cells}
        elif scope.sectors:
            shares = {c.code: 1.0 for c in cells if c.sector in scope.sectors}
        else:
            self._check_headings(scope.hs, rid)
            shares = {c.code: 1.0 for c in cells if self._matches(c, scope.hs)}
        self._check_headings(scope.exclude_hs, rid, "scope.exclude_hs")
        for c in cells:
            if self._matches(c, scope.exclude_hs) or c.sector in scope.exclude_sectors:
                shares.pop(c.code, None)
        return shares

    def sector_coverage(self, scope: Scope, rid: str) -> np.ndarray:
        """Coverage share by sector (``len(SECTOR_CODES)``); services per ``scope.services``.

        Memoised per scope (the tables are immutable), so compiling many dates is cheap.
        """
        key = (scope, rid)
        if key not in self._coverage_cache:
            out = self._sector_coverage(scope, rid)
            out.setflags(write=False)
            self._coverage_cache[key] = out
        return self._coverage_cache[key]

    def _sector_coverage(self, scope: Scope, rid: str) -> np.ndarray:
        shares = self.cell_shares(scope, rid)
        cov = np.zeros(len(SECTOR_CODES))
        totals = self.table._totals
        count = np.zeros(len(SECTOR_CODES))
        hit = np.zeros(len(SECTOR_CODES))
        for c in self.table.cells:
            j = SECTOR_CODES.index(c.sector)
            cov[j] += shares.get(c.code, 0.0) * c.value
            count[j] += 1
            hit[j] += shares.get(c.code, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(totals > 0, cov / np.where(totals > 0, totals, 1.0), 0.0)
        # sectors without base-year trade: covered if every one of their cells is fully selected
        empty = (totals <= 0) & (count > 0)
        out[empty] = (hit[empty] >= count[empty] - 1e-12).astype(float)
        if scope.all_goods or scope.sectors:
            for j, code in enumerate(SECTOR_CODES):
                selected = (scope.all_goods and code in GOODS_CODES) or code in scope.sectors
                if selected and code not in scope.exclude_sectors and totals[j] <= 0:
                    out[j] = 1.0
        for code in scope.services:
            out[SECTOR_CODES.index(code)] = 1.0
        return np.clip(out, 0.0, 1.0) * scope.share

    def _partition(self, set_id: str, rid: str) -> Mapping[str, float]:
        sets = product_sets()
        if set_id not in sets:
            raise TimelineError(
                f"record {rid!r}: field 'scope.product_set': unknown product set {set_id!r}"
            )
        ps = sets[set_id]
        key = ps.partition or ps.id
        if key not in self._partition_cache:
            members = sorted(
                (s for s in sets.values() if (s.partition or s.id) == key), key=lambda s: s.order
            )
            remaining = {c.code: c.value for c in self.table.cells}
            result: dict[str, dict[str, float]] = {}
            lines = set_line_shares()
            pair = (self.table.importer, self.table.exporter)
            for s in members:
                if (*pair, s.id) in lines:
                    # a line-level list: its own share of each cell, taken from what is left
                    own = lines[(*pair, s.id)]
                    shares = {}
                    for c in self.table.cells:
                        got = min(own.get(c.code, 0.0) * c.value, remaining[c.code])
                        remaining[c.code] -= got
                        if got > 0:
                            shares[c.code] = got / c.value
                    result[s.id] = shares
                    continue
                self._check_headings(s.hs, s.id)
                chosen = [
                    c
                    for c in self.table.cells
                    if (s.all_goods or self._matches(c, s.hs))
                    and not self._matches(c, s.exclude_hs)
                ]
                pool = sum(remaining[c.code] for c in chosen)
                value = s.value_usd_bn * 1000.0 * self._restate(s)
                take = min(1.0, value / pool) if pool > 0 else 0.0
                shares = {}
                for c in chosen:
                    got = take * remaining[c.code]
                    remaining[c.code] -= got
                    shares[c.code] = got / c.value if c.value > 0 else take
                result[s.id] = shares
            self._partition_cache[key] = result
        return self._partition_cache[key][set_id]

    def _restate(self, ps: ProductSet) -> float:
        """Ratio of base-year to list-year bilateral imports (1 when the years agree)."""
        if ps.value_year == self.table.year:
            return 1.0
        totals = bilateral_totals()
        pair = (self.table.importer, self.table.exporter)
        try:
            return totals[(*pair, self.table.year)] / totals[(*pair, ps.value_year)]
        except KeyError as exc:
            raise TimelineError(
                f"product set {ps.id!r}: no bilateral total for {pair} in {exc}; add it to "
                "bilateral_totals.csv to restate the list value in base-year terms"
            ) from exc


@cache
def set_line_shares() -> dict[tuple[str, str, str], dict[str, float]]:
    """Line-level product-set coverage (``cn_set_shares.csv``): (importer, exporter, set) -> cell
    -> share of the cell's base-year imports on the list (China's 2018 retaliation lists)."""
    path = data_path("cn_set_shares.csv")
    out: dict[tuple[str, str, str], dict[str, float]] = {}
    for k, row in enumerate(_rows(path, ("set", "hs", "share")), start=2):
        share = _number(row["share"], f"{path.name} row {k}")
        if not 0 <= share <= 1 + 1e-9:
            raise TimelineError(f"{path.name} row {k}: column 'share' must lie in [0, 1]")
        out.setdefault(("CHN", "USA", row["set"]), {})[row["hs"]] = min(share, 1.0)
    return out


@cache
def derived_mfn(importer: str) -> dict[str, float]:
    """MFN rate by sector derived from line-level rates (``cn_mfn_2018.csv``), weighted by the
    importer's base-year imports from the US by cell; empty for importers without such data."""
    if importer != "CHN":
        return {}
    path = data_path("cn_mfn_2018.csv")
    rates = {
        row["hs"]: _number(row["mfn"], f"{path.name} row {k}")
        for k, row in enumerate(_rows(path, ("hs", "mfn")), start=2)
    }
    table = weight_tables()[("CHN", "USA")]
    num: dict[str, float] = {}
    den: dict[str, float] = {}
    for c in table.cells:
        if c.code in rates and c.value > 0:
            num[c.sector] = num.get(c.sector, 0.0) + rates[c.code] * c.value
            den[c.sector] = den.get(c.sector, 0.0) + c.value
    return {sec: num[sec] / den[sec] for sec in num}


#: The aggregate that stands for every partner an economy list does not name.
REST_OF_WORLD = "ROW"


@cache
def _partner_values(importer: str) -> dict[str, float]:
    """2024 imports (USD m) of ``importer`` by partner: default economies and ROW members."""
    vals = {e: t.total + t.special for (n, e), t in imports_2024().items() if n == importer}
    row = vals.pop(REST_OF_WORLD, 0.0)
    for (n, member), m in aggregate_members().items():
        if n == importer and m.aggregate == REST_OF_WORLD and member not in vals:
            vals[member] = m.share * row
    return vals


def rest_of_world_share(importer: str, code: str, economies: Sequence[str]) -> float | None:
    """Share of ``code`` in the ROW of an economy list (everything the list does not name).

    Computed from the 2024 imports by partner, so it holds for any economy list that has ROW:
    e.g. Thailand inside ROW, or the UK inside ROW when a list leaves the UK out. ``None`` where
    the importer has no such data, the list has no ROW, or ``code`` is not a known partner.
    """
    if REST_OF_WORLD not in economies or code in economies:
        return None
    own = weight_tables().get((importer, code))
    if own is not None and own.year == 2017:
        # China: its measures use lists known in its own trade (product sets), which cannot be
        # spread over another aggregate's imports; it must be modelled explicitly
        return None
    vals = _partner_values(importer)
    if code not in vals:
        return None
    rest = sum(v for e, v in vals.items() if e not in economies and e != importer)
    return vals[code] / rest if rest > 0 else None
