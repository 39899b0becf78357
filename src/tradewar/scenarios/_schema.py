"""The scenario file: one counterfactual described as validated data (TOML).

A scenario names the baseline world, the policy (a date on the timeline, optionally with an
overlay; the tariffs of a period weighted by days in force; or the baseline itself), purchase
commitments, elasticity overrides and the deficit rule::

    name = "geneva-truce"
    title = "The Geneva truce"
    description = "Tariffs in force on 2025-05-14, after the Geneva talks."
    world = "default"            # "default", "toy", or a path: a .nc file or a built world folder
    deficits = "fixed"           # fixed | zero | ratio (see tradewar.model.solve)
    horizon = "1y"               # 1y | 3y | long-run (default; see tradewar.model.HORIZONS)

    [policy]
    date = "2025-05-14"   # or "today"; or period = {start = ..., end = ...}; or baseline = true
    overlay = "truce-lapses-2026-11-10"   # optional: a built-in overlay or a file (relative path)

    [elasticities]
    theta = {electronics = 8.0}  # a number for every sector, or some sectors; scale = 1.0

    [[commitments]]              # purchase commitments met in equilibrium (tradewar.model)
    record = "com-busan-soy-25"  # a timeline Commitment (amount, unit, buyer, seller) ...
    sectors = ["oilseeds_grains"]
    price = {usd = 472.0, per = "tonne", sources = ["https://..."]}

Unknown keys are rejected, so a typo cannot silently drop part of a scenario. The JSON schema is
exported to ``docs/schema/scenario.schema.json`` (:func:`scenario_schema`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveFloat,
    PrivateAttr,
    field_validator,
    model_validator,
)

from tradewar._toml import json_schema, read_toml, validate
from tradewar.errors import ScenarioError

Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Label = Annotated[str, Field(min_length=1, max_length=40)]
Sources = Annotated[tuple[Url, ...], Field(min_length=1)]

#: Units of physical commitment amounts: unit -> (multiplier to the priced unit, priced unit).
PHYSICAL_UNITS: dict[str, tuple[float, str]] = {
    "metric tons": (1.0, "tonne"),
    "million metric tons": (1e6, "tonne"),
    "million metric tons per year": (1e6, "tonne"),
    "aircraft": (1.0, "aircraft"),
    "barrels": (1.0, "barrel"),
    "million barrels": (1e6, "barrel"),
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(_Model):
    """A date range; the tariffs of each day are weighted by the days they were in force."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period: end {self.end} is before start {self.start}")
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Policy(_Model):
    """The tariffs of the scenario: exactly one of ``date``, ``period`` or ``baseline``."""

    date: dt.date | Literal["today"] | None = None
    period: Period | None = None
    baseline: bool = False
    overlay: str | None = Field(
        default=None, description="A built-in overlay name or a YAML/TOML file (relative path)."
    )

    @model_validator(mode="after")
    def _one(self) -> Policy:
        chosen = [
            k
            for k, on in (
                ("date", self.date is not None),
                ("period", self.period),
                ("baseline", self.baseline),
            )
            if on
        ]
        if len(chosen) != 1:
            raise ValueError(
                "policy: give exactly one of 'date' (a day or \"today\"), 'period' "
                f"({{start, end}}) or 'baseline = true' (got {chosen or 'none'})"
            )
        if self.baseline and self.overlay:
            raise ValueError("policy: an overlay needs a date or a period, not baseline = true")
        return self


class Elasticities(_Model):
    """Trade elasticities: ``theta`` for all sectors or some, then times ``scale``."""

    theta: PositiveFloat | dict[str, PositiveFloat] | None = None
    scale: PositiveFloat = 1.0


class TariffCut(_Model):
    """Additional duties of ``importer`` on ``exporter`` removed on ``covered_bn`` of imports.

    Down to the base (MFN) rate. When the goods are not named, the cut is spread evenly over
    ``sectors`` (default: every sector the pair trades): each sector loses the same share of its
    additional duty, ``covered_bn`` / the pair's base-year imports in those sectors.
    """

    importer: Label
    exporter: Label
    covered_bn: PositiveFloat
    sectors: tuple[Label, ...] = ()
    sources: Sources
    note: str = ""


class TradeCost(_Model):
    """A change in iceberg trade costs (``factor`` = d-hat; 1000 makes trade vanish)."""

    importer: Label
    exporter: Label
    factor: PositiveFloat
    sectors: tuple[Label, ...] | Literal["all"] = "all"
    note: str = ""


