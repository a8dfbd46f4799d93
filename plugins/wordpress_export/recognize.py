"""Tell WordPress exporter files from new Markdown pages, and map their front matter.

Recognition rule: a file is a WordPress export when its front matter has the
exporter's `guid` key (exporter 2.x, which also writes `layout` and `id`) or
its `post_title` key (exporter 1.x, with `ID`, `post_date`, `permalink`).
New pages written by hand never use those keys, so they are left alone.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath

from yaml_markdown.errors import warn_at

logger = logging.getLogger(__name__)

V1_KEYS = {"ID": "id", "post_title": "title", "post_date": "date", "post_excerpt": "excerpt"}
EMPTY_PANELS = {"", "a:0:{}", "[]"}


def exporter_generation(meta: dict) -> str | None:
    """ "2" or "1" for exporter files, None for anything else (keys compared lowercase)."""
    if "guid" in meta:
        return "2"
    if "post_title" in meta:
        return "1"
    return None


def map_front_matter(meta: dict, generation: str, path: str) -> dict:
    """Both generations' keys as one set of metadata; unknown keys kept as they are."""
    mapped = dict(meta)
    if generation == "1":
        for old, new in V1_KEYS.items():
            if old.lower() in mapped:
                mapped.setdefault(new, mapped.pop(old.lower()))
        if mapped.get("published") is False:
            mapped["status"] = "draft"
    if "id" in mapped:
        mapped["id"] = as_int(mapped["id"], path)
    mapped["layout"] = str(mapped.get("layout") or "page")
    check_page_builder(mapped, path)
    return mapped


def as_int(value, path: str) -> int | str:
    try:
        return int(value)
    except (TypeError, ValueError):
        warn_at(logger, path, None, f"id {value!r} is not a number; kept as text")
        return str(value)


def check_page_builder(meta: dict, path: str) -> None:
    """Page-builder (SiteOrigin panels) layouts are PHP-serialized; only an empty one is safe."""
    panels = meta.get("panels_data")
    values = panels if isinstance(panels, list) else [panels]
    filled = [str(v) for v in values if v is not None and str(v).strip() not in EMPTY_PANELS]
    if filled:
        warn_at(logger, path, None, "page-builder layout (panels_data) was not migrated")
    if panels is not None:
        meta["panels_data"] = [str(v) for v in values if v is not None]


def title_from_file_name(path: str) -> str:
    """A title for an untitled export: `_posts/2016-05-01-mon-article.md` → "Mon article"."""
    stem = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}-", "", PurePosixPath(path).stem)
    text = " ".join(word for word in re.split(r"[-_\s]+", stem) if word)
    return text[:1].upper() + text[1:] if text else "Sans titre"
