"""Long-form tables (CSV or Parquet) to a :class:`~tradewar.world.World`.

Files, one row per value (column names exact; extra columns are ignored):

* trade (required): ``exporter, importer, sector, value`` at producer prices, domestic sales as
  rows with exporter == importer; optional ``tariff`` (fraction, 0.25 = 25%);
* input-output (required): ``country, input, sector, value`` — spending of ``sector`` in
  ``country`` on ``input`` (any origin);
* value added (optional): ``country, sector, value``; when given, output is checked against
  inputs + value added (a gap above ``rtol`` is an error naming the country and sector);
* deficits (optional): ``country, value``; checked against the deficits the trade rows imply.

Rows whose value is zero are dropped and counted in the report; a missing (exporter, importer,
sector) combination is a zero flow. Negative or non-numeric values, unknown columns and
duplicated keys are errors naming the file, row and column. Economies and sectors are taken in
order of first appearance in the trade file, or re-aggregated through a mapping file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from tradewar._text import read_text
from tradewar.data._mrio import THETA_DEFAULT
from tradewar.data._report import Change, LoadReport
from tradewar.data._table import Row, read_rows
from tradewar.data.mapping import AggregationMap, check_complete, read_mapping
from tradewar.errors import DataError
from tradewar.world import World


def _rows(path: str | Path, columns: tuple[str, ...]) -> list[Row]:
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{p}: no such file.")
    if p.suffix.lower() in (".parquet", ".pq"):
        import pandas as pd

        try:
            frame = pd.read_parquet(p)
        except (OSError, ValueError) as exc:
            raise DataError(f"{p}: not a readable Parquet file ({exc}).") from exc
        text = frame.to_csv(index=False)
        return read_rows(p, text, columns)
    return read_rows(p, read_text(p, DataError), columns)


def _mapped(label: str, table: Mapping[str, str] | None) -> str:
    return table[label] if table else label


def load_longform(
    trade: str | Path,
    io: str | Path,
    *,
    value_added: str | Path | None = None,
    deficits: str | Path | None = None,
    mapping: str | Path | AggregationMap | None = None,
    theta: float | Mapping[str, float] | None = None,
    rtol: float = 1e-6,
    name: str = "world",
) -> tuple[World, LoadReport]:
    """Read long-form files into a world (see the module docstring)."""
    table = read_mapping(mapping) if isinstance(mapping, str | Path) else mapping
    cmap = table.countries if table else None
    smap = table.sectors if table else None
    report = LoadReport(str(trade))
    trade_rows = _rows(trade, ("exporter", "importer", "sector", "value"))
    if not trade_rows:
        raise DataError(f"{trade}: no trade rows; give one row per exporter, importer and sector.")
    has_tariff = bool(trade_rows) and "tariff" in trade_rows[0]
    raw_c = list(dict.fromkeys(r.text(k) for r in trade_rows for k in ("exporter", "importer")))
    raw_s = list(dict.fromkeys(r.text("sector") for r in trade_rows))
    check_complete(cmap, raw_c, "countries", str(trade))
    check_complete(smap, raw_s, "sectors", str(trade))
    countries = tuple(dict.fromkeys(_mapped(c, cmap) for c in raw_c))
    sectors = tuple(dict.fromkeys(_mapped(s, smap) for s in raw_s))
    ci = {c: k for k, c in enumerate(countries)}
    si = {s: k for k, s in enumerate(sectors)}
    n, j = len(countries), len(sectors)
    flows = np.zeros((n, n, j))
    paid = np.zeros((n, n, j))
    seen: set[tuple[str, str, str]] = set()
    zeros = 0
    for r in trade_rows:
        key = (r.text("exporter"), r.text("importer"), r.text("sector"))
        if key in seen:
            raise r.error("sector", "this exporter-importer-sector combination appears twice")
        seen.add(key)
        value = r.number("value", minimum=0.0)
        tariff = r.number("tariff", minimum=0.0) if has_tariff and r["tariff"].strip() else 0.0
        if key[0] == key[1] and tariff:
            raise r.error("tariff", "domestic sales pay no tariff")
        if value == 0.0:
            zeros += 1
            continue
        e_ix, i_ix = ci[_mapped(key[0], cmap)], ci[_mapped(key[1], cmap)]
        s_ix = si[_mapped(key[2], smap)]
        flows[i_ix, e_ix, s_ix] += value
        paid[i_ix, e_ix, s_ix] += value * tariff
    report = report.with_change(Change("zero-value trade rows dropped", zeros))
    if cmap or smap:
        report = report.with_change(
            Change("countries re-aggregated", len(raw_c) - n, f"{len(raw_c)} -> {n}")
        ).with_change(Change("sectors re-aggregated", len(raw_s) - j, f"{len(raw_s)} -> {j}"))
    # tariffs of merged cells: trade-weighted, so that revenue is kept
    tariffs = np.divide(paid, flows, out=np.zeros_like(flows), where=flows > 0)
    idx = np.arange(n)
    tariffs[idx, idx, :] = 0.0

    output = flows.sum(axis=0)
    inputs = np.zeros((n, j, j))
    io_zeros = 0
    io_seen: set[tuple[str, str, str]] = set()
    for r in _rows(io, ("country", "input", "sector", "value")):
        c_lab, k_lab, s_lab = (r.text(x) for x in ("country", "input", "sector"))
        if (c_lab, k_lab, s_lab) in io_seen:
            raise r.error("sector", "this country-input-sector combination appears twice")
        io_seen.add((c_lab, k_lab, s_lab))
        for label, col, lookup, mp in (
            (c_lab, "country", ci, cmap),
            (k_lab, "input", si, smap),
            (s_lab, "sector", si, smap),
        ):
            if _mapped_or_none(label, mp) not in lookup:
                raise r.error(col, "not a country/sector of the trade file (or of the mapping)")
        value = r.number("value", minimum=0.0)
        if value == 0.0:
            io_zeros += 1
            continue
        inputs[ci[_mapped(c_lab, cmap)], si[_mapped(k_lab, smap)], si[_mapped(s_lab, smap)]] += (
            value
        )
    report = report.with_change(Change("zero-value input-output rows dropped", io_zeros))
    idle = output <= 0
    if (inputs.sum(axis=1)[idle] > 0).any():
        c, s = (int(v) for v in np.argwhere(idle & (inputs.sum(axis=1) > 0))[0])
        raise DataError(
            f"{io}: {countries[c]!r} buys inputs for sector {sectors[s]!r}, which has no output."
        )
    # Inputs worth at least the output: checked before dividing (extreme values would overflow
    # the shares), then on the shares (rounding at the edge).
    too_much = ~idle & (inputs.sum(axis=1) >= output)
    io_share = np.zeros_like(inputs)
    if not too_much.any():
        io_share = inputs / np.where(idle, 1.0, output)[:, None, :]
        too_much = io_share.sum(axis=1) >= 1
    if too_much.any():
        c, s = (int(v) for v in np.argwhere(too_much)[0])
        raise DataError(
            f"{io}: inputs of {countries[c]!r}, sector {sectors[s]!r} are worth "
            f"{inputs[c, :, s].sum()!r}, not less than its output {output[c, s]!r}."
        )
    va_share = 1.0 - io_share.sum(axis=1)
    if value_added is not None:
        va = np.zeros((n, j))
        va_seen: set[tuple[str, str]] = set()
        for r in _rows(value_added, ("country", "sector", "value")):
            c_lab, s_lab = r.text("country"), r.text("sector")
            if (c_lab, s_lab) in va_seen:
                raise r.error("sector", "this country-sector combination appears twice")
            va_seen.add((c_lab, s_lab))
            if _mapped_or_none(c_lab, cmap) not in ci:
                raise r.error("country", "not a country of the trade file")
            if _mapped_or_none(s_lab, smap) not in si:
                raise r.error("sector", "not a sector of the trade file")
            row_ix = (ci[_mapped(c_lab, cmap)], si[_mapped(s_lab, smap)])
            va[row_ix] += r.number("value", minimum=0.0)
        gap = np.abs(inputs.sum(axis=1) + va - output) / np.maximum(output, 1e-300)
        gap = np.where(idle, 0.0, gap)
        if (gap > rtol).any():
            c, s = (int(v) for v in np.unravel_index(np.argmax(gap), gap.shape))
            raise DataError(
                f"{value_added}: in {countries[c]!r}, sector {sectors[s]!r}, inputs "
                f"{inputs[c, :, s].sum()!r} + value added {va[c, s]!r} differ from output "
                f"{output[c, s]!r} (the trade file's sales) by {gap[c, s]:.2e} of output."
            )
    report = report.with_change(
        Change("sectors with zero output given value-added share 1", int(idle.sum()))
    )
    va_share = np.where(idle, 1.0, va_share)
    theta_arr = _theta(theta, sectors, str(trade))
    if theta is None:
        report = report.with_change(
            Change("trade elasticities not given: every sector set to Caliendo-Parro's 8.22", j)
        )
    world = World.from_flows(
        countries, sectors, flows, tariffs, va_share, io_share, theta_arr,
        name=name, meta={"source": str(trade), "load_report": report.lines()},
    )  # fmt: skip
    if deficits is not None:
        _check_deficits(world, deficits, cmap, rtol)
    return world, report


def _mapped_or_none(label: str, table: Mapping[str, str] | None) -> str | None:
    if table:
        return table.get(label)
    return label


def _theta(theta: Any, sectors: tuple[str, ...], source: str) -> np.ndarray:
    if theta is None:
        return np.full(len(sectors), THETA_DEFAULT)
    if isinstance(theta, Mapping):
        missing = [s for s in sectors if s not in theta]
        if missing:
            raise DataError(f"{source}: no trade elasticity given for sectors {missing}.")
        return np.array([float(theta[s]) for s in sectors])
    return np.full(len(sectors), float(theta))


def _check_deficits(
    world: World, path: str | Path, cmap: Mapping[str, str] | None, rtol: float
) -> None:
    given = dict.fromkeys(world.countries, 0.0)
    seen: set[str] = set()
    for r in _rows(path, ("country", "value")):
        if r.text("country") in seen:
            raise r.error("country", "this country appears twice")
        seen.add(r.text("country"))
        c = _mapped_or_none(r.text("country"), cmap)
        if c not in given:
            raise r.error("country", "not a country of the trade file")
        given[c] += r.number("value")
    scale = float(world.value_added.sum())
    for k, c in enumerate(world.countries):
        implied = float(world.deficit[k])
        if abs(given[c] - implied) > max(rtol * scale, 1e-9):
            raise DataError(
                f"{path}: the deficit of {c!r} is given as {given[c]!r} but the trade rows imply "
                f"{implied!r} (imports less exports); the model takes deficits from the flows."
            )
