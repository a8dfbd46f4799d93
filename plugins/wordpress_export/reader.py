"""Reader for pages exported from WordPress (both exporter generations).

Hooks `readers_init` to take over `.md` files from plugins/yaml_markdown: files
whose front matter the WordPress exporter wrote (see recognize.py) get their
body migrated at build time (render, clean, sanitize); any other file is read
exactly as yaml_markdown reads it. Also hooks the page and article generators'
context signals, so that `layout: post` files become articles and the rest pages.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals

from yaml_markdown.errors import warn_at
from yaml_markdown.frontmatter import FrontMatter
from yaml_markdown.reader import YamlMarkdownReader

from .body import render_body
from .recognize import exporter_generation, map_front_matter

logger = logging.getLogger(__name__)

UPLOADS = "/wp-content/uploads/"
READ_ONCE: dict[tuple, tuple] = {}


class WordPressExportReader(YamlMarkdownReader):
    def prepare(self, front: FrontMatter, source_path: str) -> FrontMatter:
        generation = exporter_generation(front.meta)
        if generation is None:
            return front
        meta = map_front_matter(front.meta, generation, source_path)
        meta["wordpress_export"] = generation
        if not front.body.strip():
            warn_at(logger, source_path, front.body_line, "the page has no text")
        return FrontMatter(meta, front.body, front.body_line)

    def read(self, source_path: str):
        # Files under content/pages/ are offered to both the page and the article
        # generator (a `layout: post` export is an article); read each version once.
        stat = os.stat(source_path)
        key = (source_path, stat.st_mtime_ns, stat.st_size)
        if key not in READ_ONCE:
            READ_ONCE[key] = super().read(source_path)
        content, metadata = READ_ONCE[key]
        return content, dict(metadata)

    def render_page(self, front: FrontMatter, source_path: str) -> str:
        generation = front.meta.get("wordpress_export")
        if generation is None:
            return self.render(front.body)
        hosts = set(self.settings.get("WORDPRESS_OLD_HOSTS", ()))
        html, findings = render_body(front.body, generation, self.render, hosts)
        for finding in findings:
            warn_at(logger, source_path, front.body_line + finding.line - 1, finding.message)
        self.check_uploads(html, source_path)
        return html

    def check_uploads(self, html: str, source_path: str) -> None:
        content = Path(self.settings["PATH"])
        for start in find_all(html, UPLOADS):
            end = min(i for i in (html.find(c, start) for c in "\"' >") if i != -1)
            relpath = html[start + 1 : end].split("?", maxsplit=1)[0]
            if not (content / relpath).is_file():
                warn_at(logger, source_path, None, f"missing image file content/{relpath}")


def find_all(text: str, needle: str):
    index = text.find(needle)
    while index != -1:
        yield index
        index = text.find(needle, index + 1)


def skip_posts_in_pages(generator, metadata) -> None:
    if metadata.get("layout") == "post":
        metadata["status"] = "skip"


def skip_pages_in_articles(generator, metadata) -> None:
    # `folder` comes from PATH_METADATA: only posts are articles among content/pages/.
    if metadata.get("folder") == "pages" and metadata.get("layout") != "post":
        metadata["status"] = "skip"


def add_reader(readers) -> None:
    for extension in WordPressExportReader.file_extensions:
        readers.reader_classes[extension] = WordPressExportReader


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.page_generator_context.connect(skip_posts_in_pages)
    signals.article_generator_context.connect(skip_pages_in_articles)
