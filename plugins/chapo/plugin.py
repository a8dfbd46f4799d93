"""The lead ("chapo") of every page and article becomes its summary and lead section.

Also gives templates the `plain` filter (hooked on `generator_init`).

Hooks `content_object_init`: it is the first moment the content object exists,
and the last before anything reads (and memoizes) its content or summary.
Sets metadata/attributes `chapo` (lead HTML, "" when none), `summary` (Pelican's
own, so feeds and listings use it) and `description` (plain text, <= 160 chars).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markdown import Markdown
from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Article, Page

from yaml_markdown.contents import body_of, changes_only_the_page, replace_body
from yaml_markdown.errors import warn_at

from .describe import description, plain_text
from .extract import extract_chapo
from .raw_markdown import render_raw_markdown

logger = logging.getLogger(__name__)

DEFAULT_CLASSES = ("chapo", "chapeau")


def lead_classes(settings) -> frozenset[str]:
    return frozenset(DEFAULT_CLASSES) | frozenset(settings.get("CHAPO_CLASSES", ()))


MARKDOWN_BY_SETTINGS: dict[int, Markdown] = {}


def render_markdown(settings, text: str) -> str:
    """Markdown with the site's own settings; one instance per settings, reset per use."""
    md = MARKDOWN_BY_SETTINGS.get(id(settings))
    if md is None:
        options = dict(settings.get("MARKDOWN") or {})
        configs = options.get("extension_configs", {})
        extensions = list(dict.fromkeys([*options.get("extensions", []), *configs]))
        md = Markdown(
            extensions=extensions,
            extension_configs=configs,
            output_format=options.get("output_format", "html5"),
        )
        MARKDOWN_BY_SETTINGS.clear()  # one site at a time: keep only the current one
        MARKDOWN_BY_SETTINGS[id(settings)] = md
    md.reset()
    return md.convert(text)


def choose_lead(front_matter: str, in_body: str, path: str) -> str:
    if plain_text(front_matter):
        if in_body:
            warn_at(
                logger, path, None, "lead given twice (front matter and body): front matter wins"
            )
        return front_matter
    return in_body


def lead_line(source_path: str | None, classes) -> int | None:
    """The line of the source file where the lead is marked, for messages about it."""
    try:
        text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    except (OSError, TypeError):
        return None
    names = "|".join(re.escape(c) for c in sorted(classes))
    marked = rf"""class\s*=\s*["'][^"']*\b(?:{names})\b|\{{:[^}}]*\.(?:{names})\b"""
    match = re.search(marked, text)
    return text.count("\n", 0, match.start()) + 1 if match else None


@changes_only_the_page
def apply_chapo(content) -> None:
    if not isinstance(content, Page | Article):
        return  # static files
    path = content.relative_source_path or content.source_path or ""
    classes = lead_classes(content.settings)
    extraction = extract_chapo(body_of(content), classes)
    line = lead_line(content.source_path, classes) if extraction.problems else None
    for problem in extraction.problems:
        warn_at(logger, path, line, problem)
    body = extraction.body
    front = content.metadata.get("chapo") or ""
    in_body = render_raw_markdown(
        extraction.lead, lambda text: render_markdown(content.settings, text)
    )
    lead = choose_lead(front, in_body, path)
    if lead is front and in_body:
        body = f"{in_body}\n{body}"  # the body's lead stays as ordinary text
    replace_body(content, body)
    if lead:
        content.metadata["summary"] = lead
    content.metadata["chapo"] = content.chapo = lead
    # A description written in the front matter wins over the one made from the lead.
    text = str(content.metadata.get("description") or "").strip() or description(lead, body)
    content.metadata["description"] = content.description = text


def plain_filter(html) -> Markup:
    """Jinja filter `plain`: text without tags, escaped, no-break spaces kept.

    Jinja's own `striptags` turns U+00A0 and U+202F into plain spaces, which
    would undo French typography in <title> and meta descriptions.
    """
    return escape(plain_text(str(html or "")))


def add_filters(generator) -> None:
    generator.env.filters["plain"] = plain_filter


def register() -> None:
    signals.content_object_init.connect(apply_chapo)
    signals.generator_init.connect(add_filters)
