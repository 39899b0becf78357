"""The sweep file: a grid or list of scenario variants, as validated data (TOML).

::

    name = "us-china-grid"
    title = "US tariff on China against China's response"
    world = "default"        # "default", "toy", "random:SEED:N:J", or a world file
    base = "world"           # "world" (its own tariffs) or a scenario: built-in name or TOML file
    deficits = "fixed"       # fixed | zero | ratio (default: the base scenario's, else fixed)
    mode = "grid"            # grid: every combination of the axes' values; list: [[points]]

    [[axes]]
    name = "us_on_china"     # a column name in the results
    kind = "tariff"          # tariff | trade_cost | theta_scale
    importer = "USA"
    exporter = "CHN"
    sectors = "goods"        # "all", "goods" (default for tariffs) or a list of sector codes
    how = "add"              # add: percentage points on top of the base; set: the tariff level
    range = {start = 0, stop = 150, step = 25}   # or values = [0, 10, 60, 150] (percent)

    [[axes]]
    name = "china_response"
    kind = "tariff"
    importer = "CHN"
    exporter = "USA"
    of = "us_on_china"       # values are multiples of that axis's value: a matching response
    values = [0, 0.5, 1]

Tariff values are in percent; ``trade_cost`` values are iceberg factors (d-hat, 1 = no change);
``theta_scale`` values multiply the elasticities of the chosen sectors. In ``list`` mode the
axes give no values and each ``[[points]]`` table gives one value per axis. Unknown keys are
rejected, so a typo cannot silently drop part of a sweep.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    PrivateAttr,
    model_validator,
)

from tradewar._toml import json_schema, read_toml, validate
from tradewar.batch import BILATERAL_VARIABLES, COUNTRY_VARIABLES
from tradewar.errors import SweepError

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Code = Annotated[str, Field(min_length=1, max_length=40)]
#: Largest number of points one sweep may expand to (a guard against a typo in a range).
MAX_POINTS = 1_000_000
#: Column names of the result tables, which axis names may not take.
RESERVED = frozenset(
    {"sweep", "point", "converged", "iso3", "importer", "exporter", "baseline_bn"}
    | set(COUNTRY_VARIABLES)
    | set(BILATERAL_VARIABLES)
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Range(_Model):
    """``start`` to ``stop`` (inclusive) in steps of ``step``."""

    start: float
    stop: float
    step: float = Field(gt=0)

    def values(self) -> tuple[float, ...]:
        count = math.floor((self.stop - self.start) / self.step + 1e-9) + 1
        if count < 1:
            raise ValueError(f"range: stop {self.stop} is below start {self.start}")
        return tuple(round(self.start + k * self.step, 12) for k in range(count))


class Axis(_Model):
    """One dimension of the sweep."""

    name: Name
    kind: Literal["tariff", "trade_cost", "theta_scale"]
    importer: Code | None = None
    exporter: Code | tuple[Code, ...] | None = None
    sectors: Literal["all", "goods"] | tuple[Code, ...] | None = None
    how: Literal["add", "set"] = "add"
    of: Name | None = None
    values: tuple[float, ...] | None = None
    range: Range | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Axis:
        where = f"axis {self.name!r}"
        if self.values is not None and self.range is not None:
            raise ValueError(f"{where}: give 'values' or 'range', not both")
        if self.kind in ("tariff", "trade_cost"):
            if not (self.importer and self.exporter):
                raise ValueError(f"{where}: a {self.kind} axis needs 'importer' and 'exporter'")
        elif self.importer or self.exporter:
            raise ValueError(f"{where}: a theta_scale axis takes no importer or exporter")
        if self.kind != "tariff" and (self.of is not None or self.how != "add"):
            raise ValueError(f"{where}: 'of' and 'how' apply to tariff axes only")
        for v in self.levels():
            if not math.isfinite(v):
                raise ValueError(f"{where}: value {v} is not finite")
            if self.kind != "tariff" and v <= 0:
                raise ValueError(f"{where}: {self.kind} values must be positive (got {v})")
        return self

    @property
    def exporters(self) -> tuple[str, ...]:
        if self.exporter is None:
            return ()
        return (self.exporter,) if isinstance(self.exporter, str) else tuple(self.exporter)

    @property
    def sector_choice(self) -> str | tuple[str, ...]:
        if self.sectors is not None:
            return self.sectors
        return "goods" if self.kind == "tariff" else "all"

    def levels(self) -> tuple[float, ...]:
        if self.range is not None:
            return self.range.values()
        return self.values or ()

    def definition(self) -> dict[str, Any]:
        """What the axis does, without its values (changing it changes every result)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "importer": self.importer,
            "exporters": list(self.exporters),
            "sectors": self.sector_choice
            if isinstance(self.sector_choice, str)
            else list(self.sector_choice),
            "how": self.how,
            "of": self.of,
        }


