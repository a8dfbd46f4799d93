"""A page's images and media links, pointed at local files and made light (pure functions).

`rewrite_media(html, locate, info_for)` takes a page body and returns it with:
- every reference to a file content/ holds pointed at that file (an old-site or
  CDN address, a missing WordPress resized copy replaced by its original);
- every image still elsewhere (another host, or an upload not fetched) turned
  into a link to its old address, so no image is broken and nothing is
  requested from another host; a link to a missing document goes to its old
  address too; each such case is reported;
- every shown image given width/height, `srcset`/`sizes` variants, AVIF and
  WebP through <picture>, `decoding="async"`, and `fetchpriority="high"` on the
  first one, `loading="lazy"` on later ones.
It also returns the variants to write and the content files the page uses.

BeautifulSoup rather than a regular expression, because a missing image inside
a link must become text, not a link nested in a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString

from .refs import UPLOADS, MediaRef, srcset_urls

WIDTHS = (480, 800, 1200, 1600)  # 1600 covers the text column at 2x
COLUMN_PX = 672  # the theme's text column: 42rem
SIZES = "(min-width: 42rem) 42rem, 100vw"
MODERN = (".avif", ".webp")
MIME = {".avif": "image/avif", ".webp": "image/webp"}
AS_IS = {".gif", ".svg"}  # animated GIFs and vector images are served as they are
MEDIA_LINK = re.compile(
    r"""href=["'][^"']+\.(?:pdf|docx?|xlsx?|pptx?|od[tsp]|jpe?g|png|gif|webp|avif|svg)\b""", re.I
)


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int


@dataclass(frozen=True)
class Found:
    """Where a reference's file is: `local` is shown, `best` is the largest copy held."""

    ref: MediaRef
    local: str | None  # content-relative; None when content/ lacks it
    best: str | None = None  # the original of a WordPress resized copy, when held

    @property
    def source(self) -> str | None:
        return self.best or self.local


@dataclass
class Rewrite:
    html: str
    variants: set[tuple[str, int, str]] = field(default_factory=set)  # (path, width, suffix)
    used: set[str] = field(default_factory=set)  # content-relative files the page shows or links
    problems: list[str] = field(default_factory=list)


def variant_url(path: str, width: int, suffix: str) -> str:
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}-{width}w{suffix}"))


def variant_widths(width: int, shown: int) -> list[int]:
    """The widths to offer for an image `width` px wide shown at most `shown` px wide."""
    largest = min(width, WIDTHS[-1])
    widths = [w for w in WIDTHS if w < largest and w <= 3 * shown]
    if largest <= 3 * shown or not widths:
        widths.append(largest)
    return widths


def number(value) -> int | None:
    text = str(value or "").strip().removesuffix("px")
    return int(text) if text.isdigit() and int(text) > 0 else None


