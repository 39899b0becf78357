r"""Trade elasticities as a random vector that only takes positive values.

A :class:`ThetaDistribution` draws the trade elasticities :math:`\theta^j` of a world's sectors
from one of three families:

``lognormal`` (the default)
    The underlying estimates :math:`x` (one per estimated elasticity) are multivariate log-normal
    with the given mean :math:`m` and covariance :math:`S`, matched exactly:
    :math:`\log x \sim N(\mu, \Sigma)` with
    :math:`\Sigma_{kl} = \log(1 + S_{kl} / (m_k m_l))` and :math:`\mu_k = \log m_k - \Sigma_{kk}/2`
    (the moments of the log-normal distribution, e.g. Johnson, Kotz and Balakrishnan 1994,
    ch. 14). Draws are positive by construction and keep the mean and covariance.
``truncated_normal``
    :math:`x \sim N(m, S)` conditioned on every component exceeding ``floor`` (rejection
    sampling). Truncation raises the mean a little when a standard error is large relative to
    its estimate; the acceptance rate is reported.
``bootstrap``
    Rows of a user-supplied table of draws (e.g. a bootstrap of the estimation), used as given.

Sector elasticities are a fixed non-negative linear map of the underlying estimates,
:math:`\theta = A x` (rows of :math:`A` sum to one), which is how the default world averages
Caliendo–Parro sectors onto its own: a sector that averages two estimates gets the matching
variance and sectors that share an estimate move together. Positive :math:`x` gives positive
:math:`\theta`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from tradewar.errors import UncertaintyError

Kind = Literal["lognormal", "truncated_normal", "bootstrap"]
KINDS: tuple[str, ...] = ("lognormal", "truncated_normal", "bootstrap")

#: Give up rejection sampling when fewer than this share of normal draws are all above the floor.
MIN_ACCEPTANCE = 0.01


def lognormal_parameters(mean: np.ndarray, cov: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mu, Sigma) of log x for a log-normal x with mean ``mean`` and covariance ``cov``."""
    sigma = np.log1p(cov / np.outer(mean, mean))
    mu = np.log(mean) - 0.5 * np.diag(sigma)
    return mu, sigma


def _cholesky(matrix: np.ndarray, what: str) -> np.ndarray:
    """A factor L with L L' = matrix, for positive semi-definite matrices (zero rows allowed)."""
    values, vectors = np.linalg.eigh(0.5 * (matrix + matrix.T))
    scale = max(float(np.max(np.abs(values))), 1e-300)
    if values.min() < -1e-10 * scale:
        raise UncertaintyError(
            f"{what} is not positive semi-definite (smallest eigenvalue {values.min():.3g}); "
            "check the covariance matrix (symmetric, variances on the diagonal, |correlations| "
            "<= 1) or use independent standard errors."
        )
    return vectors * np.sqrt(np.clip(values, 0.0, None))


