"""The benchmarks' plain-Pelican reader: plugins/yaml_markdown, plus exporter v1's keys.

Hooks `readers_init`. Exporter v1 files name their title `post_title` and their date
`post_date`, which only this site's WordPress reader maps; without this, plain
Pelican would refuse those files (a post without a date is skipped) and build
fewer pages than the site it is compared with.
"""

from __future__ import annotations

from pelican import signals

from yaml_markdown.frontmatter import FrontMatter
from yaml_markdown.reader import YamlMarkdownReader


class PlainYamlReader(YamlMarkdownReader):
    def prepare(self, front: FrontMatter, source_path: str) -> FrontMatter:
        for key, v1_key in (("title", "post_title"), ("date", "post_date")):
            if key not in front.meta and v1_key in front.meta:
                front.meta[key] = front.meta[v1_key]
        return front


def add_reader(readers) -> None:
    for extension in PlainYamlReader.file_extensions:
        readers.reader_classes[extension] = PlainYamlReader


def register() -> None:
    signals.readers_init.connect(add_reader)
