"""The home page: opt-in services, the exported front page, the blog listing (plugins/home_page)."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest

from conftest import ROOT, page

sys.path.insert(0, str(ROOT / "plugins"))

from home_page.choose import front_page, is_service, service_pages

from sitetools.newpage import page_source

FRONT = """---
id: 2
title: Accueil
date: 2014-06-01T10:00:00+00:00
author: bertrand
layout: page
guid: http://votrecoachweb.com/?page_id=2
---
<p>Bienvenue chez nous : un texte d'accueil écrit dans WordPress.</p>
"""


def fake(slug, title=None, **meta):
    return SimpleNamespace(slug=slug, title=title or slug.title(), metadata=meta)


def test_services_are_listed_or_flagged_never_guessed():
    pages = [
        fake("contact"),
        fake("mentions"),
        fake("atelier", service=True, nav_order=20),
        fake("audit"),
        fake("coaching", service="true", nav_order=10),
        fake("formation"),
    ]
    chosen, unknown = service_pages(pages, ["formation", "audit", "disparu"])
    assert [p.slug for p in chosen] == ["formation", "audit", "coaching", "atelier"]
    assert unknown == ["disparu"]
    assert service_pages(pages, None)[0] == [pages[4], pages[2]]
    assert not is_service(fake("x", service=False))
    assert not is_service(fake("x", service="non"))


def test_front_page_is_the_setting_else_accueil_or_home():
    pages = [fake("home"), fake("accueil"), fake("autre")]
    assert front_page(pages, None).slug == "accueil"
    assert front_page(pages[:1], None).slug == "home"
    assert front_page(pages, "autre").slug == "autre"
    assert front_page(pages, "absente") is None
    assert front_page([fake("a-propos")], None) is None


def test_scaffold_offers_the_service_key():
    import datetime as dt  # noqa: PLC0415

    text = page_source("Audit", "bertrand", dt.date(2024, 5, 1))
    assert re.search(r"^# service: true$", text, re.M)


SITE = {
    "accueil.md": FRONT,
    "pages/atelier.md": page("Atelier", "Le corps.\n", chapo="'Un atelier **pratique**.'"),
    "pages/audit.md": page("Audit", "Premier paragraphe de l'audit.\n\nSuite.\n", service="true"),
    "pages/contact.md": page("Contact", "Écrivez-nous.\n"),
    "pages/mentions.md": page("Mentions", "Texte.\n"),
    "pages/lien.md": page("Lien", "Voir [l'accueil](/accueil/) et [l'ancien](/?page_id=2).\n"),
    **{
        f"_posts/2024-01-{day:02d}-billet-{day}.md": page(
            f"Billet {day}", f"Texte {day}.\n", date=f"2024-01-{day:02d}"
        )
        for day in range(1, 13)
    },
}


@pytest.fixture
def site(build_site):
    built = build_site(SITE, SERVICES=["atelier"])
    assert built.result.ok, built.log
    return built


def test_home_cards_are_the_services_in_order_with_a_teaser(site):
    home = site.soup("index.html")
    services = home.find(id="services-titre").find_parent("section")
    titles = [h.get_text() for h in services.select(".card__title")]
    assert titles == ["Atelier", "Audit"]
    teasers = [c.get_text().strip() for c in services.select(".card__teaser")]
    assert teasers[0] == "Un atelier pratique."
    assert teasers[1].startswith("Premier paragraphe de l")  # no lead: the description


def test_front_page_text_is_the_home_page_and_redirects_there(site):
    home = site.soup("index.html")
    assert "un texte d’accueil écrit dans WordPress" in home.find("main").get_text()
    assert not (site.output / "accueil" / "index.html").read_text().count("Bienvenue")
    stub = (site.output / "accueil" / "index.html").read_text()
    assert 'http-equiv="refresh"' in stub and 'url=/"' in stub.replace("'", '"')
    htaccess = (site.output / ".htaccess").read_text()
    assert "RewriteRule ^accueil/$ / [R=301,L]" in htaccess
    assert "page_id=2" in htaccess
    links = [a["href"] for a in site.soup("lien/index.html").select("main a")]
    assert links[:2] == ["/", "/"]
    assert "/accueil/" not in (site.output / "sitemap.xml").read_text()
    menu = [a.get_text() for a in site.soup("atelier/index.html").select("nav a")]
    assert "Accueil" not in menu


def test_blog_lists_posts_ten_a_page_in_french(site):
    first = site.soup("blog/index.html")
    assert first.find("h1").get_text(strip=True) == "Blog"
    titles = [h.get_text() for h in first.select("main .card__title")]
    assert titles[:2] == ["Billet 12", "Billet 11"] and len(titles) == 10
    dates = [t.get_text() for t in first.select("main time")]
    assert dates[0] == "12 janvier 2024" and dates[-1] == "3 janvier 2024"
    older = first.select_one('a[rel="next"]')
    assert older["href"] == "/blog/page/2/" and older.get_text() == "Articles plus anciens →"
    second = site.soup("blog/page/2/index.html")
    assert [h.get_text() for h in second.select("main .card__title")] == ["Billet 2", "Billet 1"]
    assert second.select_one('a[rel="prev"]')["href"] == "/blog/"
    assert "Page 2 sur 2" in second.find("main").get_text()
    assert "1er janvier 2024" in second.find("main").get_text()


def test_home_shows_the_latest_three_posts(site):
    home = site.soup("index.html")
    latest = home.find(id="articles-titre").find_parent("section")
    assert [h.get_text() for h in latest.select(".card__title")] == [
        "Billet 12",
        "Billet 11",
        "Billet 10",
    ]
    assert latest.select_one('a[href="/blog/"]') is not None


def test_a_site_without_posts_or_services_has_neither_section(build_site):
    built = build_site({"pages/a.md": page("A", "x\n")})
    home = built.soup("index.html")
    assert home.find(id="services-titre") is None and home.find(id="articles-titre") is None
    assert "Blog" not in [a.get_text() for a in home.select("nav a")]


def test_unknown_service_slug_is_a_warning(build_site):
    built = build_site({"pages/a.md": page("A", "x\n")}, SERVICES=["absente"])
    assert "SERVICES names" not in built.log  # a preview of a few pages need not have them all
    built = build_site(
        {"pages/a.md": page("A", "x\n")}, settings="publishconf.py", SERVICES=["absente"]
    )
    assert "SERVICES names 'absente', which no page has" in built.log


def test_testimonials_come_from_the_owner_folder_only(build_site):
    built = build_site(
        {
            "pages/a.md": page("A", "x\n"),
            "temoignages/un.md": (
                '---\nname: "Léa"\nrole: "gérante"\nquote: "C\'était utile."\n---\n'
            ),
            "temoignages/deux.md": '---\nname: "Marc"\n---\n\nTrès clair.\n',
        }
    )
    assert built.result.ok, built.log
    block = built.soup("index.html").find(id="temoignages-titre").find_parent("section")
    quotes = [q.get_text(" ", strip=True) for q in block.select("blockquote")]
    assert quotes == ["Très clair.", "C’était utile."]  # file order: deux, un
    assert [c.get_text() for c in block.select("figcaption")] == ["Marc", "Léa, gérante"]
    assert "temoignages" not in built.log  # content_map knows the folder: nothing "not built"
    assert not (built.output / "temoignages").exists()


def test_a_testimonial_without_a_name_fails_at_its_file(build_site):
    built = build_site({"temoignages/x.md": '---\nquote: "Bien."\n---\n'})
    assert not built.result.ok
    assert re.search(r"temoignages/x\.md:1: error: témoignage sans « name »", built.log)


def test_no_testimonial_folder_no_block(build_site):
    built = build_site({"pages/a.md": page("A", "x\n")})
    assert built.soup("index.html").find(id="temoignages-titre") is None
