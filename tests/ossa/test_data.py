"""The loader reads Ossa's stacked exporter-importer layout into [importer, exporter, sector]."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.io import savemat

from tradewar.errors import DataError
from tradewar.ossa import INDUSTRIES, REGIONS, load_ossa2014, load_ossa_result
from tradewar.ossa._data import N, S, bilateral_cube, mfn_cube, restack, unstack


def _mock_data(path, **override):
    """A DATA.mat of the real format (stacked 231 x 7 arrays) with random values."""
    rng = np.random.default_rng(3)
    content = {
        "TRADE": rng.uniform(1, 10, (S * N, N)),
        "TARIFF": rng.uniform(0, 0.3, (S * N, N)),
        "SIGMA": rng.uniform(2, 6, (S, 1)),
        "TARGETTARIFF": rng.uniform(0, 1, (S, N)),
        "LAMBDAPOL": rng.uniform(0.5, 1.5, (N, S)),
        "LAMBDABAS": np.ones((N, S), dtype=np.uint8),
    }
    content.update(override)
    savemat(path / "DATA.mat", content)
    return content


def test_mock_file_layout(tmp_path):
    content = _mock_data(tmp_path)
    data = load_ossa2014(tmp_path)
    # Row s*N + i, column j of the stacked matrix is the flow exporter i -> importer j, industry s.
    s, i, j = 4, 6, 1
    assert data.trade[j, i, s] == content["TRADE"][s * N + i, j]
    assert data.tariffs[j, i, s] == content["TARIFF"][s * N + i, j]
    assert data.target_tariffs[j, s] == content["TARGETTARIFF"][s, j]
    assert data.lambda_bas.dtype == np.float64
    np.testing.assert_array_equal(restack(data.trade), content["TRADE"])


def test_real_data(ossa_dir):
    data = load_ossa2014(ossa_dir)
    assert data.countries == REGIONS
    assert data.sectors == INDUSTRIES
    # The purged baseline has balanced trade (Ossa's NX is 'basically zero').
    assert np.max(np.abs(data.net_exports)) < 1e-3
    assert np.all(data.tariffs[np.arange(N), np.arange(N)] == 0)
    assert data.sigma.mean() == pytest.approx(3.42, abs=0.01)  # README: Feenstra mean 3.42


def test_missing_file_names_it(tmp_path):
    with pytest.raises(DataError, match=r"DATA\.mat"):
        load_ossa2014(tmp_path)


def test_wrong_shape_names_variable(tmp_path):
    _mock_data(tmp_path, SIGMA=np.ones((32, 1)))
    with pytest.raises(DataError, match="SIGMA"):
        load_ossa2014(tmp_path)


def test_lambdabas_must_be_ones(tmp_path):
    _mock_data(tmp_path, LAMBDABAS=np.full((N, S), 2, dtype=np.uint8))
    with pytest.raises(DataError, match="LAMBDABAS"):
        load_ossa2014(tmp_path)


def test_layout_helpers_round_trip():
    rng = np.random.default_rng(0)
    cube = rng.uniform(size=(N, N, S))
    np.testing.assert_array_equal(unstack(restack(cube), "x"), cube)
    rates = rng.uniform(size=(S, N))
    mfn = mfn_cube(rates)
    assert mfn[6, 1, 5] == rates[5, 6]
    assert mfn[6, 6, 5] == 0
    columns = rng.uniform(size=((N - 1) * S, N))
    cube = bilateral_cube(columns)
    # Column j: exporters i != j vary fastest, then industry.
    assert cube[6, 0, 0] == columns[0, 6]
    assert cube[6, 1, 0] == columns[1, 6]
    assert cube[6, 0, 1] == columns[N - 1, 6]
    assert cube[0, 1, 0] == columns[0, 0]


def test_stored_results_have_zero_diagonals(ossa_dir):
    for key in ("mfn_optimal_bas", "optimal_bas", "mfn_nash_bas", "nash_bas"):
        cube = load_ossa_result(ossa_dir, key)
        assert cube.shape == (N, N, S)
        assert np.all(cube[np.arange(N), np.arange(N)] == 0)
    with pytest.raises(DataError, match="unknown Ossa result"):
        load_ossa_result(ossa_dir, "nonsense")
