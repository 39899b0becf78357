"""Small, strict CSV reading shared by the loaders: every bad cell is named by file, row, column.

Row numbers are 1-based and count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tradewar._text import read_text
from tradewar.errors import DataError


class Row(Mapping[str, str]):
    """One CSV record that knows where it came from, for error messages."""

    def __init__(self, path: Path | str, number: int, values: dict[str, str]) -> None:
        self.path = str(path)
        self.line = number
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def where(self, column: str) -> str:
        return f"{self.path}, row {self.line}, column {column!r}"

    def error(self, column: str, problem: str) -> DataError:
        value = self._values.get(column, "")
        return DataError(f"{self.where(column)}: {problem} (value {value!r}).")

    def text(self, column: str, *, allowed: Iterable[str] | None = None) -> str:
        value = self._values[column].strip()
        if not value:
            raise self.error(column, "empty cell")
        if allowed is not None:
            options = list(allowed)
            if value not in options:
                raise self.error(column, f"not one of {options}")
        return value

    def number(self, column: str, *, minimum: float | None = None) -> float:
        raw = self._values[column].strip()
        try:
            value = float(raw)
        except ValueError:
            raise self.error(column, "not a number") from None
        if not math.isfinite(value):
            raise self.error(column, "not a finite number")
        if minimum is not None and value < minimum:
            raise self.error(column, f"must be at least {minimum}")
        return value

    def flag(self, column: str) -> bool:
        raw = self._values[column].strip().lower()
        if raw in ("true", "yes", "1"):
            return True
        if raw in ("false", "no", "0", ""):
            return False
        raise self.error(column, "not true/false")


def read_rows(path: Path | str, text: str, columns: Sequence[str]) -> list[Row]:
    """Parse ``text`` (the content of ``path``) and check that ``columns`` are present."""
    try:
        records = list(csv.reader(text.splitlines()))
    except csv.Error as exc:
        raise DataError(f"{path}: not a readable CSV file ({exc}).") from exc
    reader = iter(records)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataError(f"{path}: the file is empty; expected columns {list(columns)}.") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(f"{path}, row 1: missing column(s) {missing}; the header is {header}.")
    rows = []
    for number, record in enumerate(reader, start=2):
        if not record or all(not cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise DataError(
                f"{path}, row {number}: {len(record)} cells but the header has {len(header)} "
                "columns (a comma inside a value must be quoted)."
            )
        rows.append(Row(path, number, dict(zip(header, record, strict=True))))
    return rows


def read_csv(path: Path | str, columns: Sequence[str]) -> list[Row]:
    """Read a UTF-8 CSV file; see :func:`read_rows`."""
    return read_rows(path, read_text(path, DataError), columns)
