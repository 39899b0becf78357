"""Reading a user's text file (TOML, CSV, YAML): every failure is one clear, typed error.

A file that cannot be opened, is larger than the reader takes, or is not UTF-8 text (a binary
file, a spreadsheet saved as UTF-16 or Latin-1) raises the caller's error type naming the file,
the first bad byte and its offset, and the fix, never a bare ``UnicodeDecodeError``.
"""

from __future__ import annotations

from pathlib import Path

#: The largest input file read (bytes): far above any real scenario, overlay or table, far
#: below what would take minutes and gigabytes to parse (a 100 MB "notes" field did).
MAX_BYTES = 64 * 1024 * 1024


def read_text(path: str | Path, error: type[Exception], *, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text of ``path`` (a leading byte-order mark removed); ``error`` otherwise."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise error(
                f"{p}: {size} bytes, larger than the {max_bytes} bytes this reader takes; "
                "is it the right file?"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise error(f"{p}: cannot be read ({exc.strerror or exc}).") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise error(
            f"{p}: not UTF-8 text (byte 0x{bad} at offset {exc.start}); a binary file or "
            "another encoding. Save it as UTF-8 text."
        ) from exc
    if "\x00" in text:
        raise error(f"{p}: contains NUL bytes (offset {text.index(chr(0))}); not a text file.")
    return text
