"""Warm starts: a counterfactual started from a nearby equilibrium is the same equilibrium."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import ShockError
from tradewar.model import Shock, solve
from tradewar.model._solver import SolverSettings
from tradewar.worlds.examples import toy_world

TOL = SolverSettings().tol


@pytest.fixture(scope="module")
def world():
    return toy_world()


def _shock(world, extra: float, name: str) -> Shock:
    tariffs = np.array(world.tariffs)
    tariffs[0, 1, :] += extra
    tariffs[1, 0, :] += extra / 2
    return Shock(tariffs=tariffs, name=name)


@pytest.mark.parametrize("deficits", ["fixed", "zero", "ratio"])
def test_warm_start_gives_the_cold_start_equilibrium(world, deficits) -> None:
    near = solve(world, _shock(world, 0.25, "near"), deficits=deficits)
    cold = solve(world, _shock(world, 0.30, "target"), deficits=deficits)
    warm = solve(world, _shock(world, 0.30, "target"), deficits=deficits, start=near)
    assert warm.converged
    assert warm.warm_start == "near"
    assert cold.warm_start is None
    assert warm.solver_info()["warm_start"] == "near"
    # Both stop within the solver's tolerance of the same fixed point (the map is a contraction
    # near it, so the two iterates differ by a small multiple of the tolerance).
    np.testing.assert_allclose(warm.w_hat, cold.w_hat, rtol=0, atol=100 * TOL)
    np.testing.assert_allclose(warm.p_hat, cold.p_hat, rtol=0, atol=100 * TOL)
    np.testing.assert_allclose(warm.trade, cold.trade, rtol=1e-8, atol=0)
    assert warm.iterations <= cold.iterations


def test_starting_from_the_solution_takes_almost_no_iterations(world) -> None:
    cold = solve(world, _shock(world, 0.30, "target"))
    again = solve(world, _shock(world, 0.30, "target"), start=cold)
    assert again.iterations <= 3 < cold.iterations
    np.testing.assert_allclose(again.w_hat, cold.w_hat, rtol=0, atol=100 * TOL)


def test_warm_start_must_match_world_and_rule(world) -> None:
    near = solve(world, _shock(world, 0.25, "near"))
    with pytest.raises(
        ShockError, match="solved with deficits='fixed' at horizon 'long-run', not deficits='ratio'"
    ):
        solve(world, _shock(world, 0.3, "t"), deficits="ratio", start=near)
    from tests.scenarios._support import small_world

    other = small_world()
    if other.trade.shape == world.trade.shape:
        pytest.skip("the two example worlds share a shape")
    with pytest.raises(ShockError, match="not of this"):
        solve(other, None, start=near)
