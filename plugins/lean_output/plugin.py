"""Lean publish output: minified HTML/CSS and content-hashed theme assets.

Hooks the `minify` signal of pelican-granular-signals, which is sent after
`finalized` (every file written) and before `compress` (pelican-precompress),
so the .gz/.br files are made from the final, minified, renamed files.
Does nothing unless LEAN_OUTPUT is true (publishconf.py sets it).
"""

from __future__ import annotations

import logging
from pathlib import Path

import blinker
import pelican.plugins.granular_signals

from .fingerprint import fingerprinted, rewrite_css_urls, rewrite_references
from .minify import minify_page, minify_stylesheet

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = {".html", ".xml", ".atom", ".js", ".webmanifest"}
# Assets referenced only from CSS are renamed first, so the CSS hash covers them.
LEAF_SUFFIXES = {".woff2", ".woff", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".ico"}


def url_path(output: Path, path: Path) -> str:
    return "/" + path.relative_to(output).as_posix()


def fingerprint_assets(output: Path, static_dir: Path, keep: set[str]) -> dict[str, str]:
    """Rename theme assets to hashed names; return {old URL path: new URL path}."""
    mapping: dict[str, str] = {}
    files = [p for p in static_dir.rglob("*") if p.is_file() and p.name not in keep]
    for path in sorted(files, key=lambda p: p.suffix not in LEAF_SUFFIXES):
        if path.suffix == ".css":
            css = rewrite_css_urls(path.read_text("utf-8"), url_path(output, path), mapping)
            path.write_text(minify_stylesheet(css), "utf-8")
        new = fingerprinted(url_path(output, path), path.read_bytes())
        path.rename(output / new.lstrip("/"))
        mapping[url_path(output, path)] = new
    return mapping


def rewrite_pages(output: Path, mapping: dict[str, str]) -> int:
    count = 0
    for path in output.rglob("*"):
        if path.suffix not in PAGE_SUFFIXES or not path.is_file():
            continue
        text = rewrite_references(path.read_text("utf-8"), mapping)
        if path.suffix == ".html":
            text = minify_page(text)
        path.write_text(text, "utf-8")
        count += 1
    return count


def make_lean(pelican_obj) -> None:
    settings = pelican_obj.settings
    if not settings.get("LEAN_OUTPUT"):
        return
    output = Path(settings["OUTPUT_PATH"])
    static_dir = output / settings["THEME_STATIC_DIR"]
    keep = set(settings.get("LEAN_OUTPUT_KEEP_NAMES", ()))
    mapping = fingerprint_assets(output, static_dir, keep) if static_dir.is_dir() else {}
    pages = rewrite_pages(output, mapping)
    logger.debug("lean_output: %d assets fingerprinted, %d files rewritten", len(mapping), pages)


def register() -> None:
    pelican.plugins.granular_signals.register()
    blinker.signal("minify").connect(make_lean)
