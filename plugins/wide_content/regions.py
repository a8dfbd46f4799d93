"""Wrap each outermost <table> and <pre> in a focusable scroll region (pure functions).

A table or code block wider than a phone scrolls inside its region instead of
pushing the page sideways. The region is focusable (`tabindex="0"`), so a
keyboard user can scroll it with the arrow keys, and named (`role="region"`
plus `aria-label`), so a screen reader says what it is (the pattern of
Adrian Roselli's "Under-Engineered Responsive Tables"). A tokenizer of our own
that only counts <table>/<pre> tags, because parsing and re-serializing every
body with an HTML parser would cost the 1,000-page build time and could
change markup that other plugins already set.
"""

from __future__ import annotations

import re

TAG = re.compile(r"<(/?)(table|pre)\b[^>]*>", re.I)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.I | re.S)
MARKUP = re.compile(r"<[^>]+>")

LABELS = {
    "fr": {"table": "Tableau", "pre": "Code"},
    "en": {"table": "Table", "pre": "Code"},
}


def label_for(kind: str, element_html: str, lang: str) -> str:
    """A table's caption when it has one, else "Tableau" / "Code" in the page's language."""
    if kind == "table":
        caption = CAPTION.search(element_html)
        if caption:
            text = " ".join(MARKUP.sub(" ", caption.group(1)).split())
            if text:
                return text.replace('"', "&quot;")
    words = LABELS.get(lang, LABELS["fr"])
    return words[kind]


def wrap_wide_blocks(html: str, lang: str = "fr") -> str:
    """`html` with every outermost table and pre inside a scroll region; unchanged if none."""
    if "<table" not in html.lower() and "<pre" not in html.lower():
        return html
    out, position, depth, start, kind = [], 0, 0, 0, ""
    for match in TAG.finditer(html):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if depth == 0 and not closing:
            out.append(html[position : match.start()])
            start, kind, depth = match.start(), name, 1
        elif depth and name == kind:
            depth += -1 if closing else 1
            if depth == 0:
                element = html[start : match.end()]
                label = label_for(kind, element, lang)
                out.append(
                    f'<div class="scroll scroll--{kind}" role="region" tabindex="0" '
                    f'aria-label="{label}">{element}</div>'
                )
                position = match.end()
    if depth:  # an unclosed element: leave the rest as it was
        out.append(html[start:])
    else:
        out.append(html[position:])
    return "".join(out)
