"""The benchmarks' plain-Pelican reader: plugins/yaml_markdown, plus exporter v1's title key.

Hooks `readers_init`. Exporter v1 files name their title `post_title`, which only
this site's WordPress reader maps; without this, plain Pelican would refuse those
files and read fewer pages than the site it is compared with.
"""

from __future__ import annotations

from pelican import signals

from yaml_markdown.frontmatter import FrontMatter
from yaml_markdown.reader import YamlMarkdownReader


class PlainYamlReader(YamlMarkdownReader):
    def prepare(self, front: FrontMatter, source_path: str) -> FrontMatter:
        if "title" not in front.meta and "post_title" in front.meta:
            front.meta["title"] = front.meta["post_title"]
        return front


def add_reader(readers) -> None:
    for extension in PlainYamlReader.file_extensions:
        readers.reader_classes[extension] = PlainYamlReader


def register() -> None:
    signals.readers_init.connect(add_reader)
