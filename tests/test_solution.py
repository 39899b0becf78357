"""One way a solve ends: the same Outcome and Solution base across the model, Ossa and strategy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tradewar import model, ossa, strategy
from tradewar.errors import ConvergenceError
from tradewar.model import Shock, SolverSettings, solve
from tradewar.ossa import example_model
from tradewar.solution import Outcome, Solution
from tradewar.strategy import optimal_tariffs
from tradewar.worlds.examples import toy_world


def test_one_outcome_enum_everywhere():
    assert model.Outcome is Outcome
    assert strategy.Outcome is Outcome
    for result in (
        model.Equilibrium,
        ossa.OssaEquilibrium,
        strategy.OptimalTariffs,
        strategy.NashEquilibrium,
        strategy.Agreement,
    ):
        assert issubclass(result, Solution), result


def test_every_outcome_says_what_to_try():
    for outcome in Outcome:
        if outcome is not Outcome.CONVERGED:
            assert ";" in outcome.message or ":" in outcome.message, outcome


def test_typed_settings_are_the_mapping_settings():
    world = toy_world()
    shock = Shock.set_tariffs(world, {(world.countries[0], world.countries[1], None): 1.0})
    typed = solve(world, shock, settings=SolverSettings(max_iter=3), throw=False)
    keyed = solve(world, shock, settings={"max_iter": 3}, throw=False)
    assert typed.outcome is keyed.outcome is Outcome.MAX_ITERATIONS
    assert typed.iterations == keyed.iterations == 3
    np.testing.assert_array_equal(typed.w_hat, keyed.w_hat)
    with pytest.raises(ConvergenceError, match="raise max_iter"):
        typed.check()
    assert typed.solver_info()["outcome"] == "max_iterations"


def test_ossa_equilibrium_says_how_it_ended():
    small = example_model(seed=5, n_countries=3, n_sectors=2, lobbying="POL")
    tariffs = small.factual_tariffs() + 0.5
    np.fill_diagonal(tariffs[..., 0], 0.0)
    np.fill_diagonal(tariffs[..., 1], 0.0)
    assert small.solve(tariffs).check().outcome is Outcome.CONVERGED
    capped = replace(small, settings=ossa.SolverSettings(max_iter=1)).solve(tariffs)
    assert capped.outcome is Outcome.MAX_ITERATIONS
    assert not capped.converged
    assert capped.solver_info() == {
        "outcome": "max_iterations",
        "converged": False,
        "iterations": capped.iterations,
        "residual": capped.residual,
    }
    with pytest.raises(ConvergenceError, match="Ossa equilibrium did not converge after 1"):
        capped.check()


def test_strategy_results_share_the_check():
    small = example_model(seed=5, n_countries=3, n_sectors=2, lobbying="POL")
    result = optimal_tariffs(small, "C0", mfn=False, max_iter=1, tol=1e-12)
    assert not result.converged
    info = result.solver_info()
    assert (info["outcome"], info["converged"]) == (result.outcome.value, False)
    with pytest.raises(ConvergenceError, match=result.outcome.message.split(";")[0]):
        result.check()
