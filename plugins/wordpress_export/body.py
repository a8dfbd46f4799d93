"""Render an exported body to clean HTML, for either exporter generation (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Callable

from pelican.tools.pelican_import import decode_wp_content

from .clean import Finding, audit_source, clean_html
from .shortcodes import expand_shortcodes

# Exporter 2.x wrote Markdown inside raw <div>s; Python-Markdown renders it only
# when the block says markdown="1" (md_in_html, part of the "extra" extension).
DIV_OPEN = re.compile(r"^([ \t]*)<div\b(?![^>]*\bmarkdown=)", re.M)
INDENTED = re.compile(r"^ {2}(?=\S)", re.M)


def mark_markdown_blocks(text: str) -> str:
    return DIV_OPEN.sub(r'\1<div markdown="1"', text)


def dedent_two(text: str) -> str:
    # Children of divs indented by two spaces would otherwise stay in raw HTML mode.
    return INDENTED.sub("", text)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def render_body(
    body: str, generation: str, render_markdown: Callable[[str], str], hosts: set[str]
) -> tuple[str, list[Finding]]:
    """(clean HTML, findings with body-relative lines)."""
    findings = audit_source(body)
    expanded, problems = expand_shortcodes(body)
    findings += [Finding(line_of(body, p.offset), p.message) for p in problems]
    if generation == "1":
        html = decode_wp_content(expanded)  # WordPress's autop, as Pelican's importer ports it
    else:
        html = render_markdown(mark_markdown_blocks(dedent_two(expanded)))
    return clean_html(html, hosts), sorted(findings, key=lambda f: f.line)
