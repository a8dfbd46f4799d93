"""Which page is the front page and which pages are services (pure functions)."""

from __future__ import annotations

FRONT_PAGE_SLUGS = ("accueil", "home")  # WordPress's usual names for the front page
TRUE_WORDS = {"true", "yes", "oui", "1"}


def is_service(page) -> bool:
    value = page.metadata.get("service")
    return value is True or str(value).strip().lower() in TRUE_WORDS


def front_page(pages, setting: str | None):
    """The page whose text the home page shows: the one `setting` names, else `accueil`/`home`."""
    by_slug = {page.slug: page for page in pages}
    if setting:
        return by_slug.get(setting.strip("/"))
    return next((by_slug[slug] for slug in FRONT_PAGE_SLUGS if slug in by_slug), None)


def menu_rank(page, by_slug: dict) -> tuple[float, str]:
    order = page.metadata.get("nav_order", by_slug.get(page.slug))
    try:
        return (float(order), str(page.title))
    except (TypeError, ValueError):
        return (float("inf"), str(page.title))


def service_pages(pages, listed: list[str] | None, by_slug: dict | None = None):
    """The services, in the owner's order; the slugs of SERVICES that name no page.

    First the pages SERVICES lists, in its order; then the pages whose front
    matter says `service: true`, in menu order (nav_order, then title). Nothing
    else: a page is never guessed to be a service.
    """
    by_page_slug = {page.slug: page for page in pages}
    listed = [str(slug).strip("/") for slug in listed or []]
    chosen = [by_page_slug[slug] for slug in listed if slug in by_page_slug]
    unknown = [slug for slug in listed if slug not in by_page_slug]
    flagged = [p for p in pages if is_service(p) and p.slug not in listed]
    chosen += sorted(flagged, key=lambda page: menu_rank(page, by_slug or {}))
    return chosen, unknown
