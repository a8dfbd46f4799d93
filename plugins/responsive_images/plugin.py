"""Every image a page shows lives in the site, light and stable.

Hooks `content_object_init` (once per page, before anything reads its body)
to point media references at the files in content/ and make images
responsive (images.py), then to note the copies and uploads the page uses
(`note_media`, kept apart: it fills this module's tables, so it runs in the
building process even when the page was made in another); `content_written`
to write the copies a page shows beside it (also when live reload rewrites
one page); `static_generator_finalized` to leave out, when
RESPONSIVE_IMAGES_ONLY_USED is on (the publish build), the uploads no page
uses; and `finalized` to write any copy still missing. Copies (AVIF, WebP,
resized) come from a cache keyed by each original's content hash (variants.py).
"""

from __future__ import annotations

import logging
import sys
from functools import lru_cache
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

from yaml_markdown.contents import body_of, changes_only_the_page, replace_body
from yaml_markdown.errors import warn_at

from .images import Found, ImageInfo, needs_rewrite, rewrite_media
from .refs import EXTERNAL_FOLDER, UPLOADS, candidates, media_ref, resized_original
from .variants import image_info, write_variants

logger = logging.getLogger(__name__)

WANTED: dict[str, set[tuple[str, int, str]]] = {}  # content PATH -> variants to write
USED: dict[str, set[str]] = {}  # content PATH -> content-relative files pages use
PAGE_VARIANTS: dict[str, set[tuple[str, int, str]]] = {}  # page source -> its variants
LEFT_OUT: dict[str, int] = {}  # content PATH -> uploads left out of this build
PRUNED_FOLDERS = (UPLOADS, EXTERNAL_FOLDER + "/")  # hand-written content/images/ always stays


def old_site(settings: dict) -> tuple[str | None, frozenset[str]]:
    config = Path(settings["PATH"]) / "_config.yml"
    stamp = config.stat().st_mtime_ns if config.is_file() else 0
    return old_site_at(settings["PATH"], settings.get("WORDPRESS_OLD_URL"), stamp)


@lru_cache(maxsize=16)
def old_site_at(path: str, setting: str | None, stamp: int) -> tuple[str | None, frozenset[str]]:
    """The old site's URL and host names (read once per build, not once per page)."""
    from wordpress_export.site_config import export_settings, old_site_hosts  # noqa: PLC0415

    old_url = export_settings({"PATH": path, "WORDPRESS_OLD_URL": setting}).get("WORDPRESS_OLD_URL")
    return old_url, frozenset(old_site_hosts(old_url))


def held(root: Path, path: str | None) -> str | None:
    """The name under which content/ holds `path`, or None."""
    if not path:
        return None
    return next((name for name in candidates(path) if (root / name).is_file()), None)


def locator(root: Path, old_url: str | None, hosts: set[str]):
    def locate(url: str) -> Found | None:
        ref = media_ref(url, old_url, hosts)
        if ref is None:
            return None
        local = held(root, ref.path)
        original = held(root, resized_original(ref.path))
        return Found(ref, local or original, original)

    return locate


def info_finder(root: Path):
    def info_for(path: str) -> ImageInfo | None:
        return image_info(root / path)

    return info_for


@changes_only_the_page
def apply_media(content) -> None:
    if not isinstance(content, Page | Article) or not needs_rewrite(body_of(content)):
        return
    settings = content.settings
    root = Path(settings["PATH"])
    old_url, hosts = old_site(settings)
    result = rewrite_media(body_of(content), locator(root, old_url, hosts), info_finder(root))
    replace_body(content, result.html)
    # Kept on the page (sorted: the same page gives the same record), noted by note_media.
    content.media_variants = tuple(sorted(result.variants))
    content.media_used = tuple(sorted(result.used))
    for problem in result.problems:
        warn_at(logger, content.source_path, None, problem)


def note_media(content) -> None:
    """The copies to write and the uploads in use, from what apply_media left on the page."""
    variants = getattr(content, "media_variants", None)
    if variants is None:
        return
    root = str(content.settings["PATH"])
    WANTED.setdefault(root, set()).update(variants)
    PAGE_VARIANTS[content.source_path] = set(variants)
    USED.setdefault(root, set()).update(content.media_used)


def only_used(settings: dict) -> bool:
    return bool(settings.get("RESPONSIVE_IMAGES_ONLY_USED", settings.get("LEAN_OUTPUT", False)))


def leave_out_unused(generator) -> None:
    # The static generator runs after the page generators: every page has said what it uses.
    root = generator.settings["PATH"]
    if not only_used(generator.settings):
        return
    used = USED.get(root, set())
    kept = []
    for static in generator.staticfiles:
        path = Path(static.relative_source_path).as_posix()
        if path.startswith(PRUNED_FOLDERS) and path not in used:
            continue
        kept.append(static)
    LEFT_OUT[root] = len(generator.staticfiles) - len(kept)
    generator.staticfiles[:] = kept  # the context holds this same list


def cache_folder(settings: dict) -> Path:
    return Path(settings.get("CACHE_PATH") or "cache") / "responsive_images"


def write_page_variants(path, context) -> None:
    # Live reload's fast path writes one edited page and sends no `finalized`:
    # the variants that page shows are written beside it when it is written.
    content = context.get("page") or context.get("article")
    variants = PAGE_VARIANTS.pop(getattr(content, "source_path", None), None)
    if not variants or not str(path).endswith(content.save_as):
        return
    output = Path(str(path).removesuffix(content.save_as))
    root = Path(content.settings["PATH"])
    write_variants(variants, root, output, cache_folder(content.settings))


def write_all_variants(pelican_obj) -> None:
    settings = pelican_obj.settings
    root = settings["PATH"]
    output = Path(settings["OUTPUT_PATH"])
    write_variants(WANTED.pop(root, set()), Path(root), output, cache_folder(settings))
    USED.pop(root, None)
    left_out = LEFT_OUT.pop(root, 0)
    if left_out:  # a count, not a problem: printed, not logged as a warning
        print(
            f"responsive_images: {left_out} uploaded file(s) no page uses left out of the output",
            file=sys.stderr,
        )


def register() -> None:
    signals.content_object_init.connect(apply_media)
    signals.content_object_init.connect(note_media)
    signals.static_generator_finalized.connect(leave_out_unused)
    signals.content_written.connect(write_page_variants)
    signals.finalized.connect(write_all_variants)
