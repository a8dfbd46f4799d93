"""The lead ("chapo") of every page and article becomes its summary and lead section.

Also gives templates the `plain` filter (hooked on `generator_init`).

Hooks `content_object_init`: it is the first moment the content object exists,
and the last before anything reads (and memoizes) its content or summary.
Sets metadata/attributes `chapo` (lead HTML, "" when none), `summary` (Pelican's
own, so feeds and listings use it) and `description` (plain text, <= 160 chars).
"""

from __future__ import annotations

import logging

from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Article, Page

from yaml_markdown.contents import body_of, replace_body
from yaml_markdown.errors import warn_at

from .describe import description, plain_text
from .extract import extract_chapo

logger = logging.getLogger(__name__)

DEFAULT_CLASSES = ("chapo", "chapeau")


def lead_classes(settings) -> frozenset[str]:
    return frozenset(DEFAULT_CLASSES) | frozenset(settings.get("CHAPO_CLASSES", ()))


def choose_lead(front_matter: str, in_body: str, path: str) -> str:
    if plain_text(front_matter):
        if in_body:
            warn_at(
                logger, path, None, "lead given twice (front matter and body): front matter wins"
            )
        return front_matter
    return in_body


def apply_chapo(content) -> None:
    if not isinstance(content, Page | Article):
        return  # static files
    path = content.relative_source_path or content.source_path or ""
    extraction = extract_chapo(body_of(content), lead_classes(content.settings))
    for problem in extraction.problems:
        warn_at(logger, path, None, problem)
    body = extraction.body
    front = content.metadata.get("chapo") or ""
    lead = choose_lead(front, extraction.lead, path)
    if lead is front and extraction.lead:
        body = f"{extraction.lead}\n{body}"  # the body's lead stays as ordinary text
    replace_body(content, body)
    if lead:
        content.metadata["summary"] = lead
    content.metadata["chapo"] = content.chapo = lead
    text = description(lead, body)
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
