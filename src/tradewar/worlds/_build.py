"""Build the embedded default world (base year 2024) from the sourced input CSVs.

The steps, each documented in ``docs/data.md``:

1. value added by economy and sector: GDP x World Bank broad-sector shares, split within each
   broad group by the economy's Caliendo-Parro (1993) sector weights; gross output = value added
   / value-added share;
2. a structural-gravity prior of bilateral goods flows by sector (exporter output x importer
   demand / distance), tilted to published sector shares of exports;
3. bilateral totals balanced by RAS to each economy's goods exports and imports (WTO and national
   sources), with the published bilateral flows (US Census for the USA, partner statistics for
   China) held fixed; the rest of the world is the residual;
4. sector split of each pair from the prior, or from the pair's own sector mix where one is given
   (US-China both ways), with published sector flows imposed as floors;
5. gross output raised where exports would leave less than 10% for home sales (the GDP kept by
   lowering services value added), domestic sales = output less exports, no trade in services;
6. tariffs: MFN applied rates less FTA preferences for every importer; the USA and CHN import
   rows then come from the policy timeline's compiler at :data:`TIMELINE_DATE` (MFN plus the
   Section 301 lists and China's retaliation in force), or, with ``us_china="csv"``, from this
   package's own sourced ``tariffs_us_china.csv`` (kept as a cross-check);
7. input-output shares from Caliendo-Parro, moved away from a goods input (to the user's service
   inputs) wherever its intermediate use would leave less than 2% of the economy's absorption of
   it to final demand; final demand shares from the flows
   (:meth:`World.from_flows`).

:func:`build_files` returns the built files' bytes; :func:`build_default` writes them. The output is
deterministic: numbers are written with 12 significant digits in a fixed order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tradewar.errors import DataError
from tradewar.sectors import GOODS_CODES, SECTOR_CODES
from tradewar.worlds._inputs import (
    BASE_YEAR,
    ECONOMIES,
    INPUT_FILES,
    Inputs,
    inputs_dir,
    read_inputs,
)
from tradewar.worlds._kernels import (
    gravity_prior,
    great_circle_km,
    ras_pairs,
    reallocate_inputs,
    tilt_exports,
)

#: Smallest share of a goods sector's output sold at home.
MIN_HOME_SHARE = 0.10
#: Smallest share of absorption left to final demand when input shares are moved.
MIN_FINAL_SHARE = 0.02
BUILT_FILES = ("trade.csv", "tariffs.csv", "io_share.csv", "theta.csv", "manifest.json")


def built_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "built"


@dataclass(frozen=True)
class Flows:
    trade: np.ndarray  # (N, N, J) bn USD at producer prices
    tariffs: np.ndarray  # (N, N, J)
    io_share: np.ndarray  # (N, J, J)
    theta: np.ndarray
    report: dict[str, Any]


def value_added(inp: Inputs) -> np.ndarray:
    """(N, J) value added: GDP x broad shares, split by 1993 weights within each group."""
    within = inp.va_1993 / inp.va_1993.sum(axis=1, keepdims=True)
    return np.einsum("n,ng,njg->nj", inp.gdp, inp.broad, within)


def distances(inp: Inputs) -> np.ndarray:
    lat = np.array([inp.coords[c][0] for c in ECONOMIES[:-1]])
    lon = np.array([inp.coords[c][1] for c in ECONOMIES[:-1]])
    inner = great_circle_km(lat, lon)
    n = len(ECONOMIES)
    dist = np.empty((n, n))
    dist[:-1, :-1] = inner
    off = inner[~np.eye(n - 1, dtype=bool)]
    dist[-1, :] = dist[:, -1] = float(np.median(off))
    np.fill_diagonal(dist, 1.0)
    return dist


#: Where the USA and CHN import rows of the baseline tariffs come from: this package's
#: ``tariffs_us_china.csv`` (with ``tariffs_mfn.csv`` and ``preferences.csv``), or the policy
#: timeline's compiler (``tradewar.timeline.tariffs_on``) at :data:`TIMELINE_DATE`.
US_CHINA_SOURCES = ("csv", "timeline")
#: Mid-2024: before the four-year-review increases of 2024-09-27, which touched little 2024 trade.
TIMELINE_DATE = "2024-07-01"


def timeline_tariffs(tariffs: np.ndarray, date: str = TIMELINE_DATE) -> np.ndarray:
    """Replace the USA and CHN import rows with the timeline compiler's tariffs on ``date``."""
    from tradewar.timeline import tariffs_on

    schedule = tariffs_on(date, economies=ECONOMIES, sectors=SECTOR_CODES)
    return np.asarray(schedule.apply(tariffs, ECONOMIES, SECTOR_CODES), dtype=np.float64)


