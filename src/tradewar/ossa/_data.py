"""Ossa's (2014) calibrated data: :class:`OssaData`, read from his ``DATA.mat``.

Ossa's files store cubes as ``X(i, j, s)`` — exporter *i*, importer *j*, industry *s* — stacked
into a (33·7) × 7 matrix ``[X(:,:,1); …; X(:,:,33)]``. tradewar indexes everything
``[importer, exporter, sector]``, so the conversion happens here, at the loader's edge, and
nowhere else.

Reference: R. Ossa (2014), "Trade Wars and Trade Talks with Data", American Economic Review
104(12): 4104–4146, doi:10.1257/aer.104.12.4104. Data: his AER replication package, as copied in
``../shared/data/ossa2014`` (see its README).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from tradewar.errors import DataError

#: The seven regions, in Ossa's order.
REGIONS = ("Brazil", "China", "EU", "India", "Japan", "ROW", "US")
#: The 33 traded GTAP industries, in Ossa's order.
INDUSTRIES = (
    "ric", "wht", "gro", "v_f", "osd", "sug", "pfb", "ocr", "ctl", "oap", "dry", "wol", "frs",
    "cmt", "omt", "vol", "ofd", "b_t", "tex", "wap", "lea", "lum", "ppp", "crp", "nmm", "i_s",
    "nfm", "fmp", "mvh", "otn", "ele", "ome", "omf",
)  # fmt: skip
N, S = len(REGIONS), len(INDUSTRIES)


def unstack(matrix: np.ndarray, name: str) -> np.ndarray:
    """Ossa's stacked ``(S*N, N)`` layout ``X(i,j,s)`` -> tradewar's ``[importer, exporter, s]``."""
    rows, cols = matrix.shape
    if cols == 0 or rows % cols:
        raise DataError(f"{name}: shape {matrix.shape} is not a stack of square industry blocks.")
    n = cols
    return np.ascontiguousarray(matrix.reshape(rows // n, n, n).transpose(2, 1, 0))


def restack(cube: np.ndarray) -> np.ndarray:
    """Inverse of :func:`unstack`: ``[importer, exporter, s]`` -> Ossa's stacked layout."""
    n, _, s = cube.shape
    return np.ascontiguousarray(cube.transpose(2, 1, 0).reshape(s * n, n))


def from_exporter_importer(cube: np.ndarray) -> np.ndarray:
    """Ossa's ``T(i, j, s)`` cube (exporter, importer) -> ``[importer, exporter, s]``."""
    return np.ascontiguousarray(np.asarray(cube, dtype=np.float64).transpose(1, 0, 2))


def mfn_cube(rates: np.ndarray) -> np.ndarray:
    """``rates[s, j]`` (industry x imposing country) -> a tariff cube with a zero diagonal."""
    n = rates.shape[1]
    cube = np.repeat(rates.T[:, None, :], n, axis=1)
    cube[np.arange(n), np.arange(n), :] = 0.0
    return cube


def bilateral_cube(columns: np.ndarray) -> np.ndarray:
    """Ossa's non-MFN layout ((N-1)*S x N, exporters i != j fastest) -> a tariff cube."""
    rows, n = columns.shape
    s = rows // (n - 1)
    cube = np.zeros((n, n, s))
    for j in range(n):
        partners = [i for i in range(n) if i != j]
        cube[j, partners, :] = columns[:, j].reshape(s, n - 1).T
    return cube


