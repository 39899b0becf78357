"""Candidate timeline records from a news report, a press release or a Federal Register notice.

:func:`read_document` reads plain text, HTML or a Federal Register document (API JSON or full
text); :func:`propose` reads it with rules (no model, no network) into :class:`Candidate` records
in the timeline's own schema, each field with the sentence it came from and ``confirmed: false``;
:func:`check` labels each candidate *new*, *recorded* (with the matching id) or *conflicts* (with
the differing fields). ``tradewar timeline add`` puts accepted ones in the user overlay.

    >>> from tradewar.ingest import propose, read_document
    >>> doc = read_document("tests/ingest/fixtures/s301_forced_labour_2026.txt")
    >>> [c.value("rate") for c in propose(doc).candidates]
    [0.125]
"""

from tradewar.ingest._candidate import Candidate, Evidence
from tradewar.ingest._check import Checked, Conflict, check
from tradewar.ingest._propose import Proposal, propose
from tradewar.ingest._read import Document, read_document
from tradewar.ingest._yaml import candidates_yaml

__all__ = [
    "Candidate",
    "Checked",
    "Conflict",
    "Document",
    "Evidence",
    "Proposal",
    "candidates_yaml",
    "check",
    "propose",
    "read_document",
]
