"""Small models shared by the strategy tests (one object each per session: JAX compiles once)."""

from __future__ import annotations

import pytest

from tradewar.ossa import example_model
from tradewar.strategy import CaliendoParro
from tradewar.worlds.examples import random_world


@pytest.fixture(scope="session")
def small():
    """A 3-country, 2-sector Ossa economy (national welfare, lambda = 1)."""
    return example_model(seed=0, n_countries=3, n_sectors=2)


@pytest.fixture(scope="session")
def small_pol():
    """The same economy with political-economy weights."""
    return example_model(seed=0, n_countries=3, n_sectors=2, lobbying="POL")


@pytest.fixture(scope="session")
def cp_small():
    """Caliendo-Parro on a random 3x2 world (input-output links, fixed deficits)."""
    return CaliendoParro(random_world(seed=1, n_countries=3, n_sectors=2))
