"""Multi-regional input-output tables (pymrio ``IOSystem``) to a :class:`~tradewar.world.World`.

Flows are read at basic prices: ``z[i, s, n, k]`` intermediate sales of region *i*'s sector *s*
to region *n*'s sector *k*, ``y[i, s, n]`` final sales to region *n* (all final-demand categories
summed). Then, in the notation of :mod:`tradewar.world`:

* ``trade[n, i, s] = sum_k z[i, s, n, k] + y[i, s, n]`` (domestic sales on the diagonal);
* gross output ``x[i, s] = sum_n trade[n, i, s]``;
* ``io_share[n, k, j] = sum_i z[i, k, n, j] / x[n, j]`` (inputs from every origin);
* ``va_share = 1 - sum_k io_share`` (taxes less subsidies on products count as value added).

Negative final-demand entries (changes in inventories) are moved: set to zero, the producer's
output rises by the same amount, which becomes its value added (Costinot and Rodríguez-Clare 2014
treat inventories the same way). Tariffs are zero unless given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from tradewar.data._report import Change, LoadReport
from tradewar.data.mapping import AggregationMap, check_complete
from tradewar.errors import DataError
from tradewar.world import World

#: Caliendo and Parro's (2015) aggregate trade elasticity, used when none is given.
THETA_DEFAULT = 8.22


@dataclass(frozen=True, eq=False)
class MRIOFlows:
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    z: np.ndarray  # (R, S, R, S)
    y: np.ndarray  # (R, S, R)
    report: LoadReport


def from_iosystem(io: Any, source: str) -> MRIOFlows:
    """Read Z and Y of a pymrio IOSystem (before any ``calc_all``)."""
    report = LoadReport(source)
    regions = tuple(str(r) for r in io.get_regions())
    sectors = tuple(str(s) for s in io.get_sectors())
    nr, ns = len(regions), len(sectors)
    z_df = io.Z.reindex(
        index=_product(regions, sectors), columns=_product(regions, sectors), fill_value=0.0
    )
    z = z_df.to_numpy(dtype=float).reshape(nr, ns, nr, ns)
    y_raw = io.Y.astype(float)
    negative = y_raw < 0
    if negative.to_numpy().any():
        moved = float(-y_raw[negative].sum().sum())
        report = report.with_change(
            Change(
                "negative final-demand entries (inventories) moved to the producer's value added",
                int(negative.to_numpy().sum()),
                f"total {moved:.6g}",
            )
        )
        y_raw = y_raw.where(~negative, 0.0)
    y_df = y_raw.T.groupby(level=0, sort=False).sum().T
    y_df = y_df.reindex(index=_product(regions, sectors), fill_value=0.0)
    unknown = [c for c in y_df.columns if c not in regions]
    if unknown:
        kept = y_df[[c for c in y_df.columns if c in regions]]
        extra = float(y_df[unknown].to_numpy().sum())
        report = report.with_change(
            Change(
                "final-demand columns of no region folded into the producer's own region",
                len(unknown),
                f"{unknown[:3]}, total {extra:.6g}",
            )
        )
        y_own = y_df[unknown].sum(axis=1).to_numpy()
        y_df = kept.reindex(columns=list(regions), fill_value=0.0)
        arr = y_df.to_numpy(dtype=float).reshape(nr, ns, nr)
        arr[np.arange(nr), :, np.arange(nr)] += y_own.reshape(nr, ns)
        y = arr
    else:
        y = y_df.reindex(columns=list(regions)).to_numpy(dtype=float).reshape(nr, ns, nr)
    _check_finite(z, "Z", source)
    _check_finite(y, "Y", source)
    if (z < 0).any():
        i, s, n, k = (int(v) for v in np.argwhere(z < 0)[0])
        raise DataError(
            f"{source}: negative intermediate flow from {regions[i]}/{sectors[s]} to "
            f"{regions[n]}/{sectors[k]}: {z[i, s, n, k]!r}; the model needs flows >= 0."
        )
    return MRIOFlows(regions, sectors, z, y, report)


def _product(a: tuple[str, ...], b: tuple[str, ...]) -> Any:
    import pandas as pd

    return pd.MultiIndex.from_product([list(a), list(b)])


def _check_finite(array: np.ndarray, name: str, source: str) -> None:
    if not np.isfinite(array).all():
        raise DataError(f"{source}: {name} holds NaN or infinite values.")


def aggregate(flows: MRIOFlows, mapping: AggregationMap | None) -> MRIOFlows:
    """Sum flows into the mapping's target regions and sectors (every label must be mapped)."""
    if mapping is None or (not mapping.countries and not mapping.sectors):
        return flows
    where = f"{flows.report.source} with mapping {mapping.source}"
    check_complete(mapping.countries, flows.regions, "regions", where)
    check_complete(mapping.sectors, flows.sectors, "sectors", where)
    rmap = mapping.countries or {r: r for r in flows.regions}
    smap = mapping.sectors or {s: s for s in flows.sectors}
    regions = tuple(dict.fromkeys(rmap[r] for r in flows.regions))
    sectors = tuple(dict.fromkeys(smap[s] for s in flows.sectors))
    r_m = _matrix(flows.regions, regions, rmap)
    s_m = _matrix(flows.sectors, sectors, smap)
    z = np.einsum("isnk,ia,sb,nc,kd->abcd", flows.z, r_m, s_m, r_m, s_m)
    y = np.einsum("isn,ia,sb,nc->abc", flows.y, r_m, s_m, r_m)
    report = flows.report.with_change(
        Change(
            "regions re-aggregated",
            len(flows.regions) - len(regions),
            f"{len(flows.regions)} -> {len(regions)}",
        )
    ).with_change(
        Change(
            "sectors re-aggregated",
            len(flows.sectors) - len(sectors),
            f"{len(flows.sectors)} -> {len(sectors)}",
        )
    )
    return MRIOFlows(regions, sectors, z, y, report)


