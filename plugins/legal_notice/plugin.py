"""The "Mentions légales" page: its fields come from settings, never invented.

Hooks `initialized` (settings are final, nothing is written yet): it gives the
template the sections and their fields, with text values set in French
typography (’, no-break spaces) and e-mail and phone as links; and, when
LEGAL_NOTICE_WARN_MISSING is true (the publish build), warns once for each fact
still unset, so the owner sees what French law asks the site to state and is
still missing. A company field that does not apply (no RCS, no share capital)
is set to False: not shown, no warning.
"""

from __future__ import annotations

import logging

from markupsafe import Markup, escape
from pelican import signals

from french_typography.rules import frenchify_html
from owner_facts.facts import tel_href

logger = logging.getLogger(__name__)

VAT_EXEMPT_TEXT = "TVA non applicable, art. 293 B du CGI"

# (section title, [(LEGAL_NOTICE key, label)]): what a French professional site
# states (LCEN art. 6-III; Code de commerce R123-237 for companies); the values
# are the owner's to give in pelicanconf.py.
SECTIONS = [
    {
        "title": "Éditeur du site",
        "fields": [
            ("publisher", "Éditeur"),
            ("legal_form", "Forme juridique"),
            ("siret", "SIRET"),
            ("rcs", "Immatriculation au RCS"),
            ("share_capital", "Capital social"),
            ("vat_number", "TVA intracommunautaire"),
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
# Shown only when set: they apply to some businesses only (False: does not apply).
OPTIONAL = {"rcs", "share_capital", "vat_number"}
CONTACT = {"email": "CONTACT_EMAIL", "phone": "CONTACT_PHONE"}  # one setting, used everywhere
OTHER_SETTINGS = {
    "CONTACT_EMAIL": "contact e-mail: footer, home page, legal notice",
    "CONTACT_PHONE": "contact phone: footer, home page, legal notice",
    "CONTACT_AREA": "city or area served, in the footer",
}


def typeset(text) -> Markup:
    """A settings value as HTML: escaped, then French typography (’ « » no-break spaces)."""
    return Markup(frenchify_html(str(escape(str(text)))))


def field_value(key: str, notice: dict, settings: dict) -> Markup | None:
    """The HTML shown for one field; None when it is not to be shown at all."""
    if key in CONTACT:
        value = settings.get(CONTACT[key]) or notice.get(key)
        if not value:
            return None
        href = f"mailto:{value}" if key == "email" else tel_href(str(value))
        text = escape(value) if key == "email" else escape("\u00a0".join(str(value).split()))
        return Markup(f'<a href="{escape(href)}">{text}</a>')
    if key == "host_phone" and notice.get(key):
        number = str(notice[key])
        text = escape("\u00a0".join(number.split()))
        return Markup(f'<a href="{escape(tel_href(number))}">{text}</a>')
    if key == "vat_number" and not notice.get(key) and notice.get("vat_exempt"):
        return typeset(VAT_EXEMPT_TEXT)
    value = notice.get(key)
    return typeset(value) if value else None


def given(notice: dict) -> dict:
    """The notice with `True` read as "no text given": it applies, but says nothing to show."""
    return {k: None if v is True and k != "vat_exempt" else v for k, v in notice.items()}


def notice_sections(notice: dict, settings: dict) -> list[dict]:
    """Sections with their (label, HTML or None for "to be completed") rows."""
    notice = given(notice)
    sections = []
    for section in SECTIONS:
        rows = []
        for key, label in section["fields"]:
            value = field_value(key, notice, settings)
            if value is None and (key in OPTIONAL or notice.get(key) is False):
                continue
            exempt = key == "vat_number" and notice.get("vat_exempt") and not notice.get(key)
            rows.append(("TVA" if exempt else label, value))
        sections.append({"title": section["title"], "rows": rows})
    return sections


def missing_fields(notice: dict, settings: dict) -> list[str]:
    notice = given(notice or {})
    missing = []
    for section in SECTIONS:
        for key, label in section["fields"]:
            if key in CONTACT or notice.get(key) is False:
                continue
            if key == "vat_number":
                if not notice.get(key) and not notice.get("vat_exempt"):
                    missing.append(
                        "LEGAL_NOTICE['vat_number'] (TVA intracommunautaire; or set "
                        "LEGAL_NOTICE['vat_exempt'] = True for "
                        "« TVA non applicable, art. 293 B du CGI »)"
                    )
                continue
            if not notice.get(key):
                hint = " (False if it does not apply)" if key in OPTIONAL else ""
                missing.append(f"LEGAL_NOTICE[{key!r}] ({label}){hint}")
    missing += [f"{name} ({why})" for name, why in OTHER_SETTINGS.items() if not settings.get(name)]
    return missing


def prepare_legal_notice(pelican_obj) -> None:
    settings = pelican_obj.settings
    notice = given(settings.get("LEGAL_NOTICE") or {})
    settings["LEGAL_NOTICE_SECTIONS"] = notice_sections(notice, settings)
    settings["LEGAL_NOTICE_HOST"] = (
        typeset(notice["host_name"]) if notice.get("host_name") else None
    )
    if settings.get("LEGAL_NOTICE_WARN_MISSING"):
        for field in missing_fields(notice, settings):
            logger.warning("legal_notice: %s is not set in pelicanconf.py", field)


def register() -> None:
    signals.initialized.connect(prepare_legal_notice)
