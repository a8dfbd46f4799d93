"""The menu: pages with nav_order, in order, the current one marked."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import page
from navigation.plugin import menu_pages


def test_menu_lists_nav_order_pages_in_order_and_marks_the_current(build_site):
    site = build_site(
        {
            "pages/services.md": page("Services", "x\n", nav_order=2),
            "pages/accueil-bis.md": page("Approche", "x\n", nav_order=1),
            "pages/hors-menu.md": page("Hors menu", "x\n"),
            "pages/mauvais.md": page("Mauvais", "x\n", nav_order="deux"),
        }
    )
    assert site.result.ok, site.log
    nav = site.soup("services/index.html").find("nav")
    # The same entries twice: a bar for wide screens, a <details> disclosure for phones.
    labels = [a.get_text() for a in nav.select(".site-nav__bar a")]
    assert labels == ["Approche", "Services"]
    assert [a.get_text() for a in nav.select("details.site-nav__menu a")] == labels
    current = nav.select(".site-nav__bar a[aria-current=page]")
    assert [a.get_text() for a in current] == ["Services"]
    assert "nav_order 'deux' is not a number" in site.log


def menu_entry(slug: str, title: str, **meta):
    return SimpleNamespace(slug=slug, title=title, metadata=meta, relative_source_path=slug + ".md")


def test_exported_pages_take_their_menu_place_from_the_slug_setting():
    exported = menu_entry("qui-suis-je", "Qui suis-je")
    written = menu_entry("services", "Services", nav_order=1)
    assert menu_pages([exported, written], {"qui-suis-je": 2}) == [written, exported]
    assert menu_pages([exported, written]) == [written]


def test_pages_with_the_same_place_follow_their_titles():
    zebre = menu_entry("zebre", "Zèbre", nav_order=3)
    atelier = menu_entry("atelier", "Atelier", nav_order=3)
    premier = menu_entry("premier", "Premier", nav_order=1)
    assert menu_pages([zebre, atelier, premier]) == [premier, atelier, zebre]


def test_two_pages_with_the_same_place_and_title_are_both_listed():
    first = menu_entry("offre", "Offre", nav_order=2)
    second = menu_entry("offre-bis", "Offre", nav_order=2)
    assert menu_pages([first, second]) == [first, second]
