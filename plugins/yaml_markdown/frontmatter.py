"""Split a text file into its YAML front matter and its body (pure functions)."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from .errors import SourceError
from .explain import comment_cuts_value, explain_yaml_error, written_by_hand

# libyaml's loader when PyYAML was built with it: the same safe subset, ~10x faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OPENING = "---"
CLOSINGS = ("---", "...")


class DatesAsText(SAFE_LOADER):
    """The safe loader with timestamps left as the text written."""


DatesAsText.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:")


@dataclass(frozen=True)
class FrontMatter:
    meta: dict
    body: str
    body_line: int  # 1-based line of the source where the body starts
    key_lines: dict[str, int] = field(default_factory=dict)  # lowercase key -> 1-based line


def decode_source(raw: bytes, path: str) -> str:
    """UTF-8 text with any byte-order mark dropped and line endings made `\\n`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            path, line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
    if text.startswith(codecs.BOM_UTF8.decode()):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> FrontMatter | None:
    """The YAML block between a first line `---` and the next `---`/`...`, or None."""
    lines = text.split("\n")
    if lines[0].rstrip() != OPENING:
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in CLOSINGS:
            meta = parse_yaml("\n".join(lines[1:index]), path, first_line=2)
            keys = key_lines(lines[1:index], first_line=2)
            return FrontMatter(meta, "\n".join(lines[index + 1 :]), index + 2, keys)
    if written_by_hand(text):
        message = "l’en-tête ouvert par « --- » n’est jamais fermé : ajoutez une ligne « --- »"
        raise SourceError(path, 1, message + " après sa dernière clé")
    raise SourceError(path, 1, "front matter opened by '---' is never closed by '---'")


def key_lines(lines: list[str], first_line: int) -> dict[str, int]:
    """The line of each top-level key, for messages about its value."""
    found = {}
    for number, line in enumerate(lines, start=first_line):
        match = TOP_LEVEL_KEY.match(line)
        if match:
            found.setdefault(match.group(1).lower(), number)
    return found


def parse_yaml(block: str, path: str, first_line: int) -> dict:
    cut = comment_cuts_value(block, first_line)
    if cut:
        raise SourceError(path, cut.line, cut.message, cut.column)
    try:
        try:
            meta = yaml.load(block, Loader=SAFE_LOADER)
        except ValueError:
            # A date YAML recognizes but cannot build (WordPress's "0000-00-00"): read
            # dates as text, so the reader can name the key's line.
            meta = yaml.load(block, Loader=DatesAsText)
    except yaml.YAMLError as error:
        found = explain_yaml_error(error, block, first_line)
        raise SourceError(path, found.line, found.message, found.column) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise SourceError(path, first_line, "front matter must be 'key: value' lines")
    return {str(key).lower(): value for key, value in meta.items()}


def as_text(value) -> str:
    """Front matter values as the text Pelican's metadata processors expect."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(as_text(item) for item in value)
    return "" if value is None else str(value)
