"""Old WordPress URLs: rules (pure), conflicts, real Apache and nginx, static hosts in Chromium."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from conftest import SEED, page
from redirects.rules import (
    RedirectConflict,
    guid_address,
    old_addresses,
    redirect_rules,
)
from redirects.writers import htaccess, netlify_redirects, nginx_conf
from servers import apache, nginx, public_copy, request
from sitetools.budget_tools import served

SEED_URL = "/medias-sociaux-et-community-management/"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"guid": "http://votrecoachweb.com/?page_id=20"}, "/?page_id=20"),
        ({"guid": "http://votrecoachweb.com/?p=50"}, "/?p=50"),
        ({"id": 7, "layout": "page"}, "/?page_id=7"),
        ({"id": 8, "layout": "post"}, "/?p=8"),
        ({"title": "Nouvelle"}, None),
    ],
)
def test_guid_address(meta, expected):
    found = guid_address(meta)
    assert (str(found) if found else None) == expected


def test_permalink_and_redirect_from_give_both_slash_forms_but_never_the_new_url():
    meta = {
        "permalink": "http://votrecoachweb.com/services/medias-sociaux/",
        "redirect_from": ["/ancien", "/nouvelle/"],
    }
    found = {str(a) for a in old_addresses(meta, "/nouvelle/")}
    assert found == {"/services/medias-sociaux", "/services/medias-sociaux/", "/ancien", "/ancien/"}


def test_two_pages_claiming_one_old_address_name_both_files():
    pages = [
        ("pages/a.md", "/a/", {"redirect_from": ["/ancien/"]}),
        ("pages/b.md", "/b/", {"redirect_from": ["/ancien/"]}),
    ]
    with pytest.raises(RedirectConflict, match=r"pages/b\.md.*also claimed by pages/a\.md"):
        redirect_rules(pages)


def test_an_old_address_equal_to_a_new_url_names_both_files():
    pages = [("pages/a.md", "/a/", {"redirect_from": ["/b/"]}), ("pages/b.md", "/b/", {})]
    with pytest.raises(RedirectConflict, match=r"pages/a\.md: old address /b.* URL of pages/b\.md"):
        redirect_rules(pages)


def test_writers_cover_query_and_path_rules():
    rules = redirect_rules(
        [("a.md", "/a/", {"guid": "http://x/?page_id=20", "redirect_from": ["/old/"]})]
    )
    assert "RewriteCond %{QUERY_STRING} (^|&)page_id=20(&|$)" in htaccess(rules)
    assert "RewriteRule ^old/$ /a/ [R=301,L]" in htaccess(rules)
    assert 'if ($arg_page_id = "20") { return 301 /a/; }' in nginx_conf(rules)
    assert "location = /old/ { return 301 /a/; }" in nginx_conf(rules)
    assert "/ page_id=20 /a/ 301!" in netlify_redirects(rules)
    assert "/old /a/ 301!" in netlify_redirects(rules)


def test_conflicting_pages_fail_the_build_naming_both(build_site):
    site = build_site(
        {
            "pages/a.md": page("A", "x\n", redirect_from="['/ancien/']"),
            "pages/b.md": page("B", "x\n", redirect_from="['/ancien/']"),
        }
    )
    assert not site.result.ok
    assert "also claimed by" in site.log
    assert "pages/a.md" in site.log
    assert "pages/b.md" in site.log


# --- the built site on real servers --------------------------------------------------

OLD_PAGE = (
    "---\nid: 31\ntitle: Ancienne\nlayout: page\nguid: http://votrecoachweb.com/?page_id=31\n"
    "permalink: http://votrecoachweb.com/services/ancienne-adresse/\n---\nTexte.\n"
)
POST = (
    "---\nid: 50\ntitle: Billet\nlayout: post\ndate: 2016-01-01T09:00:00+01:00\n"
    "guid: http://votrecoachweb.com/?p=50\n---\nUn billet.\n"
)
EXPECTED = {
    "/?page_id=20": SEED_URL,
    "/index.php?page_id=20": SEED_URL,
    "/?page_id=20&utm_source=x": SEED_URL,
    "/?page_id=31": "/ancienne/",
    "/services/ancienne-adresse/": "/ancienne/",
    "/services/ancienne-adresse": "/ancienne/",
    "/?p=50": "/blog/billet/",
    "/autre-ancienne/": "/renommee/",
}


@pytest.fixture(scope="module")
def migrated_site(tmp_path_factory):
    from conftest import ROOT  # noqa: PLC0415
    from sitetools.build import build  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("redirects")
    content = folder / "content" / "pages"
    content.mkdir(parents=True)
    (content / SEED.name).write_bytes(SEED.read_bytes())
    (content / "ancienne.md").write_text(OLD_PAGE, "utf-8")
    posts = folder / "content" / "_posts"
    posts.mkdir()
    (posts / "2016-01-01-billet.md").write_text(POST, "utf-8")
    (content / "renommee.md").write_text(
        page("Renommée", "x\n", redirect_from="['/autre-ancienne/']"), "utf-8"
    )
    result = build(
        ROOT / "pelicanconf.py",
        overrides={
            "PATH": str(folder / "content"),
            "OUTPUT_PATH": str(folder / "output"),
            "NAV_ORDER_BY_SLUG": {},
        },
    )
    assert result.ok, result.errors
    return public_copy(folder / "output")


def check_server(port: int) -> None:
    for old, target in EXPECTED.items():
        response = request(port, old)
        assert response.status == 301, (old, response.status)
        assert urlsplit(response.getheader("Location")).path == target, old
        assert not urlsplit(response.getheader("Location")).query, old
    for new in ("/", SEED_URL, "/ancienne/", "/blog/billet/", "/mentions-legales/"):
        assert request(port, new).status == 200, new
    missing = request(port, "/page-inconnue/")
    assert missing.status == 404
    assert "Page introuvable" in missing.body.decode("utf-8")


@pytest.mark.server
def test_old_addresses_answer_301_on_apache(migrated_site):
    with apache(migrated_site) as port:
        check_server(port)
        assert request(port, "/_config/nginx-redirects.conf").status == 404


@pytest.mark.server
def test_old_addresses_answer_301_on_nginx(migrated_site):
    include = str(migrated_site / "_config" / "nginx-redirects.conf")
    with nginx(migrated_site, [include]) as port:
        check_server(port)
        assert request(port, "/_config/nginx-redirects.conf").status == 404


@pytest.mark.browser
def test_static_host_stub_page_and_forwarding_script_in_chromium(browser, migrated_site):
    with served(migrated_site) as base:
        tab = browser.new_page()
        tab.goto(base + "/services/ancienne-adresse/")
        tab.wait_for_url("**/ancienne/")
        tab.goto(base + "/?page_id=20")
        tab.wait_for_url("**" + SEED_URL)
        tab.goto(base + "/?p=50")
        tab.wait_for_url("**/blog/billet/")
        tab.close()
    stub = (migrated_site / "services" / "ancienne-adresse" / "index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/ancienne/">' in stub
    assert '<a href="/ancienne/">' in stub
    assert 'rel="canonical"' in stub


# --- SEO -------------------------------------------------------------------------------


def test_sitemap_robots_canonical_social_and_json_ld(build_site):
    site = build_site(
        {"pages/" + SEED.name: SEED.read_bytes(), "pages/b.md": page("B", "x\n")},
        settings="publishconf.py",
    )
    assert site.result.ok, site.log
    sitemap = site.html("sitemap.xml")
    for url in ("https://votrecoachweb.com/", f"https://votrecoachweb.com{SEED_URL}"):
        assert f"<loc>{url}</loc>" in sitemap
    assert "<lastmod>2014-07-05</lastmod>" in sitemap
    assert "Sitemap: https://votrecoachweb.com/sitemap.xml" in site.html("robots.txt")
    soup = site.soup(SEED_URL.strip("/") + "/index.html")
    assert soup.find("link", rel="canonical")["href"] == f"https://votrecoachweb.com{SEED_URL}"
    assert soup.find("meta", property="og:title")["content"].startswith("Médias sociaux")
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    types = [node["@type"] for node in data["@graph"]]
    assert types == ["ProfessionalService", "WebPage", "BreadcrumbList"]
    organisation = data["@graph"][0]
    assert "telephone" not in organisation  # not in settings: never invented
    assert "address" not in organisation


def test_json_ld_uses_facts_from_settings_when_given(build_site):
    notice = {"phone": "+33 1 23 45 67 89"}
    site = build_site(
        {"pages/b.md": page("B", "x\n")}, settings="publishconf.py", LEGAL_NOTICE=notice
    )
    data = json.loads(site.soup("b/index.html").find("script", type="application/ld+json").string)
    assert data["@graph"][0]["telephone"] == "+33 1 23 45 67 89"
