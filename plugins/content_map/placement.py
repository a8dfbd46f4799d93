"""Where each file under content/ goes: page, post or left out, and its URL (pure).

One rule for every file, exported or written by hand:

- a page's URL is its path under content/, minus a leading `pages/`, without
  the extension, with a trailing slash: `pages/x.md` and an exported `x.md`
  both give `/x/`, an exported child page `parent/child.md` gives
  `/parent/child/` (its WordPress address, so old links need no redirect);
- posts are the files in `_posts/` (the exporter's folder), `articles/` (new
  posts) and `_drafts/` (the exporter's unpublished items); a post's URL is
  `/blog/<slug>/`, the slug being the file name without the exporter's
  `YYYY-MM-DD-` prefix; its old `permalink` gets a 301 (plugins/redirects);
- drafts are the files in `_drafts/` and those whose front matter says
  `status: draft` (exporter 1.x: `published: false`);
- the exporter's custom post types (`_<type>s/` folders) are left out, one
  warning per type, unless WORDPRESS_POST_TYPES_AS_PAGES lists the folder:
  then they are pages at `/<type>s/<name>/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

SOURCE_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown", ".html", ".htm")
POSTS_FOLDERS = ("_posts", "articles", "_drafts")
DRAFTS_FOLDER = "_drafts"
PAGES_FOLDER = "pages"
DATE_PREFIX = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")


@dataclass(frozen=True)
class Placement:
    kind: str  # "page", "post" or "skip"
    slug: str = ""  # what {slug} stands for in PAGE_URL / ARTICLE_URL
    draft: bool = False
    reason: str = ""  # why a skipped file is left out


def without_extension(path: PurePosixPath) -> PurePosixPath:
    return path.with_suffix("") if path.suffix.lower() in SOURCE_EXTENSIONS else path


def post_slug(path: PurePosixPath) -> str:
    return DATE_PREFIX.sub("", without_extension(path).name)


def page_slug(path: PurePosixPath) -> str:
    parts = list(without_extension(path).parts)
    if len(parts) > 1 and parts[0] == PAGES_FOLDER:
        parts = parts[1:]
    elif len(parts) > 1 and parts[0].startswith("_"):
        parts[0] = parts[0].lstrip("_")  # a custom post type built as pages
    return "/".join(parts)


def is_draft(meta: dict) -> bool:
    return str(meta.get("status", "")).strip().lower() == "draft"


def place(relpath: str, meta: dict, types_as_pages: frozenset[str] = frozenset()) -> Placement:
    """Where the file at `relpath` (relative to content/, `/`-separated) goes."""
    path = PurePosixPath(relpath)
    top = path.parts[0] if len(path.parts) > 1 else ""
    if top in POSTS_FOLDERS:
        return Placement("post", post_slug(path), draft=top == DRAFTS_FOLDER or is_draft(meta))
    if top.startswith("_") and top not in types_as_pages:
        return Placement("skip", reason=f"WordPress post type {top}/")
    return Placement("page", page_slug(path), draft=is_draft(meta))


def post_type_folders(top_level_folders: list[str], types_as_pages: set[str]) -> list[str]:
    """The exporter's custom post type folders (`_<type>s/`) that are left out."""
    known = set(POSTS_FOLDERS) | set(types_as_pages)
    return sorted(f for f in top_level_folders if f.startswith("_") and f not in known)
