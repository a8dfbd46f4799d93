"""Old WordPress URLs: rules (pure), conflicts, real Apache and nginx, static hosts in Chromium."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from conftest import SEED, page
from redirects.hosts import cloudflare_limit_warnings
from redirects.plugin import write_redirects
from redirects.rules import (
    RedirectConflict,
    guid_address,
    old_addresses,
    redirect_rules,
)
from redirects.writers import forward_script, htaccess, netlify_redirects, nginx_conf, stub_page
from seo.plugin import add_functions, lastmod, write_sitemap
from seo.structured import json_ld, page_graph, robots, sitemap
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


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"guid": "http://x/?page_id=abc", "id": "12", "layout": "page"}, "/?page_id=12"),
        ({"guid": "http://x/?attachment_id=3"}, None),
        ({"id": "x1", "layout": "page"}, None),
        ({"id": 4, "layout": "attachment"}, None),
    ],
)
def test_guid_address_needs_a_numeric_page_or_post_id(meta, expected):
    found = guid_address(meta)
    assert (str(found) if found else None) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/?page_id=5", ["/?page_id=5"]),
        ("/index.php?p=5&utm_source=x", ["/?p=5"]),
        ("http://ancien.example/a/b", ["/a/b", "/a/b/"]),
        ("/a/?utm_source=x", ["/a", "/a/"]),
        ("/", []),
    ],
)
def test_redirect_from_accepts_paths_full_addresses_and_plain_permalinks(url, expected):
    assert [str(a) for a in old_addresses({"redirect_from": url}, "/nouvelle/")] == expected


def test_an_old_query_address_is_kept_even_for_the_home_page_and_listed_once():
    meta = {"guid": "http://x/?page_id=9", "redirect_from": ["/?page_id=9", "/n"]}
    assert [str(a) for a in old_addresses(meta, "/n/")] == ["/?page_id=9"]


def test_two_pages_at_one_url_may_share_an_old_address():
    pages = [
        ("a.md", "/a/", {"redirect_from": ["/x/"]}),
        ("b.md", "/a/", {"redirect_from": ["/x/"]}),
    ]
    assert [(str(r.old), r.target, r.source) for r in redirect_rules(pages)] == [
        ("/x", "/a/", "a.md"),
        ("/x/", "/a/", "a.md"),
    ]


def test_every_conflict_is_named_once_in_one_error():
    pages = [
        ("a.md", "/a/", {"guid": "http://x/?p=3"}),
        ("b.md", "/b/", {"id": 3, "layout": "post"}),
        ("c.md", "/c/", {"redirect_from": "/b"}),
    ]
    with pytest.raises(RedirectConflict) as conflict:
        redirect_rules(pages)
    assert str(conflict.value) == (
        "b.md: old address /?p=3 is also claimed by a.md; "
        "c.md: old address /b is the URL of b.md; "
        "c.md: old address /b/ is the URL of b.md"
    )


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


def test_two_pages_at_one_url_share_an_old_address_in_a_build_without_error(tmp_path, caplog):
    def item(source):  # the plugin builds each new URL itself: "/" + the page's url
        return SimpleNamespace(
            relative_source_path=source, url="a/", metadata={"redirect_from": "/x/"}
        )

    generator = SimpleNamespace(
        settings={"OUTPUT_PATH": str(tmp_path), "SITENAME": "Exemple"},
        context={},
        pages=[item("a.md"), item("b.md")],
    )
    write_redirects([generator])
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []
    assert (tmp_path / "_redirects").read_text("utf-8").splitlines()[1:] == [
        "/x /a/ 301",
        "/x/ /a/ 301",
    ]


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


MOVED = [
    ("pages/a.md", "/a/", {"guid": "http://x/?page_id=20", "redirect_from": ["/ancien/"]}),
    ("_posts/b.md", "/blog/b/", {"id": 5, "layout": "post"}),
]


def test_apache_rules_in_full():
    assert htaccess(redirect_rules(MOVED)) == (
        "# Old WordPress addresses (generated by plugins/redirects)\n"
        "RewriteEngine On\n"
        "RewriteCond %{QUERY_STRING} (^|&)p=5(&|$)\n"
        "RewriteRule ^(index\\.php)?$ /blog/b/ [R=301,L,QSD]\n"
        "RewriteCond %{QUERY_STRING} (^|&)page_id=20(&|$)\n"
        "RewriteRule ^(index\\.php)?$ /a/ [R=301,L,QSD]\n"
        "RewriteRule ^ancien$ /a/ [R=301,L]\n"
        "RewriteRule ^ancien/$ /a/ [R=301,L]\n"
    )


def test_apache_patterns_match_dots_literally():
    rules = redirect_rules([("a.md", "/a/", {"redirect_from": "/2016/billet.html"})])
    assert "RewriteRule ^2016/billet\\.html$ /a/ [R=301,L]" in htaccess(rules)


def test_nginx_rules_in_full():
    assert nginx_conf(redirect_rules(MOVED)) == (
        "# Old WordPress addresses (generated by plugins/redirects)\n"
        "location ^~ /_config/ { return 404; }  # this file's folder: not for visitors\n"
        "location = / {\n"
        '    if ($arg_p = "5") { return 301 /blog/b/; }\n'
        '    if ($arg_page_id = "20") { return 301 /a/; }\n'
        "    try_files /index.html =404;\n"
        "}\n"
        "location = /index.php {\n"
        '    if ($arg_p = "5") { return 301 /blog/b/; }\n'
        '    if ($arg_page_id = "20") { return 301 /a/; }\n'
        "    return 404;\n"
        "}\n"
        "location = /ancien { return 301 /a/; }\n"
        "location = /ancien/ { return 301 /a/; }\n"
    )


def test_netlify_gets_forced_and_query_rules_cloudflare_only_plain_paths():
    rules = redirect_rules(MOVED)
    assert netlify_redirects(rules) == (
        "# Old WordPress addresses (generated by plugins/redirects)\n"
        "/ p=5 /blog/b/ 301!\n"
        "/ page_id=20 /a/ 301!\n"
        "/ancien /a/ 301!\n"
        "/ancien/ /a/ 301!\n"
    )
    assert netlify_redirects(rules, netlify_only=False) == (
        "# Old WordPress addresses (generated by plugins/redirects)\n"
        "/ancien /a/ 301\n"
        "/ancien/ /a/ 301\n"
    )


def test_the_forwarding_script_is_the_same_whatever_the_order_of_the_rules():
    rules = redirect_rules(
        [
            ("a.md", "/a/", {"guid": "http://x/?page_id=20"}),
            ("b.md", "/b/", {"guid": "http://x/?page_id=3"}),
            ("c.md", "/c/", {"guid": "http://x/?p=7"}),
        ]
    )
    table = '({"p": {"7": "/c/"}, "page_id": {"20": "/a/", "3": "/b/"}});'
    for order in (rules, rules[::-1]):
        assert forward_script(order).splitlines()[-1] == "})" + table


def test_forwarding_script_and_stub_page_in_full():
    rules = redirect_rules(MOVED)
    assert forward_script(rules) == (
        "// Old WordPress addresses /?page_id=N and /?p=N (generated by plugins/redirects).\n"
        "(function (table) {\n"
        "  var query = new URLSearchParams(window.location.search);\n"
        "  for (var key in table) {\n"
        "    var target = table[key][query.get(key)];\n"
        "    if (target) { window.location.replace(target); return; }\n"
        "  }\n"
        '})({"p": {"5": "/blog/b/"}, "page_id": {"20": "/a/"}});\n'
    )
    moved = next(rule for rule in rules if rule.old.path == "/ancien/")
    assert stub_page(moved, "https://exemple.fr", "Coach & <Web>") == (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>Page déplacée · Coach &amp; &lt;Web&gt;</title>\n"
        '<meta name="robots" content="noindex">\n'
        '<meta http-equiv="refresh" content="0; url=/a/">\n'
        '<link rel="canonical" href="https://exemple.fr/a/">\n'
        "</head>\n"
        "<body>\n"
        '<p>Cette page a déménagé&#8239;: <a href="/a/">/a/</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


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


# --- SEO: the pure writers ------------------------------------------------------------


def test_sitemap_lists_each_address_escaped_with_its_last_change():
    assert sitemap(
        [("https://exemple.fr/", "2024-03-01"), ("https://exemple.fr/a?b=1&c=2", "2023-12-31")]
    ) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url><loc>https://exemple.fr/</loc><lastmod>2024-03-01</lastmod></url>\n"
        "<url><loc>https://exemple.fr/a?b=1&amp;c=2</loc><lastmod>2023-12-31</lastmod></url>\n"
        "</urlset>\n"
    )


def test_robots_names_the_sitemap_only_when_the_site_has_an_absolute_address():
    assert robots("https://exemple.fr") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://exemple.fr/sitemap.xml\n"
    )
    assert robots("") == "User-agent: *\nAllow: /\n"
    assert robots("/preview") == "User-agent: *\nAllow: /\n"


FACTS = {
    "SITEURL": "https://exemple.fr",
    "SITENAME": "Exemple",
    "SITESUBTITLE": "",
    "DEFAULT_LANG": "fr",
    "LEGAL_NOTICE": {"email": "contact@exemple.fr", "phone": "", "address": "1 rue Exemple"},
}


def test_json_ld_of_the_home_page_has_one_crumb_and_only_the_facts_given():
    graph = page_graph(
        {**FACTS, "LEGAL_NOTICE": {**FACTS["LEGAL_NOTICE"], "siret": "000"}},
        "https://exemple.fr/",
        "Accueil",
        "",
    )
    assert graph == {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "ProfessionalService",
                "@id": "https://exemple.fr/#organisation",
                "name": "Exemple",
                "url": "https://exemple.fr/",
                "email": "contact@exemple.fr",
                "address": "1 rue Exemple",
                "identifier": "000",
            },
            {
                "@type": "WebPage",
                "@id": "https://exemple.fr/",
                "url": "https://exemple.fr/",
                "name": "Accueil",
                "inLanguage": "fr",
                "isPartOf": {"@id": "https://exemple.fr/#organisation"},
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": 1,
                        "name": "Accueil",
                        "item": "https://exemple.fr/",
                    }
                ],
            },
        ],
    }


def test_json_ld_of_a_page_has_its_description_and_two_crumbs():
    settings = {**FACTS, "CONTACT_EMAIL": "bonjour@exemple.fr", "LEGAL_NOTICE": None}
    organisation, webpage, breadcrumb = page_graph(
        settings, "https://exemple.fr/offre/", "Offre", "Ce que je propose."
    )["@graph"]
    assert organisation["email"] == "bonjour@exemple.fr"
    assert "address" not in organisation
    assert webpage["description"] == "Ce que je propose."
    assert breadcrumb["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Accueil", "item": "https://exemple.fr/"},
        {"@type": "ListItem", "position": 2, "name": "Offre", "item": "https://exemple.fr/offre/"},
    ]


@pytest.mark.parametrize("url", ["https://exemple.fr/offre/", "http://exemple.fr/offre/"])
def test_json_ld_of_any_page_but_the_home_page_has_its_own_crumb(url):
    breadcrumb = page_graph(FACTS, url, "Offre", "")["@graph"][2]
    assert [crumb["item"] for crumb in breadcrumb["itemListElement"]] == [
        "https://exemple.fr/",
        url,
    ]


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"z": "é", "name": "</script><b>Tom & Jerry</b>"})
    assert text == (
        '{"name": "\\u003c/script\\u003e\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e", '
        '"z": "é"}'
    )
    assert json.loads(text) == {"name": "</script><b>Tom & Jerry</b>", "z": "é"}


# --- the plugin's files, from fake generators (no build) ---------------------------------


def generators_with(tmp_path, **settings):
    def item(source, url, **meta):
        return SimpleNamespace(relative_source_path=source, url=url, metadata=meta)

    pages = SimpleNamespace(
        settings={"OUTPUT_PATH": str(tmp_path), "SITENAME": "Exemple", **settings},
        context={},
        pages=[item("pages/a.md", "a/", guid="http://x/?page_id=20", redirect_from="/ancien/")],
        hidden_pages=[item("pages/cachee.md", "cachee/", redirect_from="/vieille-cachee/")],
    )
    articles = SimpleNamespace(
        settings=pages.settings,
        context={},
        articles=[item("_posts/b.md", "blog/b/", id=5, layout="post")],
        hidden_articles=[item("_drafts/c.md", "drafts/c/", redirect_from="/brouillon/")],
    )
    return [pages, articles]


def test_every_redirect_file_and_stub_page_is_written_into_the_output(tmp_path):
    generators = generators_with(
        tmp_path, SITEURL="https://exemple.fr", REDIRECTS_HTACCESS_EXTRA="Options -Indexes\n"
    )
    write_redirects(iter(generators))
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        ".htaccess",
        "_config/cloudflare-pages/functions/index.js",
        "_config/cloudflare-pages/functions/index.php.js",
        "_config/netlify/_redirects",
        "_config/nginx-redirects.conf",
        "_redirects",
        "ancien/index.html",
        "brouillon/index.html",
        "vieille-cachee/index.html",
        "wp-forward.js",
    ]
    htaccess_text = (tmp_path / ".htaccess").read_text("utf-8")
    assert htaccess_text.startswith("Options -Indexes\n# Old WordPress addresses")
    assert "RewriteRule ^vieille\\-cachee/$ /cachee/ [R=301,L]" in htaccess_text
    assert "RewriteRule ^brouillon/$ /drafts/c/ [R=301,L]" in htaccess_text
    stub = (tmp_path / "ancien" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://exemple.fr/a/">' in stub
    assert "<title>Page déplacée · Exemple</title>" in stub
    assert '"page_id": {"20": "/a/"}' in (tmp_path / "wp-forward.js").read_text("utf-8")
    assert "location = /ancien { return 301 /a/; }" in (
        tmp_path / "_config" / "nginx-redirects.conf"
    ).read_text("utf-8")
    assert [g.context["WP_FORWARD_SCRIPT"] for g in generators] == ["/wp-forward.js"] * 2


def test_a_conflict_is_a_build_error_and_writes_no_rules(tmp_path, caplog):
    generators = generators_with(tmp_path)
    generators[1].articles[0].metadata["redirect_from"] = "/a/"
    write_redirects(generators)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            "redirects: _posts/b.md: old address /a is the URL of pages/a.md; "
            "_posts/b.md: old address /a/ is the URL of pages/a.md",
        )
    ]
    assert list(tmp_path.iterdir()) == []
    write_redirects([])  # no generators: nothing to do


def test_a_site_with_one_generator_writes_only_inside_its_output_and_no_stub_for_queries(
    tmp_path, monkeypatch
):
    written = []
    write_text = Path.write_text

    def record(path, *args, **kwargs):  # a file outside the output is noted, never written
        written.append(path)
        if path.is_relative_to(tmp_path):
            return write_text(path, *args, **kwargs)
        return 0

    monkeypatch.setattr(Path, "write_text", record)
    write_redirects([generators_with(tmp_path)[0]])  # pages only: /?page_id=20, /ancien/…
    outside = [str(path) for path in written if not path.is_relative_to(tmp_path)]
    assert outside == []  # /?page_id=20 gets no meta-refresh page (it would be the home page)
    assert not (tmp_path / "index.html").exists()
    assert sorted(p.parent.name for p in tmp_path.glob("*/index.html")) == [
        "ancien",
        "vieille-cachee",
    ]


def test_cloudflare_static_rules_are_counted_apart_from_dynamic_ones():
    static = [f"/ancien-{n} /a/ 301" for n in range(2001)]
    assert cloudflare_limit_warnings("\n".join([*static, "/blog/* /a/ 301"])) == [
        "_redirects has 2001 static rules: Cloudflare Pages reads only 2000 "
        "(the rest of the old addresses will answer 404 there)"
    ]


def test_cloudflare_reads_exactly_100_dynamic_rules_without_warning():
    dynamic = "\n".join(f"/d{n}/* /b/ 301" for n in range(100))
    assert cloudflare_limit_warnings(dynamic) == []


def test_only_the_old_address_makes_a_rule_dynamic_not_its_target():
    rules = "\n".join(f"/ancien-{n} /nouveau/* 301" for n in range(101))
    assert cloudflare_limit_warnings(rules) == []


def test_sitemap_lists_home_pages_articles_and_notice_but_never_a_draft(tmp_path):
    def item(url, **meta):
        return SimpleNamespace(url=url, metadata=meta, source_path=str(tmp_path / "x.md"), **meta)

    pages = SimpleNamespace(
        settings={
            "OUTPUT_PATH": str(tmp_path),
            "SITEURL": "https://exemple.fr",
            "LEGAL_NOTICE_URL": "mentions-legales/",
        },
        pages=[
            item("a/", date=datetime.datetime(2016, 5, 1), modified=datetime.datetime(2019, 2, 3)),
            item("brouillon/", date=datetime.datetime(2030, 1, 1), draft=True),
        ],
    )
    articles = SimpleNamespace(
        settings=pages.settings, articles=[item("blog/b/", date=datetime.datetime(2018, 7, 8))]
    )
    write_sitemap(iter([pages, articles]))
    assert (tmp_path / "sitemap.xml").read_text("utf-8").splitlines()[2:] == [
        "<url><loc>https://exemple.fr/</loc><lastmod>2019-02-03</lastmod></url>",
        "<url><loc>https://exemple.fr/a/</loc><lastmod>2019-02-03</lastmod></url>",
        "<url><loc>https://exemple.fr/blog/b/</loc><lastmod>2018-07-08</lastmod></url>",
        "<url><loc>https://exemple.fr/mentions-legales/</loc><lastmod>2019-02-03</lastmod></url>",
        "</urlset>",
    ]
    assert "Sitemap: https://exemple.fr/sitemap.xml" in (tmp_path / "robots.txt").read_text()


def test_a_page_without_a_date_is_last_changed_when_its_file_was(tmp_path):
    source = tmp_path / "sans-date.md"
    source.write_text("x")
    os.utime(source, (1_600_000_000, 1_600_000_000))  # 2020-09-13 12:26:40 UTC
    undated = SimpleNamespace(source_path=str(source), date=None, modified=None)
    assert lastmod(undated) == "2020-09-13"


def test_an_empty_site_has_an_empty_sitemap(tmp_path):
    empty = SimpleNamespace(
        settings={"OUTPUT_PATH": str(tmp_path), "LEGAL_NOTICE_URL": "m/"}, pages=[]
    )
    write_sitemap([empty])
    assert "<url>" not in (tmp_path / "sitemap.xml").read_text("utf-8")
    assert (tmp_path / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"
    write_sitemap([])  # no generators: nothing to do


def test_templates_get_a_json_ld_function_that_takes_any_name_and_no_description():
    generator = SimpleNamespace(settings=FACTS, env=SimpleNamespace(globals={}))
    add_functions(generator)
    data = json.loads(generator.env.globals["json_ld_for"]("https://exemple.fr/a/", 42, None))
    webpage = data["@graph"][1]
    assert (webpage["name"], "description" in webpage) == ("42", False)
    assert data["@graph"][2]["itemListElement"][1]["name"] == "42"
