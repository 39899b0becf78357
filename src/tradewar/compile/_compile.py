"""Compile a :class:`Scenario` into what the model solves: a world, a shock and commitments.

The tariffs are those of the policy source (the timeline) written into the world's tariff array:
on a date, or weighted by days in force over a period, or the world's own. Tariff cuts lower the
additional duties towards the base rate; trade-cost changes enter the shock as d-hat; purchase
commitments become :class:`~tradewar.model.PurchaseTarget` values in the world's units. Every
input is listed with its source (:class:`InputRef`) and the scenario gets a content hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tradewar.compile._worlds import apply_elasticities, base_world
from tradewar.errors import ScenarioError, TradewarError
from tradewar.model import PurchaseTarget, Shock
from tradewar.scenarios import (
    PHYSICAL_UNITS,
    CommitmentSpec,
    PolicySource,
    PolicyTariffs,
    Scenario,
    Tariff,
    TimelinePolicy,
    sector_labels,
    weighted_period,
)
from tradewar.sectors import SECTOR_CODES, goods_indices
from tradewar.timeline import CoverageModel, Scope, weight_tables
from tradewar.world import World
from tradewar.worlds import world_fingerprint


@dataclass(frozen=True)
class InputRef:
    """One input of a scenario, with where it comes from."""

    kind: str
    id: str
    description: str
    value: str = ""
    sources: tuple[str, ...] = ()
    confirmed: bool | None = None
    vintage: str = ""


@dataclass(frozen=True)
class CompiledCommitment:
    """A commitment turned into a sector target, with how the value was obtained."""

    target: PurchaseTarget
    committed_bn: float
    product_share: float
    how: str
    inputs: tuple[InputRef, ...]


@dataclass(frozen=True)
class CompiledScenario:
    """A scenario ready to solve: ``world`` (elasticities applied), ``shock``, ``targets``.

    ``base_world`` is the world before the scenario's elasticity overrides (what the manifest
    identifies by its sha256).
    """

    scenario: Scenario
    world: World
    base_world: World
    shock: Shock
    commitments: tuple[CompiledCommitment, ...]
    policy: PolicyTariffs
    policy_label: str
    policy_date: dt.date | None
    segments: tuple[tuple[dt.date, int], ...]
    inputs: tuple[InputRef, ...]
    hash: str
    notes: tuple[str, ...] = field(default=())

    @property
    def targets(self) -> tuple[PurchaseTarget, ...]:
        return tuple(c.target for c in self.commitments)


def _pair(world: World, importer: str, exporter: str, where: str) -> tuple[int, int]:
    for code in (importer, exporter):
        if code not in world.countries:
            raise ScenarioError(
                f"{where}: economy {code!r} is not in world {world.name!r} "
                f"({', '.join(world.countries)})"
            )
    if importer == exporter:
        raise ScenarioError(f"{where}: importer and exporter are both {importer!r}")
    return world.country_index(importer), world.country_index(exporter)


def _policy(
    scenario: Scenario, world: World, source: PolicySource, today: dt.date
) -> tuple[PolicyTariffs, str, dt.date | None, tuple[tuple[dt.date, int], ...]]:
    policy = scenario.policy
    overlay: Any = None
    if policy.overlay is not None:
        as_path = scenario.resolve_path(policy.overlay)
        overlay = as_path if as_path.suffix in (".yaml", ".yml", ".toml") else policy.overlay
    where = f"scenario {scenario.name!r}"
    try:
        if policy.baseline:
            tariffs = world.tariffs.copy()
            return PolicyTariffs(tariffs, tariffs.copy(), ()), "baseline", None, ()
        if policy.period is not None:
            start, end = policy.period.start, policy.period.end
            result, segments = weighted_period(source, start, end, overlay, world)
            label = f"{start}..{end}, weighted by days in force"
            return result, label, None, tuple(segments)
        day = today if policy.date == "today" else policy.date
        assert isinstance(day, dt.date)
        result = source.tariffs_on(day, overlay, world)
    except ScenarioError:
        raise
    except TradewarError as exc:
        raise ScenarioError(f"{where}: policy: {exc}") from exc
    label = f"{day}" + (" (today)" if policy.date == "today" else "")
    return result, label, day, ()


def _cut(scenario: Scenario, world: World, policy: PolicyTariffs, tariffs: np.ndarray) -> None:
    for k, cut in enumerate(scenario.tariff_cuts):
        where = f"scenario {scenario.name!r}: tariff_cuts[{k}]"
        n, i = _pair(world, cut.importer, cut.exporter, where)
        if cut.sectors:
            js = sector_labels(world, cut.sectors, where)
        else:
            js = [j for j in range(world.n_sectors) if world.trade[n, i, j] > 0]
        imports = float(world.trade[n, i, js].sum())
        if cut.covered_bn > imports:
            raise ScenarioError(
                f"{where}: covered_bn {cut.covered_bn:g} exceeds the base-year imports of "
                f"{cut.importer} from {cut.exporter} in those sectors ({imports:.6g})"
            )
        share = cut.covered_bn / imports
        extra = tariffs[n, i, js] - policy.base[n, i, js]
        tariffs[n, i, js] = policy.base[n, i, js] + np.where(extra > 0, extra * (1 - share), extra)


def _coverage(world: World, tariff: Tariff, where: str) -> np.ndarray:
    """Share (0-1) of each world sector's imports of the pair that the tariff covers."""
    cov = np.zeros(world.n_sectors)
    if tariff.hs:
        table = weight_tables().get((tariff.importer, tariff.exporter))
        if table is None:
            pairs = ", ".join(f"{a}<-{b}" for a, b in sorted(weight_tables()))
            raise ScenarioError(
                f"{where}: field 'hs': the timeline has no HS import weights for "
                f"{tariff.importer}<-{tariff.exporter} (it has {pairs}); name sectors instead"
            )
        missing = [s for s in world.sectors if s not in SECTOR_CODES]
        if missing:
            raise ScenarioError(
                f"{where}: field 'hs': world {world.name!r} does not use the default sectors "
                f"({missing}), so HS codes cannot be mapped; name sectors instead"
            )
        try:
            by_code = CoverageModel(table).sector_coverage(Scope(hs=tariff.hs), where)
        except TradewarError as exc:
            raise ScenarioError(f"{where}: field 'hs': {exc}") from exc
        for j, code in enumerate(world.sectors):
            cov[j] = by_code[SECTOR_CODES.index(code)]
        if not cov.any():
            raise ScenarioError(
                f"{where}: field 'hs': {list(tariff.hs)} cover no base-year imports of "
                f"{tariff.importer} from {tariff.exporter}"
            )
    elif tariff.sectors == "all":
        cov[goods_indices(world.sectors)] = 1.0
    else:
        cov[sector_labels(world, tariff.sectors, f"{where}: field 'sectors'")] = 1.0
    return cov


