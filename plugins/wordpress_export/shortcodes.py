"""WordPress shortcodes in an exported body, turned into plain HTML (pure functions).

Hand-written because WordPress's own parser is PHP; the grammar is small:
`[name attr="v" …]`, optionally closed by `[/name]`. Bracketed text that has
no attributes and is no known shortcode (`[PDF]`) is left untouched.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

KNOWN = {"caption", "wp_caption", "embed", "gallery", "video", "audio"}
SHORTCODE = re.compile(
    r"\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s+[^\]]*)?)\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.S,
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
VIDEO_URL = re.compile(
    r"^(https?://(?:www\.)?(?:youtube\.com/watch\?\S+|youtu\.be/\S+|vimeo\.com/\d+|"
    r"dailymotion\.com/video/\S+))\s*$",
    re.M,
)
IMG = re.compile(r"<img\b[^>]*>", re.I)
SRC = re.compile(r"""src=["']([^"']+)["']""", re.I)


@dataclass(frozen=True)
class Problem:
    offset: int  # character offset in the body, turned into a line by the caller
    message: str


def parse_attributes(text: str) -> dict[str, str]:
    # The exporter may have turned quotes into entities: id=&#8221;12&#8243;
    text = html.unescape(text).translate(str.maketrans("”″“", '"""'))
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in ATTRIBUTE.finditer(text)
    }


def link(url: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(url)}</a>'


def caption(attrs: dict, inner: str) -> str:
    images = IMG.findall(inner)
    linked = re.search(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>", inner, re.I)
    media = linked.group(0) if linked else "".join(images)
    text = inner.replace(media, "") if media else inner
    text = attrs.get("caption") or re.sub(r"<img\b[^>]*>", "", text).strip()
    return f"<figure>{media}<figcaption>{text}</figcaption></figure>"


def gallery(attrs: dict, inner: str) -> str | None:
    sources = SRC.findall(inner or "")
    if not sources:
        return None
    items = "".join(f'<li><img src="{html.escape(s)}" alt=""></li>' for s in sources)
    return f'<ul class="gallery">{items}</ul>'


def expand_one(match: re.Match) -> tuple[str, str | None]:
    """(replacement, problem message or None) for one shortcode."""
    name, inner = match.group("name").lower(), match.group("inner")
    attrs = parse_attributes(match.group("attrs") or "")
    if name in {"caption", "wp_caption"}:
        return caption(attrs, inner or ""), None
    if name in {"embed", "video", "audio"}:
        url = (inner or "").strip() or attrs.get("src") or attrs.get("mp4") or attrs.get("url", "")
        if url:
            return link(url), None
    if name == "gallery":
        result = gallery(attrs, inner or "")
        if result:
            return result, None
        return match.group(0), "gallery shortcode without images was kept as text"
    return match.group(0), f"unknown shortcode [{name}] kept as text"


def is_shortcode(match: re.Match) -> bool:
    name = match.group("name").lower()
    return (
        name in KNOWN
        or bool((match.group("attrs") or "").strip())
        or match.group("inner") is not None
    )


def expand_shortcodes(text: str) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    parts, last = [], 0
    for match in SHORTCODE.finditer(text):
        if not is_shortcode(match):
            continue
        replacement, problem = expand_one(match)
        if problem:
            problems.append(Problem(match.start(), problem))
        parts += [text[last : match.start()], replacement]
        last = match.end()
    parts.append(text[last:])
    result = VIDEO_URL.sub(lambda m: link(m.group(1)), "".join(parts))
    return result, problems
