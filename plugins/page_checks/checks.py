"""What an author must fix before a page goes out (pure functions: HTML in, problems out).

The scaffold's placeholder left in the text, an empty chapô, an image whose
file is not in the site, an image without alt text. Images are found with a
regular expression, as in plugins/internal_links: bodies come out of
Python-Markdown and nh3 with double-quoted attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

# The text `invoke new` writes into a new page (sitetools/newpage.py says the same).
PLACEHOLDER = "Écrivez le texte de la page ici"
IMG = re.compile(r"<img\b[^>]*>", re.I)
ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"', re.I)
NOT_CHECKED = ("/wp-content/",)  # uploads: plugins/responsive_images reports them


@dataclass(frozen=True)
class Problem:
    needle: str  # text to find in the source file, for the line number
    en: str
    fr: str


def images(html: str) -> list[dict[str, str]]:
    return [dict((k.lower(), v) for k, v in ATTR.findall(tag)) for tag in IMG.findall(html)]


def local_image_path(src: str, page_url: str) -> str | None:
    """The site-relative path of an image served by this site, else None."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("data:", "{")):
        return None
    return unquote(urljoin(page_url, parts.path))


INTRASITE = re.compile(r'(?:href|src)="\{(filename|static|attach)\}([^"#?]+)')


def intrasite_problems(html: str, source_dir: str, content_root: str, exists) -> list[Problem]:
    """Pelican's `{filename}x.md` / `{static}x.png` links whose file is not there."""
    problems = []
    for kind, target in INTRASITE.findall(html):
        path = unquote(target)
        base = content_root if path.startswith("/") else source_dir
        if not exists(base.rstrip("/") + "/" + path.lstrip("/")):
            problems.append(
                Problem(
                    target,
                    f"{{{kind}}}{path}: no such file",
                    f"{{{kind}}}{path} : ce fichier n’existe pas",
                )
            )
    return problems


def page_problems(
    html: str, chapo: str, page_url: str, known: set[str], draft: bool
) -> list[Problem]:
    problems = []
    if not draft and PLACEHOLDER in html:
        problems.append(
            Problem(
                PLACEHOLDER,
                "the page still holds the new-page placeholder text",
                "la page contient encore le texte d’exemple « Écrivez le texte de la page "
                "ici » : remplacez-le avant de publier",
            )
        )
    if not draft and not chapo.strip():
        problems.append(
            Problem(
                "chapo:",
                "the page has no lead (chapo)",
                "le chapô est vide : écrivez le paragraphe d’introduction (clé « chapo: »)",
            )
        )
    for image in images(html):
        src = image.get("src", "")
        path = local_image_path(src, page_url)
        if path and not path.startswith(NOT_CHECKED) and path not in known:
            problems.append(Problem(src, f"missing image {path}", f"image introuvable : {path}"))
        if not image.get("alt", "").strip():
            problems.append(
                Problem(
                    src,
                    f"image {src} has no alt text",
                    f"l’image {src} n’a pas de texte alternatif : décrivez-la entre les "
                    "crochets de ![…](…)",
                )
            )
    return problems
