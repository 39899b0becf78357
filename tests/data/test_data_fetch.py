"""fetch(): checksummed downloads into a cache, tested offline (file:// URLs, a fake opener)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from tradewar.data import fetch, fetch_icio
from tradewar.data.fetch import icio_url
from tradewar.errors import DataError


def test_file_url_with_checksum(tmp_path: Path) -> None:
    source = tmp_path / "table.zip"
    source.write_bytes(b"icio bytes")
    sha = hashlib.sha256(b"icio bytes").hexdigest()
    result = fetch(source.as_uri(), sha256=sha, cache_dir=tmp_path / "cache")
    assert result.downloaded
    assert result.path.read_bytes() == b"icio bytes"
    again = fetch(source.as_uri(), sha256=sha, cache_dir=tmp_path / "cache")
    assert not again.downloaded
    assert again.path == result.path
    index = json.loads((tmp_path / "cache" / "index.json").read_text())
    assert index[source.as_uri()]["sha256"] == sha


def test_checksum_mismatch_keeps_nothing(tmp_path: Path) -> None:
    source = tmp_path / "table.zip"
    source.write_bytes(b"tampered")
    with pytest.raises(DataError, match="checksum mismatch"):
        fetch(source.as_uri(), sha256="0" * 64, cache_dir=tmp_path / "cache")
    assert not any(p.is_file() and p.name != "index.json" for p in (tmp_path / "cache").rglob("*"))


def test_fetch_icio_uses_the_release_link(tmp_path: Path) -> None:
    seen: list[str] = []

    def opener(url: str) -> io.BytesIO:
        seen.append(url)
        return io.BytesIO(b"zip")

    result = fetch_icio(2019, cache_dir=tmp_path, opener=opener)
    assert seen == [icio_url(2019)[0]]
    assert result.path.name == "ICIO-2016-2020-extended.zip"
    assert any("no checksum was given" in n for n in result.notes)


def test_unknown_year_and_scheme(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no OECD ICIO"):
        icio_url(1980)
    with pytest.raises(DataError, match="only https, http and file"):
        fetch("ftp://example.org/x.zip", cache_dir=tmp_path)
