"""Quantile bands use converged draws only and say how many failed."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import UncertaintyError
from tradewar.results import check_quantiles, quantile_bands, quantile_key


@pytest.mark.parametrize(
    ("q", "key"), [(0.05, "q05"), (0.5, "q50"), (0.95, "q95"), (0.025, "q02.5"), (0.975, "q97.5")]
)
def test_quantile_keys(q, key):
    assert quantile_key(q) == key


def test_failed_draws_never_enter_a_band():
    rng = np.random.default_rng(0)
    values = rng.normal(size=(101, 4))
    converged = np.ones(101, dtype=bool)
    converged[::10] = False
    poisoned = values.copy()
    poisoned[~converged] = 1e9  # whatever a failed draw holds, it must not matter
    bands = quantile_bands(poisoned, converged, (0.05, 0.5, 0.95))
    expect = np.quantile(values[converged], [0.05, 0.5, 0.95], axis=0)
    for k, key in enumerate(("q05", "q50", "q95")):
        np.testing.assert_allclose(bands[key], expect[k])


def test_no_converged_draw_gives_blank_bands():
    bands = quantile_bands(np.ones((5, 2, 3)), np.zeros(5, dtype=bool))
    assert set(bands) == {"q05", "q50", "q95"}
    assert all(np.isnan(b).all() and b.shape == (2, 3) for b in bands.values())


def test_quantiles_are_checked():
    assert check_quantiles([0.95, 0.05, 0.5, 0.5]) == (0.05, 0.5, 0.95)
    for bad in ([], [0.0], [1.0], [0.5, 1.5]):
        with pytest.raises(UncertaintyError, match="strictly between 0 and 1"):
            check_quantiles(bad)
    with pytest.raises(UncertaintyError, match="converged has shape"):
        quantile_bands(np.ones((3, 2)), np.ones(4, dtype=bool))
