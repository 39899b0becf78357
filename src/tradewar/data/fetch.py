"""Download public data files into a local cache, checking a sha256 checksum.

``fetch(url, sha256=...)`` streams a URL into ``<cache>/<sha256-of-url>/<file name>`` through a
temporary file, verifies the checksum when one is given (a mismatch deletes the download and raises
:class:`~tradewar.errors.DataError`), and records what it got in ``<cache>/index.json``. A file
already in the cache is checked again and not downloaded twice. The opener is injectable so tests
run offline (``file://`` URLs or a fake opener); tradewar never downloads at import or test time.

``fetch_icio(year)`` finds the OECD Inter-Country Input-Output block holding ``year`` in pymrio's
link registry (:func:`icio_releases`); pass ``url=`` when the OECD moves it. Parse the result with
:func:`tradewar.data.icio.load_icio`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tradewar.errors import DataError

Opener = Callable[[str], IO[bytes]]

#: Where OECD ICIO download links come from: pymrio keeps the OECD's file links by release
#: (``pymrio.tools.iodownloader.OECD_CONFIG``); tradewar reads them there rather than keeping a
#: second copy. The OECD publishes no checksums: the first download's sha256 is recorded in the
#: cache index and printed, to be pinned with ``--sha256`` from then on.
ICIO_RELEASE = "v2023"
CHUNK = 1 << 20


def default_cache_dir() -> Path:
    """``platformdirs.user_cache_dir("tradewar")`` (or ``$TRADEWAR_CACHE`` when set)."""
    env = os.environ.get("TRADEWAR_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("tradewar"))


@dataclass(frozen=True)
class FetchResult:
    path: Path
    sha256: str
    url: str
    downloaded: bool
    notes: tuple[str, ...] = field(default=())


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _default_opener(url: str) -> IO[bytes]:
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in ("https", "http", "file"):
        raise DataError(f"{url}: only https, http and file URLs can be fetched.")
    return urllib.request.urlopen(url, timeout=60)


def _name_for(url: str) -> str:
    path = urllib.parse.urlparse(url).path
    name = Path(urllib.parse.unquote(path)).name
    return name or "download"


def _update_index(cache: Path, url: str, path: Path, sha: str) -> None:
    index_path = cache / "index.json"
    try:
        index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    index[url] = {"path": str(path.relative_to(cache)), "sha256": sha}
    index_path.write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def fetch(
    url: str,
    *,
    sha256: str | None = None,
    cache_dir: Path | None = None,
    filename: str | None = None,
    opener: Opener | None = None,
) -> FetchResult:
    """Download ``url`` into the cache (or reuse it) and check its sha256 (see module doc)."""
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    folder = cache / hashlib.sha256(url.encode()).hexdigest()[:16]
    target = folder / (filename or _name_for(url))
    expected = sha256.lower() if sha256 else None
    notes: list[str] = []
    if target.is_file():
        sha = _file_sha256(target)
        if expected is None or sha == expected:
            return FetchResult(target, sha, url, downloaded=False, notes=("already in the cache",))
        notes.append(f"cached copy had sha256 {sha}, not {expected}; downloading again")
    folder.mkdir(parents=True, exist_ok=True)
    open_url = opener or _default_opener
    digest = hashlib.sha256()
    handle, tmp_name = tempfile.mkstemp(dir=folder, suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            try:
                stream = open_url(url)
            except OSError as exc:
                raise DataError(f"{url}: download failed ({exc}).") from exc
            with stream:
                for block in iter(lambda: stream.read(CHUNK), b""):
                    digest.update(block)
                    out.write(block)
        sha = digest.hexdigest()
        if expected is not None and sha != expected:
            raise DataError(
                f"{url}: checksum mismatch, got sha256 {sha} but expected {expected}; the file was "
                "not kept. Check the URL or the expected checksum."
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    if expected is None:
        notes.append(
            f"no checksum was given: recorded sha256 {sha} in {cache / 'index.json'}; pass it "
            "with --sha256 next time to pin this file"
        )
    _update_index(cache, url, target, sha)
    return FetchResult(target, sha, url, downloaded=True, notes=tuple(notes))


def icio_releases(release: str = ICIO_RELEASE) -> dict[tuple[int, int], str]:
    """{(first year, last year): URL} of an OECD ICIO release, from pymrio's link registry."""
    from pymrio.tools.iodownloader import OECD_CONFIG

    files = OECD_CONFIG["datafiles"].get(release)
    if not files:
        raise DataError(f"pymrio knows no OECD ICIO release {release!r}; pass url=... instead.")
    out = {}
    for span, url in files.items():
        first, _, last = str(span).partition("-")
        out[(int(first), int(last or first))] = str(url)
    return out


def icio_url(year: int, release: str = ICIO_RELEASE) -> tuple[str, str]:
    """The URL and a file name for the ICIO block holding ``year``."""
    for (first, last), url in sorted(icio_releases(release).items()):
        if first <= year <= last:
            return url, f"ICIO-{first}-{last}-extended.zip"
    known = ", ".join(f"{a}-{b}" for a, b in sorted(icio_releases(release)))
    raise DataError(f"no OECD ICIO {release} block holds {year} (known: {known}); pass url=...")


def fetch_icio(
    year: int,
    *,
    url: str | None = None,
    sha256: str | None = None,
    cache_dir: Path | None = None,
    opener: Opener | None = None,
) -> FetchResult:
    """Download the OECD ICIO block that holds ``year`` (or ``url``) into the cache."""
    if url is None:
        source, name = icio_url(year)
    else:
        source, name = url, None
    return fetch(source, sha256=sha256, cache_dir=cache_dir, filename=name, opener=opener)
