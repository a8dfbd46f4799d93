"""Links and labels made from the owner's settings, never from anywhere else (pure functions)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

NBSP = "\u00a0"


def tel_href(phone: str) -> str:
    """`tel:` URI of a phone number as the owner writes it: "06 12 34 56 78" -> tel:0612345678.

    A French number written with its country code keeps it: "+33 6 12…" -> tel:+33612…
    """
    digits = re.sub(r"[^\d+]", "", phone)
    return "tel:" + digits


def phone_text(phone: str) -> str:
    """The number as written, its spaces made no-break so it never splits across lines."""
    return " ".join(phone.split()).replace(" ", NBSP)


def contact_action(settings: dict) -> dict | None:
    """The primary call to action: booking URL, else e-mail, else phone; None when none is set."""
    url = settings.get("CONTACT_URL")
    if url:
        return {"href": url, "label": settings.get("CONTACT_URL_LABEL") or "Prendre rendez-vous"}
    email = settings.get("CONTACT_EMAIL")
    if email:
        return {"href": f"mailto:{email}", "label": "Écrire un message"}
    phone = settings.get("CONTACT_PHONE")
    if phone:
        return {"href": tel_href(phone), "label": Markup("Appeler le ") + phone_text(phone)}
    return None


SOCIAL_NAMES = {
    "linkedin.com": "LinkedIn",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "youtube.com": "YouTube",
    "x.com": "X",
    "twitter.com": "X (Twitter)",
    "mastodon.social": "Mastodon",
    "bsky.app": "Bluesky",
    "github.com": "GitHub",
    "tiktok.com": "TikTok",
    "pinterest.com": "Pinterest",
    "malt.fr": "Malt",
}


def social_links(setting) -> list[dict]:
    """SOCIAL_LINKS as (label, URL) pairs or bare URLs -> [{"label", "href"}].

    A bare URL is named after its host (linkedin.com -> LinkedIn), else the host itself.
    """
    links = []
    for entry in setting or []:
        if isinstance(entry, list | tuple) and len(entry) == 2:
            label, href = str(entry[0]), str(entry[1])
        else:
            href = str(entry)
            host = (urlsplit(href).hostname or href).removeprefix("www.")
            label = next((n for h, n in SOCIAL_NAMES.items() if host.endswith(h)), host)
        links.append({"label": label, "href": href})
    return links
