"""The home page's content: the front page, services, about block, testimonials.

Hooks `initialized` (the testimonials folder is kept out of the pages and
declared as read by this plugin, so plugins/content_map does not report its
files as left out) and `page_generator_finalized` (every page is read; before
the menu is computed and anything is written):

- the front page (HOME_PAGE names its slug; default a page `accueil` or
  `home`) leaves the page list: its text is shown by the home page
  (`home_page` in the template context), it is not written a second time, and
  its old addresses (its WordPress id and its own `/accueil/`) redirect to `/`
  through its metadata, read by plugins/redirects;
- the services are the pages SERVICES lists or whose front matter says
  `service: true` (`services`; each gets `service_page = True` for its call to
  action), never guessed;
- the about block is the page ABOUT_PAGE names (default `a-propos`), when the
  owner writes one (`about_page`);
- testimonials come only from the owner's files in TESTIMONIALS_PATH
  (`testimonials`); a file without a name or a quote fails the build at its line.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape
from pelican import signals

from french_typography.rules import frenchify_html
from owner_facts.facts import image_size
from yaml_markdown.errors import SourceError, error_at

from .choose import front_page, service_pages
from .testimonials import Testimonial, read_testimonial, testimonial_files

logger = logging.getLogger(__name__)

DEFAULT_ABOUT_SLUG = "a-propos"


def declare_testimonials_folder(pelican_obj) -> None:
    settings = pelican_obj.settings
    folder = (settings.get("TESTIMONIALS_PATH") or "").strip("/")
    if folder:
        settings["PAGE_EXCLUDES"] = [*settings.get("PAGE_EXCLUDES", []), folder]
        read = settings.get("CONTENT_READ_BY_PLUGINS", [])
        settings["CONTENT_READ_BY_PLUGINS"] = [*read, folder]


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


def typeset(text: str) -> Markup:
    """Plain text from an owner's file, escaped, in French typography (’, « », no-break spaces)."""
    return Markup(frenchify_html(str(escape(text))))


def load_testimonials(settings) -> list[Testimonial]:
    folder = (settings.get("TESTIMONIALS_PATH") or "").strip("/")
    if not folder:
        return []
    found = []
    for path in testimonial_files(Path(settings["PATH"]) / folder):
        try:
            item = read_testimonial(path)
        except SourceError as error:
            error_at(logger, error.path, error.line, error.message)
            continue
        found.append(Testimonial(typeset(item.name), typeset(item.quote), typeset(item.role)))
    return found


def prepare_home(generator) -> None:
    settings, context = generator.settings, generator.context
    # Slugs naming no page are reported by the publish build, which reports every
    # missing owner fact (a preview of a few pages need not have them all).
    publish = bool(settings.get("LEGAL_NOTICE_WARN_MISSING"))
    chosen = front_page(generator.pages, settings.get("HOME_PAGE"))
    if publish and settings.get("HOME_PAGE") and chosen is None:
        logger.warning("home_page: HOME_PAGE = %r names no page", settings["HOME_PAGE"])
    if chosen is not None:
        take_front_page(generator, chosen)
    context["home_page"] = chosen
    services, unknown = service_pages(
        generator.pages, settings.get("SERVICES"), settings.get("NAV_ORDER_BY_SLUG")
    )
    for slug in unknown if publish else []:
        logger.warning("home_page: SERVICES names %r, which no page has as its address", slug)
    for page in services:
        page.service_page = True
    context["services"] = services
    about_slug = (settings.get("ABOUT_PAGE") or DEFAULT_ABOUT_SLUG).strip("/")
    about = next((p for p in generator.pages if p.slug == about_slug), None)
    if about is not None and about.metadata.get("image"):
        photo = Path(settings["PATH"]) / str(about.metadata["image"]).strip("/")
        about.image_size = image_size(photo) if photo.is_file() else None
        if about.image_size is None:
            error_at(logger, about.source_path, None, f"image {photo} introuvable")
    context["about_page"] = about
    context["testimonials"] = load_testimonials(settings)


def register() -> None:
    signals.initialized.connect(declare_testimonials_folder)
    signals.page_generator_finalized.connect(prepare_home)