def compose(inp: Inputs, us_china: str = "timeline") -> Flows:
    """Steps 1-7 of the module docstring, in arrays."""
    if us_china not in US_CHINA_SOURCES:
        raise DataError(f"us_china={us_china!r}: use one of {list(US_CHINA_SOURCES)}.")
    n, j = len(ECONOMIES), len(SECTOR_CODES)
    goods = len(GOODS_CODES)
    io = inp.io_share
    beta = 1.0 - io.sum(axis=1)
    va = value_added(inp)
    output = va / beta

    # 2. gravity prior: importer demand = intermediate use + world-average final propensity x GDP
    intermediate = np.einsum("nkj,nj->nk", io, output)
    final_world = np.clip((output - intermediate).sum(axis=0), 0.0, None) / inp.gdp.sum()
    demand = intermediate + np.maximum(final_world, 1e-4)[None, :] * inp.gdp[:, None]
    prior = gravity_prior(output[:, :goods], demand[:, :goods], distances(inp))
    for exporter, groups in sorted(inp.export_shares.items()):
        prior = tilt_exports(prior, exporter, groups)

    # 3. bilateral totals by RAS
    fixed = np.full((n, n), np.nan)
    for (imp, exp), value in inp.bilateral.items():
        fixed[imp, exp] = value
    pairs, iterations, gap = ras_pairs(prior.sum(axis=2), inp.imports, inp.exports, fixed)

    # 4. sector split, published sector flows as floors
    mix = prior / np.where(
        prior.sum(axis=2, keepdims=True) > 0, prior.sum(axis=2, keepdims=True), 1
    )
    for (imp, exp), shares in sorted(inp.pair_shares.items()):
        mix[imp, exp] = shares
    cube = pairs[:, :, None] * mix
    floors_raised = 0
    for (imp, exp, s), value in sorted(inp.sector_floors.items()):
        if cube[imp, exp, s] < value:
            others = [k for k in range(goods) if k != s]
            rest = pairs[imp, exp] - value
            cube[imp, exp, others] *= rest / cube[imp, exp, others].sum()
            cube[imp, exp, s] = value
            floors_raised += 1

    # 5. gross output at least exports / (1 - MIN_HOME_SHARE); GDP kept via services
    exports = cube.sum(axis=0)
    need = exports / (1.0 - MIN_HOME_SHARE)
    raised = need > output[:, :goods]
    extra_va = np.where(raised, (need - output[:, :goods]) * beta[:, :goods], 0.0).sum(axis=1)
    output[:, :goods] = np.maximum(output[:, :goods], need)
    services = slice(goods, j)
    va_services = (output[:, services] * beta[:, services]).sum(axis=1)
    output[:, services] *= (1.0 - extra_va / va_services)[:, None]
    trade = np.zeros((n, n, j))
    trade[:, :, :goods] = cube
    idx = np.arange(n)
    trade[idx, idx, :goods] = output[:, :goods] - exports
    trade[idx, idx, goods:] = output[:, goods:]

    # 6. tariffs
    tariffs = np.zeros((n, n, j))
    tariffs[:, :, :goods] = inp.mfn[:, None, :] * (1.0 - inp.preference)[:, :, None]
    if us_china == "csv":
        tariffs[:, :, :goods] += inp.additional
    tariffs[idx, idx, :] = 0.0
    if us_china == "timeline":
        tariffs = timeline_tariffs(tariffs)

    # 7. input shares consistent with absorption
    absorption = np.einsum("nij,nij->nj", trade, 1 + tariffs)
    is_service = np.arange(j) >= goods
    io_new, moved, settled = reallocate_inputs(
        io, absorption, output, floor=MIN_FINAL_SHARE, sink=is_service
    )
    if not settled:
        raise DataError(
            "default world: input-output shares could not be made consistent with absorption; "
            "check the structure and trade inputs."
        )

    report = {
        "us_china_tariffs": us_china if us_china == "csv" else f"timeline:{TIMELINE_DATE}",
        "ras_iterations": iterations,
        # Rounded so that the manifest's bytes do not depend on the BLAS or numpy version.
        "ras_max_relative_gap": _rounded_gap(gap),
        "sector_floors_imposed": floors_raised,
        "goods_outputs_raised_for_exports": int(raised.sum()),
        "value_added_moved_from_services_bn": {
            c: float(_fmt(v, 9)) for c, v in zip(ECONOMIES, extra_va, strict=True) if v > 0
        },
        "input_rows_scaled_down": [
            {"economy": ECONOMIES[c], "input": SECTOR_CODES[k], "factor": round(f, 6)}
            for (c, k), f in sorted(moved.items())
        ],
    }
    return Flows(trade=trade, tariffs=tariffs, io_share=io_new, theta=inp.theta, report=report)


