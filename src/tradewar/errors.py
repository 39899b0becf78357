"""Exception types raised by tradewar.

Every error names the offending item (country, sector, record id, file, row, column) and, where
there is one, the fix. Catch :class:`TradewarError` to handle all of them.
"""

from __future__ import annotations


class TradewarError(Exception):
    """Base class of every error tradewar raises on purpose."""


class WorldError(TradewarError, ValueError):
    """A baseline world failed validation (bad values, inconsistent shapes or labels)."""


class ShockError(TradewarError, ValueError):
    """A shock does not fit the world it is applied to, or holds invalid values."""


class ScenarioError(TradewarError, ValueError):
    """A scenario file is invalid or cannot be compiled. The message names the file and field."""


class StoreError(TradewarError, RuntimeError):
    """The results store cannot be read or written (unknown run id, locked, damaged)."""


class OutputPathError(TradewarError, ValueError):
    """An output path cannot be written as asked (a missing folder, a wrong suffix, a file
    where a folder is needed). The message names the option, the path and the fix."""


class DamagedRunError(StoreError):
    """A stored run's files are missing or do not match its manifest's sha256 (names the file)."""


class ConvergenceError(TradewarError, RuntimeError):
    """A solver stopped without reaching its tolerance.

    The partial result is attached as ``result`` so that callers can inspect it; it is never a
    valid equilibrium.
    """

    def __init__(self, message: str, result: object | None = None) -> None:
        super().__init__(message)
        self.result = result


class DataError(TradewarError, ValueError):
    """A data file could not be interpreted. The message names the file, row and column."""


class TimelineError(TradewarError, ValueError):
    """A policy-timeline record, overlay or query is invalid.

    The message names the record id (or file) and the field at fault, and how to fix it.
    """


class IngestError(TradewarError, ValueError):
    """A document cannot be read for candidate timeline records (empty, binary, not English ...).

    The message names the file and what to do instead.
    """


class UncertaintyError(TradewarError, ValueError):
    """An elasticity distribution or Monte Carlo request is invalid (names the input and fix)."""


class SweepError(TradewarError, ValueError):
    """A sweep specification or sweep directory is invalid (names the field or file and fix)."""
