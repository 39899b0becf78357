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

    [[tariffs]]                  # a tariff of your own, in percent, from a date
    importer = "USA"
    exporter = "CHN"
    rate = 60                    # mode = "set" (the default): the tariff is 60%
    mode = "set"                 # or "add": 60 percentage points on top
    sectors = "all"              # every goods sector; or a list; or hs = ["8541", "85"]
    from = 2027-01-01

    [[commitments]]              # purchase commitments met in equilibrium (tradewar.model)
    record = "com-busan-soy-25"  # a timeline Commitment (amount, unit, buyer, seller) ...
    sectors = ["oilseeds_grains"]
    price = {usd = 472.0, per = "tonne", sources = ["https://..."]}

Unknown keys are rejected, so a typo cannot silently drop part of a scenario. The JSON schema is
exported to ``docs/schema/scenario.schema.json`` (:func:`scenario_schema`).
"""

from __future__ import annotations

import datetime as dt
import re
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

    model_config = ConfigDict(frozen=True, extra="forbid", title="Period")

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

    model_config = ConfigDict(frozen=True, extra="forbid", title="Policy")

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

    model_config = ConfigDict(frozen=True, extra="forbid", title="Elasticities")

    theta: PositiveFloat | dict[str, PositiveFloat] | None = None
    scale: PositiveFloat = 1.0


class TariffCut(_Model):
    """Additional duties of ``importer`` on ``exporter`` removed on ``covered_bn`` of imports.

    Down to the base (MFN) rate. When the goods are not named, the cut is spread evenly over
    ``sectors`` (default: every sector the pair trades): each sector loses the same share of its
    additional duty, ``covered_bn`` / the pair's base-year imports in those sectors.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", title="tariff cut")

    importer: Label
    exporter: Label
    covered_bn: PositiveFloat
    sectors: tuple[Label, ...] = ()
    sources: Sources
    note: str = ""


_HS = re.compile(r"^\d{2}(\d{2})?$")


class Tariff(_Model):
    """A tariff of ``importer`` on ``exporter``, in percent, in force from a date.

    ``mode = "set"`` makes the tariff ``rate`` percent (replacing whatever the policy has there);
    ``mode = "add"`` adds ``rate`` percentage points on top (negative: a cut). The goods are
    every goods sector (the default, or ``sectors = "all"``), a list of sectors, or HS chapters /
    headings (``hs = ["8541", "85"]``), which cover each model sector in proportion to the
    base-year imports of the pair that they account for (the timeline's HS weights). ``from``
    is the first day in force: the scenario's policy date must be on or after it; over a period,
    the tariff is weighted by the days it is in force.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, title="tariff")

    importer: Label = Field(description="The economy levying the tariff, e.g. USA.")
    exporter: Label = Field(description="The economy whose goods are taxed, e.g. CHN.")
    rate: float = Field(
        ge=-100,
        le=1000,
        description="Percent: 60 means 60% (set) or 60 percentage points more (add).",
    )
    mode: Literal["set", "add"] = Field(
        default="set", description="set: the tariff becomes rate; add: rate is added on top."
    )
    sectors: tuple[Label, ...] | Literal["all"] = Field(
        default="all", description='Goods sectors: "all" (the default) or a list of sector codes.'
    )
    hs: tuple[str, ...] = Field(
        default=(),
        title="HS codes",
        description="Instead of sectors: HS chapters (2 digits) or headings (4 digits).",
    )
    from_: dt.date | None = Field(
        default=None, alias="from", description="First day in force (default: the policy date)."
    )
    sources: tuple[Url, ...] = ()
    note: str = ""

    @field_validator("hs", mode="before")
    @classmethod
    def _hs_codes(cls, value: Any) -> Any:
        for code in value if isinstance(value, list | tuple) else ():
            if not isinstance(code, str) or not _HS.match(code):
                raise ValueError(
                    f"HS code {code!r}: give a 2-digit chapter or a 4-digit heading as a quoted "
                    'string, e.g. hs = ["8541", "85"]'
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Tariff:
        if self.hs and self.sectors != "all":
            raise ValueError("tariff: give 'sectors' or 'hs', not both")
        if self.mode == "set" and self.rate < 0:
            raise ValueError(
                f'tariff: rate {self.rate:g} with mode = "set" is negative; a set rate is '
                'the tariff itself (0 or more); use mode = "add" for a cut'
            )
        if self.importer == self.exporter:
            raise ValueError(f"tariff: importer and exporter are both {self.importer!r}")
        return self

    @property
    def label(self) -> str:
        """``USA<-CHN =60% on all goods from 2027-01-01``."""
        rate = f"={self.rate:g}%" if self.mode == "set" else f"{self.rate:+g}pp"
        goods = (
            f"HS {','.join(self.hs)}"
            if self.hs
            else "all goods"
            if self.sectors == "all"
            else ",".join(self.sectors)
        )
        start = f" from {self.from_}" if self.from_ else ""
        return f"{self.importer}<-{self.exporter} {rate} on {goods}{start}"


class TradeCost(_Model):
    """A change in iceberg trade costs (``factor`` = d-hat; 1000 makes trade vanish)."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="trade-cost change")

    importer: Label
    exporter: Label
    factor: PositiveFloat
    sectors: tuple[Label, ...] | Literal["all"] = "all"
    note: str = ""


class Price(_Model):
    """The price that converts a physical amount to US dollars, with its source."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="Price")

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

    model_config = ConfigDict(frozen=True, extra="forbid", title="purchase commitment")

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

    model_config = ConfigDict(frozen=True, extra="forbid", title="observed figure")

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
    tariffs: tuple[Tariff, ...] = Field(
        default=(), description="Tariffs set or added from a date, applied after the policy's."
    )
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
