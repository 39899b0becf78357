"""The import graph of ``src/tradewar``: no cycle between subpackages, no reach into another
subpackage's private module, and every arrow pointing down the layers of docs/architecture.md.

The imports are read with ``ast`` (the package is not imported), wherever they sit in a file:
module top, inside a function, or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tradewar"
DOC = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Import:
    file: str  # path relative to the repository
    line: int
    module: str  # importing module, dotted
    target: str  # imported module, dotted

    @property
    def source_package(self) -> str:
        return package_of(self.module)

    @property
    def target_package(self) -> str:
        return package_of(self.target)

    def where(self) -> str:
        return f"{self.file}:{self.line} ({self.module} imports {self.target})"


def package_of(module: str) -> str:
    """``tradewar.X.y`` -> ``X`` (a subpackage or a top-level module); ``tradewar`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    base = SRC.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports() -> list[Import]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        module = _module_name(path)
        is_package = path.name == "__init__.py"
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                # `from tradewar.x import _y` imports the module tradewar.x._y when it exists
                targets = [
                    f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target
                    for a in node.names
                ]
            for target in targets:
                if target == "tradewar" or target.startswith("tradewar."):
                    out.append(Import(rel, node.lineno, module, target))
    return out


def _private(target: str) -> bool:
    return any(p.startswith("_") and not p.startswith("__") for p in target.split(".")[2:])


def cross_package(found: list[Import]) -> list[Import]:
    return [
        i
        for i in found
        if i.source_package and i.target_package and i.source_package != i.target_package
    ]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def doc_block(name: str) -> str:
    match = re.search(rf"```{name}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert match, f"{DOC}: no ```{name} block"
    return match.group(1)


def layers() -> dict[str, int]:
    """{package: layer} from the ```layers block of docs/architecture.md (0 = bottom)."""
    out: dict[str, int] = {}
    for line in doc_block("layers").splitlines():
        if not line.strip():
            continue
        number, *packages = line.split()
        for package in packages:
            assert package not in out, f"{DOC}: {package} is listed twice"
            out[package] = int(number)
    return out


def jax_free() -> list[str]:
    """The packages docs/architecture.md says import without JAX."""
    return doc_block("jax-free").split()


def test_no_import_cycle_between_subpackages() -> None:
    found = cross_package(imports())
    edges: dict[str, set[str]] = defaultdict(set)
    evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i in found:
        edge = (i.source_package, i.target_package)
        edges[edge[0]].add(edge[1])
        evidence[edge].append(i.where())
    problems = []
    for component in cycles(edges):
        lines = [
            f"  {a} -> {b}: {evidence[(a, b)][0]}"
            for a in component
            for b in component
            if (a, b) in evidence
        ]
        problems.append(f"cycle {component}:\n" + "\n".join(lines))
    assert not problems, "\n".join(problems)


def test_no_import_of_another_subpackages_private_module() -> None:
    bad = [i.where() for i in cross_package(imports()) if _private(i.target)]
    assert not bad, "import the package's public name instead:\n" + "\n".join(bad)


def test_every_import_points_down_the_documented_layers() -> None:
    layer = layers()
    found = cross_package(imports())
    packages = {i.source_package for i in found} | {i.target_package for i in found}
    missing = sorted(packages - set(layer))
    assert not missing, f"{DOC}: add {missing} to the ```layers block"
    stale = sorted(set(layer) - packages - {"errors"})
    assert not stale, f"{DOC}: {stale} are listed but not in src/tradewar"
    upward = [
        f"{i.where()}: layer {layer[i.source_package]} -> {layer[i.target_package]}"
        for i in found
        if layer[i.target_package] >= layer[i.source_package]
    ]
    assert not upward, f"imports that do not point down the layers of {DOC}:\n" + "\n".join(upward)


def test_the_checks_can_fail(tmp_path: Path) -> None:
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _private("tradewar.timeline._weights")
    assert not _private("tradewar.timeline")
    assert not _private("tradewar._text")  # the package's own top-level helpers
    assert package_of("tradewar.worlds.build._sources") == "worlds"


@pytest.mark.parametrize("package", ["scenarios", "timeline", "worlds", "data", "world"])
def test_documented_jax_free_packages_include(package: str) -> None:
    assert f"tradewar.{package}" in jax_free()
