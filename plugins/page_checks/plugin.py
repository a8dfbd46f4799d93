"""Warnings for what an author must fix before publishing, at the file and line.

Hooks `all_generators_finalized`, like plugins/internal_links (loaded before
it, whose list of the build's addresses it reuses): every page and static
file is known, and the chapô has been extracted. See checks.py for what is
checked. Messages are French for hand-written pages, English for exports.
"""

from __future__ import annotations

import logging

from pelican import signals

from internal_links.plugin import known_urls, source_line
from redirects.plugin import contents
from yaml_markdown.contents import body_of
from yaml_markdown.errors import warn_at

from .checks import page_problems

logger = logging.getLogger(__name__)


def check_pages(generators) -> None:
    generators = list(generators)
    if not generators:
        return
    items = contents(generators)
    known = known_urls(generators, items, generators[0].settings)
    for item in items:
        chapo = str(item.metadata.get("chapo") or "")
        draft = bool(item.metadata.get("draft"))
        if item.metadata.get("wordpress_export"):
            chapo = chapo or "-"  # exports without a lead are the migration's business
        for problem in page_problems(body_of(item), chapo, "/" + item.url, known, draft):
            line = source_line(item.source_path, problem.needle, problem.needle)
            english = item.metadata.get("wordpress_export") or item.metadata.get("lang") == "en"
            warn_at(logger, item.source_path, line, problem.en if english else problem.fr)


def register() -> None:
    signals.all_generators_finalized.connect(check_pages)
