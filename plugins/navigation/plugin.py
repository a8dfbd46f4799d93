"""The site menu: pages with a `nav_order` front matter key, in that order.

Exported WordPress pages are never edited, so NAV_ORDER_BY_SLUG in
pelicanconf.py gives their place in the menu ({slug: number}); front matter
wins when both are given.

Hooks `page_generator_finalized` to compute the list once per build and put it
in the template context as `nav_pages`; a template filtering every page on
every page would make builds grow with the square of the page count.
"""

from __future__ import annotations

import logging

from pelican import signals

from yaml_markdown.errors import warn_at

logger = logging.getLogger(__name__)


def menu_pages(pages, by_slug: dict | None = None) -> list:
    """Pages that have a numeric `nav_order`, smallest first (ties by title)."""
    ordered = []
    for page in pages:
        order = page.metadata.get("nav_order", (by_slug or {}).get(page.slug))
        if order is None:
            continue
        try:
            ordered.append((float(order), str(page.title), page))
        except (TypeError, ValueError):
            warn_at(logger, page.relative_source_path, None, f"nav_order {order!r} is not a number")
    return [page for _, _, page in sorted(ordered, key=lambda item: item[:2])]


def add_menu(generator) -> None:
    by_slug = generator.settings.get("NAV_ORDER_BY_SLUG", {})
    generator.context["nav_pages"] = menu_pages(generator.pages, by_slug)


def register() -> None:
    signals.page_generator_finalized.connect(add_menu)
