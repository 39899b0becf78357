"""Results: what a solve or a run produced, as plain tables, read without JAX.

- Tables of one equilibrium (:func:`welfare`, :func:`countries`, :func:`trade`, :func:`sectors`,
  :func:`balances`, :func:`outcomes`, ...): each takes a converged
  :class:`~tradewar.model.Equilibrium` (a failed one raises
  :class:`~tradewar.errors.ConvergenceError`) and returns baseline and counterfactual levels with
  changes and percent changes.
- A run (:class:`Run`, :class:`ScenarioResult`): the tables of a set of scenarios and their
  manifest, as :func:`tradewar.runner.run_scenarios` returns them and the store saves them, with
  the views every front end shows (:func:`headline`, :func:`pair`, :func:`diversion`, ...), the
  quantile bands of Monte Carlo draws (:func:`quantile_bands`, :func:`attach_bands`, :func:`band`)
  and the difference of two runs (:func:`diff_runs`).

Nothing here imports the model: results of a stored run are read and shown without JAX.
"""

from tradewar.results._bands import band, band_labels, bands_note, pair_band
from tradewar.results._diff import diff_runs
from tradewar.results._outcomes import outcomes, pass_through
from tradewar.results._quantiles import (
    DEFAULT_QUANTILES,
    attach_bands,
    check_quantiles,
    quantile_bands,
    quantile_key,
)
from tradewar.results._run import (
    JSON_BILATERAL_KEYS,
    RUN_TABLES,
    SCENARIO_TABLES,
    Run,
    ScenarioResult,
)
from tradewar.results._scenario_tables import (
    bilateral_table,
    country_table,
    sector_table,
    sector_trade_table,
)
from tradewar.results._tables import balances, countries, sectors, to_xarray, trade
from tradewar.results._views import (
    diversion,
    headline,
    pair,
    pair_balance,
    pair_sectors,
    sector_moves,
)
from tradewar.results._welfare import welfare, welfare_decomposition

__all__ = [
    "DEFAULT_QUANTILES",
    "JSON_BILATERAL_KEYS",
    "RUN_TABLES",
    "SCENARIO_TABLES",
    "Run",
    "ScenarioResult",
    "attach_bands",
    "balances",
    "band",
    "band_labels",
    "bands_note",
    "bilateral_table",
    "check_quantiles",
    "countries",
    "country_table",
    "diff_runs",
    "diversion",
    "headline",
    "outcomes",
    "pair",
    "pair_balance",
    "pair_band",
    "pair_sectors",
    "pass_through",
    "quantile_bands",
    "quantile_key",
    "sector_moves",
    "sector_table",
    "sector_trade_table",
    "sectors",
    "to_xarray",
    "trade",
    "welfare",
    "welfare_decomposition",
]
