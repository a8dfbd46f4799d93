"""The home page: opt-in services, the exported front page, the blog listing (plugins/home_page)."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest
from PIL import Image

from conftest import ROOT, page

sys.path.insert(0, str(ROOT / "plugins"))

from home_page import testimonials
from home_page.choose import front_page, is_service, service_pages
from home_page.testimonials import read_testimonial
from sitetools.newpage import page_source
from yaml_markdown.errors import SourceError

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


def test_flagged_services_follow_the_menu_order_then_their_title():
    pages = [
        fake("sans-ordre-b", "Zèbre", service="oui"),
        fake("texte", "Mot", service=" Yes ", nav_order="quatre"),
        fake("second", "Beta", service="1", nav_order="2"),
        fake("premier", "Alpha", service=True, nav_order=1),
        fake("reglage", "Gamma", service="True"),
        fake("sans-ordre-a", "Abeille", service="OUI"),
    ]
    chosen, unknown = service_pages(pages, None, {"reglage": 3, "second": 99})
    # nav_order in the front matter wins over NAV_ORDER_BY_SLUG; no usable order: last, by title
    assert [p.title for p in chosen] == ["Alpha", "Beta", "Gamma", "Abeille", "Mot", "Zèbre"]
    assert unknown == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), ("Oui", True), (" yes ", True), (1, True), ("1", True), (False, False),
     (None, False), ("non", False), (0, False), (1.0, False), ("vrai", False)],
)  # fmt: skip
def test_a_page_is_a_service_only_when_its_front_matter_says_so_in_a_known_word(value, expected):
    # the words of the front matter guide (true, yes, oui, 1), not any value equal to 1
    assert is_service(fake("x", service=value)) is expected


def test_services_listed_with_slashes_are_found_and_not_repeated_when_also_flagged():
    pages = [fake("audit", service="true", nav_order=1), fake("atelier", service="true")]
    chosen, unknown = service_pages(pages, ["/atelier/", "audit/"])
    assert [p.slug for p in chosen] == ["atelier", "audit"]
    assert unknown == []


def test_front_page_setting_may_be_written_as_a_path():
    assert front_page([fake("bienvenue"), fake("accueil")], "/bienvenue/").slug == "bienvenue"


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


# --- testimonials read from the owner's files (pure reading, no build) ------------------


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_testimonial_file_gives_its_name_role_and_quote(tmp_path):
    text = '---\nname: " Léa "\nrole: " gérante "\nquote: "Utile."\n---\n'
    path = write(tmp_path, "lea.md", text)
    assert read_testimonial(path) == testimonials.Testimonial("Léa", "Utile.", "gérante", str(path))


def test_a_quote_written_below_the_header_keeps_its_paragraphs(tmp_path):
    body = "---\nname: Marc\n---\n\nUn accompagnement\n  très   clair.\n\n\n\nMerci.\n"
    item = read_testimonial(write(tmp_path, "marc.md", body))
    assert item.role == ""
    assert item.paragraphs == ["Un accompagnement très clair.", "Merci."]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Juste un texte.\n", 1, "un témoignage commence par un en-tête « --- »"),
        ('---\nrole: x\nquote: "Bien."\n---\n', 1, "témoignage sans « name »"),
        ('---\nname: Léa\nrole: x\nquote: ""\n---\n', 4, "témoignage sans « quote »"),
        ("---\nname: Léa\n---\n\n", 4, "témoignage sans « quote »"),
    ],
    ids=["no-header", "no-name", "empty-quote-key", "no-quote-at-all"],
)
def test_a_testimonial_missing_a_field_is_an_error_at_its_line(tmp_path, text, line, message):
    path = write(tmp_path, "x.md", text)
    with pytest.raises(SourceError) as error:
        read_testimonial(path)
    assert (error.value.path, error.value.line) == (str(path), line)
    assert message in error.value.message


def test_testimonial_files_are_the_text_files_of_the_folder_in_name_order(tmp_path):
    for name in ("b.yml", "a.MD", "c.markdown", "d.yaml", "photo.jpg", "notes.txt"):
        write(tmp_path, name, "x")
    assert [p.name for p in testimonials.testimonial_files(tmp_path)] == [
        "a.MD",
        "b.yml",
        "c.markdown",
        "d.yaml",
    ]
    assert testimonials.testimonial_files(tmp_path / "absent") == []


# --- the home page's context, from the page generator's lists (no build) ---------------


def generator(pages, **settings):
    return SimpleNamespace(
        settings={"PATH": "/nulle-part", **settings}, context={}, pages=pages, hidden_pages=[]
    )


def site_page(slug, title=None, **meta):
    return SimpleNamespace(
        slug=slug, url=f"{slug}/", title=title or slug, metadata=meta, source_path=f"{slug}.md"
    )


def test_the_front_page_answers_at_the_root_and_its_old_addresses_redirect_there():
    from home_page.plugin import prepare_home  # noqa: PLC0415

    front, other = site_page("accueil", redirect_from="/ancien/"), site_page("contact")
    gen = generator([front, other])
    prepare_home(gen)
    assert gen.context["home_page"] is front
    assert gen.pages == [other] and gen.hidden_pages == [front]
    assert front.metadata["redirect_from"] == ["/ancien/", "/accueil/"]
    assert (front.override_url, front.override_save_as) == ("", "")
    listed = site_page("bienvenue", redirect_from=["/a/", "/b/"])
    gen = generator([listed, site_page("accueil")], HOME_PAGE="bienvenue")
    prepare_home(gen)
    assert gen.context["home_page"] is listed
    assert listed.metadata["redirect_from"] == ["/a/", "/b/", "/bienvenue/"]
    assert [p.slug for p in gen.pages] == ["accueil"]


def test_a_home_page_setting_naming_no_page_is_a_warning_of_the_publish_build(caplog):
    from home_page.plugin import prepare_home  # noqa: PLC0415

    with caplog.at_level("WARNING"):
        prepare_home(generator([site_page("accueil")], HOME_PAGE="absente"))
    assert "HOME_PAGE" not in caplog.text
    with caplog.at_level("WARNING"):
        gen = generator([site_page("accueil")], HOME_PAGE="absente", LEGAL_NOTICE_WARN_MISSING=True)
        prepare_home(gen)
    assert "home_page: HOME_PAGE = 'absente' names no page" in caplog.text
    assert gen.context["home_page"] is None and len(gen.pages) == 1
    caplog.clear()
    with caplog.at_level("WARNING"):  # no setting, no accueil page: a home page without text
        gen = generator([site_page("contact")], LEGAL_NOTICE_WARN_MISSING=True)
        prepare_home(gen)
    assert caplog.text == "" and gen.context["home_page"] is None


def test_services_are_marked_for_their_call_to_action():
    from home_page.plugin import prepare_home  # noqa: PLC0415

    audit, contact = site_page("audit", service="oui"), site_page("contact")
    gen = generator([audit, contact], SERVICES=["/contact/"])
    prepare_home(gen)
    assert gen.context["services"] == [contact, audit]
    assert audit.service_page is True and contact.service_page is True


def test_the_about_block_is_the_page_the_setting_names_with_its_photo_size(tmp_path, caplog):
    from home_page.plugin import prepare_home  # noqa: PLC0415

    (tmp_path / "images").mkdir()
    Image.new("RGB", (40, 50)).save(tmp_path / "images" / "moi.png")
    about = site_page("qui-suis-je", image="/images/moi.png")
    gen = generator([site_page("a-propos"), about], PATH=str(tmp_path), ABOUT_PAGE="/qui-suis-je/")
    with caplog.at_level("ERROR"):
        prepare_home(gen)
    assert gen.context["about_page"] is about and about.image_size == (40, 50)
    assert caplog.text == ""
    default = site_page("a-propos", image="images/absente.png")
    with caplog.at_level("ERROR"):
        prepare_home(generator([default], PATH=str(tmp_path)))
    assert default.image_size is None
    assert re.search(r"a-propos\.md: image .*absente\.png introuvable", caplog.text)
    plain = site_page("a-propos")
    gen = generator([plain], PATH=str(tmp_path))
    prepare_home(gen)
    assert gen.context["about_page"] is plain and not hasattr(plain, "image_size")
    assert gen.context["testimonials"] == []


def test_the_testimonials_folder_is_left_to_this_plugin():
    from home_page.plugin import declare_testimonials_folder  # noqa: PLC0415

    settings = {
        "TESTIMONIALS_PATH": "/avis/",
        "PAGE_EXCLUDES": ["brouillons"],
        "CONTENT_READ_BY_PLUGINS": ["autre"],
    }
    declare_testimonials_folder(SimpleNamespace(settings=settings))
    assert settings["PAGE_EXCLUDES"] == ["brouillons", "avis"]
    assert settings["CONTENT_READ_BY_PLUGINS"] == ["autre", "avis"]
    none = {"TESTIMONIALS_PATH": ""}
    declare_testimonials_folder(SimpleNamespace(settings=none))
    assert none == {"TESTIMONIALS_PATH": ""}


def test_testimonials_are_typeset_in_french_and_a_bad_file_is_an_error(tmp_path, caplog):
    from home_page.plugin import load_testimonials  # noqa: PLC0415

    (tmp_path / "avis").mkdir()
    write(tmp_path / "avis", "a.md", '---\nname: "Léa & co"\nquote: "Super ! Merci"\n---\n')
    write(tmp_path / "avis", "b.md", "---\nrole: x\n---\nSans nom.\n")
    with caplog.at_level("ERROR"):
        found = load_testimonials({"PATH": str(tmp_path), "TESTIMONIALS_PATH": "/avis/"})
    assert [(t.name, t.quote, t.role) for t in found] == [
        ("Léa &amp; co", "Super\u202f! Merci", "")
    ]
    assert re.search(r"avis/b\.md:1: témoignage sans « name »", caplog.text)
    assert load_testimonials({"PATH": str(tmp_path)}) == []
