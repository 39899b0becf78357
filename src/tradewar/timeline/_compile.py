"""Compile the timeline to the tariffs in force on a date (:func:`tariffs_on`).

For importer *n*, exporter *i* and sector *j*, each tariff measure *m* of authority *A* in force
contributes (rates are fractions)::

    c_m[n,i,j] = r_m * cov_m[n,i,j] * w_m[i]
               * prod_{B in exempt_if(m)} (1 - U_B[n,i,j]) * (1 - X_A[n,i,j])

where ``r_m`` is the rate increment (``rate - replaces_rate``; for ``rate_mode: inclusive`` it is
``max(rate - base, 0)``), ``cov_m`` the share of base-year imports of sector *j* its scope covers,
``w_m[i]`` the share of the exporter it targets (1, or the sourced share of named members of an
aggregate such as ROW), ``U_B`` the coverage of authority *B*'s tariffs in force (capped at 1) and
``X_A`` the coverage of exclusions from authority *A*. A suspension subtracts its rate on the
suspended measure's goods while both are in force. ``base`` is the MFN/preferential rate plus
``mfn``-authority changes in force. Measures are assumed to fall evenly on the goods of a sector
(the product of coverages is exact when one of the scopes is all goods of the sector).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

import numpy as np

from tradewar.errors import TimelineError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.timeline._codes import ALL, DEFAULT_ECONOMIES
from tradewar.timeline._models import Measure
from tradewar.timeline._timeline import Timeline, builtin_timeline, data_path
from tradewar.timeline._weights import (
    REST_OF_WORLD,
    CoverageModel,
    WeightTable,
    _number,
    _rows,
    aggregate_members,
    derived_mfn,
    rest_of_world_share,
    weight_tables,
)


@dataclass(frozen=True)
class UsedRecord:
    """A measure that entered a schedule, with its flag and rate."""

    id: str
    actor: str
    authority: str
    kind: str
    rate: float | None
    confirmed: bool


@cache
def base_rate_rows() -> tuple[tuple[str, str, str, float, bool], ...]:
    """(importer, exporter or '*', sector, rate, confirmed) from ``data/base_rates.csv``."""
    path = data_path("base_rates.csv")
    out = []
    for k, row in enumerate(
        _rows(path, ("importer", "exporter", "sector", "rate", "confirmed", "source")), 2
    ):
        if row["sector"] not in SECTOR_CODES:
            raise TimelineError(f"{path.name} row {k}: column 'sector': unknown {row['sector']!r}")
        rate = _number(row["rate"], f"{path.name} row {k}")
        out.append(
            (row["importer"], row["exporter"], row["sector"], rate, row["confirmed"] == "true")
        )
    return tuple(out)


def _check_labels(economies: Sequence[str], sectors: Sequence[str]) -> None:
    if len(set(economies)) != len(economies):
        raise TimelineError(f"economies: duplicates in {list(economies)}")
    unknown = [s for s in sectors if s not in SECTOR_CODES]
    if unknown:
        raise TimelineError(f"sectors: unknown {unknown}; use tradewar.sectors.SECTOR_CODES")


@dataclass(frozen=True)
class TariffSchedule:
    """Tariffs in force on ``date``: ``base`` + ``additional``, importer x exporter x sector.

    Only the rows of ``importers`` (the economies the timeline covers) are filled; other rows are
    zero and :meth:`apply` leaves them untouched. ``by_authority`` splits ``additional`` (and the
    ``mfn`` changes in ``base``) by legal authority. ``records`` lists the measures used.
    """

    date: dt.date
    economies: tuple[str, ...]
    sectors: tuple[str, ...]
    importers: tuple[str, ...]
    base: np.ndarray
    additional: np.ndarray
    by_authority: Mapping[str, np.ndarray]
    records: tuple[UsedRecord, ...]
    covered_services: np.ndarray
    notes: tuple[str, ...] = ()
    weights: Mapping[tuple[str, str], np.ndarray] = field(default_factory=dict)

    @property
    def total(self) -> np.ndarray:
        return self.base + self.additional

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.records if not r.confirmed)

    def rates(self, importer: str, exporter: str) -> np.ndarray:
        """Total rate by sector (fractions) of ``importer`` on ``exporter``."""
        n, i = self._index(importer), self._index(exporter)
        return np.asarray(self.total[n, i])

    def _index(self, code: str) -> int:
        if code not in self.economies:
            raise TimelineError(f"economy {code!r} is not in this schedule ({self.economies})")
        return self.economies.index(code)

    def apply(
        self,
        tariffs: np.ndarray,
        economies: Sequence[str],
        sectors: Sequence[str],
        *,
        collected: bool = False,
    ) -> np.ndarray:
        """Copy of an (N, N, J) tariff array with the covered importers' rows replaced.

        Labels are matched by name (the array's order may differ from the schedule's). Domestic
        cells stay 0; service sectors keep their values unless a measure covers them. With
        ``collected=True`` the rows are the expected-collected rates (:meth:`collected`) instead
        of the statutory ones.
        """
        arr = np.array(tariffs, dtype=np.float64, copy=True)
        if arr.shape != (len(economies), len(economies), len(sectors)):
            raise TimelineError(
                f"apply: tariffs shape {arr.shape} does not match {len(economies)} economies and "
                f"{len(sectors)} sectors"
            )
        missing = [e for e in economies if e not in self.economies]
        missing += [s for s in sectors if s not in self.sectors]
        if missing:
            raise TimelineError(
                f"apply: labels {missing} are not in this schedule; compile it with "
                "tariffs_on(..., economies=..., sectors=...) matching the array"
            )
        eidx = [self.economies.index(e) for e in economies]
        sidx = [self.sectors.index(s) for s in sectors]
        rates = self.collected() if collected else self.total
        total = rates[np.ix_(eidx, eidx, sidx)]
        services = self.covered_services[np.ix_(eidx, eidx, sidx)]
        goods = np.array([s in GOODS_CODES for s in sectors])
        for a, code in enumerate(economies):
            if code not in self.importers:
                continue
            for b in range(len(economies)):
                if a == b:
                    arr[a, b, :] = 0.0
                    continue
                replace = goods | services[a, b]
                arr[a, b, replace] = total[a, b, replace]
        return arr

    def collected(self) -> np.ndarray:
        """Expected-collected tariffs, importer x exporter x sector (fractions).

        US rows: the statutory total scaled by the 2024 ratio of duties paid to statutory duty by
        exporter and sector (see :mod:`tradewar.timeline._collected`); other rows: statutory.
        """
        from tradewar.timeline._collected import collection_ratios

        ratio, _ = collection_ratios(self.economies, self.sectors)
        out = np.array(self.total, copy=True)
        if "USA" in self.economies:
            n = self.economies.index("USA")
            out[n] = self.total[n] * ratio
        out.setflags(write=False)
        return out

    def sector_weights(self, importer: str, exporter: str) -> np.ndarray:
        """Base-year import weights by sector used for trade-weighted averages."""
        key = (importer, exporter)
        if key not in self.weights:
            raise TimelineError(
                f"no base-year import weights for {importer} <- {exporter}; trade-weighted "
                f"averages are available for {sorted(self.weights)}"
            )
        return np.asarray(self.weights[key])

    def average(self, importer: str, exporter: str, how: str = "trade") -> float:
        """Average total tariff (fraction) over goods sectors, trade-weighted or simple."""
        goods = [self.sectors.index(s) for s in self.sectors if s in GOODS_CODES]
        rates = self.rates(importer, exporter)[goods]
        if how == "simple":
            return float(rates.mean())
        if how != "trade":
            raise TimelineError(f"average: how must be 'trade' or 'simple', not {how!r}")
        w = self.sector_weights(importer, exporter)[goods]
        return float((w * rates).sum() / w.sum())

    def authority_average(self, importer: str, exporter: str) -> dict[str, float]:
        """Trade-weighted contribution (fraction) of each authority, with the base as ``base``."""
        n, i = self._index(importer), self._index(exporter)
        goods = [self.sectors.index(s) for s in self.sectors if s in GOODS_CODES]
        w = self.sector_weights(importer, exporter)[goods]
        w = w / w.sum()
        out = {"base": float((w * self.base[n, i, goods]).sum())}
        for auth, arr in self.by_authority.items():
            if auth == "mfn":
                continue
            value = float((w * arr[n, i, goods]).sum())
            if abs(value) > 0:
                out[auth] = value
        return out


def _target_weights(
    m: Measure, importer: str, economies: Sequence[str], notes: set[str]
) -> dict[str, float]:
    """Share of each exporter (in ``economies``) targeted by ``m``.

    A named target outside ``economies`` must have a sourced weight inside an aggregate (else an
    error). An excepted economy outside ``economies`` without such a weight cannot be carved out of
    the aggregate; that is reported in the schedule's notes.
    """
    from tradewar.timeline._codes import DEFAULT_ECONOMIES as _DEFAULT

    members = aggregate_members()
    out: dict[str, float] = {}

    def member_share(code: str) -> tuple[str, float]:
        key = (importer, code)
        dynamic = rest_of_world_share(importer, code, economies)
        if dynamic is not None:
            return REST_OF_WORLD, dynamic
        if key not in members:
            raise TimelineError(
                f"record {m.id!r}: field 'targets': {code!r} is not among the economies "
                f"{list(economies)} and has no import weight inside an aggregate for importer "
                f"{importer} (data/aggregate_members.csv); add one or model it explicitly"
            )
        agg = members[key]
        if agg.aggregate not in economies:
            raise TimelineError(
                f"record {m.id!r}: field 'targets': {code!r} belongs to {agg.aggregate}, which "
                f"is not among the economies {list(economies)}"
            )
        return agg.aggregate, agg.share

    if ALL in m.targets.economies:
        for e in economies:
            if e != importer:
                out[e] = 1.0
        for code in m.targets.except_:
            if code in economies:
                out.pop(code, None)
            elif REST_OF_WORLD not in economies and not any(
                a.aggregate in economies
                for (n, c), a in members.items()
                if n == importer and c == code
            ):
                continue  # neither the economy nor an aggregate holding it is modelled
            elif (
                (importer, code) not in members
                and rest_of_world_share(importer, code, economies) is None
                and code in _DEFAULT
            ):
                notes.add(
                    f"record {m.id}: excepted economy {code} is not in the economy list and has no "
                    "weight inside an aggregate, so the exception is not applied"
                )
            else:
                agg, share = member_share(code)
                if agg in out:
                    out[agg] = max(out[agg] - share, 0.0)
    else:
        for code in m.targets.economies:
            if code == importer:
                continue
            if code in economies:
                out[code] = 1.0
            elif REST_OF_WORLD not in economies and not any(
                a.aggregate in economies
                for (n, c), a in aggregate_members().items()
                if n == importer and c == code
            ):
                # the list models neither the target nor an aggregate holding it: nothing to tax
                notes.add(
                    f"record {m.id}: target {code} is outside the economy list (no ROW), skipped"
                )
            else:
                agg, share = member_share(code)
                out[agg] = min(out.get(agg, 0.0) + share, 1.0)
    return out


@cache
def _shared_model(importer: str, exporter: str) -> tuple[CoverageModel, str | None]:
    """The coverage model of a pair (kept across compilations) and its proxy note, if any."""
    tables = weight_tables()
    table: WeightTable | None = tables.get((importer, exporter))
    note = None
    if table is None:
        own = [t for (n, _), t in sorted(tables.items()) if n == importer]
        if not own:
            raise TimelineError(
                f"no HS import weights for importer {importer}; the timeline covers "
                f"importers {sorted({n for n, _ in tables})}"
            )
        table = own[0]
        note = (
            f"{importer} <- {exporter}: HS coverage uses the {importer} <- {table.exporter} "
            "import mix as a proxy"
        )
    return CoverageModel(table), note


def _coverage_model(
    importer: str, exporter: str, cache_: dict[tuple[str, str], CoverageModel], notes: set[str]
) -> CoverageModel:
    key = (importer, exporter)
    if key not in cache_:
        model, note = _shared_model(importer, exporter)
        if note:
            notes.add(note)
        cache_[key] = model
    return cache_[key]


def tariffs_on(
    date: dt.date | str,
    overlay: object | None = None,
    *,
    economies: Sequence[str] = DEFAULT_ECONOMIES,
    sectors: Sequence[str] = SECTOR_CODES,
    timeline: Timeline | None = None,
) -> TariffSchedule:
    """The tariffs in force on ``date`` (the built-in timeline, optionally with an overlay).

    ``overlay`` is an :class:`~tradewar.timeline.Overlay`, a path to a YAML/TOML overlay file or
    the name of a built-in overlay. Raises :class:`~tradewar.errors.TimelineError` on bad input.
    """
    from tradewar.timeline._overlay import resolve_overlay

    day = parse_date(date)
    economies, sectors = tuple(economies), tuple(sectors)
    _check_labels(economies, sectors)
    tl = timeline if timeline is not None else builtin_timeline()
    if overlay is not None:
        tl = resolve_overlay(overlay).apply(tl)
    return _compile(tl, day, economies, sectors)


def parse_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise TimelineError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _compile(
    tl: Timeline, day: dt.date, economies: tuple[str, ...], sectors: tuple[str, ...]
) -> TariffSchedule:
    n_e, n_s = len(economies), len(sectors)
    sidx = np.array([SECTOR_CODES.index(s) for s in sectors])
    notes: set[str] = set()
    rows = base_rate_rows()
    importers = tuple(e for e in economies if any(r[0] == e for r in rows) or derived_mfn(e))
    base = np.zeros((n_e, n_e, n_s))
    for imp in importers:
        n = economies.index(imp)
        default = {s: r for (i_, e_, s, r, _) in rows if i_ == imp and e_ == "*"}
        default.update(derived_mfn(imp))
        for i, exp in enumerate(economies):
            if i == n:
                continue
            specific = {s: r for (i_, e_, s, r, _) in rows if i_ == imp and e_ == exp}
            for k, s in enumerate(sectors):
                base[n, i, k] = specific.get(s, default.get(s, 0.0))
    active = [m for m in tl.measures if m.is_tariff and m.active_on(day) and m.actor in importers]
    by_id = {m.id: m for m in tl.measures}
    models: dict[tuple[str, str], CoverageModel] = {}

    def coverage(m: Measure, imp: str) -> np.ndarray:
        """cov * target weight, shape (N, J), for importer ``imp``."""
        out = np.zeros((n_e, n_s))
        for exp, w in _target_weights(m, imp, economies, notes).items():
            model = _coverage_model(imp, exp, models, notes)
            out[economies.index(exp)] = w * model.sector_coverage(m.scope, m.id)[sidx]
        return out

    covs = {m.id: coverage(m, m.actor) for m in active if m.kind != "suspension"}
    union: dict[tuple[str, str], Any] = {}
    excluded: dict[tuple[str, str], Any] = {}
    for m in active:
        if m.kind == "additional_tariff" and (m.rate or 0) - m.replaces_rate > 0:
            key: tuple[str, str] = (m.actor, str(m.authority))
            union[key] = union.get(key, 0) + covs[m.id]
        if m.kind == "exclusion":
            xkey = (m.actor, str(m.excludes or f"authority:{m.excludes_authority}"))
            excluded[xkey] = excluded.get(xkey, 0) + covs[m.id]

    def factor(m: Measure) -> np.ndarray:
        f = np.ones((n_e, n_s))
        for b in m.stacking.exempt_if:
            f = f * (1.0 - np.minimum(union.get((m.actor, b), 0.0), 1.0))
        for key in ((m.actor, m.id), (m.actor, f"authority:{m.authority}")):
            f = f * (1.0 - np.minimum(excluded.get(key, 0.0), 1.0))
        return f

    by_auth: dict[str, np.ndarray] = {}
    services = np.zeros((n_e, n_e, n_s), dtype=bool)
    used: list[UsedRecord] = []
    service_idx = [k for k, s in enumerate(sectors) if s not in GOODS_CODES]
    for m in active:
        n = economies.index(m.actor)
        if m.kind == "exclusion":
            used.append(UsedRecord(m.id, m.actor, m.authority, m.kind, m.rate, m.confirmed))
            continue
        if m.kind == "suspension":
            target = by_id[m.suspends or ""]
            if not target.active_on(day):
                continue
            contrib = -(m.rate or 0.0) * covs_for(target, covs, coverage) * factor(target)
            auth = target.authority
        else:
            cov = covs[m.id]
            if m.rate_mode == "inclusive":
                inc = np.maximum((m.rate or 0.0) - base[n], 0.0) - m.replaces_rate
            else:
                inc = (m.rate or 0.0) - m.replaces_rate
            contrib = inc * cov * factor(m)
            auth = m.authority
            if m.scope.services and service_idx:
                services[n][:, service_idx] |= cov[:, service_idx] > 0
        layer = by_auth.setdefault(auth, np.zeros((n_e, n_e, n_s)))
        layer[n] += contrib
        used.append(UsedRecord(m.id, m.actor, m.authority, m.kind, m.rate, m.confirmed))
    for n in range(n_e):
        for layer in by_auth.values():
            layer[n, n] = 0.0
    base_total = base + by_auth.get("mfn", 0.0)
    additional = sum((v for k, v in by_auth.items() if k != "mfn"), np.zeros((n_e, n_e, n_s)))
    total = base_total + additional
    if (total < -1e-9).any():
        n, i, k = np.argwhere(total < -1e-9)[0]
        raise TimelineError(
            f"{day}: negative tariff {total[n, i, k]:.3f} for {economies[n]} <- {economies[i]} "
            f"in {sectors[k]}: a suspension or cut exceeds the rate it applies to"
        )
    for arr in (*by_auth.values(), base_total, additional):
        arr.setflags(write=False)
    weights = {}
    for (imp, exp), table in weight_tables().items():
        if imp in economies and exp in economies:
            weights[(imp, exp)] = table.sector_totals()[sidx]
    return TariffSchedule(
        date=day,
        economies=economies,
        sectors=sectors,
        importers=importers,
        base=base_total,
        additional=additional,
        by_authority=MappingProxyType(by_auth),
        records=tuple(used),
        covered_services=services,
        notes=tuple(sorted(notes)),
        weights=MappingProxyType(weights),
    )


def covs_for(m: Measure, covs: dict[str, np.ndarray], coverage: object) -> np.ndarray:
    """Coverage of ``m`` (computing it if ``m`` was not itself compiled)."""
    if m.id not in covs:
        covs[m.id] = coverage(m, m.actor)  # type: ignore[operator]
    return covs[m.id]
