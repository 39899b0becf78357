"""Read a document into plain paragraphs: plain text, HTML, or a Federal Register document.

A Federal Register document is either its API JSON (``federalregister.gov/api/v1/documents/<n>``,
with ``title``, ``abstract``, ``publication_date``, ``html_url`` ...) or its full text as published
(``AGENCY:`` / ``ACTION:`` / ``SUMMARY:`` headings). Nothing is fetched: a URL is refused with a
message saying to save the page first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tradewar.errors import IngestError

DocumentKind = Literal["text", "html", "federal_register"]

_FR_TEXT = re.compile(r"\bFederal Register\b.*?(\bFR Doc|\bAGENCY:|\bACTION:)", re.S)
_FR_CITATION = re.compile(r"\b(\d{2,3})\s+(?:FR|Fed\.\s*Reg\.)\s+(\d{3,6})\b")
_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<div|<p[\s>])", re.I)


@dataclass(frozen=True)
class Document:
    """The text of one document, split into paragraphs, with what is known about it."""

    path: str
    kind: DocumentKind
    paragraphs: tuple[str, ...]
    title: str = ""
    date: dt.date | None = None
    source_url: str | None = None
    citation: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def read_document(
    path: str | Path, *, source_url: str | None = None, date: dt.date | None = None
) -> Document:
    """Read ``path``; ``source_url`` and ``date`` (the document's date) override what it says.

    Raises :class:`~tradewar.errors.IngestError` for a URL, a missing, empty or binary file, or
    JSON that is not a Federal Register document.
    """
    name = str(path)
    if re.match(r"^https?://", name):
        raise IngestError(
            f"{name}: fetching URLs is not supported (tradewar ingest works offline); save the "
            "page or the Federal Register JSON to a file and run `tradewar ingest FILE "
            f"--source-url {name}`"
        )
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise IngestError(f"{path}: the file is empty; nothing to ingest")
    if b"\x00" in raw[:8192]:
        raise IngestError(
            f"{path}: this is a binary file, not text; ingest reads plain text, HTML or "
            "Federal Register JSON (convert a PDF to text first)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: not UTF-8 text (byte {exc.start}: {raw[exc.start : exc.start + 1]!r}); "
            "save the document as UTF-8"
        ) from exc
    stripped = text.lstrip()
    if not stripped:
        raise IngestError(f"{path}: the file holds only white space; nothing to ingest")
    if path.suffix.lower() == ".json" or stripped.startswith("{"):
        doc = _federal_register_json(text, str(path))
    elif path.suffix.lower() in (".html", ".htm") or _HTML.match(text):
        doc = _html(text, str(path))
    else:
        paragraphs = _paragraphs(text)
        if not paragraphs:
            raise IngestError(f"{path}: the file holds only white space; nothing to ingest")
        kind: DocumentKind = "federal_register" if _FR_TEXT.search(text[:4000]) else "text"
        doc = Document(str(path), kind, paragraphs, title=paragraphs[0][:200])
    if not any(re.search(r"\w", p) for p in doc.paragraphs):
        raise IngestError(f"{path}: the {doc.kind} document has no text; nothing to ingest")
    cite = _FR_CITATION.search(doc.text[:4000])
    if cite and doc.citation is None:
        doc = _replace(doc, citation=f"{cite.group(1)} FR {cite.group(2)}")
    return _replace(
        doc,
        source_url=source_url or doc.source_url,
        date=date or doc.date,
    )


def _replace(doc: Document, **changes: Any) -> Document:
    from dataclasses import replace

    return replace(doc, **changes)


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs split at blank lines; hard-wrapped lines inside a paragraph are joined."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(re.sub(r"[ \t]+", " ", joined))
    return tuple(out)


def _html(text: str, origin: str) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    blocks = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "pre"]):
        if el.find(["p", "li", "td", "pre"]):
            continue  # its children are listed themselves
        piece = el.get_text(" ", strip=True)
        if piece:
            blocks.append(re.sub(r"\s+", " ", piece))
    if not blocks:  # no block markup: fall back to all text
        blocks = list(_paragraphs(soup.get_text("\n")))
    return Document(
        origin, "html", tuple(blocks), title=title or (blocks[0][:200] if blocks else "")
    )


def _federal_register_json(text: str, origin: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{origin}: not valid JSON ({exc})") from exc
    if isinstance(data, dict) and isinstance(data.get("results"), list) and data["results"]:
        raise IngestError(
            f"{origin}: a Federal Register search result with {len(data['results'])} documents; "
            "save one document (api/v1/documents/<number>.json) and ingest it"
        )
    if not isinstance(data, dict) or not (
        {"document_number", "publication_date"} <= set(data) or "citation" in data
    ):
        raise IngestError(
            f"{origin}: JSON that is not a Federal Register document (expected keys "
            "'document_number', 'publication_date', 'title', 'abstract')"
        )
    paragraphs = [str(data.get("title") or "").strip()]
    for key in ("abstract", "action", "dates", "body", "full_text"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            paragraphs.extend(_paragraphs(value))
    date = None
    if data.get("publication_date"):
        try:
            date = dt.date.fromisoformat(str(data["publication_date"]))
        except ValueError as exc:
            raise IngestError(
                f"{origin}: field 'publication_date' is not an ISO date: "
                f"{data['publication_date']!r}"
            ) from exc
    effective = data.get("effective_on")
    if effective:
        paragraphs.append(f"Effective on {effective}.")
    return Document(
        origin,
        "federal_register",
        tuple(p for p in paragraphs if p),
        title=paragraphs[0],
        date=date,
        source_url=data.get("html_url") or None,
        citation=data.get("citation") or None,
    )
