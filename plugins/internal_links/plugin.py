"""Links to old WordPress addresses point at the new URLs; links to nothing are reported.

Hooks `all_generators_finalized`: every page, post and static file is known
(so are their old addresses, from plugins/redirects' rules) and no page has
been written yet. Bodies are rewritten in place (see links.py); a link to an
address that no page or file of the site has is a warning naming the file and
the line where the link is written.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from pelican import signals

from redirects.plugin import contents
from redirects.rules import old_addresses
from wordpress_export.site_config import old_site_hosts
from yaml_markdown.contents import body_of, content_refreshed, replace_body
from yaml_markdown.errors import warn_at

from .links import rewrite_links

logger = logging.getLogger(__name__)


def address_table(items) -> dict:
    """{old address: new URL} for every page and post of the build."""
    table = {}
    for item in items:
        url = "/" + item.url
        for address in old_addresses(item.metadata, url):
            table.setdefault(address, url)
    return table


def known_urls(generators, items, settings: dict) -> set[str]:
    """Every site-relative address the build writes: pages, files, templates, feeds."""
    known = {"/"} | {"/" + item.url for item in items}
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            known.add("/" + static.url)
    for key, value in settings.items():
        if key.endswith("_SAVE_AS") and isinstance(value, str) and value and "{" not in value:
            known.add("/" + value)
    known.update("/" + path for path in (settings.get("TEMPLATE_PAGES") or {}).values())
    known.update("/" + name + ".html" for name in settings.get("DIRECT_TEMPLATES", ()))
    return known


def source_line(source: str, href: str, address: str, page_url: str = "") -> int | None:
    """The line where a link is written in its source file (as written, or unescaped)."""
    try:
        text = Path(source).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    written = [html.unescape(href), href, address, address.rsplit("?", 1)[-1]]
    if page_url and written[0].startswith(page_url):
        written.append(written[0][len(page_url) :])  # a relative link, resolved
    written = [w for w in written if w.strip()]
    for needle in written:
        index = text.find(needle)
        if index != -1:
            return text.count("\n", 0, index) + 1
    # Written with entities (`&#8211;`): unescape line by line, so numbers stay right.
    unescaped = [html.unescape(line) for line in text.splitlines()]
    for needle in written:
        for number, line in enumerate(unescaped, start=1):
            if needle in line:
                return number
    for needle in (w[:12] for w in written):
        index = text.find(needle)
        if index != -1:
            return text.count("\n", 0, index) + 1
    return None


def message(item, address: str) -> str:
    if item.metadata.get("wordpress_export"):
        return f"link to {address}: no page or file of the site has this address"
    return f"lien vers {address} : aucune page ni aucun fichier du site n’a cette adresse"


def fix_links(generators, only=None) -> None:
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    items = contents(generators)
    table = address_table(items)
    known = known_urls(generators, items, settings)
    hosts = old_site_hosts(settings.get("WORDPRESS_OLD_URL"))
    for item in [only] if only is not None else items:
        html, bad = rewrite_links(body_of(item), "/" + item.url, table, known, hosts)
        replace_body(item, html)
        for link in bad:
            line = source_line(item.source_path, link.href, link.address, "/" + item.url)
            warn_at(logger, item.source_path, line, message(item, link.address))


def fix_refreshed(content, generators) -> None:
    fix_links(generators, only=content)


def register() -> None:
    signals.all_generators_finalized.connect(fix_links)
    content_refreshed.connect(fix_refreshed)
