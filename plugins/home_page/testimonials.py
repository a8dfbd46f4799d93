"""Testimonials the owner writes, one file each in TESTIMONIALS_PATH (pure functions).

Each file is a front matter with `name` and `quote` (required) and `role`
(optional), or the quote as the body below the front matter. Nothing is ever
shipped or made up: no folder or no file, no testimonials block.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml_markdown.errors import SourceError
from yaml_markdown.frontmatter import decode_source, split_front_matter

EXTENSIONS = (".md", ".markdown", ".yml", ".yaml")


@dataclass(frozen=True)
class Testimonial:
    name: str
    quote: str  # plain text, paragraphs separated by blank lines
    role: str = ""
    source: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.quote.split("\n\n") if p.strip()]


def read_testimonial(path: Path) -> Testimonial:
    """One testimonial; SourceError (file:line, in French) when a required field is missing."""
    text = decode_source(path.read_bytes(), str(path))
    front = split_front_matter(text, str(path))
    if front is None:
        raise SourceError(
            str(path), 1, "un témoignage commence par un en-tête « --- » avec name et quote"
        )
    meta = front.meta
    name = str(meta.get("name") or "").strip()
    quote = str(meta.get("quote") or "").strip() or front.body.strip()
    if not name:
        raise SourceError(str(path), 1, "témoignage sans « name » : ajoutez le nom de la personne")
    if not quote:
        line = front.key_lines.get("quote", front.body_line)
        raise SourceError(str(path), line, "témoignage sans « quote » : ajoutez ses mots")
    return Testimonial(name, quote, str(meta.get("role") or "").strip(), str(path))


def testimonial_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS)