class Price(_Model):
    """The price that converts a physical amount to US dollars, with its source."""

    usd: PositiveFloat
    per: Literal["tonne", "aircraft", "barrel"]
    sources: Sources
    note: str = ""


class CommitmentSpec(_Model):
    """A purchase commitment: ``importer`` buys at least a yearly value from ``exporter``.

    The amount comes from a timeline :class:`~tradewar.timeline.Commitment` (``record``) or is
    given as ``value_bn``. Physical amounts need a ``price``. ``years`` spreads the amount over
    that many years (1: the amount is already a yearly one). When the commitment covers one
    product of a model sector, ``product_base_bn`` is that product's base-year value inside the
    covered flow: the model moves a sector's goods together, so the sector target is the
    commitment scaled by the sector's flow over the product's. ``basis = "above_base"`` adds the
    value to the base-year flow (Phase One was "above 2017").
    """

    name: str = ""
    record: str | None = None
    importer: Label | None = None
    exporter: Label | None = None
    sectors: tuple[Label, ...] = Field(min_length=1)
    value_bn: PositiveFloat | None = None
    price: Price | None = None
    years: PositiveFloat = 1.0
    product_base_bn: PositiveFloat | None = None
    product_sources: tuple[Url, ...] = ()
    basis: Literal["total", "above_base"] = "total"
    sources: tuple[Url, ...] = ()
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> CommitmentSpec:
        if self.record is None:
            if self.value_bn is None:
                raise ValueError("commitment: give 'record' (a timeline id) or 'value_bn'")
            if not (self.importer and self.exporter):
                raise ValueError(
                    "commitment: without 'record', 'importer' and 'exporter' are needed"
                )
            if not self.sources:
                raise ValueError("commitment: a 'value_bn' without 'record' needs 'sources'")
        elif self.value_bn is not None:
            raise ValueError("commitment: give 'record' or 'value_bn', not both")
        if self.product_base_bn is not None and not self.product_sources:
            raise ValueError("commitment: 'product_base_bn' needs 'product_sources'")
        return self


class Observed(_Model):
    """An observed change to print beside the prediction (e.g. US Census, 2024 to 2025).

    ``imports``: ``country``'s imports from ``partner``; ``exports``: its exports to ``partner``;
    ``balance``: exports minus imports. Values in the world's units (USD bn).
    """

    measure: Literal["imports", "exports", "balance"]
    country: Label
    partner: Label
    from_year: int
    to_year: int
    from_bn: float
    to_bn: float
    sources: Sources
    note: str = ""


class Scenario(_Model):
    """One counterfactual: world, policy, commitments, elasticities and deficit rule."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=60)
    title: str = ""
    description: str = ""
    world: str = "default"
    deficits: Literal["fixed", "zero", "ratio"] = "fixed"
    horizon: Literal["1y", "3y", "long-run"] = Field(
        default="long-run",
        description="Horizon of the answer: trade elasticities and wage stickiness "
        "(tradewar.model.HORIZONS).",
    )
    policy: Policy
    elasticities: Elasticities = Elasticities()
    tariff_cuts: tuple[TariffCut, ...] = ()
    trade_costs: tuple[TradeCost, ...] = ()
    commitments: tuple[CommitmentSpec, ...] = ()
    observed: tuple[Observed, ...] = ()
    notes: tuple[str, ...] = Field(
        default=(), description="Caveats printed with the results of this scenario."
    )
    _origin: Path | None = PrivateAttr(default=None)

    @field_validator("world")
    @classmethod
    def _world(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("world: give 'default', 'toy' or a path")
        return value

    @property
    def origin(self) -> Path | None:
        """The file the scenario was read from (relative paths resolve against its folder)."""
        return self._origin

    @property
    def label(self) -> str:
        return self.title or self.name

    def resolve_path(self, value: str) -> Path:
        """A path named in the scenario, relative to its file's folder."""
        path = Path(value).expanduser()
        if not path.is_absolute() and self._origin is not None:
            path = self._origin.parent / path
        return path

    def with_origin(self, origin: Path | None) -> Scenario:
        copy = self.model_copy()
        copy._origin = origin
        return copy


def parse_scenario(data: Any, origin: str | Path | None = None) -> Scenario:
    """Validate a scenario from parsed TOML (a mapping). Errors name the origin and field."""
    scenario = validate(Scenario, data, kind="scenario", origin=origin, error=ScenarioError)
    return scenario.with_origin(Path(origin).resolve() if origin is not None else None)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file."""
    path = Path(path)
    return parse_scenario(read_toml(path, ScenarioError), path)


def scenario_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of a scenario file."""
    return json_schema(Scenario, "tradewar scenario")
