"""Reproductions of Ossa (2014) from his data, with the tolerances stated here.

Published values come from ``TABLE*.mat`` (the paper's tables, rounded to 0.1) and are only
compared against; Ossa's stored tariff results (``MFNOPTIMALTARIFFBAS.mat`` etc.) serve as a peer
check of the solutions themselves.

Tolerances: headline numbers to within half a rounding unit of the issue's figures (0.05 pp for
welfare, 0.1 pp for median tariffs) where our solution is at least as tight as Ossa's; table
cells to within 0.6 pp (Ossa's table "wage" normalisation is not documented, see
docs/strategy.md; every other column agrees to 0.1 pp except India's Nash median, whose
industries sit either side of the median and whose tariffs Ossa's loose Nash stopping rule leaves
unconverged, see ``test_mfn_nash``).
"""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.ossa import load_ossa_result, load_published_table
from tradewar.ossa._replicate import replicate
from tradewar.strategy import deviation_gains, optimal_tariffs

US = 6


def test_us_optimal_mfn_tariff(ossa_bas, ossa_dir):
    """Table 8a, US row: median optimal MFN tariff 60.8%, welfare +2.3% (issue: +2.32%)."""
    result = optimal_tariffs(ossa_bas, "US").check()
    assert 100 * result.median_rate == pytest.approx(60.8, abs=0.1)
    assert 100 * (result.welfare[US] - 1) == pytest.approx(2.32, abs=0.005)
    published = load_published_table(ossa_dir, "TABLE8a")
    assert 100 * (result.government_welfare[US] - 1) == pytest.approx(published[US, 0], abs=0.05)
    # Peer check: Ossa's own optimum, tariff by tariff.
    stored = load_ossa_result(ossa_dir, "mfn_optimal_bas")[US, 0]
    np.testing.assert_allclose(result.rates, stored, atol=5e-4)


@pytest.mark.slow
def test_us_optimal_bilateral_tariff(ossa_bas, ossa_dir):
    """Table 3a, US row: non-MFN optimal tariffs, median 60.3%, welfare +2.3%."""
    result = optimal_tariffs(ossa_bas, "US", mfn=False).check()
    stored = load_ossa_result(ossa_dir, "optimal_bas")[US]
    published = load_published_table(ossa_dir, "TABLE3a")
    assert 100 * (result.welfare[US] - 1) == pytest.approx(published[US, 2], abs=0.05)
    assert 100 * result.median_rate == pytest.approx(published[US, 8], abs=0.15)
    # Tariffs on the larger flows agree with Ossa's; welfare at least as high as at his.
    partners = [i for i in range(7) if i != US]
    flows = ossa_bas.data.trade[US, partners]
    big = flows > np.quantile(flows, 0.25)
    np.testing.assert_allclose(result.tariffs[US, partners][big], stored[partners][big], atol=5e-3)
    t = ossa_bas.factual_tariffs()
    t[US] = stored
    assert result.government_welfare[US] >= ossa_bas.solve(t).government_welfare_hat[US] - 1e-9


@pytest.fixture(scope="module")
def bas(ossa_dir):
    return replicate(ossa_dir, lobbying="BAS")


@pytest.mark.slow
def test_table8a_optimal_mfn(bas, ossa_dir):
    panel = bas.panel("TABLE8a")
    assert panel.published is not None
    welfare_and_tariffs = [0, 1, 2, 3, 6, 7, 8]
    np.testing.assert_allclose(
        panel.values[:, welfare_and_tariffs], panel.published[:, welfare_and_tariffs], atol=0.1
    )
    np.testing.assert_allclose(panel.values, panel.published, atol=0.6)  # wage columns: see docs
    stored = load_ossa_result(ossa_dir, "mfn_optimal_bas")
    for j, result in enumerate(bas.optimal):
        np.testing.assert_allclose(result.tariffs[j], stored[j], atol=0.05)


