"""Shared Ossa (2014) fixtures: one model object per session, so JAX compiles once."""

from __future__ import annotations

import pytest

from tests.conftest import shared_data
from tradewar.ossa import OssaModel, load_ossa2014


@pytest.fixture(scope="session")
def ossa_dir():
    return shared_data("ossa2014", "mat")


@pytest.fixture(scope="session")
def ossa_bas(ossa_dir):
    return OssaModel(load_ossa2014(ossa_dir), lobbying="BAS")
