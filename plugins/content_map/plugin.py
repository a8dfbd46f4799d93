"""Every file under content/ is built or named: URLs, drafts, post types, counts.

Hooks `initialized` (before any file is read: the export's `_config.yml`
completes the settings, and custom post type folders are kept out of the page
generator), `page_generator_context` and `article_generator_context` (each
file's slug from its path, see placement.py; drafts shown in previews, left
out of the publish build; two files with one URL fail the build, naming both),
and `all_generators_finalized` (every source file that was not built is named
in a warning saying why; the counts go to settings["CONTENT_INVENTORY"] for
the build's last line).
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from pelican import signals

from wordpress_export.site_config import export_settings
from yaml_markdown.errors import error_at, warn_at

from .inventory import Inventory, source_files, unbuilt_files
from .placement import place, post_type_folders

logger = logging.getLogger(__name__)

SKIPPED = "CONTENT_SKIPPED"  # {relative path: reason}, per build, in the shared context
URL_OWNERS = "CONTENT_URL_OWNERS"  # {url: relative path}, per build


def complete_settings(pelican) -> None:
    settings = pelican.settings
    settings.update(export_settings(settings))
    content = Path(settings["PATH"])
    folders = [p.name for p in content.iterdir() if p.is_dir()] if content.is_dir() else []
    as_pages = set(settings.get("WORDPRESS_POST_TYPES_AS_PAGES", ()))
    left_out = post_type_folders(folders, as_pages)
    settings["PAGE_EXCLUDES"] = [*settings.get("PAGE_EXCLUDES", []), *left_out]
    settings["CONTENT_POST_TYPES_LEFT_OUT"] = left_out


def place_page(generator, metadata) -> None:
    place_content(generator, metadata, "page")


def place_article(generator, metadata) -> None:
    place_content(generator, metadata, "post")


def place_content(generator, metadata: dict, kind: str) -> None:
    settings, context = generator.settings, generator.context
    relpath = str(metadata.get("source_relpath", "")).replace(os.sep, "/")
    source = os.path.join(settings["PATH"], relpath)
    as_pages = frozenset(settings.get("WORDPRESS_POST_TYPES_AS_PAGES", ()))
    placement = place(relpath, metadata, as_pages)
    if placement.kind != kind:
        metadata["status"] = "skip"
        context.setdefault(SKIPPED, {})[relpath] = placement.reason or f"not a {kind}"
        return
    metadata["slug"] = placement.slug
    if kind == "page" and str(metadata.get("layout", "")).lower() == "post":
        line = key_line(source, "layout")
        warn_at(logger, source, line, "layout: post outside _posts/: built as a page")
    if placement.draft:
        metadata["draft"] = True
        if not settings.get("SHOW_DRAFTS", False):
            metadata["status"] = "skip"
            context.setdefault(SKIPPED, {})[relpath] = "draft"
            warn_at(logger, source, None, draft_message(metadata))
            return
        metadata["status"] = "published"  # previewed at its final URL, with a banner
    if kind == "post" and "date" not in metadata:
        metadata["date"] = file_date(source)
        if not placement.draft:
            message = f"no date: dated {metadata['date']:%Y-%m-%d} from the file"
            warn_at(logger, source, None, message)
    url = settings["PAGE_URL" if kind == "page" else "ARTICLE_URL"].format(slug=placement.slug)
    owner = context.setdefault(URL_OWNERS, {}).setdefault(url, relpath)
    if owner != relpath:
        error_at(logger, source, None, f"/{url} is also the URL of content/{owner}")


def key_line(source: str, key: str) -> int | None:
    """The line of a front matter key, read again for a rare message."""
    with open(source, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.lower().startswith(f"{key}:"):
                return number
    return None


def file_date(source: str) -> datetime:
    """A post without a date (a never-published draft) is dated by its file."""
    return datetime.fromtimestamp(os.stat(source).st_mtime).replace(microsecond=0)


def draft_message(metadata: dict) -> str:
    if metadata.get("wordpress_export"):
        return "draft: left out of the publish build"
    return "brouillon : laissé hors de la version publiée (retirez « status: draft » pour publier)"


def take_inventory(generators) -> None:
    generators = list(generators)
    if not generators:
        return
    settings, context = generators[0].settings, generators[0].context
    inventory = Inventory.of(generators, context.get(SKIPPED, {}))
    content = Path(settings["PATH"])
    static = tuple(settings.get("STATIC_PATHS", ()))
    types = settings.get("CONTENT_POST_TYPES_LEFT_OUT", [])
    # Folders another plugin reads itself (plugins/home_page: testimonials) are not left out.
    read = tuple(f"{folder.strip('/')}/" for folder in settings.get("CONTENT_READ_BY_PLUGINS", ()))
    sources = [relpath for relpath in source_files(content) if not relpath.startswith(read)]
    unbuilt = unbuilt_files(sources, inventory, static, types)
    for relpath, reason in unbuilt.files.items():
        warn_at(logger, str(content / relpath), None, f"not built: {reason}")
    for folder, count in unbuilt.types.items():
        warn_at(
            logger,
            str(content / folder),
            None,
            f"{count} file(s) of the WordPress post type {folder}/ not built "
            f"(add {folder!r} to WORDPRESS_POST_TYPES_AS_PAGES to build them as pages)",
        )
    settings["CONTENT_INVENTORY"] = inventory.counts(unbuilt.total)


def register() -> None:
    signals.initialized.connect(complete_settings)
    signals.page_generator_context.connect(place_page)
    signals.article_generator_context.connect(place_article)
    signals.all_generators_finalized.connect(take_inventory)
