"""Content-hashed asset names, so hosts can cache theme files for a year (pure functions)."""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import PurePosixPath

HASH_LENGTH = 10
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+?)\1\s*\)""")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def fingerprinted(url_path: str, data: bytes) -> str:
    """`/theme/css/site.css` -> `/theme/css/site.<hash>.css`."""
    path = PurePosixPath(url_path)
    return str(path.with_name(f"{path.stem}.{content_hash(data)}{path.suffix}"))


def rewrite_css_urls(css: str, css_url_path: str, mapping: dict[str, str]) -> str:
    """Point `url(...)` references of a stylesheet at the fingerprinted files."""
    folder = posixpath.dirname(css_url_path)

    def replace(match: re.Match) -> str:
        quote, target = match.group(1), match.group(2)
        if "://" in target or target.startswith(("data:", "#")):
            return match.group(0)
        absolute = posixpath.normpath(posixpath.join(folder, target.split("?")[0]))
        new = mapping.get(absolute)
        if new is None:
            return match.group(0)
        relative = posixpath.relpath(new, folder) if not target.startswith("/") else new
        return f"url({quote}{relative}{quote})"

    return CSS_URL.sub(replace, css)


def rewrite_references(text: str, mapping: dict[str, str]) -> str:
    """Replace root-relative (or absolute) asset URLs in an HTML or XML page."""
    if not mapping:
        return text
    # An attribute value or url(): optional scheme://host, then the exact path.
    pattern = re.compile(
        r"""(?<=["'(=])((?:[a-z]+:)?//[^/\s"'>]+)?("""
        + "|".join(re.escape(old) for old in sorted(mapping, key=len, reverse=True))
        + r""")(?=["')?#\s>])"""
    )
    return pattern.sub(lambda match: (match.group(1) or "") + mapping[match.group(2)], text)
