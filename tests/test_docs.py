"""Every ```python block in the README and docs/ runs as printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _blocks():
    for path in FILES:
        for k, code in enumerate(BLOCK.findall(path.read_text())):
            yield pytest.param(code, id=f"{path.relative_to(ROOT)}#{k + 1}")


@pytest.mark.parametrize("code", list(_blocks()))
def test_example_runs(code, capsys):
    exec(compile(code, "<doc example>", "exec"), {"__name__": "__doc_example__"})
    capsys.readouterr()
