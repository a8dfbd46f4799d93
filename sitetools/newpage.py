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


def page_source(title: str, author: str, today: dt.date) -> str:
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return (
        "---\n"
        f'title: "{quoted}"\n'
        f"date: {today.isoformat()}\n"
        f"author: {author}\n"
        "# The lead paragraph shown under the title, in lists and search results.\n"
        'chapo: ""\n'
        "---\n"
        "\n"
        "Écrivez le texte de la page ici, en Markdown.\n"
    )


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
