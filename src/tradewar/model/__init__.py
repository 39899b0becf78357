"""The Caliendo–Parro (2015) general-equilibrium engine in exact hat algebra (JAX, float64).

``solve(world, shock) -> Equilibrium`` is the one entry point the rest of tradewar calls;
:func:`welfare_function` gives each country's welfare as a differentiable function of the whole
tariff tensor. Importing this module switches JAX to 64-bit floats.
"""

from tradewar.model._batch import BatchResult, solve_batch
from tradewar.model._equilibrium import CONDITION_TOL, Equilibrium, Outcome
from tradewar.model._gradients import welfare_function
from tradewar.model._managed import ManagedEquilibrium, PurchaseTarget, solve_managed
from tradewar.model._shock import Shock
from tradewar.model._solve import equilibrate, purge_deficits, resolve, solve
from tradewar.model._solver import SolverSettings

__all__ = [
    "CONDITION_TOL",
    "BatchResult",
    "Equilibrium",
    "ManagedEquilibrium",
    "Outcome",
    "PurchaseTarget",
    "Shock",
    "SolverSettings",
    "equilibrate",
    "purge_deficits",
    "resolve",
    "solve",
    "solve_batch",
    "solve_managed",
    "welfare_function",
]
