"""The baseline economy: :class:`World`.

A world is a multi-country, multi-sector economy observed in one base year, in the form the
Caliendo–Parro (2015) model needs (their notation in brackets):

* ``trade[n, i, j]`` — imports of country *n* from country *i* in sector *j*, valued at producer
  prices (net of tariffs), domestic sales on the diagonal (``X_ni^j / (1 + tau_ni^j)``);
* ``tariffs[n, i, j]`` — ad-valorem tariff applied by importer *n* on exporter *i* (``tau_ni^j``;
  0.25 means 25%); zero on the diagonal;
* ``va_share[n, j]`` — value added in gross output (``gamma_n^j``);
* ``io_share[n, k, j]`` — spending on input *k* per unit of gross output of sector *j*
  (``gamma_n^{k,j}``), so that ``va_share + io_share.sum(k) == 1``;
* ``final_share[n, j]`` — sector shares of final demand (``alpha_n^j``), summing to one;
* ``theta[j]`` — trade elasticities.

Everything else (expenditure, trade shares, gross output, value added, tariff revenue, deficits,
income) is derived, so a world cannot disagree with itself. Construction validates every array and
checks that the data are an equilibrium (goods markets clear, CP2015 eq. 7); errors name the
country, sector and value at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from tradewar.errors import WorldError

#: Relative tolerance of the market-clearing check made on construction.
MARKET_CLEARING_RTOL = 1e-6


def _frozen(array: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        out = np.array(array, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise WorldError(f"{name}: cannot be read as an array of numbers ({exc}).") from exc
    if out.shape != shape:
        raise WorldError(
            f"{name}: shape {out.shape} does not match the labels, which need {shape}. "
            "Check that the country and sector lists are the ones the array was built with."
        )
    out.setflags(write=False)
    return out


def _labels(values: Any, name: str) -> tuple[str, ...]:
    labels = tuple(str(v) for v in values)
    if not labels:
        raise WorldError(f"{name}: at least one label is needed.")
    seen: set[str] = set()
    for label in labels:
        if not label.strip():
            raise WorldError(f"{name}: empty label in {list(labels)}.")
        if label in seen:
            raise WorldError(f"{name}: label {label!r} appears twice; labels must be unique.")
        seen.add(label)
    return labels


@dataclass(frozen=True, eq=False)
class World:
    """A validated, immutable baseline economy (see the module docstring for the fields).

    Build one from arrays, with :meth:`from_flows` when final-demand shares are to be derived from
    the data, or with a loader in :mod:`tradewar.data`. Change it out of place
    (:func:`dataclasses.replace`, :meth:`aggregate`), never by mutation: arrays are read-only.
    """

    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    trade: np.ndarray
    tariffs: np.ndarray
    va_share: np.ndarray
    io_share: np.ndarray
    final_share: np.ndarray
    theta: np.ndarray
    name: str = "world"
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        countries = _labels(self.countries, "countries")
        sectors = _labels(self.sectors, "sectors")
        n, j = len(countries), len(sectors)
        set_ = object.__setattr__
        set_(self, "countries", countries)
        set_(self, "sectors", sectors)
        set_(self, "trade", _frozen(self.trade, "trade", (n, n, j)))
        set_(self, "tariffs", _frozen(self.tariffs, "tariffs", (n, n, j)))
        set_(self, "va_share", _frozen(self.va_share, "va_share", (n, j)))
        set_(self, "io_share", _frozen(self.io_share, "io_share", (n, j, j)))
        set_(self, "final_share", _frozen(self.final_share, "final_share", (n, j)))
        set_(self, "theta", _frozen(self.theta, "theta", (j,)))
        set_(self, "meta", MappingProxyType(dict(self.meta)))
        self._check_values()
        self._check_equilibrium()

    # ------------------------------------------------------------------ validation

    def _where(self, name: str, index: tuple[int, ...]) -> str:
        """Name an array cell with its labels."""
        c, s = self.countries, self.sectors
        if name in ("trade", "tariffs"):
            n, i, j = index
            return f"importer {c[n]!r}, exporter {c[i]!r}, sector {s[j]!r}"
        if name == "io_share":
            n, k, j = index
            return f"country {c[n]!r}, input {s[k]!r}, using sector {s[j]!r}"
        if name == "theta":
            return f"sector {s[index[0]]!r}"
        n, j = index
        return f"country {c[n]!r}, sector {s[j]!r}"

    def _first_bad(self, name: str, bad: np.ndarray, what: str, fix: str) -> None:
        if bad.any():
            index = tuple(int(x) for x in np.argwhere(bad)[0])
            value = float(getattr(self, name)[index])
            count = int(bad.sum())
            more = f" ({count - 1} more cells too)" if count > 1 else ""
            raise WorldError(
                f"{name}: {what} at {self._where(name, index)}: {value!r}{more}. {fix}"
            )

    def _check_values(self) -> None:
        for name in ("trade", "tariffs", "va_share", "io_share", "final_share", "theta"):
            self._first_bad(
                name,
                ~np.isfinite(getattr(self, name)),
                "value is not finite",
                "Replace NaN/inf with a number (zero for an absent flow).",
            )
        self._first_bad(
            "trade", self.trade < 0, "negative flow", "Trade flows must be zero or positive."
        )
        self._first_bad(
            "tariffs",
            self.tariffs <= -1,
            "tariff at or below -100%",
            "Tariffs are ad-valorem fractions (0.25 = 25%); a subsidy must stay above -1.",
        )
        diagonal = np.zeros_like(self.tariffs, dtype=bool)
        idx = np.arange(self.n_countries)
        diagonal[idx, idx, :] = self.tariffs[idx, idx, :] != 0
        self._first_bad(
            "tariffs", diagonal, "tariff on domestic sales", "A country's own sales pay no tariff."
        )
        self._first_bad(
            "theta", self.theta <= 0, "trade elasticity not positive", "Theta must be > 0."
        )
        self._first_bad(
            "va_share",
            (self.va_share <= 0) | (self.va_share > 1),
            "value-added share outside (0, 1]",
            "Value added must be a positive part of gross output.",
        )
        self._first_bad(
            "io_share", self.io_share < 0, "negative input share", "Input shares must be >= 0."
        )
        inputs = self.io_share.sum(axis=1)
        self._first_bad_sum(
            inputs >= 1,
            inputs,
            "input shares sum to",
            ">= 1, which leaves no value added; input-output shares are per unit of gross output",
        )
        self._first_bad_sum(
            np.abs(inputs + self.va_share - 1) > 1e-8,
            inputs + self.va_share,
            "value-added share plus input shares sum to",
            "instead of 1; input shares and the value-added share must exhaust gross output",
        )
        self._first_bad(
            "final_share",
            self.final_share < 0,
            "negative final-demand share",
            "Final-demand shares must be >= 0 (World.from_flows derives them from the data).",
        )
        sums = self.final_share.sum(axis=1)
        bad = np.abs(sums - 1) > 1e-8
        if bad.any():
            n = int(np.argmax(bad))
            raise WorldError(
                f"final_share: shares of country {self.countries[n]!r} sum to "
                f"{float(sums[n]):.10g}, "
                "not 1."
            )
        absorption = self.expenditure
        self._first_bad_sum(
            absorption <= 0,
            absorption,
            "absorption (spending on the sector, domestic sales included) is",
            "; the sector's price index is undefined. Aggregate the sector away or add its flows",
        )
        va = self.value_added
        if (va <= 0).any():
            n = int(np.argmax(va <= 0))
            raise WorldError(
                f"value added of country {self.countries[n]!r} is {float(va[n]):.6g}; it must be "
                "positive."
            )

    def _first_bad_sum(self, bad: np.ndarray, values: np.ndarray, what: str, fix: str) -> None:
        if bad.any():
            n, j = (int(x) for x in np.argwhere(bad)[0])
            raise WorldError(
                f"country {self.countries[n]!r}, sector {self.sectors[j]!r}: {what} "
                f"{float(values[n, j]):.6g} {fix}."
            )

    def _check_equilibrium(self) -> None:
        """Goods markets clear: X_n^j = sum_k gamma_n^{j,k} Y_n^k + alpha_n^j I_n (CP2015 eq. 7)."""
        residual = self.expenditure - self.intermediate_demand - self.final_demand
        scale = self.expenditure.sum(axis=1, keepdims=True)
        rel = np.abs(residual) / scale
        if (rel > MARKET_CLEARING_RTOL).any():
            n, j = (int(x) for x in np.unravel_index(np.argmax(rel), rel.shape))
            raise WorldError(
                f"the data are not an equilibrium: in country {self.countries[n]!r}, sector "
                f"{self.sectors[j]!r}, absorption {float(self.expenditure[n, j]):.6g} differs "
                f"from intermediate plus final demand by {float(residual[n, j]):.6g} "
                f"({rel[n, j]:.2e} of the country's absorption). Derive final-demand shares from "
                "the flows with World.from_flows, or re-solve the data to an equilibrium with "
                "tradewar.model.equilibrate."
            )

    # ------------------------------------------------------------------ sizes and labels

    @property
    def n_countries(self) -> int:
        return len(self.countries)

    @property
    def n_sectors(self) -> int:
        return len(self.sectors)

    def country_index(self, country: str) -> int:
        try:
            return self.countries.index(country)
        except ValueError:
            raise WorldError(
                f"unknown country {country!r}; this world has {list(self.countries)}."
            ) from None

    def sector_index(self, sector: str) -> int:
        try:
            return self.sectors.index(sector)
        except ValueError:
            raise WorldError(
                f"unknown sector {sector!r}; this world has {list(self.sectors)}."
            ) from None

    # ------------------------------------------------------------------ derived quantities

    @cached_property
    def expenditure(self) -> np.ndarray:
        """Absorption X_n^j, gross of tariffs, (N, J)."""
        return np.einsum("nij,nij->nj", self.trade, 1 + self.tariffs)

    @cached_property
    def trade_shares(self) -> np.ndarray:
        """Expenditure shares pi_ni^j (CP2015 eq. 5), (N, N, J)."""
        return self.trade * (1 + self.tariffs) / self.expenditure[:, None, :]

    @cached_property
    def gross_output(self) -> np.ndarray:
        """Gross output Y_i^j = sum_n of sales at producer prices, (N, J)."""
        return self.trade.sum(axis=0)

    @cached_property
    def value_added(self) -> np.ndarray:
        """Value added (labour income w_n L_n), (N,)."""
        return (self.va_share * self.gross_output).sum(axis=1)

    @cached_property
    def tariff_revenue(self) -> np.ndarray:
        """Tariff revenue R_n, (N,)."""
        return (self.tariffs * self.trade).sum(axis=(1, 2))

    @cached_property
    def imports(self) -> np.ndarray:
        """Imports at producer prices, domestic sales excluded, (N,)."""
        return self.trade.sum(axis=(1, 2)) - np.einsum("nnj->n", self.trade)

    @cached_property
    def exports(self) -> np.ndarray:
        """Exports at producer prices, domestic sales excluded, (N,)."""
        return self.trade.sum(axis=(0, 2)) - np.einsum("nnj->n", self.trade)

    @cached_property
    def deficit(self) -> np.ndarray:
        """Trade deficit D_n = imports - exports, (N,)."""
        return self.imports - self.exports

    @cached_property
    def income(self) -> np.ndarray:
        """Final spending I_n = value added + tariff revenue + deficit, (N,)."""
        return self.value_added + self.tariff_revenue + self.deficit

    @cached_property
    def intermediate_demand(self) -> np.ndarray:
        """Spending on sector j goods as inputs, sum_k gamma_n^{j,k} Y_n^k, (N, J)."""
        return np.einsum("njk,nk->nj", self.io_share, self.gross_output)

    @cached_property
    def final_demand(self) -> np.ndarray:
        """Final spending alpha_n^j I_n, (N, J)."""
        return self.final_share * self.income[:, None]

    @cached_property
    def tradable(self) -> np.ndarray:
        """Sectors with any international trade in the base year, (J,) bool."""
        off = self.trade.sum(axis=(0, 1)) - np.einsum("nnj->j", self.trade)
        return off > 0

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_flows(
        cls,
        countries: Any,
        sectors: Any,
        trade: Any,
        tariffs: Any,
        va_share: Any,
        io_share: Any,
        theta: Any,
        *,
        name: str = "world",
        meta: Mapping[str, Any] | None = None,
    ) -> World:
        """Build a world whose final-demand shares are derived from the flows.

        Final demand of sector *j* in country *n* is what absorption leaves after intermediate
        use: ``X_n^j - sum_k gamma_n^{j,k} Y_n^k``. A negative remainder means the data cannot be
        an equilibrium of the model and is reported with its country and sector.
        """
        countries = _labels(countries, "countries")
        sectors = _labels(sectors, "sectors")
        trade_a = np.asarray(trade, dtype=np.float64)
        tariffs_a = np.asarray(tariffs, dtype=np.float64)
        io_a = np.asarray(io_share, dtype=np.float64)
        va_a = np.asarray(va_share, dtype=np.float64)
        n, j = len(countries), len(sectors)
        if trade_a.shape != (n, n, j) or tariffs_a.shape != (n, n, j) or io_a.shape != (n, j, j):
            raise WorldError(
                f"from_flows: trade {trade_a.shape}, tariffs {tariffs_a.shape} and io_share "
                f"{io_a.shape} must be {(n, n, j)}, {(n, n, j)} and {(n, j, j)}."
            )
        final = final_demand_from_flows(trade_a, tariffs_a, io_a)
        bad = final < -MARKET_CLEARING_RTOL * final.sum(axis=1, keepdims=True)
        if bad.any():
            c, s = (int(x) for x in np.argwhere(bad)[0])
            raise WorldError(
                f"from_flows: final demand of country {countries[c]!r} for sector {sectors[s]!r} "
                f"would be {float(final[c, s]):.6g}: intermediate use exceeds absorption. "
                "Check the "
                "input-output shares and the flows of that sector."
            )
        final = np.clip(final, 0.0, None)
        if (final.sum(axis=1) <= 0).any():
            c = int(np.argmax(final.sum(axis=1) <= 0))
            raise WorldError(
                f"from_flows: country {countries[c]!r} has no final demand (it buys nothing, or "
                "only intermediate inputs); every economy needs positive spending on some sector."
            )
        alpha = final / final.sum(axis=1, keepdims=True)
        return cls(
            countries=countries,
            sectors=sectors,
            trade=trade_a,
            tariffs=tariffs_a,
            va_share=va_a,
            io_share=io_a,
            final_share=alpha,
            theta=theta,
            name=name,
            meta=dict(meta or {}),
        )

    # ------------------------------------------------------------------ transformations

    def with_theta(self, theta: Any) -> World:
        """The same world with other trade elasticities (a scalar or one per sector)."""
        theta_a = np.broadcast_to(np.asarray(theta, dtype=np.float64), (self.n_sectors,))
        return replace(self, theta=theta_a.copy())

    def aggregate(
        self,
        countries: Mapping[str, str] | None = None,
        sectors: Mapping[str, str] | None = None,
        *,
        theta: Mapping[str, float] | None = None,
        name: str | None = None,
    ) -> World:
        """Aggregate countries and/or sectors through a mapping {old label: new label}.

        Flows, intermediate spending and value added are summed; shares are recomputed from the
        sums. Tariffs become trade-weighted averages (so tariff revenue is kept), except on trade
        that becomes domestic, which pays none: its former revenue leaves final demand. Trade
        elasticities of merged sectors are averaged with international-trade weights unless given
        in ``theta``. Every label must be mapped; nothing is dropped.
        """
        from tradewar.world._aggregate import aggregate

        return aggregate(self, countries=countries, sectors=sectors, theta=theta, name=name)

    def to_xarray(self) -> Any:
        """The world's arrays as an :class:`xarray.Dataset` with labelled coordinates."""
        import xarray as xr

        c, s = list(self.countries), list(self.sectors)
        return xr.Dataset(
            {
                "trade": (("importer", "exporter", "sector"), self.trade),
                "tariffs": (("importer", "exporter", "sector"), self.tariffs),
                "va_share": (("country", "sector"), self.va_share),
                "io_share": (("country", "input", "sector"), self.io_share),
                "final_share": (("country", "sector"), self.final_share),
                "theta": (("sector",), self.theta),
            },
            coords={
                "importer": c,
                "exporter": c,
                "country": c,
                "sector": s,
                "input": s,
            },
            attrs={"name": self.name, **{k: str(v) for k, v in self.meta.items()}},
        )

    def __repr__(self) -> str:
        return (
            f"World({self.name!r}: {self.n_countries} countries x {self.n_sectors} sectors, "
            f"value added {self.value_added.sum():.6g})"
        )


def final_demand_from_flows(
    trade: np.ndarray, tariffs: np.ndarray, io_share: np.ndarray
) -> np.ndarray:
    """Final spending by country and sector implied by flows and input-output shares, (N, J)."""
    expenditure = np.einsum("nij,nij->nj", trade, 1 + tariffs)
    intermediate = np.einsum("njk,nk->nj", io_share, trade.sum(axis=0))
    return expenditure - intermediate
