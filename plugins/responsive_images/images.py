"""Responsive images: size attributes, srcset variants, lazy loading (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

WIDTHS = (480, 800, 1200)
SIZES = "(min-width: 42rem) 42rem, 100vw"  # the text column of the theme
IMG = re.compile(r"<img\b[^>]*>", re.I)
ATTR = re.compile(r"""\s([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int


def variant_url(src: str, width: int) -> str:
    path = PurePosixPath(src)
    return str(path.with_name(f"{path.stem}-{width}w{path.suffix}"))


def variant_widths(width: int) -> list[int]:
    return [w for w in WIDTHS if w < width]


def attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in ATTR.finditer(tag)
    }


def render(attrs: dict[str, str]) -> str:
    return "<img " + " ".join(f'{k}="{v}"' for k, v in attrs.items()) + ">"


def responsive_html(
    html: str, info_for: Callable[[str], ImageInfo | None]
) -> tuple[str, list[tuple[str, int]]]:
    """Rewrite <img> of known files; return the HTML and the (src, width) variants to make."""
    wanted: list[tuple[str, int]] = []
    count = 0

    def rewrite(match: re.Match) -> str:
        nonlocal count
        count += 1
        attrs = attributes(match.group(0))
        info = info_for(attrs.get("src", ""))
        if info is None:
            return match.group(0)
        src = attrs["src"]
        attrs.setdefault("width", str(info.width))
        attrs.setdefault("height", str(info.height))
        widths = variant_widths(info.width)
        if widths:
            entries = [f"{variant_url(src, w)} {w}w" for w in widths] + [f"{src} {info.width}w"]
            attrs["srcset"] = ", ".join(entries)
            attrs["sizes"] = SIZES
            wanted.extend((src, w) for w in widths)
        if count > 1:  # the first image may be in view: only later ones wait
            attrs.setdefault("loading", "lazy")
        attrs.setdefault("decoding", "async")
        return render(attrs)

    return IMG.sub(rewrite, html), wanted
