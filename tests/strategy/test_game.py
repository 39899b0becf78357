"""Instruments: which tariffs a player chooses, and clear errors for ill-posed choices."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest

from tradewar.strategy import StrategyError, combine, instrument
from tradewar.strategy._game import check_tariffs


def test_mfn_instrument_ties_partners(small):
    inst = instrument(small, "C1")
    assert inst.size == 2
    assert inst.labels[0] == ("C1", "*", "S0")
    t = small.factual_tariffs()
    out = np.asarray(inst.embed(jnp.asarray([0.5, 0.7]), jnp.asarray(t)))
    assert out[1, 0, 0] == out[1, 2, 0] == 0.5
    assert out[1, 0, 1] == 0.7
    assert out[1, 1, 0] == 0.0  # own goods untouched
    np.testing.assert_array_equal(np.delete(out, 1, axis=0), np.delete(t, 1, axis=0))
    np.testing.assert_allclose(inst.extract(out), [0.5, 0.7])


def test_bilateral_instrument_on_one_partner_and_sector(small):
    inst = instrument(small, "C0", mfn=False, partners=["C2"], sectors=["S1"])
    assert inst.labels == (("C0", "C2", "S1"),)
    mask = inst.mask((3, 3, 2))
    assert mask.sum() == 1
    assert mask[0, 2, 1]


def test_combine_is_joint(small):
    joint = combine(instrument(small, 0), instrument(small, 1, mfn=False))
    assert joint.size == 2 + 4
    assert joint.countries == (0, 1)
    with pytest.raises(StrategyError, match="twice"):
        combine(instrument(small, 0), instrument(small, 0))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"country": "Atlantis"}, "unknown country 'Atlantis'"),
        ({"country": 7}, "out of range"),
        ({"country": "C0", "partners": ["C0"]}, "its own goods"),
        ({"country": "C0", "sectors": ["steel"]}, "unknown sector 'steel'"),
        ({"country": "C0", "sectors": []}, "empty"),
    ],
)
def test_errors_name_the_problem(small, kwargs, message):
    with pytest.raises(StrategyError, match=message):
        instrument(small, **kwargs)


def test_bad_tariff_tensor(small):
    t = small.factual_tariffs()
    t[0, 1, 1] = -1.5
    with pytest.raises(StrategyError, match="importer 'C0', exporter 'C1', sector 'S1'"):
        check_tariffs(small, t)
    with pytest.raises(StrategyError, match="shape"):
        check_tariffs(small, t[:2])
