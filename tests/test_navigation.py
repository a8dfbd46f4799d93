"""The menu: pages with nav_order, in order, the current one marked."""

from __future__ import annotations

from conftest import page


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