class SweepSpec(_Model):
    """A sweep: the world, the base policy, the deficit rule and the axes of variation."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=60)
    title: str = ""
    description: str = ""
    world: str = "default"
    base: str = "world"
    deficits: Literal["fixed", "zero", "ratio"] | None = None
    mode: Literal["grid", "list"] = "grid"
    axes: tuple[Axis, ...] = Field(min_length=1)
    points: tuple[dict[str, float], ...] = ()
    chunk_size: PositiveInt | None = Field(
        default=None, description="Points per vectorised solve (default: by world size)."
    )
    task_size: PositiveInt | None = Field(
        default=None, description="Points per task sent to a worker (default: balanced)."
    )
    _origin: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> SweepSpec:
        names = [a.name for a in self.axes]
        if len(set(names)) != len(names):
            raise ValueError(f"axes: names must be unique (got {names})")
        taken = sorted(set(names) & RESERVED)
        if taken:
            raise ValueError(f"axes: {taken} name result columns; choose other axis names")
        by_name = {a.name: a for a in self.axes}
        for axis in self.axes:
            if axis.of is not None:
                other = by_name.get(axis.of)
                if other is None or other.kind != "tariff" or other.of is not None:
                    raise ValueError(
                        f"axis {axis.name!r}: 'of' must name another tariff axis that is not "
                        f"itself relative (got {axis.of!r})"
                    )
        if self.mode == "grid":
            if self.points:
                raise ValueError("mode = 'grid' takes no [[points]]; use mode = 'list'")
            empty = [a.name for a in self.axes if not a.levels()]
            if empty:
                raise ValueError(f"grid axes need 'values' or 'range': {empty}")
            size = math.prod(len(a.levels()) for a in self.axes)
            if size > MAX_POINTS:
                raise ValueError(f"the grid has {size} points, more than {MAX_POINTS}")
        else:
            given = [a.name for a in self.axes if a.levels()]
            if given:
                raise ValueError(f"mode = 'list': axes take no values, [[points]] do ({given})")
            if not self.points:
                raise ValueError("mode = 'list' needs [[points]], one table per point")
            for k, point in enumerate(self.points):
                if set(point) != set(names):
                    raise ValueError(
                        f"points[{k}]: give exactly one value for each axis {names} "
                        f"(got {sorted(point)})"
                    )
        return self

    @property
    def origin(self) -> Path | None:
        return self._origin

    def resolve_path(self, value: str) -> Path:
        """A path named in the sweep, relative to its file's folder."""
        path = Path(value).expanduser()
        if not path.is_absolute() and self._origin is not None:
            path = self._origin.parent / path
        return path

    def with_origin(self, origin: Path | None) -> SweepSpec:
        copy = self.model_copy()
        copy._origin = origin
        return copy

    def expand(self) -> list[dict[str, float]]:
        """Every point of the sweep as ``{axis name: value}``, in a fixed order."""
        names = [a.name for a in self.axes]
        if self.mode == "list":
            return [{n: float(p[n]) for n in names} for p in self.points]
        grids = [a.levels() for a in self.axes]
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*grids)]


def parse_sweep(data: Any, origin: str | Path | None = None) -> SweepSpec:
    """Validate a sweep from parsed TOML (a mapping). Errors name the origin and field."""
    spec = validate(SweepSpec, data, kind="sweep", origin=origin, error=SweepError)
    return spec.with_origin(Path(origin).resolve() if origin is not None else None)


def load_sweep_spec(path: str | Path) -> SweepSpec:
    """Read and validate a sweep TOML file."""
    path = Path(path)
    return parse_sweep(read_toml(path, SweepError), path)


def sweep_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of a sweep file."""
    return json_schema(SweepSpec, "tradewar sweep")
