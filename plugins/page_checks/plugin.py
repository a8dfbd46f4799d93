"""Warnings for what an author must fix before publishing, at the file and line.

Hooks `all_generators_finalized`, like plugins/internal_links (loaded before
it, whose list of the build's addresses it reuses): every page and static
file is known, and the chapô has been extracted. See checks.py for what is
checked. Messages are French for hand-written pages, English for exports.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from internal_links.plugin import known_urls, source_line
from redirects.plugin import contents
from yaml_markdown.contents import body_of, content_refreshed
from yaml_markdown.errors import warn_at

from .checks import intrasite_problems, page_problems

logger = logging.getLogger(__name__)


def check_pages(generators, only=None) -> None:
    generators = list(generators)
    if not generators:
        return
    items = contents(generators)
    known = known_urls(generators, items, generators[0].settings)
    root = generators[0].settings["PATH"]
    for item in [only] if only is not None else items:
        chapo = str(item.metadata.get("chapo") or "")
        draft = bool(item.metadata.get("draft"))
        if item.metadata.get("wordpress_export"):
            chapo = chapo or "-"  # exports without a lead are the migration's business
        problems = page_problems(body_of(item), chapo, "/" + item.url, known, draft)
        source_dir = os.path.dirname(item.source_path)
        problems += intrasite_problems(body_of(item), source_dir, root, os.path.exists)
        for problem in problems:
            line = source_line(item.source_path, problem.needle, problem.needle)
            english = item.metadata.get("wordpress_export") or item.metadata.get("lang") == "en"
            warn_at(logger, item.source_path, line, problem.en if english else problem.fr)


def check_refreshed(content, generators) -> None:
    check_pages(generators, only=content)


def register() -> None:
    signals.all_generators_finalized.connect(check_pages)
    content_refreshed.connect(check_refreshed)
