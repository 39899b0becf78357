"""Ossa's model: invariants, exact gradients, and a peer check against his own program's output.

The peer check uses ``bigresults.mat`` (psztorc/TRICE): welfare changes that Ossa's MATLAB code
(``mycounterfactuals.m``) computed for uniform tariff increases by one region against all others.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from scipy.io import loadmat

from tests.conftest import shared_data
from tradewar.errors import ConvergenceError, DataError
from tradewar.ossa import OssaModel, example_model
from tradewar.strategy import TariffModel


@pytest.fixture(scope="module")
def small():
    return example_model(seed=5, n_countries=3, n_sectors=2, lobbying="POL")


def _shock(model, seed, scale=0.4):
    rng = np.random.default_rng(seed)
    t = model.factual_tariffs() + rng.uniform(0, scale, model.factual_tariffs().shape)
    n = len(model.countries)
    t[np.arange(n), np.arange(n)] = 0
    return t


def test_implements_the_protocol(small):
    assert isinstance(small, TariffModel)


def test_zero_shock_reproduces_the_baseline(ossa_bas):
    eq = ossa_bas.solve(ossa_bas.factual_tariffs()).check()
    np.testing.assert_allclose(eq.w_hat, 1.0, atol=1e-12)
    np.testing.assert_allclose(eq.welfare_hat, 1.0, atol=1e-10)
    np.testing.assert_allclose(eq.trade, ossa_bas.data.trade, rtol=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_equilibrium_conditions_hold(small, seed):
    t = _shock(small, seed)
    eq = small.solve(t).check()
    assert eq.residual < 1e-11
    # Zero counterfactual net exports: every country's sales equal its purchases at producer prices.
    np.testing.assert_allclose(eq.trade.sum(axis=(0, 2)), eq.trade.sum(axis=(1, 2)), rtol=1e-9)
    # Numeraire: world labour income is unchanged.
    labour = small.baseline.labour_income
    assert np.sum(labour * eq.w_hat) == pytest.approx(np.sum(labour), rel=1e-12)


def test_government_welfare_is_welfare_without_lobbying(ossa_bas):
    t = _shock(ossa_bas, 7, scale=0.3)
    eq = ossa_bas.solve(t).check()
    np.testing.assert_allclose(eq.government_welfare_hat, eq.welfare_hat, rtol=1e-9)


@pytest.mark.parametrize("which", ["welfare", "government_welfare"])
def test_gradients_match_finite_differences(small, which):
    fn = getattr(small, which)
    weights = jnp.arange(1.0, 4.0)
    f = jax.jit(lambda x: jnp.sum(jnp.log(fn(x)) * weights))
    t = jnp.asarray(_shock(small, 3))
    grad = jax.jit(jax.grad(f))(t)
    rng = np.random.default_rng(11)
    for _ in range(3):
        d = rng.normal(size=t.shape)
        d[np.arange(3), np.arange(3)] = 0
        h = 1e-6
        fd = (float(f(t + h * d)) - float(f(t - h * d))) / (2 * h)
        assert float(jnp.sum(grad * d)) == pytest.approx(fd, rel=1e-6, abs=1e-9)


def test_nonconvergence_is_reported_not_returned(small):
    t = small.factual_tariffs()
    t[0, 1, 0] = 1e9  # an absurd tariff
    eq = small.solve(t)
    if not eq.converged:
        with pytest.raises(ConvergenceError):
            eq.check()
        assert np.isnan(np.asarray(small.welfare(jnp.asarray(t)))).all()


def test_bad_lobbying_weights(small):
    with pytest.raises(DataError, match="lobbying"):
        _ = OssaModel(small.data, lobbying="XYZ").weights  # type: ignore[arg-type]


def test_peer_check_against_ossas_program_output(ossa_bas):
    """Each region alone raises (1+t) by 0-10% against all others: Ossa's code vs ours."""
    folder = shared_data("ossa2014", "psztorc-TRICE")
    big = loadmat(folder / "bigresults.mat")["BigResults"]  # country x shock x club x size
    members = loadmat(folder / "whoisin.mat")["BigWhoIsIn"]
    shocks = loadmat(folder / "shocks.mat")["Shocks"].ravel()
    factual = ossa_bas.factual_tariffs()
    checked, worst = 0, 0.0
    for club in range(7):
        inside = np.flatnonzero(members[club, :, 0] == 1)
        assert len(inside) == 1
        j = int(inside[0])
        for k in (2, 5, 10):
            t = factual.copy()
            others = [i for i in range(7) if i != j]
            t[j, others] = (1 + factual[j, others]) * (1 + shocks[k]) - 1
            ours = ossa_bas.solve(t).check().welfare_hat
            # Ossa's fsolve stops at MATLAB's default TolFun of 1e-6; ours solves to 1e-12.
            np.testing.assert_allclose(ours, big[:, k, club, 0], rtol=0, atol=1e-6)
            worst = max(worst, float(np.max(np.abs(ours - big[:, k, club, 0]))))
            checked += 1
    assert checked == 21
    assert worst < 2e-7  # in practice the two agree to about 5e-8
