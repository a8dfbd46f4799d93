"""Plain-text descriptions for <meta name="description"> (pure functions)."""

from __future__ import annotations

import html as entities
import re

LIMIT = 160
ELLIPSIS = "…"


TAG = re.compile(r"<[^>]*>")
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.S | re.I)


def plain_text(html: str) -> str:
    # A regex is enough here: the HTML comes from our own renderer, well formed,
    # and no attribute value matters for the text.
    text = entities.unescape(TAG.sub(" ", html or ""))
    # Collapse ordinary whitespace only: no-break spaces are typography.
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")


def shorten(text: str, limit: int = LIMIT) -> str:
    """At most `limit` characters, cut at a word boundary with "…" when longer."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:.!?—–-") + ELLIPSIS


def first_paragraph(html: str) -> str:
    match = FIRST_PARAGRAPH.search(html or "")
    return match.group(0) if match else html or ""


def description(lead_html: str, body_html: str) -> str:
    return shorten(plain_text(lead_html or first_paragraph(body_html)))
