"""The home page's content: the exported front page, the services, the latest posts.

Hooks `page_generator_finalized` (every page is read; before the menu is
computed and anything is written):

- the front page (HOME_PAGE names its slug; default a page `accueil` or
  `home`) leaves the page list: its text is shown by the home page
  (`home_page` in the template context), it is not written a second time, and
  its old addresses (its WordPress id and its own `/accueil/`) redirect to `/`
  through its metadata, read by plugins/redirects;
- the services are the pages SERVICES lists or whose front matter says
  `service: true` (`services` in the context), never guessed.
"""

from __future__ import annotations

import logging

from pelican import signals

from .choose import front_page, service_pages

logger = logging.getLogger(__name__)


def take_front_page(generator, page) -> None:
    """Move the front page out of the page list; it answers at `/` only."""
    old_url = "/" + page.url
    redirects = page.metadata.get("redirect_from") or []
    redirects = [redirects] if isinstance(redirects, str) else list(redirects)
    page.metadata["redirect_from"] = [*redirects, old_url]
    page.override_url = ""  # "/": links to its old addresses now lead to the home page
    page.override_save_as = ""  # Pelican writes nothing for an empty save_as
    generator.pages.remove(page)  # in place: the context holds these very lists
    generator.hidden_pages.append(page)


def prepare_home(generator) -> None:
    settings = generator.settings
    chosen = front_page(generator.pages, settings.get("HOME_PAGE"))
    if settings.get("HOME_PAGE") and chosen is None:
        logger.warning("home_page: HOME_PAGE = %r names no page", settings["HOME_PAGE"])
    if chosen is not None:
        take_front_page(generator, chosen)
    generator.context["home_page"] = chosen
    services, unknown = service_pages(
        generator.pages, settings.get("SERVICES"), settings.get("NAV_ORDER_BY_SLUG")
    )
    for slug in unknown:
        logger.warning("home_page: SERVICES names %r, which no page has as its address", slug)
    generator.context["services"] = services


def register() -> None:
    signals.page_generator_finalized.connect(prepare_home)
