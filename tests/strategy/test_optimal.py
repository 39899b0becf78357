"""Optimal tariffs: converged results only, checked against independent derivative-free searches."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from tradewar.errors import ConvergenceError
from tradewar.strategy import Outcome, instrument, optimal_tariffs
from tradewar.strategy._compiled import compiled, evaluate, instrument_args, pad


def test_one_rate_matches_a_derivative_free_search(small):
    """A single MFN rate: L-BFGS-B with exact gradients vs Brent's method on welfare alone."""
    result = optimal_tariffs(small, "C2", sectors=["S0"]).check()
    inst = result.instrument
    factual = small.factual_tariffs()

    def minus_welfare(rate: float) -> float:
        profile = np.asarray(inst.embed(jnp.asarray([rate]), jnp.asarray(factual)))
        return -float(evaluate(small, profile)[1][2])

    brent = minimize_scalar(
        minus_welfare, bounds=(0.0, 3.0), method="bounded", options={"xatol": 1e-9}
    )
    assert result.rates[0] == pytest.approx(brent.x, abs=1e-5)
    assert result.government_welfare[2] >= -brent.fun - 1e-12


def test_optimum_beats_every_nearby_tariff(small_pol):
    result = optimal_tariffs(small_pol, "C0", mfn=False).check()
    assert result.optimality <= result.tol
    rng = np.random.default_rng(1)
    inst = result.instrument
    trials = np.clip(result.rates + rng.normal(0, 0.05, (16, inst.size)), 0, None)
    for x in trials:
        profile = np.asarray(inst.embed(jnp.asarray(x), jnp.asarray(result.tariffs)))
        assert evaluate(small_pol, profile)[1][0] <= result.government_welfare[0] + 1e-12
    # A unilateral optimum gains over the status quo.
    assert result.government_welfare[0] > result.start_government_welfare[0]


def test_objective_gradient_matches_finite_differences(small):
    inst = instrument(small, "C1", mfn=False)
    positions, groups = instrument_args(small, inst)
    fixed = jnp.asarray(small.factual_tariffs())
    omega = jnp.asarray([0.2, 0.5, 0.3])
    x = np.array([0.1, 0.3, 0.25, 0.05])
    objective = compiled(small).objective
    value, grad = objective(pad(x), positions, groups, fixed, omega)
    for k in range(inst.size):
        e = np.zeros(inst.size)
        e[k] = 1e-6
        up = objective(pad(x + e), positions, groups, fixed, omega)[0]
        down = objective(pad(x - e), positions, groups, fixed, omega)[0]
        assert float(grad[k]) == pytest.approx(float(up - down) / 2e-6, rel=1e-6, abs=1e-8)
    assert np.isfinite(float(value))
    assert np.all(np.asarray(grad)[inst.size :] == 0)  # padding entries carry no gradient


def test_bounds_bind(small):
    result = optimal_tariffs(small, "C0", bounds=(0.0, 0.05)).check()
    np.testing.assert_allclose(result.rates, 0.05)  # the unconstrained optimum is above 5%


def test_nonconverged_result_is_never_valid(small):
    result = optimal_tariffs(small, "C0", mfn=False, max_iter=1, tol=1e-12)
    assert result.outcome is not Outcome.CONVERGED
    with pytest.raises(ConvergenceError, match="did not converge"):
        result.check()
    with pytest.raises(ConvergenceError):
        _ = result.median_rate


def test_cp_adapter_optimal_tariff(cp_small):
    result = optimal_tariffs(cp_small, "C0").check()
    assert result.welfare[0] > 1.0
    assert np.all(result.rates > 0)
    np.testing.assert_array_equal(result.welfare, result.government_welfare)
