"""The batch layer under sweeps and Monte Carlo: where many solves run and what each reports.

Sweeps (:mod:`tradewar.sweep`) and Monte Carlo bands (:mod:`tradewar.uncertainty`) both hand
blocks of solves to an :class:`Executor` (this process, local worker processes pinned to a core
each, or a Dask cluster: :func:`open_executor`) and report the same figures per item
(:data:`COUNTRY_VARIABLES`, :data:`BILATERAL_VARIABLES`). Neither imports the other.

Importing this package loads no JAX (a sweep file's variables are checked against these names
without the model); :mod:`tradewar.batch.outputs`, which computes the figures of solved
batches and the default chunk size, loads the model.
"""

from tradewar.batch._executor import (
    PINNED_ENV,
    DaskExecutor,
    Executor,
    InProcess,
    open_executor,
    pin_to_core,
)
from tradewar.batch._variables import BILATERAL_VARIABLES, COUNTRY_VARIABLES

__all__ = [
    "BILATERAL_VARIABLES",
    "COUNTRY_VARIABLES",
    "PINNED_ENV",
    "DaskExecutor",
    "Executor",
    "InProcess",
    "open_executor",
    "pin_to_core",
]
