"""Split a text file into its YAML front matter and its body (pure functions)."""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass

import yaml

from .errors import SourceError

# libyaml's loader when PyYAML was built with it: the same safe subset, ~10x faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OPENING = "---"
CLOSINGS = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    meta: dict
    body: str
    body_line: int  # 1-based line of the source where the body starts


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
            return FrontMatter(meta, "\n".join(lines[index + 1 :]), index + 2)
    raise SourceError(path, 1, "front matter opened by '---' is never closed by '---'")


def parse_yaml(block: str, path: str, first_line: int) -> dict:
    try:
        meta = yaml.load(block, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        # The earliest mark is where the broken construct starts (an unclosed quote
        # or bracket), which is the line to fix; a mark may also point past the end.
        marks = [getattr(error, n, None) for n in ("context_mark", "problem_mark")]
        lines = [m.line for m in marks if m is not None] or [0]
        line = first_line + min(*lines, block.count("\n"))
        problem = getattr(error, "problem", None) or str(error)
        if getattr(error, "context", None):
            problem = f"{error.context}: {problem}"
        raise SourceError(path, line, f"front matter is not valid YAML: {problem}") from None
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
