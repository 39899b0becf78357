"""Elasticity distributions: positive draws, the moments they promise, the CP2015 mapping."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradewar.errors import DataError, UncertaintyError
from tradewar.sectors import SECTOR_CODES
from tradewar.uncertainty import (
    cp2015_estimates,
    cp2015_theta,
    from_draws,
    from_moments,
    independent,
    lognormal_parameters,
    proportional,
    read_theta_draws,
    read_theta_moments,
)
from tradewar.worlds import default_world

SECTORS = ("a", "b", "c")


@given(
    mean=st.lists(st.floats(0.5, 50.0), min_size=3, max_size=3),
    cv=st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3),
    rho=st.floats(-0.3, 0.9),
)
@settings(max_examples=40, deadline=None)
def test_lognormal_parameters_reproduce_mean_and_covariance(mean, cv, rho):
    """E[x] = exp(mu + diag(S)/2) and Cov[x] = E E' (exp(S) - 1): the matched moments hold."""
    m = np.array(mean)
    sd = m * np.array(cv)
    corr = np.full((3, 3), rho) + (1 - rho) * np.eye(3)
    cov = corr * np.outer(sd, sd)
    mu, sigma = lognormal_parameters(m, cov)
    expect = np.exp(mu + np.diag(sigma) / 2)
    np.testing.assert_allclose(expect, m, rtol=1e-12)
    back = np.outer(expect, expect) * np.expm1(sigma)
    np.testing.assert_allclose(back, cov, rtol=1e-9, atol=1e-12 * np.abs(cov).max())


@pytest.mark.parametrize("kind", ["lognormal", "truncated_normal"])
def test_draws_are_positive_and_have_the_promised_moments(kind):
    mean = np.array([2.0, 8.0, 30.0])
    se = np.array([0.3, 2.0, 6.0])
    corr = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 1.0]])
    dist = from_moments(SECTORS, mean, corr * np.outer(se, se), kind=kind)
    draws = dist.sample(200_000, seed=3)
    assert draws.shape == (200_000, 3)
    assert (draws > 0).all()
    # Sampling error of a mean is se / sqrt(n) ~ 0.0135 for the widest; allow 5 of those.
    np.testing.assert_allclose(draws.mean(axis=0), mean, atol=5 * se.max() / np.sqrt(2e5))
    np.testing.assert_allclose(np.corrcoef(draws, rowvar=False), corr, atol=0.02)
    np.testing.assert_allclose(draws.std(axis=0), se, rtol=0.02)


def test_same_seed_same_draws_and_different_seed_different():
    dist = independent(SECTORS, [2.0, 3.0, 4.0], [0.2, 0.3, 0.4])
    np.testing.assert_array_equal(dist.sample(10, seed=1), dist.sample(10, seed=1))
    assert not np.allclose(dist.sample(10, seed=1), dist.sample(10, seed=2))


def test_truncation_keeps_every_draw_above_the_floor_and_reports_acceptance():
    dist = independent(SECTORS, [1.0, 5.0, 5.0], [0.8, 1.0, 1.0], kind="truncated_normal")
    draws = dist.sample(5000, seed=0)
    assert (draws > 0).all()
    assert 0.8 < dist.acceptance() < 0.95  # P(N(1, 0.8) > 0) = 0.894
    assert draws[:, 0].mean() > 1.0  # truncation lifts the mean of the wide one


def test_truncation_refuses_when_almost_nothing_survives():
    """Eight estimates each positive with probability ~1/2: 0.4% of normal draws survive."""
    names = tuple("abcdefgh")
    dist = independent(names, [0.01] * 8, [1.0] * 8, kind="truncated_normal")
    assert dist.acceptance() < 0.01
    with pytest.raises(UncertaintyError, match="Use kind='lognormal'"):
        dist.sample(100)


def test_bootstrap_rows_are_used_as_given():
    table = np.array([[1.0, 2.0, 3.0], [1.5, 2.5, 3.5], [2.0, 3.0, 4.0], [2.5, 3.5, 4.5]])
    dist = from_draws(SECTORS, table)
    np.testing.assert_array_equal(dist.sample(4), table)
    some = dist.sample(2, seed=5)
    assert all(any(np.array_equal(row, t) for t in table) for row in some)
    assert len({tuple(r) for r in some}) == 2  # without replacement
    with pytest.raises(UncertaintyError, match="at most 4 draws"):
        dist.sample(5)
    with pytest.raises(UncertaintyError, match="draw 2"):
        from_draws(SECTORS, np.array([[1.0, 2.0, 3.0], [1.0, -2.0, 3.0]]))