def _in_force_share(scenario: Scenario, tariff: Tariff, day: dt.date | None, where: str) -> float:
    """The share of the scenario's days on which ``tariff`` is in force (1 on a date)."""
    start = tariff.from_
    if start is None:
        return 1.0
    policy = scenario.policy
    if policy.period is not None:
        first, last = policy.period.start, policy.period.end
        if start > last:
            raise ScenarioError(
                f"{where}: field 'from': {start} is after the end of the policy period ({last}), "
                "so the tariff is never in force; end the period later or move 'from'"
            )
        return ((last - max(first, start)).days + 1) / policy.period.days
    if day is None:
        raise ScenarioError(
            f"{where}: field 'from': a baseline policy has no date; drop 'from' (the tariff "
            "then applies to the baseline) or give policy.date"
        )
    if start > day:
        raise ScenarioError(
            f"{where}: field 'from': {start} is after the policy date {day}, so the tariff is "
            f"not in force; set policy.date = {start} (or later) or move 'from'"
        )
    return 1.0


def _custom_tariffs(
    scenario: Scenario, world: World, day: dt.date | None, tariffs: np.ndarray
) -> None:
    """Write the scenario's own ``[[tariffs]]`` into ``tariffs``, in the order given."""
    for k, tariff in enumerate(scenario.tariffs):
        where = f"scenario {scenario.name!r}: tariffs[{k}]"
        n, i = _pair(world, tariff.importer, tariff.exporter, where)
        cov = _coverage(world, tariff, where)
        old = tariffs[n, i].copy()
        rate = tariff.rate / 100
        covered = np.full_like(old, rate) if tariff.mode == "set" else old + rate
        if (covered[cov > 0] < 0).any():
            j = int(np.argmin(np.where(cov > 0, covered, np.inf)))
            raise ScenarioError(
                f"{where}: field 'rate': adding {tariff.rate:g} points takes the tariff on "
                f"{world.sectors[j]} below zero ({100 * old[j]:.3g}% now); "
                'use mode = "set" with the rate you want'
            )
        new = old + cov * (covered - old)
        share = _in_force_share(scenario, tariff, day, where)
        tariffs[n, i] = old + share * (new - old)