@dataclass(frozen=True, eq=False)
class ThetaDistribution:
    """A distribution of trade elasticities for the sectors ``sectors`` (always positive draws).

    ``mean`` and ``cov`` describe the underlying estimates ``params``; ``mapping`` (J x K) turns
    them into sector elasticities. ``table`` holds the rows of a ``bootstrap`` distribution (on
    ``sectors`` directly). ``label`` says in words where the numbers come from; ``assumed`` is
    True when any spread is an assumption rather than an estimate, which every report repeats.
    """

    sectors: tuple[str, ...]
    kind: Kind
    params: tuple[str, ...]
    mean: np.ndarray  # (K,)
    cov: np.ndarray  # (K, K)
    mapping: np.ndarray  # (J, K)
    label: str
    assumed: bool = False
    sources: tuple[str, ...] = ()
    floor: float = 0.0
    table: np.ndarray | None = field(default=None, repr=False)  # (D, J), bootstrap only
    scale: np.ndarray | None = field(default=None, repr=False)  # (J,) factors after mapping

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise UncertaintyError(f"kind={self.kind!r}; use one of {list(KINDS)}.")
        j, k = len(self.sectors), len(self.params)
        for name, shape in (("mean", (k,)), ("cov", (k, k)), ("mapping", (j, k))):
            array = np.array(getattr(self, name), dtype=np.float64)
            if array.shape != shape:
                raise UncertaintyError(
                    f"ThetaDistribution: {name} has shape {array.shape}, expected {shape}."
                )
            if not np.isfinite(array).all():
                raise UncertaintyError(f"ThetaDistribution: {name} has non-finite values.")
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        if self.scale is not None:
            scale = np.array(self.scale, dtype=np.float64)
            if scale.shape != (j,) or not np.isfinite(scale).all() or (scale <= 0).any():
                raise UncertaintyError(f"ThetaDistribution: scale must be ({j},) positive factors.")
            scale.setflags(write=False)
            object.__setattr__(self, "scale", scale)
        if (self.mean <= 0).any():
            bad = self.params[int(np.argmin(self.mean))]
            raise UncertaintyError(
                f"mean elasticity of {bad!r} is {self.mean.min():g}; elasticities must be positive."
            )
        if (np.diag(self.cov) < 0).any():
            raise UncertaintyError("ThetaDistribution: a variance is negative.")
        if (self.mapping < 0).any() or not np.allclose(self.mapping.sum(axis=1), 1.0):
            raise UncertaintyError(
                "ThetaDistribution: mapping weights must be non-negative with rows summing to 1."
            )
        if self.kind == "bootstrap":
            if self.table is None:
                raise UncertaintyError("a bootstrap distribution needs its table of draws.")
            table = np.array(self.table, dtype=np.float64)
            if table.ndim != 2 or table.shape[1] != j or table.shape[0] < 1:
                raise UncertaintyError(
                    f"bootstrap table has shape {table.shape}; expected (draws, {j})."
                )
            if not np.isfinite(table).all() or (table <= 0).any():
                row = int(np.argwhere(~np.isfinite(table) | (table <= 0))[0, 0])
                raise UncertaintyError(
                    f"bootstrap draw {row + 1} has a non-positive or non-finite elasticity."
                )
            table.setflags(write=False)
            object.__setattr__(self, "table", table)
        elif self.kind == "lognormal":
            _cholesky(lognormal_parameters(self.mean, self.cov)[1], "the log-normal covariance")
        else:
            _cholesky(self.cov, "the covariance")

    @property
    def _factors(self) -> np.ndarray:
        return np.ones(len(self.sectors)) if self.scale is None else self.scale

    @property
    def mean_theta(self) -> np.ndarray:
        """E[theta] by sector (J,); for a bootstrap, the mean of its rows."""
        if self.kind == "bootstrap":
            assert self.table is not None
            return np.asarray(self.table.mean(axis=0) * self._factors)
        return np.asarray(self.mapping @ self.mean * self._factors)

    @property
    def cov_theta(self) -> np.ndarray:
        """Cov[theta] by sector (J, J) (before any truncation)."""
        f = self._factors
        if self.kind == "bootstrap":
            assert self.table is not None
            cov = np.atleast_2d(np.cov(self.table, rowvar=False))
        else:
            cov = self.mapping @ self.cov @ self.mapping.T
        return np.asarray(cov * np.outer(f, f))

    def centred_on(self, theta: np.ndarray) -> ThetaDistribution:
        """The same spread, rescaled sector by sector so that E[theta] equals ``theta``.

        Keeps each sector's coefficient of variation; used when a world or scenario overrides
        the elasticities the distribution was estimated around. Returns ``self`` if they agree.
        """
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != (len(self.sectors),) or (theta <= 0).any():
            raise UncertaintyError(
                f"centred_on: theta must be {len(self.sectors)} positive values by sector."
            )
        if np.allclose(self.mean_theta, theta, rtol=1e-12, atol=0.0):
            return self
        base = self.mean_theta / self._factors
        return replace(
            self,
            scale=theta / base,
            label=f"{self.label} (re-centred on the world's elasticities)",
        )

    @property
    def se_theta(self) -> np.ndarray:
        return np.sqrt(np.clip(np.diag(self.cov_theta), 0.0, None))

    def describe(self) -> dict[str, object]:
        """Plain values for JSON, manifests and reports."""
        return {
            "kind": self.kind,
            "label": self.label,
            "assumed": self.assumed,
            "sources": list(self.sources),
            "sectors": list(self.sectors),
            "mean": self.mean_theta.tolist(),
            "se": self.se_theta.tolist(),
            "floor": self.floor,
            "bootstrap_rows": None if self.table is None else int(self.table.shape[0]),
        }

    def aligned(self, sectors: tuple[str, ...]) -> ThetaDistribution:
        """The same distribution with its sectors in the order ``sectors`` (names must match)."""
        if tuple(sectors) == self.sectors:
            return self
        missing = sorted(set(sectors) - set(self.sectors))
        extra = sorted(set(self.sectors) - set(sectors))
        if missing or extra:
            raise UncertaintyError(
                f"the elasticity distribution covers sectors {list(self.sectors)}; the world has "
                f"{list(sectors)} (missing {missing}, unknown {extra}). Give one value per "
                "world sector."
            )
        order = [self.sectors.index(s) for s in sectors]
        return ThetaDistribution(
            sectors=tuple(sectors),
            kind=self.kind,
            params=self.params,
            mean=self.mean,
            cov=self.cov,
            mapping=self.mapping[order],
            label=self.label,
            assumed=self.assumed,
            sources=self.sources,
            floor=self.floor,
            table=None if self.table is None else self.table[:, order],
            scale=None if self.scale is None else self.scale[order],
        )

    def sample(self, draws: int, seed: int = 0) -> np.ndarray:
        """``draws`` elasticity vectors (draws, J), all positive, reproducible from ``seed``."""
        if draws < 1:
            raise UncertaintyError(f"draws={draws}; ask for at least one draw.")
        rng = np.random.default_rng(seed)
        if self.kind == "bootstrap":
            assert self.table is not None
            rows = self.table.shape[0]
            if draws > rows:
                raise UncertaintyError(
                    f"asked for {draws} draws but the bootstrap table has {rows} rows; ask for "
                    f"at most {rows} draws or supply more bootstrap rows."
                )
            if draws == rows:
                return np.array(self.table * self._factors)
            rows_kept = np.sort(rng.choice(rows, size=draws, replace=False))
            return np.array(self.table[rows_kept] * self._factors)
        if self.kind == "lognormal":
            mu, sigma = lognormal_parameters(self.mean, self.cov)
            z = rng.standard_normal((draws, len(self.params)))
            x = np.exp(mu + z @ _cholesky(sigma, "the log-normal covariance").T)
        else:
            x = self._truncated(draws, rng)
        return np.asarray(x @ self.mapping.T * self._factors)

    def acceptance(self, draws: int = 100_000, seed: int = 0) -> float:
        """Share of untruncated normal draws above the floor (1.0 for the other families)."""
        if self.kind != "truncated_normal":
            return 1.0
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((draws, len(self.params)))
        x = self.mean + z @ _cholesky(self.cov, "the covariance").T
        return float((x > self.floor).all(axis=1).mean())

    def _truncated(self, draws: int, rng: np.random.Generator) -> np.ndarray:
        factor = _cholesky(self.cov, "the covariance")
        kept: list[np.ndarray] = []
        have = tried = 0
        while have < draws:
            batch = max(2 * (draws - have), 1024)
            x = self.mean + rng.standard_normal((batch, len(self.params))) @ factor.T
            ok = x[(x > self.floor).all(axis=1)]
            tried += batch
            kept.append(ok)
            have += len(ok)
            if tried >= 10_000 and have < MIN_ACCEPTANCE * tried:
                raise UncertaintyError(
                    f"truncated normal: only {have} of {tried} draws have every elasticity above "
                    f"{self.floor:g}; the standard errors are too large for a truncated normal. "
                    "Use kind='lognormal'."
                )
        return np.concatenate(kept)[:draws]


