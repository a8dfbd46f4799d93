"""Markdown files with a YAML front matter (`---` … `---`).

Hooks `readers_init` to replace Pelican's Markdown reader: Pelican's expects
`Key: value` metadata, which YAML front matter (used by `invoke new` and by the
WordPress exporter) is not. Files without front matter are read as before.
"""

from __future__ import annotations

import logging
import re

from markdown import Markdown
from pelican import signals
from pelican.readers import METADATA_PROCESSORS, MarkdownReader
from pelican.utils import SafeDatetime

from .errors import SourceError
from .frontmatter import FrontMatter, as_text, decode_source, split_front_matter

logger = logging.getLogger(__name__)

# A date and time without zone as exporters and `new` write it: "2016-05-01 09:30:00".
PLAIN_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?")
# Pelican metadata that its processors parse from text (dates, lists, objects).
TEXT_PROCESSED = {"date", "modified", "tags", "category", "author", "authors", "slug", "lang"}


class YamlMarkdownReader(MarkdownReader):
    """Reads `.md` files whose first line is `---` as YAML front matter + Markdown."""

    def read(self, source_path: str):
        with open(source_path, "rb") as handle:
            text = decode_source(handle.read(), source_path)
        front = split_front_matter(text, source_path)
        if front is None:
            return super().read(source_path)
        self._source_path = source_path
        front = self.prepare(front, source_path)
        metadata = self.convert_metadata(front.meta, source_path, front.key_lines)
        return self.render_page(front, source_path), metadata

    def prepare(self, front: FrontMatter, source_path: str) -> FrontMatter:
        """Hook for readers of other front matter dialects (the WordPress exporter)."""
        return front

    def render_page(self, front: FrontMatter, source_path: str) -> str:
        """Hook for readers whose bodies need more than Markdown."""
        return self.render(front.body)

    def render(self, markdown_text: str) -> str:
        # One Markdown instance per reader, reset between documents: building one
        # costs more than converting a page.
        md = getattr(self, "_yaml_md", None)
        if md is None:
            md = self._yaml_md = Markdown(**self.settings["MARKDOWN"])
            # The front matter is gone: a body line like "Note: …" is text, not metadata.
            md.preprocessors.deregister("meta")
        md.reset()
        return md.convert(markdown_text)

    def convert_metadata(self, meta: dict, source_path: str, lines: dict | None = None) -> dict:
        lines = lines or {}
        if not as_text(meta.get("title")).strip():
            raise SourceError(source_path, lines.get("title", 1), "front matter has no 'title'")
        formatted = {name.lower() for name in self.settings["FORMATTED_FIELDS"]}
        output = {}
        for name, value in meta.items():
            if value is None:
                continue
            if name in formatted:
                output[name] = self.render(as_text(value))
            elif name in TEXT_PROCESSED or name == "title":
                try:
                    text = as_text(value)
                    output[name] = plain_date(name, text) or self.process_metadata(name, text)
                except (ValueError, TypeError, OverflowError):
                    self.bad_value(source_path, lines.get(name), name=name, value=value, meta=meta)
            else:
                output[name] = value
        return output

    def bad_value(self, path: str, line: int | None, *, name: str, value, meta: dict) -> None:
        """A value Pelican cannot read (a date that is no date): the file's error."""
        raise SourceError(path, line, f"{name!r} has a value that cannot be read: {value!r}")


def plain_date(name: str, text: str) -> SafeDatetime | None:
    """Pelican's date for a plain "YYYY-MM-DD[ HH:MM[:SS]]", without dateutil.

    dateutil's parser costs a twentieth of reading an exported page; for these
    forms it gives exactly this (the date's fields, nothing from its default).
    None for any other text, or where Pelican's processor for `name` was changed.
    """
    processor = METADATA_PROCESSORS.get(name)
    if name not in ("date", "modified") or processor is not PELICAN_DATE_PROCESSORS[name]:
        return None
    if not PLAIN_DATE.fullmatch(text.strip()):
        return None
    try:
        value = SafeDatetime.fromisoformat(text.strip())
    except ValueError:
        return None  # 2016-02-30: Pelican says why
    return value


PELICAN_DATE_PROCESSORS = {name: METADATA_PROCESSORS[name] for name in ("date", "modified")}


def add_reader(readers) -> None:
    for extension in YamlMarkdownReader.file_extensions:
        readers.reader_classes[extension] = YamlMarkdownReader


def register() -> None:
    signals.readers_init.connect(add_reader)
