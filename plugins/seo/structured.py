"""sitemap.xml, robots.txt and JSON-LD from settings and content only (pure functions)."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from markupsafe import Markup


def sitemap(entries: list[tuple[str, str]]) -> str:
    """(absolute URL, ISO date) pairs as a sitemaps.org urlset."""
    urls = "".join(
        f"<url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>\n"
        for url, lastmod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def robots(siteurl: str) -> str:
    # robots.txt only accepts an absolute sitemap URL: none in development builds.
    sitemap_line = f"\nSitemap: {siteurl}/sitemap.xml\n" if siteurl.startswith("http") else ""
    return f"User-agent: *\nAllow: /\n{sitemap_line}"


def drop_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def organization(settings: dict) -> dict:
    """The business as settings describe it: no key without a value from the owner."""
    notice = settings.get("LEGAL_NOTICE") or {}
    return drop_empty(
        {
            "@type": "ProfessionalService",
            "@id": f"{settings.get('SITEURL', '')}/#organisation",
            "name": settings.get("SITENAME"),
            "url": f"{settings.get('SITEURL', '')}/",
            "description": settings.get("SITESUBTITLE"),
            "email": settings.get("CONTACT_EMAIL") or notice.get("email"),
            "telephone": notice.get("phone"),
            "address": notice.get("address"),
            "identifier": notice.get("siret"),
        }
    )


def page_graph(settings: dict, url: str, name: str, description: str) -> dict:
    """WebPage and BreadcrumbList for one page, linked to the organisation."""
    siteurl = settings.get("SITEURL", "")
    webpage = drop_empty(
        {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": name,
            "description": description,
            "inLanguage": settings.get("DEFAULT_LANG", "fr"),
            "isPartOf": {"@id": f"{siteurl}/#organisation"},
        }
    )
    crumbs = [{"name": "Accueil", "item": f"{siteurl}/"}]
    if url.rstrip("/") != siteurl:
        crumbs.append({"name": name, "item": url})
    breadcrumb = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, **crumb} for i, crumb in enumerate(crumbs, 1)
        ],
    }
    return {
        "@context": "https://schema.org",
        "@graph": [organization(settings), webpage, breadcrumb],
    }


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