def independent(
    sectors: tuple[str, ...] | list[str],
    mean: np.ndarray,
    se: np.ndarray,
    *,
    kind: Kind = "lognormal",
    label: str = "user mean and standard errors",
    assumed: bool = False,
    sources: tuple[str, ...] = (),
    floor: float = 0.0,
) -> ThetaDistribution:
    """Independent elasticities with means ``mean`` and standard errors ``se`` by sector."""
    mean = np.asarray(mean, dtype=np.float64)
    se = np.asarray(se, dtype=np.float64)
    if se.shape != mean.shape:
        raise UncertaintyError(f"se has shape {se.shape}; mean has {mean.shape}.")
    if (se < 0).any():
        raise UncertaintyError(
            f"standard error of {list(sectors)[int(np.argmin(se))]!r} is negative."
        )
    return from_moments(
        sectors,
        mean,
        np.diag(se**2),
        kind=kind,
        label=label,
        assumed=assumed,
        sources=sources,
        floor=floor,
    )


def from_moments(
    sectors: tuple[str, ...] | list[str],
    mean: np.ndarray,
    cov: np.ndarray,
    *,
    kind: Kind = "lognormal",
    label: str = "user mean and covariance",
    assumed: bool = False,
    sources: tuple[str, ...] = (),
    floor: float = 0.0,
) -> ThetaDistribution:
    """Elasticities with mean ``mean`` (J,) and covariance ``cov`` (J, J) by sector."""
    if kind == "bootstrap":
        raise UncertaintyError("from_moments: use from_draws for bootstrap draws.")
    names = tuple(sectors)
    return ThetaDistribution(
        sectors=names,
        kind=kind,
        params=names,
        mean=np.asarray(mean, dtype=np.float64),
        cov=np.asarray(cov, dtype=np.float64),
        mapping=np.eye(len(names)),
        label=label,
        assumed=assumed,
        sources=sources,
        floor=floor,
    )


