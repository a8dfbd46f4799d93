"""Plain-text descriptions for <meta name="description"> (pure functions)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

LIMIT = 160
ELLIPSIS = "…"


def plain_text(html: str) -> str:
    text = BeautifulSoup(html or "", "html.parser").get_text(" ")
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int = LIMIT) -> str:
    """At most `limit` characters, cut at a word boundary with "…" when longer."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:.!?—–-") + ELLIPSIS


def first_paragraph(html: str) -> str:
    paragraph = BeautifulSoup(html or "", "html.parser").find("p")
    return str(paragraph) if paragraph else html or ""


def description(lead_html: str, body_html: str) -> str:
    return shorten(plain_text(lead_html or first_paragraph(body_html)))
