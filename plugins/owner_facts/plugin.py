"""The owner's facts for the theme: contact call to action, phone link, brand, social profiles.

Hooks `initialized` (settings are final, nothing is read yet) and puts into the
settings, which every template sees: CONTACT_ACTION (the primary call to
action: CONTACT_URL, else CONTACT_EMAIL, else CONTACT_PHONE; None when none is
set, and the theme then shows none), CONTACT_PHONE_HREF / CONTACT_PHONE_TEXT,
SOCIAL_PROFILES, SITE_LOGO_SIZE (width and height of SITE_LOGO, so the header
never shifts), FAVICON_TYPE, and COPYRIGHT_YEAR (the build's year unless set);
SITESUBTITLE and CONTACT_AREA are set in French typography.
Every value comes from pelicanconf.py; nothing is made up. A logo file that is
missing is a warning naming it, and the header shows the site's name alone.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from markupsafe import Markup, escape
from pelican import signals

from french_typography.rules import frenchify_html

from .facts import contact_action, image_size, phone_text, social_links, tel_href

logger = logging.getLogger(__name__)

# Text settings shown on pages, set in French typography like the pages (’, « », spaces).
TYPESET = ("SITESUBTITLE", "CONTACT_AREA")
ICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}


def prepare_facts(pelican_obj) -> None:
    settings = pelican_obj.settings
    for name in TYPESET:
        if settings.get(name):
            settings[name] = Markup(frenchify_html(str(escape(settings[name]))))
    settings["CONTACT_ACTION"] = contact_action(settings)
    phone = settings.get("CONTACT_PHONE")
    settings["CONTACT_PHONE_HREF"] = tel_href(phone) if phone else None
    settings["CONTACT_PHONE_TEXT"] = phone_text(phone) if phone else None
    settings["SOCIAL_PROFILES"] = social_links(settings.get("SOCIAL_LINKS"))
    settings["COPYRIGHT_YEAR"] = settings.get("COPYRIGHT_YEAR") or datetime.date.today().year
    settings["SITE_LOGO_SIZE"] = None
    logo = settings.get("SITE_LOGO")
    if logo:
        source = Path(settings["PATH"]) / logo
        size = image_size(source) if source.is_file() else None
        if size is None:
            logger.warning("owner_facts: SITE_LOGO %s: no image at %s", logo, source)
            settings["SITE_LOGO"] = None
        settings["SITE_LOGO_SIZE"] = size
    favicon = settings.get("FAVICON")
    settings["FAVICON_TYPE"] = ICON_TYPES.get(Path(favicon or "x.svg").suffix.lower(), "")


def register() -> None:
    signals.initialized.connect(prepare_facts)
