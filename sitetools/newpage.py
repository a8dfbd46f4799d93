"""Scaffold a new Markdown page with the YAML front matter the site reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican.utils import slugify

# Pelican's default slug rules, spelled out: ASCII only (accents dropped), and
# the apostrophe of "d'été" becomes a word break rather than vanishing.
SLUG_REGEX_SUBSTITUTIONS = [
    (r"[’']", "-"),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]


def page_slug(title: str) -> str:
    slug = slugify(title, regex_subs=SLUG_REGEX_SUBSTITUTIONS, use_unicode=False)
    return slug.strip("-")


# plugins/page_checks warns when a page is published with this text still in it.
PLACEHOLDER = "Écrivez le texte de la page ici, en Markdown."


def quoted(value: str) -> str:
    """A YAML double-quoted string: safe whatever French punctuation it holds."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_source(title: str, author: str, today: dt.date) -> str:
    """The new page: every front matter key the site understands, explained in French."""
    return f"""---
# En-tête de la page : une clé par ligne, sous la forme clé: "valeur".
# Gardez les guillemets autour des valeurs (un « : » ou un « # » les coupe sinon).
title: {quoted(title)}
# Le chapô : le paragraphe d’introduction, affiché en tête de la page, dans les
# listes et dans les résultats des moteurs de recherche (Markdown permis).
chapo: ""
date: {quoted(today.isoformat())}
author: {quoted(author)}
# Brouillon : la page est visible dans l’aperçu (python3 dev.py serve) avec un
# bandeau « Brouillon », jamais sur le site publié. Supprimez la ligne pour publier.
status: "draft"
# Clés facultatives : enlevez le « # » du début de la ligne pour vous en servir.
# Place dans le menu, les petits nombres d’abord (sans elle : pas dans le menu).
# nav_order: 50
# Page de service : elle a sa carte sur la page d’accueil et se termine par une
# invitation à prendre contact.
# service: true
# Description pour les moteurs de recherche (160 signes au plus) ; sans elle,
# le début du chapô sert de description.
# description: ""
# Anciennes adresses de cette page, redirigées vers la nouvelle.
# redirect_from: ["/ancienne-adresse/"]
# Langue de la page, si elle n'est pas en français.
# lang: "en"
---

{PLACEHOLDER}
"""


def create_page(title: str, pages_dir: Path, author: str, today: dt.date | None = None) -> Path:
    """Write `pages_dir/<slug>.md`; refuse to overwrite an existing page."""
    slug = page_slug(title)
    if not slug:
        raise ValueError(f"the title {title!r} gives an empty file name")
    path = pages_dir / f"{slug}.md"
    pages_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(page_source(title, author, today or dt.date.today()))
    return path
