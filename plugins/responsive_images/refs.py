"""Where each media file a page references lives in content/ (pure functions).

Shared by the build (plugin.py points references at the local copies) and by
the owner command `sitetools/fetch_media.py` (downloads what is missing to the
same place), so both always agree on the local path of an address:

- the site's own uploads (`/wp-content/uploads/…`, also written with the old
  domain in full, or through WordPress's image CDN `i0.wp.com/<old host>/…`)
  live at their own path, `content/wp-content/uploads/…`;
- files of any other host live under `content/images/external/<host>/<path>`
  (a query string becomes a short hash in the name, so two sizes of one
  address do not collide).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

UPLOADS = "wp-content/uploads/"
EXTERNAL_FOLDER = "images/external"  # content/images/external/<host>/<path>
WP_IMAGE_CDN = re.compile(r"^i[0-9]\.wp\.com$")  # i0.wp.com … i3.wp.com (Jetpack Photon)
# WordPress's resized copies: photo-300x216.jpeg is a copy of photo.jpeg.
WP_RESIZED = re.compile(r"^(?P<stem>.+)-\d{2,5}x\d{2,5}$")
IMAGE_TYPES = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".gif": "gif",
    ".webp": "webp",
    ".avif": "avif",
    ".svg": "svg",
}
DOCUMENT_TYPES = {
    ".pdf": "pdf",
    ".doc": "ole",
    ".xls": "ole",
    ".ppt": "ole",
    ".docx": "zip",
    ".xlsx": "zip",
    ".pptx": "zip",
    ".odt": "zip",
    ".ods": "zip",
    ".odp": "zip",
}
# What a file of each kind is saved as when its address has no extension.
EXTENSION_OF = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp", "avif": ".avif"}
EXTENSION_OF |= {"svg": ".svg", "pdf": ".pdf"}
# Entries are split at ", "; a bare comma may be inside an address (?resize=300,216).
SRCSET_SPLIT = re.compile(r",\s+|,(?=[^\s\d][^\s,]*\s+\d+(?:\.\d+)?[wx])")


@dataclass(frozen=True)
class MediaRef:
    """A reference to a media file, as written in a page, and its place in content/."""

    url: str  # as written in the page
    path: str  # content-relative POSIX path where the file lives (or will)
    remote: str | None  # absolute address to fetch it from; None if unknown
    host: str | None  # the host it was on; None for a site-relative address
    external: bool  # on a host other than the old site

    @property
    def kind(self) -> str | None:
        return media_kind(self.path)


def media_kind(path: str) -> str | None:
    """ "image", "document" or None, from the file name's extension."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in IMAGE_TYPES:
        return "image"
    if suffix in DOCUMENT_TYPES:
        return "document"
    return None


def safe_path(path: str) -> str | None:
    """A content-relative POSIX path from a URL path; None if it climbs out."""
    parts = [p for p in unquote(path).split("/") if p not in {"", "."}]
    if not parts or any(p == ".." or "\\" in p or p.startswith(".") for p in parts):
        return None
    return "/".join(parts)


def with_query(path: str, query: str) -> str:
    if not query:
        return path
    pure = PurePosixPath(path)
    digest = hashlib.sha1(query.encode()).hexdigest()[:8]  # a short name, not a security use
    return str(pure.with_name(f"{pure.stem}-{digest}{pure.suffix}"))


def external_ref(url: str, host: str, path: str, query: str, remote: str) -> MediaRef | None:
    local = safe_path(f"{EXTERNAL_FOLDER}/{host}/{path}")
    if local is None or local.count("/") < 3:  # images/external/<host>/<something>
        return None
    return MediaRef(url, with_query(local, query), remote, host, True)


def media_ref(url: str, old_url: str | None, old_hosts: set[str]) -> MediaRef | None:  # noqa: PLR0911 (one return per kind of address)
    """Where the file at `url` lives in content/; None if it is not a file address."""
    url = url.strip()
    for prefix in ("{static}", "{filename}", "{attach}"):  # Pelican's own link syntax
        if url.startswith(prefix):
            local = safe_path(url.removeprefix(prefix).split("?")[0].split("#")[0])
            return MediaRef(url, local, None, None, False) if local else None
    parts = urlsplit("http:" + url if url.startswith("//") else url)
    if parts.scheme not in {"", "http", "https"}:
        return None  # data:, mailto:, javascript: …
    host = (parts.hostname or "").lower()
    if not host:
        if not parts.path.startswith("/"):
            return None  # relative to the page: not a file of the site's tree
        local = safe_path(parts.path)
        if local is None:
            return None
        remote = None
        if old_url and local.startswith(UPLOADS):
            remote = old_url.rstrip("/") + "/" + local
        return MediaRef(url, local, remote, None, False)
    scheme = parts.scheme or "https"
    if host in old_hosts:
        local = safe_path(parts.path)
        remote = f"{scheme}://{parts.netloc}{parts.path}"
        return MediaRef(url, local, remote, host, False) if local else None
    if WP_IMAGE_CDN.match(host):
        inner_host, _, rest = parts.path.lstrip("/").partition("/")
        inner_host = inner_host.lower()
        if inner_host in old_hosts:  # the CDN's copy of an upload: the original is ours
            local = safe_path(rest)
            base = (old_url or f"{scheme}://{inner_host}").rstrip("/")
            remote = f"{base}/{local}"
            return MediaRef(url, local, remote, inner_host, False) if local else None
        if "." in inner_host:
            remote = f"{scheme}://{parts.netloc}{parts.path}"
            return external_ref(url, inner_host, rest, "", remote)
    remote = f"{scheme}://{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return external_ref(url, host, parts.path, parts.query, remote)


def resized_original(path: str) -> str | None:
    """`…/photo.jpeg` for WordPress's resized copy `…/photo-300x216.jpeg`, else None."""
    pure = PurePosixPath(path)
    match = WP_RESIZED.match(pure.stem)
    if not match or not pure.as_posix().startswith(UPLOADS):
        return None
    return str(pure.with_name(match.group("stem") + pure.suffix))


def candidates(path: str) -> list[str]:
    """Names the file at `path` may have locally (a fetched file without extension got one)."""
    if media_kind(path):
        return [path]
    return [path] + [path + ext for ext in dict.fromkeys(EXTENSION_OF.values())]


def srcset_urls(srcset: str) -> list[str]:
    """The addresses of a srcset attribute ("a.jpg 300w, b.jpg 600w")."""
    urls = []
    for entry in SRCSET_SPLIT.split(srcset.strip()):
        words = entry.split()
        if words:
            urls.append(words[0])
    return urls
