"""Quantile bands over the draws that converged, with the failure count beside them.

A band never includes a draw whose solve failed (its numbers are NaN and meaningless) and never
replaces one: the number of converged and failed draws travels with every band, so a reader can
see how many draws each band rests on. :func:`attach_bands` puts bands beside the figures of
JSON records (``welfare_pct`` -> ``welfare_pct_bands``). This module needs no JAX.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from tradewar.errors import UncertaintyError

#: Quantiles reported by default: the 90% band and the median.
DEFAULT_QUANTILES: tuple[float, ...] = (0.05, 0.5, 0.95)


def check_quantiles(quantiles: Sequence[float]) -> tuple[float, ...]:
    """Sorted, de-duplicated quantiles, each strictly between 0 and 1."""
    values = tuple(sorted({float(q) for q in quantiles}))
    if not values or any(not 0.0 < q < 1.0 for q in values):
        raise UncertaintyError(
            f"quantiles {list(quantiles)}: give one or more numbers strictly between 0 and 1 "
            "(e.g. 0.05, 0.5, 0.95)."
        )
    return values


def quantile_key(q: float) -> str:
    """``0.05 -> "q05"``, ``0.5 -> "q50"``, ``0.975 -> "q97.5"``."""
    pct = f"{100 * q:.6g}"
    whole, _, frac = pct.partition(".")
    return f"q{whole.zfill(2)}" + (f".{frac}" if frac else "")


def quantile_bands(
    values: np.ndarray, converged: np.ndarray, quantiles: Sequence[float] = DEFAULT_QUANTILES
) -> dict[str, np.ndarray]:
    """Quantiles over axis 0 of ``values`` using only the rows where ``converged`` is True.

    Returns ``{quantile_key(q): array}`` with the trailing shape of ``values``. With no converged
    draw every band is NaN. A quantity that is undefined in every draw (e.g. a percent change of
    a zero baseline) stays NaN.
    """
    values = np.asarray(values, dtype=np.float64)
    converged = np.asarray(converged, dtype=bool)
    if converged.shape != values.shape[:1]:
        raise UncertaintyError(
            f"converged has shape {converged.shape}; values have {values.shape[0]} draws."
        )
    qs = check_quantiles(quantiles)
    kept = values[converged]
    if kept.shape[0] == 0:
        blank = np.full(values.shape[1:], np.nan)
        return {quantile_key(q): blank.copy() for q in qs}
    out = np.quantile(kept, qs, axis=0)
    return {quantile_key(q): out[k] for k, q in enumerate(qs)}


def _lookup(
    frame: pd.DataFrame, keys: list[str]
) -> dict[tuple[Any, ...], dict[str, dict[str, float | None]]]:
    qcols = [c for c in frame.columns if c.startswith("q") and c[1:2].isdigit()]
    out: dict[tuple[Any, ...], dict[str, dict[str, float | None]]] = {}
    for row in frame.to_dict("records"):
        key = tuple(row[k] for k in keys)
        band = {q: (None if pd.isna(row[q]) else float(row[q])) for q in qcols}
        out.setdefault(key, {})[str(row["variable"])] = band
    return out


def attach_bands(
    records: Iterable[dict[str, Any]],
    bands: pd.DataFrame,
    keys: list[str],
    figures: Iterable[str],
) -> list[dict[str, Any]]:
    """Copies of ``records`` with ``<figure>_bands`` placed right after each ``<figure>``.

    ``bands`` is a table from :func:`band_tables`; ``keys`` name the columns that identify a
    record (``["iso3"]`` or ``["importer", "exporter"]``). Figures without a band are left alone.
    """
    lookup = _lookup(bands, keys) if len(bands) else {}
    wanted = set(figures)
    out = []
    for record in records:
        found: Mapping[str, dict[str, float | None]] = lookup.get(
            tuple(record[k] for k in keys), {}
        )
        new: dict[str, Any] = {}
        for name, value in record.items():
            new[name] = value
            if name in wanted and name in found:
                new[f"{name}_bands"] = found[name]
        out.append(new)
    return out