def _trade_costs(scenario: Scenario, world: World) -> np.ndarray | None:
    if not scenario.trade_costs:
        return None
    d_hat = np.ones_like(world.trade)
    for k, change in enumerate(scenario.trade_costs):
        where = f"scenario {scenario.name!r}: trade_costs[{k}]"
        n, i = _pair(world, change.importer, change.exporter, where)
        d_hat[n, i, sector_labels(world, change.sectors, where)] *= change.factor
    return d_hat


def _commitment(
    spec: CommitmentSpec, k: int, scenario: Scenario, world: World, source: PolicySource
) -> CompiledCommitment:
    where = f"scenario {scenario.name!r}: commitments[{k}]"
    inputs: list[InputRef] = []
    ref = source.commitment(spec.record) if spec.record else None
    importer = spec.importer or (ref.buyer if ref else "")
    exporter = spec.exporter or (ref.seller if ref else "")
    if ref is not None:
        for given, recorded, what in (
            (spec.importer, ref.buyer, "importer"),
            (spec.exporter, ref.seller, "exporter"),
        ):
            if given is not None and given != recorded:
                raise ScenarioError(
                    f"{where}: {what} {given!r} disagrees with record {ref.id!r} ({recorded!r})"
                )
        inputs.append(
            InputRef("commitment", ref.id, ref.title, ref.status, ref.sources, ref.confirmed)
        )
    n, i = _pair(world, importer, exporter, where)
    js = sector_labels(world, spec.sectors, where)
    if spec.value_bn is not None:
        value, how = spec.value_bn, f"{spec.value_bn:g} bn given"
        inputs.append(InputRef("commitment_value", spec.name or where, how, "", spec.sources))
    elif ref is not None and spec.price is not None:
        if ref.amount_physical is None or ref.unit is None:
            raise ScenarioError(f"{where}: record {ref.id!r} has no physical amount to price")
        if ref.unit not in PHYSICAL_UNITS:
            raise ScenarioError(
                f"{where}: record {ref.id!r} unit {ref.unit!r} is not one of "
                f"{sorted(PHYSICAL_UNITS)}; give value_bn instead"
            )
        multiplier, unit = PHYSICAL_UNITS[ref.unit]
        if unit != spec.price.per:
            raise ScenarioError(
                f"{where}: price is per {spec.price.per!r} but record {ref.id!r} is in {unit}s"
            )
        value = ref.amount_physical * multiplier * spec.price.usd / 1e9
        how = f"{ref.amount_physical:g} {ref.unit} x {spec.price.usd:g} USD/{unit}"
        inputs.append(
            InputRef(
                "price",
                f"{ref.id}:price",
                spec.price.note or f"USD per {unit}",
                f"{spec.price.usd:g} USD/{unit}",
                spec.price.sources,
            )
        )
    elif ref is not None and ref.amount_usd_bn is not None:
        value, how = ref.amount_usd_bn, f"{ref.amount_usd_bn:g} bn (record)"
    else:
        raise ScenarioError(
            f"{where}: record {spec.record!r} gives no USD amount; add a price "
            "{usd = ..., per = ..., sources = [...]} or value_bn"
        )
    value = value / spec.years
    if spec.years != 1:
        how += f" / {spec.years:g} years"
    flow = float(world.trade[n, i, js].sum())
    share = 1.0
    if spec.product_base_bn is not None:
        if spec.product_base_bn > flow:
            raise ScenarioError(
                f"{where}: product_base_bn {spec.product_base_bn:g} exceeds the world's "
                f"base-year flow {importer}<-{exporter} in {list(spec.sectors)} ({flow:.6g})"
            )
        share = spec.product_base_bn / flow
        how += f"; product is {100 * share:.1f}% of the sector flow"
        inputs.append(
            InputRef(
                "product_share",
                spec.name or where,
                "base-year value of the product",
                f"{spec.product_base_bn:g} bn",
                spec.product_sources,
            )
        )
    target = value / share
    if spec.basis == "above_base":
        target += flow
        how += "; above the base-year flow"
    name = spec.name or (ref.title if ref else f"{importer}<-{exporter}")
    return CompiledCommitment(
        target=PurchaseTarget(importer, exporter, tuple(spec.sectors), float(target), name),
        committed_bn=float(value),
        product_share=share,
        how=how,
        inputs=tuple(inputs),
    )


def _file_hash(path: Any) -> str | None:
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, AttributeError):
        return None


