"""Commands that need no model answer without loading JAX (issue 16: fast from the first key).

Each check runs in a fresh interpreter, since this test process has JAX loaded already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_architecture import jax_free

SWEEP = """
name = "grid"
world = "toy"
[[axes]]
name = "us_on_a"
kind = "tariff"
importer = "USA"
exporter = "A"
values = [0, 10]
"""

SCENARIO = """
name = "mine"
title = "A test scenario"
[policy]
date = "2025-06-01"
"""


def _without_jax(code: str, tmp_path: Path) -> None:
    check = (
        f"{code}\n"
        "loaded = [m for m in ('jax', 'tradewar.model') if m in sys.modules]\n"
        "assert not loaded, f'loaded {loaded}'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n" + check],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["run", "--help"],
        ["timeline"],
        ["tariffs", "--on", "2025-06-01"],
        ["scenarios", "list"],
        ["scenarios", "show", "today"],
        ["scenarios", "schema"],
    ],
    ids=" ".join,
)
def test_command_does_not_load_jax(argv: list[str], tmp_path: Path) -> None:
    code = (
        "from tradewar.cli import app\n"
        f"try:\n    app({argv!r}, standalone_mode=False)\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
    )
    _without_jax(code, tmp_path)


def test_validating_scenario_and_sweep_files_does_not_load_jax(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "grid.toml").write_text(SWEEP, encoding="utf-8")
    code = (
        "from tradewar.scenarios import load_scenario\n"
        "from tradewar.sweep import load_sweep_spec\n"
        "assert load_scenario('mine.toml').name == 'mine'\n"
        "assert load_sweep_spec('grid.toml').name == 'grid'\n"
    )
    _without_jax(code, tmp_path)


@pytest.mark.parametrize("package", jax_free())
def test_documented_jax_free_package_loads_no_jax(package: str, tmp_path: Path) -> None:
    """Each package the ```jax-free block of docs/architecture.md names imports without JAX."""
    _without_jax(f"import {package}", tmp_path)


def test_the_check_itself_can_fail(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="loaded"):
        _without_jax("import tradewar.model", tmp_path)
