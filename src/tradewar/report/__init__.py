"""Reports of a stored run: a self-contained HTML page (charts inlined as SVG) and a PDF.

:func:`write_html` needs nothing online to view; :func:`write_pdf` prints that page with
headless Chromium when installed, else draws the report with matplotlib (pure Python).
"""

from tradewar.report._html import render, write_html
from tradewar.report._pdf import find_chromium, write_pdf

__all__ = ["find_chromium", "render", "write_html", "write_pdf"]
