"""What a strategy result means: tariffs from → to by player, welfare against start and baseline.

A Nash equilibrium with both sides "gaining" reads as "a trade war is good for both" unless the
starting tariffs are beside it. :func:`tariff_moves` gives, per player, the tariffs it sets at the
start and at the result (median over goods sectors and partners, and the average weighted by
base-year trade; service sectors, which carry no tariffs, are left out); :func:`welfare_both_ways`
each country's welfare change against the starting point and against the model's baseline.
The CLI and the dashboard show both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tradewar.sectors import GOODS_CODES, SECTOR_CODES


def goods(sectors: Sequence[str]) -> np.ndarray:
    """True for goods sectors: default codes marked goods, any other not named as services."""
    return np.array(
        [
            s in GOODS_CODES or (s not in SECTOR_CODES and not s.lower().startswith("svc"))
            for s in sectors
        ]
    )


def _stats(
    model: Any, tariffs: np.ndarray, n: int, partners: list[int], columns: np.ndarray
) -> tuple[float, float]:
    """Median and trade-weighted mean (percent) of the tariffs ``n`` sets on ``partners`` in the
    sectors ``columns`` (a mask)."""
    trade = np.asarray(model.trade_values())[n]
    rows = np.zeros(trade.shape[0], dtype=bool)
    rows[partners] = True
    rows[n] = False
    mask = rows[:, None] & columns[None, :]
    cells = np.asarray(tariffs)[n][mask]
    if cells.size == 0:  # only service sectors chosen: no goods tariffs to summarise
        return float("nan"), float("nan")
    weights = trade[mask]
    mean = float(weights @ cells / weights.sum()) if weights.sum() > 0 else float(cells.mean())
    return 100.0 * float(np.median(cells)), 100.0 * mean


def tariff_moves(
    model: Any,
    start: np.ndarray,
    end: np.ndarray,
    players: Sequence[str],
    partners: Sequence[str] | None = None,
    sectors: Sequence[str] | None = None,
) -> dict[str, dict[str, float]]:
    """Per player: goods tariffs it sets, median and trade-weighted, at ``start`` and ``end``.

    ``partners`` are the exporters whose tariffs count (default: every other economy); in a
    bilateral war or talks pass the players themselves, so the third countries' unchanged
    tariffs do not drown the move. ``sectors`` likewise narrows the goods sectors counted to
    those a player chose tariffs for.
    """
    out = {}
    names = list(model.countries)
    chosen = [names.index(c) for c in (partners if partners is not None else names)]
    columns = goods(model.sectors)
    if sectors is not None:
        columns = columns & np.isin(np.asarray(model.sectors), list(sectors))
    for player in players:
        n = names.index(player)
        (m0, a0) = _stats(model, start, n, chosen, columns)
        (m1, a1) = _stats(model, end, n, chosen, columns)
        out[player] = {
            "from_median_pct": m0,
            "to_median_pct": m1,
            "from_average_pct": a0,
            "to_average_pct": a1,
        }
    return out


def welfare_both_ways(
    model: Any, start: np.ndarray, end: np.ndarray
) -> tuple[dict[str, float], dict[str, float]]:
    """Welfare change (percent) of every country at ``end``: against ``start``, against baseline."""
    from tradewar.strategy._compiled import evaluate

    w_start, _ = evaluate(model, np.asarray(start))
    w_end, _ = evaluate(model, np.asarray(end))
    vs_start = {
        c: 100.0 * (float(e) / float(s) - 1.0)
        for c, s, e in zip(model.countries, w_start, w_end, strict=True)
    }
    vs_base = {c: 100.0 * (float(e) - 1.0) for c, e in zip(model.countries, w_end, strict=True)}
    return vs_start, vs_base


# What the CLI (``--json``) and the dashboard's strategy jobs print of a result: one builder each,
# so that the two can never disagree.


def _pct(ratios: Any, countries: Sequence[str]) -> dict[str, float]:
    """Welfare ratios (1 = unchanged) as percent changes by country."""
    return {c: 100.0 * (float(v) - 1.0) for c, v in zip(countries, ratios, strict=True)}


def _by_country(values: Any, countries: Sequence[str]) -> dict[str, float]:
    return {c: float(v) for c, v in zip(countries, values, strict=True)}


def optimal_summary(
    model: Any,
    result: Any,
    partners: Sequence[str] | None = None,
    sectors: Sequence[str] | None = None,
) -> dict[str, Any]:
    """An :class:`~tradewar.strategy.OptimalTariffs` from the factual tariffs: the rates chosen,
    the player's goods tariffs factual → optimal, welfare against the factual tariffs and the
    baseline, government welfare, and how the solver ended."""
    start = model.factual_tariffs()
    moves = tariff_moves(model, start, result.tariffs, [result.country], partners, sectors)
    return {
        "model": model.name,
        "country": result.country,
        "rates": [
            {"importer": imp, "exporter": exp, "sector": sec, "tariff_pct": 100.0 * float(r)}
            for (imp, exp, sec), r in zip(result.instrument.labels, result.rates, strict=True)
        ],
        "median_tariff_pct": moves[result.country]["to_median_pct"],  # goods sectors only
        "tariffs": moves,
        "welfare_pct": _pct(result.welfare, model.countries),
        "welfare_vs_start_pct": welfare_both_ways(model, start, result.tariffs)[0],
        "government_welfare_pct": _pct(result.government_welfare, model.countries),
        "solver": result.solver_info(),
    }


def war_summary(model: Any, war: Any, *, among_players: bool) -> dict[str, Any]:
    """A :class:`~tradewar.strategy.NashEquilibrium` from the factual tariffs: each player's goods
    tariffs factual → Nash (on the other players only when ``among_players``), welfare against
    the factual tariffs and the baseline, government welfare, and how the solver ended."""
    start = model.factual_tariffs()
    partners = war.players if among_players else None
    moves = tariff_moves(model, start, war.tariffs, war.players, partners)
    return {
        "model": model.name,
        "players": list(war.players),
        "median_tariff_pct": {p: v["to_median_pct"] for p, v in moves.items()},  # goods only
        "tariffs": moves,
        "welfare_pct": _pct(war.welfare, model.countries),
        "welfare_vs_start_pct": welfare_both_ways(model, start, war.tariffs)[0],
        "government_welfare_pct": _pct(war.government_welfare, model.countries),
        "solver": war.solver_info(),
    }


def deal_summary(model: Any, deal: Any, *, mutual: bool) -> dict[str, Any]:
    """An :class:`~tradewar.strategy.Agreement`: the agreed goods tariffs start → deal (on the
    other parties only when ``mutual``), government and welfare gains from the start, welfare
    against the baseline, and how the solver ended."""
    countries = model.countries
    return {
        "weight": deal.weight,
        "tariffs": tariff_moves(
            model, deal.start, deal.tariffs, deal.parties, deal.parties if mutual else None
        ),
        "gains_pct": _by_country(deal.gains_pct, countries),
        "welfare_gains_pct": _by_country(deal.welfare_gains_pct, countries),
        "welfare_vs_baseline_pct": welfare_both_ways(model, deal.start, deal.tariffs)[1],
        "pareto_improving": bool(deal.pareto_improving),
        "solver": deal.solver_info(),
    }