@dataclass(frozen=True, eq=False)
class OssaData:
    """Ossa's calibrated baseline: flows, tariffs, elasticities and lobbying weights.

    ``trade[n, i, s]`` — imports of *n* from *i* in industry *s* at producer prices (net of
    tariffs), domestic sales on the diagonal; ``tariffs[n, i, s]`` — ad-valorem tariff of importer
    *n* on exporter *i* (0.25 = 25%), zero diagonal; ``sigma[s]`` — elasticities of substitution;
    ``lambda_pol[n, s]`` — his calibrated political-economy weights (``LAMBDAPOL``);
    ``target_tariffs[n, s]`` — the non-cooperative tariffs λ was calibrated to.
    """

    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    trade: np.ndarray
    tariffs: np.ndarray
    sigma: np.ndarray
    lambda_pol: np.ndarray
    target_tariffs: np.ndarray
    name: str = "ossa2014"
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, s = len(self.countries), len(self.sectors)
        shapes = {
            "trade": (n, n, s),
            "tariffs": (n, n, s),
            "sigma": (s,),
            "lambda_pol": (n, s),
            "target_tariffs": (n, s),
        }
        for name, shape in shapes.items():
            array = np.array(getattr(self, name), dtype=np.float64)
            if array.shape != shape:
                raise DataError(f"{self.name}: {name} has shape {array.shape}, expected {shape}.")
            if not np.all(np.isfinite(array)):
                where = tuple(int(x) for x in np.argwhere(~np.isfinite(array))[0])
                raise DataError(f"{self.name}: {name}{list(where)} is not a finite number.")
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        object.__setattr__(self, "countries", tuple(self.countries))
        object.__setattr__(self, "sectors", tuple(self.sectors))
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        self._check()

    def _check(self) -> None:
        if np.any(self.trade < 0):
            n, i, s = np.argwhere(self.trade < 0)[0]
            raise DataError(
                f"{self.name}: negative trade flow {self.trade[n, i, s]:g} (importer "
                f"{self.countries[n]!r}, exporter {self.countries[i]!r}, "
                f"industry {self.sectors[s]!r})."
            )
        if np.any(self.tariffs <= -1):
            n, i, s = np.argwhere(self.tariffs <= -1)[0]
            raise DataError(
                f"{self.name}: tariff {self.tariffs[n, i, s]:g} of importer {self.countries[n]!r} "
                f"on {self.countries[i]!r}, industry {self.sectors[s]!r}, is -100% or less."
            )
        if np.any(self.sigma <= 1):
            s = int(np.argmin(self.sigma))
            raise DataError(
                f"{self.name}: elasticity of substitution {self.sigma[s]:g} for industry "
                f"{self.sectors[s]!r} must exceed 1."
            )

    @property
    def lambda_bas(self) -> np.ndarray:
        """No political economy: every weight is one (Ossa's ``LAMBDABAS``)."""
        return np.ones_like(self.lambda_pol)

    @property
    def net_exports(self) -> np.ndarray:
        """Aggregate net exports at producer prices, (N,) (zero in the purged data)."""
        return self.trade.sum(axis=(0, 2)) - self.trade.sum(axis=(1, 2))


def _loadmat(path: Path) -> dict[str, Any]:
    from scipy.io import loadmat

    if not path.is_file():
        raise DataError(
            f"{path}: file not found. Point --data at Ossa's mat/ folder "
            "(../shared/data/ossa2014/mat), which holds DATA.mat and his result files."
        )
    try:
        return dict(loadmat(path))
    except (ValueError, OSError) as exc:
        raise DataError(f"{path}: not a readable MATLAB file ({exc}).") from exc


def _array(content: Mapping[str, Any], key: str, path: Path, shape: tuple[int, ...]) -> np.ndarray:
    if key not in content:
        raise DataError(f"{path}: variable {key!r} is missing.")
    array = np.asarray(content[key]).astype(np.float64)  # LAMBDABAS is stored as uint8
    if array.shape != shape:
        raise DataError(f"{path}: {key} has shape {array.shape}, expected {shape}.")
    return array