@pytest.mark.slow
def test_mfn_nash(bas, ossa_dir):
    """Table 9a: MFN Nash, average welfare -2.38% (issue), -2.4 in the table."""
    nash = bas.nash
    assert nash.converged
    assert nash.change <= nash.tol
    assert 100 * np.mean(nash.welfare - 1) == pytest.approx(-2.38, abs=0.01)
    panel = bas.panel("TABLE9a")
    assert panel.published is not None
    cols = [0, 1, 2, 3]
    np.testing.assert_allclose(panel.values[:, cols], panel.published[:, cols], atol=0.1)
    medians = np.delete(panel.values[:, 4] - panel.published[:, 4], 3)  # all but India
    assert np.max(np.abs(medians)) < 0.25
    # Peer check: Ossa's stored Nash tariffs are within 0.03 of ours, and at his profile India
    # could still gain by deviating (his stopping rule is |mean change| < 0.01), at ours nobody can.
    stored = load_ossa_result(ossa_dir, "mfn_nash_bas")
    assert np.max(np.abs(nash.tariffs - stored)) < 0.03
    check = deviation_gains(bas.model, nash, steps=(-0.02, 0.02))
    assert check.worst < 1e-7


@pytest.mark.slow
def test_mfn_cooperative(bas):
    """Table 10a: equal gains of 3.3% from Nash, 0.3% from factual, 0.03% from free trade."""
    panel = bas.panel("TABLE10a")
    assert panel.published is not None
    gains = bas.talks["factual"].gains_pct
    np.testing.assert_allclose(gains, gains[0], atol=1e-5)  # equal percentage gains
    assert gains[0] == pytest.approx(0.3, abs=0.05)
    np.testing.assert_allclose(panel.values[:, :6], panel.published[:, :6], atol=0.05)
    np.testing.assert_allclose(panel.values, panel.published, atol=0.5)


@pytest.mark.slow
def test_pol_tables(ossa_dir):
    """Panels b (Ossa's calibrated lobbying weights from DATA.mat): Tables 8b, 9b, 10b."""
    pol = replicate(ossa_dir, lobbying="POL")
    # Nash medians: ours are 0.1-0.2 pp below Ossa's stored Nash tariffs in every region, where
    # each government could still gain ~1e-6..7e-6 % by deviating (his stopping rule is
    # |mean tariff change| < 0.01); at ours no deviation within the bounds gains over 1e-7 %.
    assert deviation_gains(pol.model, pol.nash, steps=(-0.02, 0.02)).worst < 1e-7
    for name, cols in (
        ("TABLE8b", [0, 1, 2, 3, 8]),
        ("TABLE9b", [0, 1]),
        ("TABLE10b", [0, 1, 2]),
    ):
        panel = pol.panel(name)
        assert panel.published is not None
        np.testing.assert_allclose(panel.values[-1, cols], panel.published[-1, cols], atol=0.15)
    nash_medians = pol.panel("TABLE9b")
    assert nash_medians.published is not None
    np.testing.assert_allclose(nash_medians.values[:, 4], nash_medians.published[:, 4], atol=0.25)


@pytest.mark.slow
def test_headline_averages_non_mfn_pol(ossa_dir):
    """The abstract's headline numbers (POL, non-MFN; Tables 3b, 4b, 5b): optimal tariffs
    average 62%, Nash tariffs 63%, trade-war losses 2.9%, gains from talks 0.5%. Uses Ossa's
    calibrated lobbying weights from DATA.mat (the calibration itself is not redone)."""
    pol = replicate(ossa_dir, lobbying="POL", mfn=False, talks_from=("factual",))
    mean = pol.summary()["mean"]
    assert mean["optimal_median_tariff"] == pytest.approx(62.0, abs=0.5)
    assert mean["nash_median_tariff"] == pytest.approx(63.0, abs=0.5)
    assert mean["nash_government_welfare_pct"] == pytest.approx(-2.9, abs=0.05)
    assert mean["talks_gain_pct"] == pytest.approx(0.5, abs=0.05)
    for name, col in (("TABLE3b", 0), ("TABLE3b", 8), ("TABLE4b", 0), ("TABLE4b", 4)):
        panel = pol.panel(name)
        assert panel.published is not None
        assert panel.values[-1, col] == pytest.approx(panel.published[-1, col], abs=0.25)
