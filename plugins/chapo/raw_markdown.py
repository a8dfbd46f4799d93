"""Markdown left as text inside a lead block, rendered (pure functions).

Python-Markdown does not look inside a raw HTML block, so a hand-written
`<div class="chapo">Un **mot**</div>` reaches the lead with its asterisks.
The lead is short: each text node that holds Markdown syntax is rendered on
its own, as inline Markdown, and replaced by the result.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString

MARKDOWN_INLINE = re.compile(
    r"\*\*\S|__\S|(?<![\w*\\])\*[^\s*]|(?<![\w\\])_[^\s_]|\[[^\]\n]+\]\(|`[^`\n]+`"
)
RAW = ["pre", "code", "script", "style"]


def render_raw_markdown(lead_html: str, render: Callable[[str], str]) -> str:
    """The lead with inline Markdown shown as text turned into HTML; unchanged otherwise."""
    if not MARKDOWN_INLINE.search(lead_html):
        return lead_html
    soup = BeautifulSoup(lead_html, "html.parser")
    changed = False
    for node in list(soup.find_all(string=MARKDOWN_INLINE)):
        if type(node) is not NavigableString or node.find_parent(RAW) is not None:
            continue
        text = str(node)
        rendered = render(html.escape(text.strip(), quote=False)).strip()
        match = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
        if match is None:
            continue  # blocks, not inline Markdown
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        fragment = BeautifulSoup(f"<div>{lead}{match.group(1)}{trail}</div>", "html.parser").div
        for child in list(fragment.contents):
            node.insert_before(child.extract())
        node.extract()
        changed = True
    return str(soup) if changed else lead_html
