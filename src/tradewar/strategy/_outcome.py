"""How a strategy solve ended, and the check that turns a failure into an error."""

from __future__ import annotations

import enum


class Outcome(enum.Enum):
    """Outcome of an optimisation, fixed-point or game solve."""

    CONVERGED = "converged"
    MAX_ITERATIONS = "max_iterations"
    STALLED = "stalled"
    NONFINITE = "nonfinite"
    INFEASIBLE = "infeasible"

    @property
    def message(self) -> str:
        return {
            Outcome.CONVERGED: "converged",
            Outcome.MAX_ITERATIONS: (
                "stopped at the iteration limit before meeting the optimality tolerance; raise "
                "max_iter or start from a better guess"
            ),
            Outcome.STALLED: (
                "the optimiser stopped making progress before meeting the optimality tolerance; "
                "loosen tol, or try a different starting point or tighter bounds"
            ),
            Outcome.NONFINITE: (
                "the model's equilibrium did not converge at a trial point (welfare is NaN); "
                "narrow the tariff bounds"
            ),
            Outcome.INFEASIBLE: (
                "the constraints could not be met to tolerance; check that the constrained "
                "outcome is attainable from the starting point"
            ),
        }[self]
