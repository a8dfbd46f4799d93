"""Links and labels made from the owner's settings, never from anywhere else (pure functions)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

NBSP = "\u00a0"


def tel_href(phone: str) -> str:
    """`tel:` URI of a phone number as the owner writes it: "06 12 34 56 78" -> tel:0612345678.

    A French number written with its country code keeps it: "+33 6 12…" -> tel:+33612…,
    and loses the "(0)" written after it for callers at home: "+33 (0)1 99…" -> tel:+33199…
    """
    international = re.sub(r"^\s*(\+\d+)\s*\(0\)", r"\1", phone)
    return "tel:" + re.sub(r"[^\d+]", "", international)


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
            label = next(
                (n for h, n in SOCIAL_NAMES.items() if host == h or host.endswith("." + h)), host
            )
        links.append({"label": label, "href": href})
    return links


SVG_LENGTH = re.compile(r"^\s*([\d.]+)\s*(px)?\s*$")


def svg_size(text: str) -> tuple[int, int] | None:
    """Width and height of an SVG logo, from its width/height or its viewBox."""
    from xml.etree import ElementTree  # noqa: PLC0415

    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    width, height = root.get("width", ""), root.get("height", "")
    if SVG_LENGTH.match(width) and SVG_LENGTH.match(height):
        return round(float(SVG_LENGTH.match(width)[1])), round(float(SVG_LENGTH.match(height)[1]))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            return None
    return None


def image_size(path) -> tuple[int, int] | None:
    """Width and height of a logo file (SVG or raster); None when unreadable."""
    from pathlib import Path  # noqa: PLC0415

    path = Path(path)
    if path.suffix.lower() == ".svg":
        try:
            return svg_size(path.read_text("utf-8", errors="replace"))
        except OSError:
            return None
    try:
        from PIL import Image  # noqa: PLC0415

        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError):
        return None