def from_draws(
    sectors: tuple[str, ...] | list[str],
    draws: np.ndarray,
    *,
    label: str = "user bootstrap draws",
    sources: tuple[str, ...] = (),
) -> ThetaDistribution:
    """A distribution that hands out the rows of ``draws`` (D, J), e.g. bootstrap estimates."""
    table = np.asarray(draws, dtype=np.float64)
    names = tuple(sectors)
    if table.ndim != 2 or table.shape[1] != len(names):
        raise UncertaintyError(f"draws have shape {table.shape}; expected (draws, {len(names)}).")
    mean = (
        table.mean(axis=0)
        if np.isfinite(table).all() and (table > 0).all()
        else np.ones(len(names))
    )
    return ThetaDistribution(
        sectors=names,
        kind="bootstrap",
        params=names,
        mean=mean,
        cov=np.zeros((len(names), len(names))),
        mapping=np.eye(len(names)),
        label=label,
        sources=sources,
        table=table,
    )


def proportional(
    sectors: tuple[str, ...] | list[str],
    theta: np.ndarray,
    cv: float,
    *,
    kind: Kind = "lognormal",
) -> ThetaDistribution:
    """Independent elasticities around ``theta`` with the same coefficient of variation ``cv``.

    An assumption, labelled as such: use it for worlds without estimated standard errors.
    """
    if not cv > 0:
        raise UncertaintyError(f"cv={cv}; the coefficient of variation must be positive.")
    theta = np.asarray(theta, dtype=np.float64)
    return independent(
        sectors,
        theta,
        cv * theta,
        kind=kind,
        label=f"ASSUMED: independent, coefficient of variation {cv:g} around the world's theta",
        assumed=True,
    )