def _matrix(old: tuple[str, ...], new: tuple[str, ...], table: Mapping[str, str]) -> np.ndarray:
    m = np.zeros((len(old), len(new)))
    for a, label in enumerate(old):
        m[a, new.index(table[label])] = 1.0
    return m


def to_world(
    flows: MRIOFlows,
    *,
    theta: float | Mapping[str, float] | None = None,
    name: str = "world",
) -> tuple[World, LoadReport]:
    """Build a world from (possibly aggregated) flows; see the module docstring."""
    report = flows.report
    source = report.source
    trade = np.einsum("isnk->nis", flows.z) + np.transpose(flows.y, (2, 0, 1))
    output = trade.sum(axis=0)  # (R, S)
    empty = np.flatnonzero(output.sum(axis=0) <= 0)
    keep = np.setdiff1d(np.arange(len(flows.sectors)), empty)
    if len(empty):
        report = report.with_change(
            Change(
                "sectors with no output anywhere dropped",
                len(empty),
                ", ".join(flows.sectors[k] for k in empty[:5]),
            )
        )
    sectors = tuple(flows.sectors[k] for k in keep)
    z = flows.z[:, keep][:, :, :, keep]
    trade = trade[:, :, keep]
    output = output[:, keep]
    inputs = np.einsum("iknj->nkj", z)  # (R, K, S)
    absorption = trade.sum(axis=1)
    if (absorption <= 0).any():
        n, s = (int(v) for v in np.argwhere(absorption <= 0)[0])
        raise DataError(
            f"{source}: region {flows.regions[n]!r} neither makes nor buys sector {sectors[s]!r}; "
            "aggregate that sector with another in the mapping file."
        )
    total_inputs = inputs.sum(axis=1)
    idle = output <= 0
    if (total_inputs > output * (1 + 1e-9))[~idle].any():
        n, s = (int(v) for v in np.argwhere((total_inputs > output * (1 + 1e-9)) & ~idle)[0])
        raise DataError(
            f"{source}: region {flows.regions[n]!r}, sector {sectors[s]!r} buys inputs worth "
            f"{total_inputs[n, s]!r} but sells only {output[n, s]!r} (negative value added)."
        )
    safe = np.where(idle, 1.0, output)
    io_share = np.where(idle[:, None, :], 0.0, inputs / safe[:, None, :])
    report = report.with_change(
        Change(
            "region-sectors with zero output given value-added share 1 and no inputs",
            int(idle.sum()),
        )
    )
    if (idle & (inputs.sum(axis=1) > 0)).any():
        raise DataError(f"{source}: a region-sector with zero output buys inputs.")
    va_share = 1.0 - io_share.sum(axis=1)
    tiny = (va_share <= 0) & ~idle
    if tiny.any():
        n, s = (int(v) for v in np.argwhere(tiny)[0])
        raise DataError(
            f"{source}: region {flows.regions[n]!r}, sector {sectors[s]!r} has no value added."
        )
    theta_arr = _theta(theta, sectors, source)
    if theta is None:
        report = report.with_change(
            Change(
                "trade elasticities not given: every sector set to Caliendo-Parro's 8.22",
                len(sectors),
            )
        )
    world = World.from_flows(
        flows.regions,
        sectors,
        trade,
        np.zeros_like(trade),
        va_share,
        io_share,
        theta_arr,
        name=name,
        meta={"source": source, "load_report": report.lines()},
    )
    return world, report


def _theta(
    theta: float | Mapping[str, float] | None, sectors: tuple[str, ...], source: str
) -> np.ndarray:
    if theta is None:
        return np.full(len(sectors), THETA_DEFAULT)
    if isinstance(theta, Mapping):
        missing = [s for s in sectors if s not in theta]
        if missing:
            raise DataError(f"{source}: no trade elasticity given for sectors {missing}.")
        return np.array([float(theta[s]) for s in sectors])
    return np.full(len(sectors), float(theta))
