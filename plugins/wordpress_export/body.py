"""Render an exported body to clean HTML, for either exporter generation (pure functions).

The steps, in order (each module says why):
1. code.py takes code samples out (placeholders), so nothing below mangles them;
2. leftovers.py drops Word and Gutenberg comments and flattens absurd nesting;
3. lead.py closes a lead block left open;
4. clean.audit_source reports risky or broken markup, shortcodes.py expands shortcodes;
5. the body is rendered: exporter 1.x bodies are raw WordPress HTML (WordPress's
   autop, as Pelican's importer ports it); 2.x bodies are Markdown with raw HTML
   blocks (Python-Markdown, `<div>`s marked for Markdown);
6. structure.py fixes what neither renderer knows (Markdown inside raw HTML, autop
   line breaks per block, captions, lists, headings), clean.py cleans and sanitizes;
7. the code samples come back as `<pre><code class="language-x">`.
Every problem is reported at its line in the body, through edits.Edited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from pelican.tools.pelican_import import decode_wp_content

from .clean import Finding, audit_source, clean_html
from .code import extract_code_samples, restore_code_samples
from .edits import Edited
from .lead import DEFAULT_LEAD_CLASSES, close_lead
from .leftovers import flatten_deep_nesting, remove_editor_leftovers
from .shortcodes import expand_shortcodes
from .structure import reference_definitions, restructure

# Exporter 2.x wrote Markdown inside raw <div>s; Python-Markdown renders it only
# when the block says markdown="1" (md_in_html, part of the "extra" extension).
DIV_OPEN = re.compile(r"^([ \t]*)<div\b(?![^>]*\bmarkdown=)", re.M)
INDENTED = re.compile(r"^ {2}(?=\S)", re.M)


def mark_markdown_blocks(text: str) -> str:
    return DIV_OPEN.sub(r'\1<div markdown="1"', text)


def dedent_two(text: str) -> str:
    # Children of divs indented by two spaces would otherwise stay in raw HTML mode.
    return INDENTED.sub("", text)


def render_body(
    body: str,
    generation: str,
    render_markdown: Callable[[str], str],
    hosts: set[str],
    lead_classes=DEFAULT_LEAD_CLASSES,
) -> tuple[str, list[Finding]]:
    """(clean HTML, findings with body-relative lines)."""
    source, samples = extract_code_samples(Edited(body))
    findings = [Finding(p.line, p.message) for p in samples.problems]
    source = remove_editor_leftovers(source)
    source, problems = flatten_deep_nesting(source)
    findings += [Finding(p.line, p.message) for p in problems]
    source, problems = close_lead(source, lead_classes)
    findings += [Finding(p.line, p.message) for p in problems]
    lead_lines = {p.line for p in problems}  # an open lead is reported once, as a lead
    for finding in audit_source(source.text):
        line = source.original_line(finding.line)
        if not (line in lead_lines and "never closed" in finding.message):
            findings.append(Finding(line, finding.message))
    expanded, problems = expand_shortcodes(source.text)
    findings += [Finding(source.line_at(p.offset), p.message) for p in problems]
    if generation == "1":
        html = decode_wp_content(expanded)  # WordPress's autop, as Pelican's importer ports it
    else:
        html = render_markdown(mark_markdown_blocks(dedent_two(expanded)))
    fix = partial(
        restructure, render_inline=render_markdown, references=reference_definitions(body)
    )
    html = clean_html(html, hosts, fix)
    return restore_code_samples(html, samples.blocks), sorted(findings, key=lambda f: f.line)