def _fmt(x: float, digits: int = 12) -> str:
    return format(float(x), f".{digits}g")


def _rounded_gap(gap: float) -> float:
    """A convergence gap for the record: 0.0 below 1e-12 (rounding noise), else one digit."""
    return 0.0 if gap < 1e-12 else float(format(gap, ".0e"))


def _table(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_files(directory: Path | None = None, us_china: str = "timeline") -> dict[str, bytes]:
    """The built default world as {file name: bytes}, from the inputs in ``directory``.

    ``us_china`` picks the source of the USA and CHN import tariffs (:data:`US_CHINA_SOURCES`).
    """
    root = directory or inputs_dir()
    inp = read_inputs(root)
    flows = compose(inp, us_china)
    c, s = ECONOMIES, SECTOR_CODES
    n, j = len(c), len(s)
    trade_rows = [
        f"{c[a]},{c[b]},{s[k]},{_fmt(flows.trade[a, b, k])}"
        for a in range(n)
        for b in range(n)
        for k in range(j)
        if flows.trade[a, b, k] != 0.0
    ]
    tariff_rows = [
        f"{c[a]},{c[b]},{s[k]},{_fmt(flows.tariffs[a, b, k])}"
        for a in range(n)
        for b in range(n)
        for k in range(j)
        if flows.tariffs[a, b, k] != 0.0
    ]
    io_rows = [
        f"{c[a]},{s[k]},{s[m]},{_fmt(flows.io_share[a, k, m])}"
        for a in range(n)
        for k in range(j)
        for m in range(j)
    ]
    theta_rows = [f"{s[k]},{_fmt(flows.theta[k])}" for k in range(j)]
    files = {
        "trade.csv": _table("importer,exporter,sector,value_bn", trade_rows),
        "tariffs.csv": _table("importer,exporter,sector,rate", tariff_rows),
        "io_share.csv": _table("economy,input,sector,share", io_rows),
        "theta.csv": _table("sector,theta", theta_rows),
    }
    inputs_sha = {name: _sha((root / name).read_bytes()) for name in INPUT_FILES}
    manifest = {
        "name": f"tradewar default world {BASE_YEAR}",
        "base_year": BASE_YEAR,
        "units": "current USD billions; trade at producer prices (net of tariffs)",
        "economies": list(c),
        "sectors": list(s),
        "inputs_sha256": inputs_sha,
        "outputs_sha256": {name: _sha(data) for name, data in files.items()},
        "sources": inp.sources,
        "unconfirmed_rows": inp.unconfirmed,
        "build_report": flows.report,
    }
    files["manifest.json"] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    return files


def build_default(
    out_dir: Path | None = None, inputs: Path | None = None, us_china: str = "timeline"
) -> dict[str, str]:
    """Build the default world into ``out_dir`` (default: the package's shipped folder).

    Returns {file name: sha256}. Rebuilding from unchanged inputs reproduces the shipped files
    byte for byte.
    """
    target = out_dir or built_dir()
    target.mkdir(parents=True, exist_ok=True)
    files = build_files(inputs, us_china)
    for name, data in files.items():
        (target / name).write_bytes(data)
    return {name: _sha(data) for name, data in files.items()}
