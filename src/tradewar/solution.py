"""How every solve ends: one :class:`Outcome` and one :class:`Solution` base for all solvers.

The equilibrium solvers (Caliendo-Parro in :mod:`tradewar.model`, Ossa's in
:mod:`tradewar.ossa`) and the strategy layer's optimisations, Nash iterations and talks all
report how they stopped with the same enum, and each result has the same ``converged``,
``check()`` and ``solver_info()``. A result that did not converge is never read as one:
``check()`` raises :class:`~tradewar.errors.ConvergenceError` with the outcome's advice.
No JAX here.
"""

from __future__ import annotations

import enum
from typing import Any, Self

from tradewar.errors import ConvergenceError

__all__ = ["Outcome", "Solution"]


class Outcome(enum.Enum):
    """How a solve ended; :attr:`message` says what happened and what to try."""

    CONVERGED = "converged"
    MAX_ITERATIONS = "max_iterations"
    STALLED = "stalled"
    NONFINITE = "nonfinite"
    CONDITIONS_VIOLATED = "conditions_violated"
    DEFICITS_INFEASIBLE = "deficits_infeasible"
    INFEASIBLE = "infeasible"

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_MESSAGES = {
    Outcome.CONVERGED: "converged",
    Outcome.MAX_ITERATIONS: (
        "stopped at the iteration limit before reaching the tolerance; raise max_iter, loosen "
        "tol, start from a better guess, or check the shock for extreme tariffs or trade-cost "
        "changes"
    ),
    Outcome.STALLED: (
        "the optimiser stopped making progress before meeting the optimality tolerance; "
        "loosen tol, or try a different starting point or tighter bounds"
    ),
    Outcome.NONFINITE: (
        "non-finite values appeared: check the shock (a tariff near -100% or a trade cost near "
        "zero) and the world's smallest flows; in an optimisation the equilibrium did not "
        "converge at a trial point (welfare is NaN): narrow the tariff bounds"
    ),
    Outcome.CONDITIONS_VIOLATED: (
        "the iteration settled but an equilibrium condition is violated beyond its tolerance; "
        "report this with the world and shock"
    ),
    Outcome.DEFICITS_INFEASIBLE: (
        "no equilibrium exists with these deficits: a country's spending would have to be "
        "negative (its fixed trade surplus exceeds its income under the shock); purge deficits "
        "(deficits='zero') or scale them with income (deficits='ratio')"
    ),
    Outcome.INFEASIBLE: (
        "the constraints could not be met to tolerance; check that the constrained outcome is "
        "attainable from the starting point"
    ),
}


class Solution:
    """Base of every solver's result: an ``outcome`` field and what follows from it.

    Subclasses (frozen dataclasses) declare ``outcome`` and say in :meth:`_progress` what was
    solved and how far it got; :meth:`solver_info` adds their own diagnostics to the common two.
    """

    outcome: Outcome

    @property
    def converged(self) -> bool:
        return self.outcome is Outcome.CONVERGED

    def _progress(self) -> str:
        """What was solved and where it stopped, e.g. "solve of 'x' ... after 3000 iterations"."""
        raise NotImplementedError

    def check(self) -> Self:
        """Self if converged, else raise :class:`~tradewar.errors.ConvergenceError`."""
        if not self.converged:
            raise ConvergenceError(f"{self._progress()}: {self.outcome.message}.", result=self)
        return self

    def solver_info(self) -> dict[str, Any]:
        """Solver diagnostics as plain values (for JSON and reports)."""
        return {"outcome": self.outcome.value, "converged": self.converged}
