"""Links between pages go straight to the new address (pure functions).

A body may link to a page of the site by one of its old WordPress addresses:
`/?page_id=20`, `/?p=7`, `/index.php?page_id=20`, an old permalink, with or
without the old domain. Each becomes the page's new URL, so no redirect is
needed; an old-style address that no page claims is reported.

Hrefs are found with a regular expression rather than an HTML parser: bodies
come out of Python-Markdown and nh3 with double-quoted attributes, and
parsing every page again would cost more than the rest of this plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from redirects.rules import QUERY_KEYS, OldAddress

HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")', re.I)
INDEX_PATHS = {"", "/", "/index.php"}
NOT_CHECKED = ("/wp-content/",)  # media: the uploads check reports missing files


@dataclass(frozen=True)
class BadLink:
    href: str  # as written in the body
    address: str  # the site-relative address it names


def internal_address(href: str, page_url: str, hosts: set[str]) -> tuple[str, str, str] | None:
    """(path, query, fragment) of a link to this site (old domain included), else None."""
    if not href or href.startswith(("#", "{", "mailto:", "tel:", "data:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return None
    if parts.netloc and (parts.hostname or "").lower() not in hosts:
        return None
    path = urljoin(page_url, parts.path) if parts.path else ("" if parts.query else page_url)
    return path, parts.query, parts.fragment


def old_form(path: str, query: str) -> OldAddress | None:
    """The old address a link names: `/?page_id=N` (also after index.php), else its path."""
    if path in INDEX_PATHS:
        for key, value in parse_qsl(query):
            if key in QUERY_KEYS:
                return OldAddress("/", (key, value))
        return None
    return OldAddress(path or "/")


def rewrite_links(
    html: str,
    page_url: str,
    new_urls: dict[OldAddress, str],
    known: set[str],
    hosts: set[str],
) -> tuple[str, list[BadLink]]:
    """Body with links to old addresses replaced by new URLs; links to nothing listed."""
    bad: list[BadLink] = []

    def replace(match: re.Match) -> str:
        href = match.group(2).replace("&amp;", "&")
        found = internal_address(href, page_url, hosts)
        if found is None:
            return match.group(0)
        path, query, fragment = found
        address = old_form(path, query)
        target = new_urls.get(address) if address else None
        if target is not None:
            new = target + (f"#{fragment}" if fragment else "")
            return match.group(1) + new + match.group(3)
        if address is not None and address.query:
            bad.append(BadLink(href, str(address)))
        elif address is not None and not is_known(path, known):
            bad.append(BadLink(href, path))
        return match.group(0)

    return HREF.sub(replace, html), bad


def is_known(path: str, known: set[str]) -> bool:
    if path.startswith(NOT_CHECKED):
        return True
    return path in known or path.rstrip("/") + "/" in known or path + "index.html" in known
