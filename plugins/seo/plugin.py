"""Search engines: sitemap.xml, robots.txt, and a `json_ld` function for templates.

Hooks `generator_init` (to give templates `json_ld_for(...)`) and
`all_generators_finalized` (every page is known: write sitemap.xml listing
the home page, each page and article with its last change, the legal notice,
and robots.txt naming it). Canonical, OpenGraph and Twitter tags are in the
theme's partials/seo.html.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pelican import signals

from .structured import json_ld, page_graph, robots, sitemap


def lastmod(content) -> str:
    """Last change: `modified`, else `date`, else the source file's modification day."""
    date = getattr(content, "modified", None) or getattr(content, "date", None)
    if date is None:
        stamp = Path(content.source_path).stat().st_mtime
        return datetime.fromtimestamp(stamp, tz=UTC).date().isoformat()
    return date.date().isoformat()


def write_sitemap(generators) -> None:
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    siteurl = settings.get("SITEURL", "")
    items = []
    for generator in generators:
        items += getattr(generator, "pages", []) + getattr(generator, "articles", [])
    items = [c for c in items if not c.metadata.get("draft")]  # previews show drafts; never listed
    latest = max((lastmod(c) for c in items), default=None)
    entries = [(f"{siteurl}/", latest)] if latest else []
    entries += [(f"{siteurl}/{c.url}", lastmod(c)) for c in items]
    notice = settings.get("LEGAL_NOTICE_URL")
    if notice and latest:
        entries.append((f"{siteurl}/{notice}", latest))
    output = Path(settings["OUTPUT_PATH"])
    (output / "sitemap.xml").write_text(sitemap(entries), encoding="utf-8")
    (output / "robots.txt").write_text(robots(siteurl), encoding="utf-8")


def add_functions(generator) -> None:
    settings = generator.settings

    def json_ld_for(url: str, name: str, description: str = ""):
        return json_ld(page_graph(settings, url, str(name), str(description or "")))

    generator.env.globals["json_ld_for"] = json_ld_for


def register() -> None:
    signals.generator_init.connect(add_functions)
    signals.all_generators_finalized.connect(write_sitemap)
