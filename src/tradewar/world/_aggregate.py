"""Aggregation of a :class:`~tradewar.world.World` through label mappings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from tradewar.errors import WorldError
from tradewar.world._world import World


def _groups(
    labels: Sequence[str], mapping: Mapping[str, str] | None, what: str
) -> tuple[tuple[str, ...], np.ndarray]:
    """New labels (in order of first appearance) and the 0/1 matrix old -> new."""
    if mapping is None:
        return tuple(labels), np.eye(len(labels))
    unknown = sorted(set(mapping) - set(labels))
    if unknown:
        raise WorldError(f"aggregate: {what} mapping names unknown {what} {unknown}.")
    missing = [label for label in labels if label not in mapping]
    if missing:
        raise WorldError(
            f"aggregate: {what} {missing} have no target in the mapping; map every {what} "
            "(to itself to keep it)."
        )
    new: list[str] = []
    for label in labels:
        if mapping[label] not in new:
            new.append(mapping[label])
    matrix = np.zeros((len(labels), len(new)))
    for old, label in enumerate(labels):
        matrix[old, new.index(mapping[label])] = 1.0
    return tuple(new), matrix


def aggregate(
    world: World,
    countries: Mapping[str, str] | None = None,
    sectors: Mapping[str, str] | None = None,
    *,
    theta: Mapping[str, float] | None = None,
    name: str | None = None,
) -> World:
    """See :meth:`World.aggregate`."""
    new_c, c = _groups(world.countries, countries, "countries")
    new_s, s = _groups(world.sectors, sectors, "sectors")

    trade = np.einsum("nij,nN,iI,jJ->NIJ", world.trade, c, c, s)
    revenue = np.einsum("nij,nN,iI,jJ->NIJ", world.trade * world.tariffs, c, c, s)
    tariffs = np.divide(revenue, trade, out=np.zeros_like(trade), where=trade > 0)
    idx = np.arange(len(new_c))
    tariffs[idx, idx, :] = 0.0  # trade inside a merged country is domestic

    output = world.gross_output
    inputs = np.einsum("nkj,nj,nN,kK,jJ->NKJ", world.io_share, output, c, s, s)
    value_added = np.einsum("nj,nj,nN,jJ->NJ", world.va_share, output, c, s)
    new_output = inputs.sum(axis=1) + value_added
    io_share = inputs / new_output[:, None, :]
    va_share = value_added / new_output

    theta_new = np.empty(len(new_s))
    international = world.trade.sum(axis=(0, 1)) - np.einsum("nnj->j", world.trade)
    for k, label in enumerate(new_s):
        members = s[:, k] > 0
        if theta is not None and label in theta:
            theta_new[k] = float(theta[label])
        elif members.sum() == 1:
            theta_new[k] = float(world.theta[members][0])
        else:
            weights = international[members]
            if weights.sum() <= 0:
                weights = np.ones(int(members.sum()))
            theta_new[k] = float(np.average(world.theta[members], weights=weights))

    return World.from_flows(
        new_c,
        new_s,
        trade,
        tariffs,
        va_share,
        io_share,
        theta_new,
        name=name or f"{world.name} (aggregated)",
        meta={**world.meta, "aggregated_from": world.name},
    )
