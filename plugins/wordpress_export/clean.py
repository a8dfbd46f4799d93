"""Strip WordPress presentation and risks from rendered HTML (pure functions).

`audit_source` reads the exported body as written, so each problem gets its
source line; `clean_html` then removes the same things from the rendered HTML.
nh3 (an allowlist sanitizer) has the last word on what may remain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from bs4 import BeautifulSoup, Comment

from .walk import tags, tags_where

PRESENTATIONAL_ATTRS = ("style", "align", "color", "bgcolor", "face", "size", "border", "valign")
# Whole property names only (not margin-top:-120px), and a zero font size only
# (not font-size:0.9em): visible text styled that way must stay on the page.
HIDDEN_STYLE = re.compile(
    r"(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*hidden|(?:left|top)\s*:\s*-\d{3,}px"
    r"|font-size\s*:\s*0+(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:[;!]|$))",
    re.I,
)
RISKY_TAGS = {
    "script",
    "form",
    "iframe",
    "object",
    "embed",
    "input",
    "button",
    "textarea",
    "select",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
EMBED_HOSTS = ("youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com")
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRS = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based line in the body
    message: str


class SourceAudit(HTMLParser):
    """Finds risky markup, hidden spam blocks and unclosed tags, with their lines.

    The stdlib parser is used because it reports source positions; lxml's
    HTML parser does not keep them through BeautifulSoup.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.open: list[tuple[str, int]] = []

    def note(self, message: str) -> None:
        self.findings.append(Finding(self.getpos()[0], message))

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag in RISKY_TAGS and not (tag == "iframe" and embed_url(attributes.get("src"))):
            self.note(f"<{tag}> removed")
        for name, value in attrs:
            if name.startswith("on"):
                self.note(f"{name} attribute removed from <{tag}>")
            if name in {"href", "src"} and (value or "").strip().lower().startswith("javascript:"):
                self.note(f"javascript: URL removed from <{tag}>")
        if HIDDEN_STYLE.search(attributes.get("style") or ""):
            self.note(f"hidden <{tag}> block removed (likely injected spam)")
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0]))

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def close(self) -> None:
        super().close()
        for tag, line in self.open:
            if tag not in {"p", "li", "td", "th", "tr", "dd", "dt"}:  # closed implicitly in HTML
                self.findings.append(Finding(line, f"<{tag}> is never closed"))


def audit_source(body: str) -> list[Finding]:
    audit = SourceAudit()
    audit.feed(body)
    audit.close()
    return audit.findings


def embed_url(src: str | None) -> str | None:
    """The page URL of an embedded video from a known host, or None."""
    if not src:
        return None
    host = urlsplit(src if "//" in src else "https:" + src).netloc.lower()
    return src if host.endswith(EMBED_HOSTS) else None


def site_relative(url: str, hosts: set[str]) -> str:
    parts = urlsplit(url)
    if parts.scheme in {"http", "https", ""} and parts.netloc.lower() in hosts:
        rest = parts.path or "/"
        return (
            rest
            + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
    return url


def clean_html(html: str, hosts: set[str], restructure: Callable | None = None) -> str:
    """Clean HTML; `restructure(soup, body)` first fixes the structure (see structure.py)."""
    soup = BeautifulSoup(html, "lxml")
    body = soup.body or soup
    for comment in [node for node in body.descendants if isinstance(node, Comment)]:
        comment.extract()  # <!--more--> and editor comments
    for tag in tags_where(body, lambda tag: HIDDEN_STYLE.search(tag.get("style") or "")):
        tag.decompose()
    embeds_to_links(soup, body)
    if restructure is not None:
        restructure(soup, body)
    strip_presentation(body, hosts)
    text = "".join(str(child) for child in body.children)
    text = re.sub(r"(?:&nbsp;|\xa0)(?:\s|&nbsp;|\xa0)+", " ", text)
    return sanitize(text)


def embeds_to_links(soup: BeautifulSoup, body) -> None:
    """An embed becomes a link: nothing is loaded from another host by default."""
    for frame in tags(body, {"iframe"}):
        url = embed_url(frame.get("src"))
        if url:
            anchor = soup.new_tag("a", href=url if "//" in url and ":" in url else "https:" + url)
            anchor.string = frame.get("title") or url
            frame.replace_with(anchor)


def strip_presentation(body, hosts: set[str]) -> None:
    for font in tags(body, {"font"}):
        font.unwrap()
    for tag in tags(body):
        for name in PRESENTATIONAL_ATTRS:
            tag.attrs.pop(name, None)
        for name in ("href", "src"):
            if tag.get(name):
                tag[name] = site_relative(tag[name], hosts)
    for span in tags(body, {"span"}):
        if not span.attrs:
            span.unwrap()
    for div in tags(body, {"div"}):
        if not div.attrs:
            div.unwrap()  # wrappers that only carried styles
    for paragraph in tags(body, {"p"}):
        if not paragraph.get_text(strip=True) and not paragraph.find(True):
            paragraph.decompose()  # autop leaves empty <p> around block shortcodes


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
