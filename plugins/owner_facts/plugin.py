"""The owner's facts for the theme: the contact call to action, phone links, social profiles.

Hooks `initialized` (settings are final, nothing is read yet) and puts into the
settings, which every template sees: CONTACT_ACTION (the primary call to
action: CONTACT_URL, else CONTACT_EMAIL, else CONTACT_PHONE; None when none is
set, and the theme then shows none), CONTACT_PHONE_HREF / CONTACT_PHONE_TEXT
and SOCIAL_PROFILES. Every value comes from pelicanconf.py; nothing is made up.
"""

from __future__ import annotations

from pelican import signals

from .facts import contact_action, phone_text, social_links, tel_href


def prepare_facts(pelican_obj) -> None:
    settings = pelican_obj.settings
    settings["CONTACT_ACTION"] = contact_action(settings)
    phone = settings.get("CONTACT_PHONE")
    settings["CONTACT_PHONE_HREF"] = tel_href(phone) if phone else None
    settings["CONTACT_PHONE_TEXT"] = phone_text(phone) if phone else None
    settings["SOCIAL_PROFILES"] = social_links(settings.get("SOCIAL_LINKS"))


def register() -> None:
    signals.initialized.connect(prepare_facts)