def test_centring_keeps_the_coefficient_of_variation():
    dist = independent(SECTORS, [2.0, 4.0, 8.0], [0.2, 1.0, 0.8])
    moved = dist.centred_on(np.array([4.0, 4.0, 2.0]))
    np.testing.assert_allclose(moved.mean_theta, [4.0, 4.0, 2.0])
    np.testing.assert_allclose(moved.se_theta / moved.mean_theta, dist.se_theta / dist.mean_theta)
    draws = moved.sample(100_000, seed=1)
    np.testing.assert_allclose(draws.mean(axis=0), [4.0, 4.0, 2.0], rtol=0.01)
    assert dist.centred_on(dist.mean_theta) is dist


def test_alignment_reorders_by_name_and_refuses_other_sectors():
    dist = independent(SECTORS, [1.0, 2.0, 3.0], [0.1, 0.2, 0.3])
    flipped = dist.aligned(("c", "a", "b"))
    np.testing.assert_allclose(flipped.mean_theta, [3.0, 1.0, 2.0])
    np.testing.assert_allclose(flipped.sample(5, seed=2), dist.sample(5, seed=2)[:, [2, 0, 1]])
    with pytest.raises(UncertaintyError, match=r"missing \['d'\]"):
        dist.aligned(("a", "b", "d"))


def test_bad_parameters_are_refused_with_the_reason():
    with pytest.raises(UncertaintyError, match="must be positive"):
        independent(SECTORS, [1.0, -2.0, 3.0], [0.1, 0.1, 0.1])
    with pytest.raises(UncertaintyError, match="not positive semi-definite"):
        from_moments(SECTORS, [1.0, 2.0, 3.0], np.array([[1, 2, 0], [2, 1, 0], [0, 0, 1.0]]))
    with pytest.raises(UncertaintyError, match="negative"):
        independent(SECTORS, [1.0, 2.0, 3.0], [0.1, -0.1, 0.1])
    with pytest.raises(UncertaintyError, match="cv"):
        proportional(SECTORS, np.ones(3), 0.0)
    with pytest.raises(UncertaintyError, match="at least one"):
        proportional(SECTORS, np.ones(3), 0.1).sample(0)


def test_cp2015_means_are_the_default_worlds_elasticities():
    dist = cp2015_theta()
    assert dist.sectors == SECTOR_CODES
    np.testing.assert_allclose(dist.mean_theta, default_world().theta, rtol=1e-12)
    np.testing.assert_allclose(dist.mapping.sum(axis=1), 1.0)
    assert (dist.mapping >= 0).all()


def test_cp2015_spread_is_the_published_standard_errors():
    """Every estimate the default sectors take ships its robust standard error (CP2015 Table 1,
    99% sample; LL2023 Table 3), so nothing is assumed."""
    estimates = cp2015_estimates()
    assert all(se is not None and se > 0 for _, _, se in estimates.values())
    assert estimates["cp:Agriculture"][1:] == pytest.approx((9.10943, 2.0083))
    assert estimates["cp:pooled"][1:] == pytest.approx((4.493196, 0.3929943))
    dist = cp2015_theta()
    assert not dist.assumed
    assert "ASSUMED" not in dist.label
    assert dist.describe()["assumed"] is False


def test_cp2015_mapping_carries_the_standard_errors_like_the_means():
    dist = cp2015_theta()
    se = {name: s for name, (_, _, s) in cp2015_estimates().items()}
    j = SECTOR_CODES.index
    # computers_phones = mean of CP Office and Communication (theta_choice.csv)
    expect = np.sqrt((0.5 * se["cp:Office"]) ** 2 + (0.5 * se["cp:Communication"]) ** 2)
    assert dist.se_theta[j("computers_phones")] == pytest.approx(expect, rel=1e-12)
    draws = dist.sample(2000, seed=4)
    # chemicals and pharma both take CP Chemicals; autos and aircraft LL's transport estimate;
    # refined petroleum and services CP's pooled estimate: they move together.
    np.testing.assert_array_equal(draws[:, j("chemicals")], draws[:, j("pharma")])
    np.testing.assert_array_equal(draws[:, j("motor_vehicles")], draws[:, j("aircraft")])
    np.testing.assert_array_equal(draws[:, j("refined_petroleum")], draws[:, j("svc_other")])
    assert not np.array_equal(draws[:, j("chemicals")], draws[:, j("machinery")])


