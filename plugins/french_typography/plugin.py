"""French typography on titles, leads, bodies, summaries and descriptions.

Hooks `content_object_init`, after the chapo plugin (later in PLUGINS), so the
lead and the description it makes are set in French typography too. Results
are memoized by input, so the live-reload worker's rebuilds cost nothing for
unchanged pages.
"""

from __future__ import annotations

from functools import lru_cache

from pelican import signals
from pelican.contents import Article, Page

from yaml_markdown.contents import body_of, changes_only_the_page, replace_body

from .rules import frenchify_html

TEXT_FIELDS = ("title", "chapo", "description")


@lru_cache(maxsize=4096)
def frenchify(html: str) -> str:
    return frenchify_html(html)


def is_french(content) -> bool:
    """`lang` is set on every page by Pelican (DEFAULT_LANG when the front matter has none)."""
    lang = str(getattr(content, "lang", "") or content.settings.get("DEFAULT_LANG", "fr"))
    return lang.lower().replace("_", "-").split("-")[0] == "fr"


@changes_only_the_page
def apply_french_typography(content) -> None:
    if not isinstance(content, Page | Article):
        return  # static files
    if not is_french(content):
        return  # a page in another language (`lang: en`) keeps that language's spacing
    replace_body(content, frenchify(body_of(content)))
    if content.metadata.get("summary"):
        content.metadata["summary"] = frenchify(content.metadata["summary"])
    for name in TEXT_FIELDS:
        value = content.metadata.get(name)
        if isinstance(value, str) and value:
            content.metadata[name] = frenchify(value)
            setattr(content, name, content.metadata[name])


def register() -> None:
    signals.content_object_init.connect(apply_french_typography)
