"""The Caliendo–Parro (2015) general-equilibrium engine in exact hat algebra (JAX, float64).

``solve(world, shock) -> Equilibrium`` is the one entry point the rest of tradewar calls;
:func:`welfare_function` gives each country's welfare as a differentiable function of the whole
tariff tensor. Importing this module switches JAX to 64-bit floats.
"""

from tradewar.model._batch import BatchResult, solve_batch
from tradewar.model._equilibrium import CONDITION_TOL, Equilibrium
from tradewar.model._gradients import welfare_function
from tradewar.model._horizon import (
    DEFAULT_HORIZON,
    HORIZONS,
    Horizon,
    HorizonName,
    at_horizon,
    horizon,
    horizon_theta,
    import_weighted_theta,
)
from tradewar.model._managed import ManagedEquilibrium, PurchaseTarget, solve_managed
from tradewar.model._path import PATH_PARTS, welfare_path, welfare_path_decomposition
from tradewar.model._shock import Shock
from tradewar.model._solve import (
    CLOSURES,
    Deficits,
    Settings,
    equilibrate,
    purge_deficits,
    resolve,
    solve,
)
from tradewar.model._solver import SolverSettings
from tradewar.solution import Outcome

__all__ = [
    "CLOSURES",
    "CONDITION_TOL",
    "DEFAULT_HORIZON",
    "HORIZONS",
    "PATH_PARTS",
    "BatchResult",
    "Deficits",
    "Equilibrium",
    "Horizon",
    "HorizonName",
    "ManagedEquilibrium",
    "Outcome",
    "PurchaseTarget",
    "Settings",
    "Shock",
    "SolverSettings",
    "at_horizon",
    "equilibrate",
    "horizon",
    "horizon_theta",
    "import_weighted_theta",
    "purge_deficits",
    "resolve",
    "solve",
    "solve_batch",
    "solve_managed",
    "welfare_function",
    "welfare_path",
    "welfare_path_decomposition",
]
