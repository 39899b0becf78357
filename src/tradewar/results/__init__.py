"""Results of an equilibrium as long-form pandas tables (and xarray where arrays are natural).

Each function takes a converged :class:`~tradewar.model.Equilibrium` (a failed one raises
:class:`~tradewar.errors.ConvergenceError`) and returns baseline and counterfactual levels with
changes and percent changes.
"""

from tradewar.results._outcomes import outcomes, pass_through
from tradewar.results._path import PARTS, welfare_path, welfare_path_decomposition
from tradewar.results._tables import balances, countries, sectors, to_xarray, trade
from tradewar.results._welfare import welfare, welfare_decomposition

__all__ = [
    "PARTS",
    "balances",
    "countries",
    "outcomes",
    "pass_through",
    "sectors",
    "to_xarray",
    "trade",
    "welfare",
    "welfare_decomposition",
    "welfare_path",
    "welfare_path_decomposition",
]
