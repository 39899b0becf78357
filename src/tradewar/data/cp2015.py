"""Caliendo and Parro (2015) NAFTA data: 31 regions x 40 sectors, base year 1993.

Reads the authors' input files (``xbilat1993.txt``, ``tariffs1993.txt``, ``tariffs2005.txt``,
``GO.txt``, ``B.txt``, ``IO.txt``, ``T.txt``, ``alphas.mat``) as their ``Equilibrium/script.m``
does: bilateral trade in thousand USD net of tariffs, importers in rows and exporters in columns,
one 31 x 31 block per tradable sector; domestic sales are gross output less exports, with gross
output raised to exports where the data fall short. The authors' final-demand shares (negative
values clipped to zero) make the raw data a near-equilibrium only, so
:func:`tradewar.replication.cp2015_world` re-solves them to the equilibrium at 1993 tariffs,
exactly as the authors' code solves its baseline, and reports how far the flows moved. This
module only reads; it imports no model.

Reference: L. Caliendo and F. Parro (2015), "Estimates of the Trade and Welfare Effects of NAFTA",
Review of Economic Studies 82(1): 1-44, doi:10.1093/restud/rdu035.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tradewar.errors import DataError

REGIONS = (
    "Argentina", "Australia", "Austria", "Brazil", "Canada", "Chile", "China", "Denmark",
    "Finland", "France", "Germany", "Greece", "Hungary", "India", "Indonesia", "Ireland", "Italy",
    "Japan", "Korea", "Mexico", "Netherlands", "New Zealand", "Norway", "Portugal",
    "South Africa", "Spain", "Sweden", "Turkey", "UK", "USA", "RoW",
)  # fmt: skip
SECTORS = (
    "Agriculture", "Mining", "Food", "Textile", "Wood", "Paper", "Petroleum", "Chemicals",
    "Plastic", "Minerals", "Basic metals", "Metal products", "Machinery n.e.c.", "Office",
    "Electrical", "Communication", "Medical", "Auto", "Other Transport", "Other",
    "Electricity", "Construction", "Retail", "Hotels", "Land Transport", "Water Transport",
    "Air Transport", "Aux Transport", "Post", "Finance", "Real Estate", "Renting Machinery",
    "Computer", "R&D", "Other Business", "Public", "Education", "Health", "Other Services",
    "Private",
)  # fmt: skip
NAFTA = ("Canada", "Mexico", "USA")
N, J, J_TRADABLE = len(REGIONS), len(SECTORS), 20
#: Trade elasticity the authors give every non-tradable sector.
THETA_NONTRADABLE = 8.22

FILES = (
    "xbilat1993.txt",
    "tariffs1993.txt",
    "tariffs2005.txt",
    "GO.txt",
    "B.txt",
    "IO.txt",
    "T.txt",
    "alphas.mat",
)


def _read_txt(path: Path, shape: tuple[int, int]) -> np.ndarray:
    try:
        array = np.loadtxt(path, ndmin=2)
    except ValueError as exc:
        raise DataError(f"{path}: not a whitespace-separated table of numbers ({exc}).") from exc
    if array.shape != shape:
        raise DataError(
            f"{path}: {array.shape[0]} rows x {array.shape[1]} columns, expected {shape}."
        )
    bad = ~np.isfinite(array)
    if bad.any():
        row, col = (int(x) + 1 for x in np.argwhere(bad)[0])
        raise DataError(f"{path}: row {row}, column {col} is not a finite number.")
    return array


def _stacked(array: np.ndarray) -> np.ndarray:
    """(20*N, N) blocks [sector][importer, exporter] -> (N, N, J) with zeros for non-tradables."""
    cube = np.zeros((N, N, J))
    cube[:, :, :J_TRADABLE] = array.reshape(J_TRADABLE, N, N).transpose(1, 2, 0)
    return cube


@dataclass(frozen=True, eq=False)
class CP2015Data:
    """The raw 1993 data and both tariff years, as arrays (importer, exporter, sector)."""

    trade: np.ndarray  # (N, N, J) thousand USD -> USD, net of tariffs, domestic on the diagonal
    tariffs_1993: np.ndarray
    tariffs_2005: np.ndarray
    va_share: np.ndarray
    io_share: np.ndarray
    final_share: np.ndarray
    theta: np.ndarray
    directory: Path
    changes: tuple[str, ...] = ()

    def nafta_tariffs(self) -> np.ndarray:
        """1993 tariffs everywhere, except among Canada, Mexico and the USA (their 2005 rates)."""
        tariffs = self.tariffs_1993.copy()
        idx = [REGIONS.index(r) for r in NAFTA]
        for n in idx:
            for i in idx:
                tariffs[n, i, :] = self.tariffs_2005[n, i, :]
        return tariffs


def load(directory: str | Path) -> CP2015Data:
    """Read the authors' files from ``directory`` (see the module docstring)."""
    import scipy.io

    root = Path(directory)
    missing = [f for f in FILES if not (root / f).is_file()]
    if missing:
        raise DataError(
            f"{root}: missing Caliendo-Parro files {missing}; point --data at the folder holding "
            "the authors' original inputs."
        )
    trade_blocks = _read_txt(root / "xbilat1993.txt", (J_TRADABLE * N, N)) * 1000.0
    if (trade_blocks < 0).any():
        row, col = (int(x) + 1 for x in np.argwhere(trade_blocks < 0)[0])
        raise DataError(f"{root / 'xbilat1993.txt'}: row {row}, column {col} is negative.")
    tariffs_1993 = _stacked(_read_txt(root / "tariffs1993.txt", (J_TRADABLE * N, N)) / 100.0)
    tariffs_2005 = _stacked(_read_txt(root / "tariffs2005.txt", (J_TRADABLE * N, N)) / 100.0)
    gross_output = _read_txt(root / "GO.txt", (J, N)).T  # (N, J)
    va_share = _read_txt(root / "B.txt", (J, N)).T
    io_blocks = _read_txt(root / "IO.txt", (N * J, J)).reshape(N, J, J)  # [n, input k, user j]
    theta_tradable = _read_txt(root / "T.txt", (J_TRADABLE, 1)).ravel()
    alphas = scipy.io.loadmat(root / "alphas.mat").get("alphas")
    if alphas is None or alphas.shape != (J, N):
        raise DataError(f"{root / 'alphas.mat'}: expected a variable 'alphas' of shape {(J, N)}.")

    trade = _stacked(trade_blocks)
    for cube in (trade, tariffs_1993, tariffs_2005):
        idx = np.arange(N)
        cube[idx, idx, :] = 0.0
    exports = trade.sum(axis=0)  # (N, J) by exporter
    gross_output = np.maximum(gross_output, exports)
    idx = np.arange(N)
    trade[idx, idx, :] = gross_output - exports
    changes: list[str] = []
    negative = np.argwhere(io_blocks < 0)
    for n, k, j in negative:
        changes.append(
            f"IO.txt: input coefficient of {REGIONS[n]}, input {SECTORS[k]!r} into "
            f"{SECTORS[j]!r} is {io_blocks[n, k, j]:.7g}; set to 0 and the sector's other input "
            "coefficients rescaled to sum to one"
        )
    if len(negative):
        io_blocks = np.clip(io_blocks, 0.0, None)
        sums = io_blocks.sum(axis=1, keepdims=True)
        io_blocks = np.divide(io_blocks, sums, out=np.zeros_like(io_blocks), where=sums > 0)
    io_share = io_blocks * (1 - va_share)[:, None, :]
    final = np.asarray(alphas, dtype=np.float64).T
    theta = np.concatenate([theta_tradable, np.full(J - J_TRADABLE, THETA_NONTRADABLE)])
    return CP2015Data(
        trade=trade,
        tariffs_1993=tariffs_1993,
        tariffs_2005=tariffs_2005,
        va_share=va_share,
        io_share=io_share,
        final_share=final / final.sum(axis=1, keepdims=True),
        theta=theta,
        directory=root,
        changes=tuple(changes),
    )