def load_ossa2014(directory: str | Path) -> OssaData:
    """Read Ossa's calibrated baseline ``DATA.mat`` (purged, balanced-trade data) from a folder."""
    path = Path(directory) / "DATA.mat"
    content = _loadmat(path)
    trade = _array(content, "TRADE", path, (S * N, N))
    tariff = _array(content, "TARIFF", path, (S * N, N))
    sigma = _array(content, "SIGMA", path, (S, 1))[:, 0]
    lambda_pol = _array(content, "LAMBDAPOL", path, (N, S))
    target = _array(content, "TARGETTARIFF", path, (S, N))
    lambda_bas = _array(content, "LAMBDABAS", path, (N, S))
    if not np.all(lambda_bas == 1):
        raise DataError(f"{path}: LAMBDABAS should hold ones only (no political economy).")
    labels = tuple(str(np.ravel(x)[0]) for x in np.ravel(content.get("LABELS", [])))
    if labels and labels != INDUSTRIES:
        raise DataError(f"{path}: LABELS {labels} are not Ossa's 33 industries in his order.")
    return OssaData(
        countries=REGIONS,
        sectors=INDUSTRIES,
        trade=unstack(trade, "TRADE"),
        tariffs=unstack(tariff, "TARIFF"),
        sigma=sigma,
        lambda_pol=lambda_pol,
        target_tariffs=target.T,
        name="ossa2014",
        meta={"source": str(path)},
    )


#: Ossa's stored result files and how each is laid out.
RESULT_FILES = {
    "mfn_optimal_bas": ("MFNOPTIMALTARIFFBAS.mat", "MFNOPTIMALTARIFFBAS", "mfn"),
    "mfn_optimal_pol": ("MFNOPTIMALTARIFFPOL.mat", "MFNOPTIMALTARIFFPOL", "mfn"),
    "optimal_bas": ("OPTIMALTARIFFBAS.mat", "OPTIMALTARIFFBAS", "bilateral"),
    "optimal_pol": ("OPTIMALTARIFFPOL.mat", "OPTIMALTARIFFPOL", "bilateral"),
    "mfn_nash_bas": ("MFNNASHTARIFFBASs.mat", "MFNNASHTARIFFBASs", "cube"),
    "mfn_nash_pol": ("MFNNASHTARIFFPOLs.mat", "MFNNASHTARIFFPOLs", "cube"),
    "nash_bas": ("NASHTARIFFBASs.mat", "NASHTARIFFBASs", "cube"),
    "nash_pol": ("NASHTARIFFPOLs.mat", "NASHTARIFFPOLs", "cube"),
}


def load_ossa_result(directory: str | Path, key: str) -> np.ndarray:
    """One of Ossa's stored tariff results as a ``[importer, exporter, sector]`` cube.

    For the unilateral optimal tariffs (``mfn_optimal_*``, ``optimal_*``) column *j* of his file
    is country *j*'s own optimum holding the others at factual levels, so row *j* of the
    returned cube holds country *j*'s optimal tariffs (the rows are not a joint profile).
    These are peer results to compare with, never inputs.
    """
    if key not in RESULT_FILES:
        raise DataError(f"unknown Ossa result {key!r}; choose one of {sorted(RESULT_FILES)}.")
    filename, variable, layout = RESULT_FILES[key]
    path = Path(directory) / filename
    content = _loadmat(path)
    if layout == "mfn":
        return mfn_cube(_array(content, variable, path, (S, N)))
    if layout == "bilateral":
        return bilateral_cube(_array(content, variable, path, ((N - 1) * S, N)))
    return from_exporter_importer(_array(content, variable, path, (N, N, S)))


def load_published_table(directory: str | Path, table: str) -> np.ndarray:
    """A published table of Ossa (2014) (e.g. ``"TABLE8a"``) from ``TABLE*.mat``.

    Only for comparison: rows are the seven regions and the mean, values in percent.
    """
    number = "".join(ch for ch in table if ch.isdigit())
    path = Path(directory) / f"TABLE{number}.mat"
    content = _loadmat(path)
    if table not in content:
        raise DataError(f"{path}: table {table!r} is missing.")
    return np.asarray(content[table], dtype=np.float64)
