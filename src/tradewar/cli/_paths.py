"""Output paths given on the command line (``--pdf``, ``--html``, ``--plot``): checked before any
work is done, so a command never reports a file it did not write.

An existing folder gets a file inside it (``<folder>/<default name>``); a file whose folder is
missing or whose suffix is not the format's is an :class:`~tradewar.errors.OutputPathError`
naming the option, the path and the fix.
"""

from __future__ import annotations

from pathlib import Path

from tradewar.errors import OutputPathError


def output_file(path: Path, option: str, suffix: str, default_name: str) -> Path:
    """The file ``option``'s value ``path`` means (see the module docstring)."""
    path = path.expanduser()
    if path.is_dir():
        return path / default_name
    if path.suffix.lower() != suffix:
        raise OutputPathError(
            f"{option} {path}: the file name must end in {suffix} (or give an existing folder "
            f"to write {default_name} into)"
        )
    if not path.parent.is_dir():
        raise OutputPathError(
            f"{option} {path}: the folder {path.parent} does not exist; create it first"
        )
    return path
