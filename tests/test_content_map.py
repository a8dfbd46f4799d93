"""Exports read wherever the exporter put them: URLs, posts, drafts, post types, counts, links."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, page
from content_map.placement import Placement, place
from internal_links.links import rewrite_links
from redirects.rules import OldAddress
from servers import apache, nginx, public_copy, request
from sitetools.build import build, summary

EXPORT = FIXTURES / "export"
HOSTS = {"votrecoachweb.com", "www.votrecoachweb.com"}


@pytest.mark.parametrize(
    ("relpath", "meta", "expected"),
    [
        ("pages/x.md", {}, Placement("page", "x")),
        ("x.md", {}, Placement("page", "x")),
        ("parent/child.md", {}, Placement("page", "parent/child")),
        ("pages/sous/page.markdown", {}, Placement("page", "sous/page")),
        ("_posts/2016-05-01-mon-billet.md", {}, Placement("post", "mon-billet")),
        ("articles/nouveau.md", {}, Placement("post", "nouveau")),
        ("_drafts/idee.md", {}, Placement("post", "idee", draft=True)),
        ("pages/y.md", {"status": "draft"}, Placement("page", "y", draft=True)),
        ("_portfolios/z.md", {}, Placement("skip", reason="WordPress post type _portfolios/")),
    ],
)
def test_placement_rule(relpath, meta, expected):
    assert place(relpath, meta) == expected


def test_custom_post_type_listed_in_settings_is_built_as_pages():
    assert place("_portfolios/z.md", {}, frozenset({"_portfolios"})) == Placement(
        "page", "portfolios/z"
    )


# --- the fixture export, built as dropped into content/ ------------------------------


def build_export(tmp: Path, settings_file: str = "pelicanconf.py", **overrides):
    content = tmp / "content"
    if not content.exists():
        shutil.copytree(EXPORT, content)
    options = {
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp / settings_file.split(".", maxsplit=1)[0]),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        **overrides,
    }
    log = io.StringIO()
    result = build(ROOT / settings_file, overrides=options, stream=log)
    assert result.ok, log.getvalue()
    return result, log.getvalue(), Path(options["OUTPUT_PATH"])


@pytest.fixture(scope="module")
def export_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    preview = build_export(tmp)
    published = build_export(tmp, "publishconf.py")
    return preview, published


def test_every_page_of_the_export_keeps_its_wordpress_address(export_builds):
    _, _, output = export_builds[0]
    for url in (
        "accompagnement/",
        "accompagnement/atelier-collectif/",  # a child page: /parent/child/
        "blog/premier-billet/",
        "blog/second-billet/",
    ):
        assert (output / url / "index.html").is_file(), url
    assert not (output / "un-avis").exists() and not (output / "temoignages").exists()


def test_build_counts_pages_posts_drafts_and_skipped_on_its_last_line(export_builds):
    (result, log, _), (published, publog, _) = export_builds
    assert result.counts == {"pages": 3, "posts": 2, "drafts": 1, "skipped": 1}
    assert ", 3 pages, 2 posts, 1 drafts, 1 skipped" in summary(result)
    assert published.counts == {"pages": 3, "posts": 2, "drafts": 1, "skipped": 1}
    assert (
        "content/_temoignages: warning: 1 file(s) of the WordPress post type _temoignages/" in log
    )
    assert re.search(r"_drafts/idee-en-cours\.md: warning: draft: left out of the publish", publog)


def test_draft_is_previewed_with_a_banner_and_never_published(export_builds):
    (_, _, preview), (_, _, published) = export_builds
    draft = BeautifulSoup((preview / "blog/idee-en-cours/index.html").read_text(), "lxml")
    assert draft.select_one(".draft-banner strong").get_text() == "Brouillon"
    assert "idee-en-cours" not in (preview / "sitemap.xml").read_text()
    assert not (published / "blog" / "idee-en-cours").exists()
    assert not (published / "drafts").exists()
    assert "idee-en-cours" not in (published / "sitemap.xml").read_text()
    assert "idee-en-cours" not in (published / "feeds" / "all.atom.xml").read_text()
    assert "Premier billet" in (published / "feeds" / "all.atom.xml").read_text()


def test_links_to_old_addresses_in_the_export_point_at_new_urls(export_builds):
    _, _, output = export_builds[0]
    parent = BeautifulSoup((output / "accompagnement/index.html").read_text(), "lxml")
    hrefs = [a["href"] for a in parent.select("article a")]
    assert hrefs == [
        "/accompagnement/atelier-collectif/",
        "/blog/premier-billet/",
        "/blog/second-billet/",
    ]
    second = BeautifulSoup((output / "blog/second-billet/index.html").read_text(), "lxml")
    assert [a["href"] for a in second.select("article a")] == ["/blog/premier-billet/"]


def test_config_yml_fills_the_site_name_only_where_pelicanconf_does_not(tmp_path):
    _, _, output = build_export(tmp_path, SITENAME=None, SITESUBTITLE=None)
    title = BeautifulSoup((output / "index.html").read_text(), "lxml").title.get_text()
    assert title == "Atelier Exemple · Un site d’essai pour les tests d’import"
    _, _, output = build_export(tmp_path)
    title = BeautifulSoup((output / "index.html").read_text(), "lxml").title.get_text()
    assert title.startswith("Votre Coach Web")


@pytest.fixture(scope="module")
def published_export(export_builds):
    return public_copy(export_builds[1][2])


POST_ADDRESSES = {
    "/?p=40": "/blog/premier-billet/",
    "/2016/05/01/premier-billet/": "/blog/premier-billet/",
    "/2016/05/02/second-billet": "/blog/second-billet/",
}


def check_posts(port: int) -> None:
    for old, new in POST_ADDRESSES.items():
        response = request(port, old)
        assert response.status == 301, old
        assert urlsplit(response.getheader("Location")).path == new
        assert request(port, new).status == 200
    assert request(port, "/accompagnement/atelier-collectif/").status == 200


@pytest.mark.server
def test_old_post_addresses_reach_the_post_on_apache(published_export):
    with apache(published_export) as port:
        check_posts(port)


@pytest.mark.server
def test_old_post_addresses_reach_the_post_on_nginx(published_export):
    include = str(published_export / "_config" / "nginx-redirects.conf")
    with nginx(published_export, [include]) as port:
        check_posts(port)


# --- single rules, on tiny sites ------------------------------------------------------


def test_two_files_with_one_url_fail_the_build_naming_both(build_site):
    site = build_site({"pages/offre.md": page("Offre", "A"), "offre.md": page("Offre 2", "B")})
    assert not site.result.ok
    assert re.search(
        r"offre\.md: error: /offre/ is also the URL of content/(pages/)?offre\.md", site.log
    )


def test_untitled_export_gets_a_warning_and_a_title_from_its_file_name(build_site):
    export = (
        "---\nid: 9\nguid: http://votrecoachweb.com/?p=9\nlayout: post\n"
        "date: 2016-05-03\n---\nTexte.\n"
    )
    site = build_site({"_posts/2016-05-03-sans-titre-ici.md": export})
    assert site.result.ok, site.log
    assert "2016-05-03-sans-titre-ici.md:1: warning: no title: titled 'Sans titre ici'" in site.log
    assert site.soup("blog/sans-titre-ici/index.html").h1.get_text() == "Sans titre ici"


def test_untitled_hand_written_page_is_still_an_error(build_site):
    site = build_site({"pages/x.md": "---\ndate: 2024-01-01\n---\nTexte.\n"})
    assert not site.result.ok
    assert "x.md:1: error: front matter has no 'title'" in site.log


def test_bad_date_names_its_line(build_site):
    site = build_site({"pages/x.md": "---\ntitle: X\ndate: le 3 mai\n---\nTexte.\n"})
    assert not site.result.ok
    assert "x.md:3: error: 'date' has a value that cannot be read: 'le 3 mai'" in site.log


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("http://votrecoachweb.com/?page_id=20", "/services/"),
        ("https://www.votrecoachweb.com/index.php?page_id=20#tarifs", "/services/#tarifs"),
        ("/?p=7", "/blog/billet/"),
        ("/?p=7&amp;replytocom=3", "/blog/billet/"),
        ("http://votrecoachweb.com/2015/01/02/billet/", "/blog/billet/"),
        ("/ancien-chemin/enfant", "/services/"),
        ("/services/", "/services/"),
        ("https://ailleurs.example/?page_id=20", "https://ailleurs.example/?page_id=20"),
    ],
)
def test_links_to_old_addresses_become_new_urls(href, expected):
    table = {
        OldAddress("/", ("page_id", "20")): "/services/",
        OldAddress("/", ("p", "7")): "/blog/billet/",
        OldAddress("/2015/01/02/billet/"): "/blog/billet/",
        OldAddress("/ancien-chemin/enfant"): "/services/",
    }
    html, bad = rewrite_links(f'<a href="{href}">x</a>', "/page/", table, {"/services/"}, HOSTS)
    assert html == f'<a href="{expected}">x</a>'
    assert bad == []


def test_link_to_an_old_address_no_page_claims_is_reported_with_its_line(build_site):
    body = "Un paragraphe.\n\nVoir [cette page](http://votrecoachweb.com/?page_id=404).\n"
    site = build_site({"pages/x.md": page("X", body)})
    assert site.result.ok
    assert re.search(r"x\.md:7: warning: lien vers /\?page_id=404 : aucune page", site.log), (
        site.log
    )


# --- nothing silently ignored: a page file dropped anywhere ---------------------------

FOLDER = st.sampled_from(
    ["", "pages", "pages/sous", "parent", "_posts", "_drafts", "articles", "_produits",
     "wp-content/uploads", "images", "a/b/c"]
)  # fmt: skip
NAME = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
EXT = st.sampled_from([".md", ".markdown", ".html"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(folder=FOLDER, name=NAME, ext=EXT)
def test_a_page_dropped_anywhere_is_built_or_named_in_a_warning(
    tmp_path_factory, folder, name, ext
):
    tmp = tmp_path_factory.mktemp("drop")
    relpath = f"{folder}/{name}{ext}".lstrip("/")
    if ext == ".html":
        text = f"<html><head><title>Page {name}</title></head><body><p>Mot{name}</p></body></html>"
    else:
        text = page(f"Page {name}", f"Mot{name} unique.\n")
    content = tmp / "content"
    (content / relpath).parent.mkdir(parents=True, exist_ok=True)
    (content / relpath).write_text(text, encoding="utf-8")
    log = io.StringIO()
    overrides = {"PATH": str(content), "OUTPUT_PATH": str(tmp / "out"), "CACHE_CONTENT": False}
    result = build(ROOT / "pelicanconf.py", overrides=overrides, stream=log)
    built = any(
        f"Mot{name}" in p.read_text(encoding="utf-8", errors="replace")
        for p in (tmp / "out").rglob("index.html")
    )
    named = relpath.rsplit("/", 1)[-1] in log.getvalue() or (
        folder.startswith("_") and f"{folder}/" in log.getvalue()
    )
    assert built or named, (relpath, log.getvalue())
    assert (
        result.counts["pages"]
        + result.counts["posts"]
        + result.counts["drafts"]
        + result.counts["skipped"]
        == 1
    )
