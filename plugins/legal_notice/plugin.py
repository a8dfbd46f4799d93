"""The "Mentions légales" page: its fields come from settings, never invented.

Hooks `initialized` (settings are final, nothing is written yet): it gives the
template the list of sections and fields, and, when LEGAL_NOTICE_WARN_MISSING
is true (the publish build), warns once for each field still unset, so the
owner sees what French law asks the site to state and is still missing.
"""

from __future__ import annotations

import logging

from pelican import signals

logger = logging.getLogger(__name__)

# (section title, [(LEGAL_NOTICE key, label)]): what a French professional site
# states (LCEN art. 6); the values are the owner's to give in pelicanconf.py.
SECTIONS = [
    {
        "title": "Éditeur du site",
        "fields": [
            ("publisher", "Éditeur"),
            ("legal_form", "Forme juridique"),
            ("siret", "SIRET"),
            ("address", "Adresse"),
            ("email", "Courriel"),
            ("phone", "Téléphone"),
            ("director", "Directeur de la publication"),
        ],
    },
    {
        "title": "Hébergeur",
        "fields": [
            ("host_name", "Hébergeur"),
            ("host_address", "Adresse de l’hébergeur"),
            ("host_phone", "Téléphone de l’hébergeur"),
        ],
    },
]
OTHER_SETTINGS = {"CONTACT_EMAIL": "contact e-mail shown in the footer and on the home page"}


def missing_fields(notice: dict, settings: dict) -> list[str]:
    missing = [
        f"LEGAL_NOTICE[{key!r}] ({label})"
        for section in SECTIONS
        for key, label in section["fields"]
        if not (notice or {}).get(key)
    ]
    missing += [f"{name} ({why})" for name, why in OTHER_SETTINGS.items() if not settings.get(name)]
    return missing


def prepare_legal_notice(pelican_obj) -> None:
    settings = pelican_obj.settings
    settings["LEGAL_NOTICE_SECTIONS"] = SECTIONS
    if settings.get("LEGAL_NOTICE_WARN_MISSING"):
        for field in missing_fields(settings.get("LEGAL_NOTICE", {}), settings):
            logger.warning("legal_notice: %s is not set in pelicanconf.py", field)


def register() -> None:
    signals.initialized.connect(prepare_legal_notice)