def scenario_hash(scenario: Scenario, world: World, policy_date: dt.date | None) -> str:
    """sha256 of the scenario's content: its fields, the resolved date, the files it names."""
    files: dict[str, Any] = {"world": world_fingerprint(world)}
    if scenario.policy.overlay is not None:
        path = scenario.resolve_path(scenario.policy.overlay)
        files["overlay"] = _file_hash(path) if path.is_file() else scenario.policy.overlay
    payload = {
        "scenario": scenario.model_dump(mode="json"),
        "policy_date": None if policy_date is None else policy_date.isoformat(),
        "files": files,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def compile_scenario(
    scenario: Scenario,
    *,
    world: World | None = None,
    source: PolicySource | None = None,
    today: dt.date | None = None,
) -> CompiledScenario:
    """The world, shock and commitments of ``scenario``.

    ``world`` replaces the scenario's own world (elasticity overrides still apply); ``source``
    replaces the built-in timeline; ``today`` is the date ``"today"`` stands for.
    """
    source = source if source is not None else TimelinePolicy()
    today = today or dt.date.today()
    where = f"scenario {scenario.name!r}"
    base = world if world is not None else base_world(scenario)
    solved = apply_elasticities(base, scenario.elasticities, where)
    policy, label, day, segments = _policy(scenario, solved, source, today)
    tariffs = np.array(policy.tariffs, dtype=np.float64, copy=True)
    _cut(scenario, solved, policy, tariffs)
    _custom_tariffs(scenario, solved, day, tariffs)
    shock = Shock(tariffs=tariffs, trade_costs=_trade_costs(scenario, solved), name=scenario.name)
    commitments = tuple(
        _commitment(spec, k, scenario, solved, source)
        for k, spec in enumerate(scenario.commitments)
    )
    inputs = _inputs(scenario, base, source, policy)
    for c in commitments:
        inputs.extend(c.inputs)
    notes = list(scenario.notes)
    units = str(base.meta.get("units", ""))
    if (commitments or scenario.tariff_cuts or scenario.observed) and "USD" not in units:
        notes.append(
            f"values in USD bn are compared with world {base.name!r}, whose units are "
            f"{units or 'not stated'}"
        )
    return CompiledScenario(
        scenario=scenario,
        world=solved,
        base_world=base,
        shock=shock,
        commitments=commitments,
        policy=policy,
        policy_label=label,
        policy_date=day,
        segments=segments,
        inputs=tuple(inputs),
        hash=scenario_hash(scenario, base, day),
        notes=tuple(notes),
    )


def _inputs(
    scenario: Scenario, world: World, source: PolicySource, policy: PolicyTariffs
) -> list[InputRef]:
    meta = world.meta
    sources = meta.get("sources", meta.get("source", ()))
    sources = (sources,) if isinstance(sources, str) else tuple(str(s) for s in sources)
    vintage = str(meta.get("vintage", meta.get("base_year", "")))
    out = [
        InputRef(
            "world", world.name, "baseline world", world_fingerprint(world), sources, None, vintage
        ),
    ]
    if scenario.elasticities.theta is not None or scenario.elasticities.scale != 1:
        out.append(
            InputRef(
                "elasticities",
                "theta",
                "trade elasticities overridden by the scenario",
                json.dumps(scenario.elasticities.model_dump(mode="json"), sort_keys=True),
            )
        )
    if not scenario.policy.baseline:
        out.append(InputRef("timeline", source.name, "policy timeline", source.version))
        if scenario.policy.overlay is not None:
            out.append(InputRef("overlay", scenario.policy.overlay, "timeline overlay"))
    for ref in policy.records:
        days = f"{ref.days} days" if ref.days is not None else ""
        rate = "" if ref.rate is None else f"{100 * ref.rate:g}%"
        out.append(
            InputRef(
                "measure",
                ref.id,
                f"{ref.actor} {ref.authority} {ref.kind}: {ref.title}",
                " ".join(x for x in (rate, days) if x),
                ref.sources,
                ref.confirmed,
            )
        )
    for cut in scenario.tariff_cuts:
        out.append(
            InputRef(
                "tariff_cut",
                f"{cut.importer}<-{cut.exporter}",
                cut.note or "additional duties removed",
                f"{cut.covered_bn:g} bn covered",
                cut.sources,
            )
        )
    for tariff in scenario.tariffs:
        out.append(
            InputRef(
                "tariff",
                f"{tariff.importer}<-{tariff.exporter}",
                tariff.note or "tariff given by the scenario",
                tariff.label,
                tariff.sources,
            )
        )
    for obs in scenario.observed:
        out.append(
            InputRef(
                "observed",
                f"{obs.measure} {obs.country}/{obs.partner}",
                obs.note or "observed change",
                f"{obs.from_year}: {obs.from_bn:g} bn; {obs.to_year}: {obs.to_bn:g} bn",
                obs.sources,
                None,
                f"{obs.from_year}-{obs.to_year}",
            )
        )
    return out
