"""Views of a scenario's Monte Carlo bands (``tradewar run --draws N``) for the CLI and report.

A band is read from the stored ``bands`` / ``bilateral_bands`` tables; the outer quantiles
(``q05`` and ``q95`` by default) bound it. Every view returns None when the run has no bands.
"""

from __future__ import annotations

from typing import Any

from tradewar.results._run import ScenarioResult, band_summary


def _quantile_columns(columns: Any) -> list[str]:
    return [c for c in columns if c.startswith("q") and c[1:2].isdigit()]


def band_labels(result: ScenarioResult) -> tuple[str, str] | None:
    """The outer quantile keys, e.g. ``("q05", "q95")``."""
    frame = result.table("bands")
    if frame.empty:
        return None
    keys = _quantile_columns(frame.columns)
    return keys[0], keys[-1]


def band(result: ScenarioResult, variable: str, iso3: str) -> tuple[float, float] | None:
    """The outer band of a country figure (e.g. ``welfare_pct``)."""
    frame = result.table("bands")
    if frame.empty:
        return None
    rows = frame[(frame["iso3"] == iso3) & (frame["variable"] == variable)]
    if rows.empty:
        return None
    low, high = _quantile_columns(frame.columns)[0], _quantile_columns(frame.columns)[-1]
    return float(rows.iloc[0][low]), float(rows.iloc[0][high])


def pair_band(
    result: ScenarioResult, importer: str, exporter: str, variable: str = "pct_change"
) -> tuple[float, float] | None:
    """The outer band of a bilateral figure (``pct_change`` or ``counterfactual_bn``)."""
    frame = result.table("bilateral_bands")
    if frame.empty:
        return None
    rows = frame[
        (frame["importer"] == importer)
        & (frame["exporter"] == exporter)
        & (frame["variable"] == variable)
    ]
    if rows.empty:
        return None
    keys = _quantile_columns(frame.columns)
    return float(rows.iloc[0][keys[0]]), float(rows.iloc[0][keys[-1]])


def bands_note(result: ScenarioResult) -> tuple[str, bool] | None:
    """One sentence on what the bands rest on, and whether their spread is an assumption."""
    meta = result.meta.get("bands")
    if not meta:
        return None
    short = band_summary(meta)
    if "skipped" in short:
        return f"No bands: {short['skipped']}.", False
    dist = short["distribution"]
    quantiles = ", ".join(f"{100 * q:g}%" for q in short.get("quantiles") or [])
    text = (
        f"Bands ({quantiles} quantiles) over the {short['converged']} of {short['draws']} draws "
        f"of the trade elasticities whose solve converged ({short['failed']} did not and are "
        f"left out, never replaced); {dist.get('label', '')}."
    )
    return text, bool(dist.get("assumed"))
