"""Reader for pages exported from WordPress (both exporter generations).

Hooks `readers_init` to take over `.md` files from plugins/yaml_markdown: files
whose front matter the WordPress exporter wrote (see recognize.py) get their
body migrated at build time (render, clean, sanitize); any other file is read
exactly as yaml_markdown reads it. Where a file goes (page, post, draft) is
plugins/content_map's business.
"""

from __future__ import annotations

import logging

from pelican import signals

from yaml_markdown.errors import warn_at
from yaml_markdown.frontmatter import FrontMatter, as_text
from yaml_markdown.reader import YamlMarkdownReader

from .body import render_body
from .recognize import exporter_generation, map_front_matter, title_from_file_name
from .site_config import old_site_hosts

logger = logging.getLogger(__name__)

ZERO_DATES = ("-0001-11-30", "0000-00-00")  # WordPress's date of a never-published draft


class WordPressExportReader(YamlMarkdownReader):
    def prepare(self, front: FrontMatter, source_path: str) -> FrontMatter:
        generation = exporter_generation(front.meta)
        if generation is None:
            return front
        meta = map_front_matter(front.meta, generation, source_path)
        meta["wordpress_export"] = generation
        if str(meta.get("date", "")).startswith(ZERO_DATES):
            del meta["date"]  # WordPress's "no date yet" of a never-published draft
        if not as_text(meta.get("title")).strip():
            # WordPress allows untitled posts: one missing title must not stop the site.
            meta["title"] = title_from_file_name(source_path)
            message = f"no title: titled {meta['title']!r} from the file name"
            warn_at(logger, source_path, front.key_lines.get("title", 1), message)
        if not front.body.strip():
            warn_at(logger, source_path, front.body_line, "the page has no text")
        return FrontMatter(meta, front.body, front.body_line, front.key_lines)

    def bad_value(self, path: str, line: int | None, *, name: str, value, meta: dict) -> None:
        if meta.get("wordpress_export") is None:
            super().bad_value(path, line, name=name, value=value, meta=meta)
            return
        # Drafts never published carry WordPress's zero date ("-0001-11-30T00:00:00"):
        # one odd value in an export must not stop the site.
        warn_at(logger, path, line, f"{name} {value!r} is not a date: ignored")

    def render_page(self, front: FrontMatter, source_path: str) -> str:
        generation = front.meta.get("wordpress_export")
        if generation is None:
            return self.render(front.body)
        hosts = old_site_hosts(self.settings.get("WORDPRESS_OLD_URL"))
        html, findings = render_body(front.body, generation, self.render, hosts)
        for finding in findings:
            warn_at(logger, source_path, front.body_line + finding.line - 1, finding.message)
        return html


def add_reader(readers) -> None:
    for extension in WordPressExportReader.file_extensions:
        readers.reader_classes[extension] = WordPressExportReader


def register() -> None:
    signals.readers_init.connect(add_reader)
