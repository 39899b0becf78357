"""Ossa (2014), "Trade Wars and Trade Talks with Data": model, data and replication.

Importing this package switches JAX to 64-bit floats (as importing :mod:`tradewar.model` does).
"""

from tradewar.ossa._data import (
    INDUSTRIES,
    REGIONS,
    OssaData,
    load_ossa2014,
    load_ossa_result,
    load_published_table,
)
from tradewar.ossa._model import OssaEquilibrium, OssaModel, example_model
from tradewar.ossa._replicate import Panel, Replication, replicate
from tradewar.ossa._solver import SolverSettings

__all__ = [
    "INDUSTRIES",
    "REGIONS",
    "OssaData",
    "OssaEquilibrium",
    "OssaModel",
    "Panel",
    "Replication",
    "SolverSettings",
    "example_model",
    "load_ossa2014",
    "load_ossa_result",
    "load_published_table",
    "replicate",
]