def test_cp2015_uses_standard_errors_when_the_file_gives_them(tmp_path):
    rows = ["estimate,theta,se,source_url"]
    for name, (_, theta, _) in cp2015_estimates().items():
        rows.append(f"{name},{theta},{0.1 * theta:.6g},https://example.org/t1")
    path = tmp_path / "se.csv"
    path.write_text("\n".join(rows) + "\n")
    dist = cp2015_theta(se_path=path)
    assert not dist.assumed
    assert "ASSUMED" not in dist.label
    np.testing.assert_allclose(np.sqrt(np.diag(dist.cov)) / dist.mean, 0.1, rtol=1e-5)


def test_cp2015_missing_standard_error_is_assumed_and_labelled(tmp_path):
    rows = ["estimate,theta,se,source_url"]
    for name, (_, theta, se) in cp2015_estimates().items():
        rows.append(f"{name},{theta},{'' if name == 'cp:Mining' else se},https://example.org/t1")
    path = tmp_path / "se.csv"
    path.write_text("\n".join(rows) + "\n")
    dist = cp2015_theta(se_path=path, cv=0.3)
    assert dist.assumed
    assert "ASSUMED" in dist.label
    k = dist.params.index("cp:Mining")
    assert np.sqrt(dist.cov[k, k]) == pytest.approx(0.3 * dist.mean[k])
    path.write_text(path.read_text() + "cp:Mining,1,1,https://example.org\n")
    with pytest.raises(DataError, match="listed twice"):
        cp2015_estimates(path)


def test_moment_and_draw_files(tmp_path):
    moments = tmp_path / "m.csv"
    moments.write_text("sector,mean,se\na,2,0.2\nb,4,0.4\nc,6,0\n")
    dist = read_theta_moments(moments)
    np.testing.assert_allclose(dist.mean_theta, [2, 4, 6])
    np.testing.assert_allclose(dist.se_theta, [0.2, 0.4, 0.0])
    assert (dist.sample(100)[:, 2] == 6.0).all()  # zero spread: the estimate itself

    cov = tmp_path / "cov.csv"
    cov.write_text("sector,a,b,c\na,0.04,0.01,0\nb,0.01,0.16,0\nc,0,0,0.25\n")
    with_cov = read_theta_moments(moments, cov)
    assert with_cov.cov_theta[0, 1] == pytest.approx(0.01)

    draws = tmp_path / "d.csv"
    draws.write_text("draw,b,a,c\n1,4,2,6\n2,5,3,7\n")
    boot = read_theta_draws(draws)
    assert boot.sectors == ("b", "a", "c")
    np.testing.assert_allclose(boot.aligned(SECTORS).sample(2), [[2, 4, 6], [3, 5, 7]])


@pytest.mark.parametrize(
    ("name", "text", "match"),
    [
        ("m.csv", "sector,mean,se\na,2,0.2\nb,-4,0.4\n", r"row 3, column 'mean'.*positive"),
        ("m.csv", "sector,mean,se\na,2,0.2\na,4,0.4\n", r"row 3, column 'sector'.*twice"),
        ("m.csv", "sector,mean\na,2\n", r"missing column\(s\) \['se'\]"),
        ("d.csv", "a,b\n1,2\n1,x\n", r"row 3, column 'b'.*not a number"),
        ("d.csv", "a,b\n1,2\n1,0\n", r"row 3, column 'b'.*positive"),
    ],
)
def test_bad_files_name_the_cell(tmp_path, name, text, match):
    path = tmp_path / name
    path.write_text(text)
    reader = read_theta_moments if name == "m.csv" else read_theta_draws
    with pytest.raises(DataError, match=match):
        reader(path)


def test_asymmetric_covariance_is_refused(tmp_path):
    moments = tmp_path / "m.csv"
    moments.write_text("sector,mean\na,2\nb,4\n")
    cov = tmp_path / "cov.csv"
    cov.write_text("sector,a,b\na,0.04,0.01\nb,0.02,0.16\n")
    with pytest.raises(DataError, match="not symmetric"):
        read_theta_moments(moments, cov)
