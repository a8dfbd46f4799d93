"""Old WordPress addresses of each page, and the redirect rules they make (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

QUERY_KEYS = ("page_id", "p")  # WordPress's "plain" permalinks: /?page_id=20, /?p=20


@dataclass(frozen=True, order=True)
class OldAddress:
    path: str  # "/" for query addresses
    query: tuple[str, str] | None = None  # ("page_id", "20")

    def __str__(self) -> str:
        return f"{self.path}?{self.query[0]}={self.query[1]}" if self.query else self.path


@dataclass(frozen=True, order=True)
class Redirect:
    old: OldAddress
    target: str  # site-relative new URL, "/slug/"
    source: str  # the content file that claims the old address


class RedirectConflict(Exception):
    """Two pages claim one old address, or an old address is a new page's URL."""


def guid_address(meta: dict) -> OldAddress | None:
    """`/?page_id=20` (pages) or `/?p=20` (posts), from `guid` or from `id` and `layout`."""
    guid = str(meta.get("guid") or "")
    for key, value in parse_qsl(urlsplit(guid).query):
        if key in QUERY_KEYS and value.isdigit():
            return OldAddress("/", (key, value))
    if str(meta.get("id", "")).isdigit() and meta.get("layout") in {"page", "post"}:
        key = "page_id" if meta["layout"] == "page" else "p"
        return OldAddress("/", (key, str(meta["id"])))
    return None


def path_variants(url: str) -> list[OldAddress]:
    """An old path, with and without its trailing slash; query addresses as they are."""
    parts = urlsplit(url)
    queries = [(k, v) for k, v in parse_qsl(parts.query) if k in QUERY_KEYS]
    if queries:
        return [OldAddress("/", queries[0])]
    path = "/" + parts.path.strip("/")
    if path == "/":
        return []
    return [OldAddress(path), OldAddress(path + "/")]


def old_addresses(meta: dict, new_url: str) -> list[OldAddress]:
    found: list[OldAddress] = []
    guid = guid_address(meta)
    if guid:
        found.append(guid)
    permalink = meta.get("permalink")
    if permalink:
        found += path_variants(str(permalink))
    extra = meta.get("redirect_from") or []
    for url in [extra] if isinstance(extra, str) else extra:
        found += path_variants(str(url))
    new_paths = {new_url, new_url.rstrip("/")}
    return sorted({a for a in found if a.query or a.path not in new_paths})


def redirect_rules(pages: list[tuple[str, str, dict]]) -> list[Redirect]:
    """Rules from (source file, new URL, metadata) triples; conflicts raise, naming both files."""
    claimed: dict[OldAddress, Redirect] = {}
    new_urls = {url.rstrip("/") or "/": source for source, url, _ in pages}
    problems = []
    for source, url, meta in pages:
        for old in old_addresses(meta, url):
            if not old.query and (old.path.rstrip("/") or "/") in new_urls:
                owner = new_urls[old.path.rstrip("/") or "/"]
                if owner != source:
                    problems.append(f"{source}: old address {old} is the URL of {owner}")
                continue
            rule = Redirect(old, url, source)
            other = claimed.get(old)
            if other and other.target != url:
                problems.append(f"{source}: old address {old} is also claimed by {other.source}")
            claimed.setdefault(old, rule)
    if problems:
        raise RedirectConflict("; ".join(sorted(set(problems))))
    return sorted(claimed.values())