def is_absolute(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme in {"http", "https"}


def host_of(url: str) -> str:
    return urlsplit("http:" + url if url.startswith("//") else url).hostname or url


def reported_here(ref: MediaRef) -> bool:
    """Missing files this plugin reports: uploads and other hosts' files. Other local
    files are reported at their line by plugins/page_checks (images) and
    plugins/internal_links (links)."""
    return ref.external or ref.remote is not None or ref.path.startswith(UPLOADS)


def missing_message(found: Found, kind: str) -> str:
    ref = found.ref
    if ref.external:
        return (
            f"image still on {ref.host}, shown as a link to {ref.remote} "
            "(python3 dev.py fetch-media brings it into the site)"
        )
    what = "missing document" if kind == "document" else "missing image file"
    if ref.remote:
        return f"{what} content/{ref.path}, linked at its old address {ref.remote}"
    return f"{what} content/{ref.path}"


class Rewriter:
    def __init__(self, html, locate, info_for) -> None:
        self.soup = BeautifulSoup(html, "html.parser")
        self.locate: Callable[[str], Found | None] = locate
        self.info_for: Callable[[str], ImageInfo | None] = info_for
        self.result = Rewrite("")
        self.shown = 0

    def run(self) -> Rewrite:
        for anchor in self.soup.find_all("a", href=True):
            self.link(anchor)
        for img in self.soup.find_all("img"):
            self.image(img)
        self.result.html = str(self.soup)
        return self.result

    def link(self, anchor) -> None:
        found = self.locate(anchor["href"])
        if found is None or found.ref.kind is None:
            return
        if found.local:
            anchor["href"] = "/" + found.local
            self.result.used.add(found.local)
        elif not found.ref.external and reported_here(found.ref):  # another site's: fine as is
            if found.ref.remote:
                anchor["href"] = found.ref.remote
            self.result.problems.append(missing_message(found, found.ref.kind))

    def image(self, img) -> None:
        src = (img.get("src") or "").strip()
        found = self.locate(src) if src else None
        if found is None and src and is_absolute(src):  # an address with no file name
            found = Found(MediaRef(src, "", src, host_of(src), True), None)
        if found is None:
            srcset = [u for u in srcset_urls(img.get("srcset", "")) if is_absolute(u)]
            if srcset:
                del img["srcset"]  # never a request to another host
            self.finish(img)
            return
        if found.local is None and not reported_here(found.ref):
            return  # a hand-written page's own image: plugins/page_checks reports it at its line
        if found.local is None:
            self.replace_missing(img, found)
            return
        self.result.used.update({found.local, found.source})
        img["src"] = "/" + found.local
        for name in ("srcset", "sizes"):  # WordPress's list of copies: made anew below
            if img.has_attr(name):
                del img[name]
        info = self.info_for(found.source)
        if info is None:  # shown as it is, but its size is unknown: say so
            self.result.problems.append(
                f"content/{found.source} cannot be read as an image (no size, no variants)"
            )
        else:
            self.dimensions(img, info)
            if PurePosixPath(found.source).suffix.lower() not in AS_IS:
                self.variants(img, found.source, info)
        self.finish(img)

    def replace_missing(self, img, found: Found) -> None:
        self.result.problems.append(missing_message(found, "image"))
        address = found.ref.remote
        label = (img.get("alt") or "").strip()
        if address and not label:
            label = f"image sur {host_of(address)}"
        if address and img.find_parent("a") is None:
            anchor = self.soup.new_tag("a", href=address)
            anchor.string = label
            img.replace_with(anchor)
        elif label:  # a link in a link is not HTML: the text stays inside the outer link
            img.replace_with(NavigableString(label))
        else:  # no address, no text: nothing to show but a broken image
            img.decompose()

    def dimensions(self, img, info: ImageInfo) -> None:
        width, height = number(img.get("width")), number(img.get("height"))
        if width and not height:
            height = round(width * info.height / info.width)
        if height and not width:  # the author's height sets the size shown
            width = round(height * info.width / info.height)
        if not width:
            width, height = info.width, info.height
        img["width"], img["height"] = str(width), str(height)

    def variants(self, img, source: str, info: ImageInfo) -> None:
        shown = number(img.get("width")) or info.width
        widths = variant_widths(info.width, shown)
        sizes = f"(max-width: {shown}px) 100vw, {shown}px" if shown < COLUMN_PX else SIZES
        suffix = PurePosixPath(source).suffix.lower()

        def srcset(kind: str) -> str:
            entries = []
            for width in widths:
                same = kind == suffix and width == info.width
                url = "/" + (source if same else variant_url(source, width, kind))
                entries.append(f"{url} {width}w")
                if not same:
                    self.result.variants.add((source, width, kind))
            return ", ".join(entries)

        img["srcset"], img["sizes"] = srcset(suffix), sizes
        picture = img.parent if img.parent and img.parent.name == "picture" else None
        if picture is None:
            picture = self.soup.new_tag("picture")
            img.wrap(picture)
        for kind in MODERN:
            if kind != suffix:
                source_tag = self.soup.new_tag(
                    "source", attrs={"type": MIME[kind], "srcset": srcset(kind), "sizes": sizes}
                )
                img.insert_before(source_tag)

    def finish(self, img) -> None:
        self.shown += 1
        if self.shown == 1:  # the first image may be the largest in view: fetch it first
            img["fetchpriority"] = "high"
            if img.has_attr("loading"):
                del img["loading"]
        else:
            img["loading"] = "lazy"
        img["decoding"] = "async"


def needs_rewrite(html: str) -> bool:
    return "<img" in html or bool(MEDIA_LINK.search(html))


def rewrite_media(
    html: str,
    locate: Callable[[str], Found | None],
    info_for: Callable[[str], ImageInfo | None],
) -> Rewrite:
    """The page body with local media, light images and links for what is elsewhere."""
    if not needs_rewrite(html):
        return Rewrite(html)
    return Rewriter(html, locate, info_for).run()
