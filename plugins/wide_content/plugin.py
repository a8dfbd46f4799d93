"""Wide tables and code blocks scroll inside a focusable, named region (see regions.py).

Hooks `content_object_init` (before anything reads and memoizes the body).
"""

from __future__ import annotations

from functools import lru_cache

from pelican import signals
from pelican.contents import Article, Page

from yaml_markdown.contents import body_of, changes_only_the_page, replace_body

from .regions import wrap_wide_blocks


@lru_cache(maxsize=4096)
def wrapped(html: str, lang: str) -> str:
    return wrap_wide_blocks(html, lang)


@changes_only_the_page
def add_scroll_regions(content) -> None:
    if not isinstance(content, Page | Article):
        return  # static files
    lang = str(getattr(content, "lang", "") or content.settings.get("DEFAULT_LANG", "fr"))
    replace_body(content, wrapped(body_of(content), lang.split("-", maxsplit=1)[0].lower()))


def register() -> None:
    signals.content_object_init.connect(add_scroll_regions)
