"""Exports read wherever the exporter put them: URLs, posts, drafts, post types, counts, links."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, page
from content_map.inventory import Inventory, Unbuilt, source_files, unbuilt_files
from content_map.placement import Placement, place, post_type_folders
from content_map.plugin import file_date, place_article, place_page
from internal_links.links import BadLink, rewrite_links
from internal_links.plugin import known_urls, source_line
from redirects.rules import OldAddress
from servers import apache, nginx, public_copy, request
from sitetools.build import build, summary
from wordpress_export.site_config import read_export_config
from yaml_markdown.errors import SourceError

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


def test_a_file_at_the_root_keeps_its_name_as_url_even_named_pages_or_with_an_underscore():
    assert place("pages.md", {}) == Placement("page", "pages")
    assert place("_brouillon.md", {}) == Placement("page", "_brouillon")


def test_post_type_folders_left_out_are_the_underscored_ones_not_built():
    folders = ["_posts", "_drafts", "articles", "_produits", "_portfolios", "pages", "images"]
    assert post_type_folders(folders, {"_portfolios"}) == ["_produits"]
    # listing the exporter's own posts folder as pages does not make it a left-out type
    assert post_type_folders(folders, {"_posts"}) == ["_portfolios", "_produits"]


# --- the inventory: what was built, what was left out and why -------------------------


class Article:  # the inventory tells posts from pages by the class name, as Pelican's
    def __init__(self, relpath: str, **metadata):
        self.relative_source_path = relpath
        self.metadata = metadata


class Page(Article):
    pass


def test_inventory_counts_each_page_post_and_draft_once():
    post, shared = Article("_posts/2016-05-01-a.md"), Page("b.md")
    generators = [
        SimpleNamespace(
            pages=[Page("pages/c.md"), shared],
            hidden_pages=None,
            draft_pages=[Page("pages/d.md", draft=True)],
        ),
        SimpleNamespace(
            articles=[post],
            hidden_articles=[Article("articles/h.md")],
            translations=[post],
            drafts=[Article("_drafts/e.md", draft=True)],
        ),
        SimpleNamespace(pages=[shared]),
    ]
    skipped = {"_drafts/f.md": "draft", "_produits/g.md": "WordPress post type _produits/"}
    inventory = Inventory.of(generators, skipped)
    assert inventory.built == {
        "pages/c.md",
        "b.md",
        "pages/d.md",
        "_posts/2016-05-01-a.md",
        "articles/h.md",
        "_drafts/e.md",
    }
    # two drafts built (previewed) and one left out of the build
    assert inventory.counts(1) == {"pages": 2, "posts": 2, "drafts": 3, "skipped": 1}


def test_source_files_are_the_page_formats_outside_hidden_folders(tmp_path):
    for relpath in (
        "pages/a.md",
        "b.HTML",
        "_posts/2016-05-01-c.markdown",
        "images/photo.jpg",
        "_config.yml",
        ".cache.md",
        ".git/d.md",
    ):
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text("x", encoding="utf-8")
    assert source_files(tmp_path) == ["_posts/2016-05-01-c.markdown", "b.HTML", "pages/a.md"]


def test_each_file_not_built_is_named_with_its_reason_and_post_types_are_counted():
    inventory = Inventory(
        built={"pages/a.md"}, skipped={"_drafts/b.md": "draft", "f.md": "not a page"}
    )
    sources = [
        "pages/a.md",
        "_drafts/b.md",
        "_produits/c.md",
        "_produits/d.md",
        "_produits/sous/e.md",
        "images/e.html",
        "f.md",
        "g.md",
    ]
    unbuilt = unbuilt_files(sources, inventory, ("images/",), ["_produits"])
    assert unbuilt.files == {
        "images/e.html": "inside a static folder: copied as is, not made a page",
        "f.md": "not a page",
        "g.md": "not read (see the error above)",
    }
    assert unbuilt.types == {"_produits": 3}
    assert unbuilt.total == 6


def test_unbuilt_total_adds_named_files_and_post_type_files():
    assert Unbuilt(files={"g.md": "not read"}, types={"_produits": 1}).total == 2
    assert Unbuilt().total == 0


# --- each file read: its slug, draft state, date and warnings ---------------------------


def read_file(tmp_path, relpath: str, front_matter: str, show_drafts: bool = True) -> tuple:
    """A file under content/ and what Pelican hands the plugin for it: (metadata, generator)."""
    (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / relpath).write_text(f"---\n{front_matter}---\nTexte.\n", encoding="utf-8")
    metadata = {"source_relpath": relpath}
    for line in front_matter.splitlines():
        key, value = line.split(": ", 1)
        metadata[key] = value
    settings = {
        "PATH": str(tmp_path),
        "PAGE_URL": "{slug}/",
        "ARTICLE_URL": "blog/{slug}/",
        "SHOW_DRAFTS": show_drafts,
    }
    generator = SimpleNamespace(settings=settings, context={})
    return metadata, generator


def warnings_of(caplog, tmp_path) -> list[str]:
    return [
        r.getMessage().replace(str(tmp_path) + os.sep, "")
        for r in caplog.records
        if r.levelno == logging.WARNING
    ]


def test_an_exported_page_with_layout_post_is_built_as_a_page_with_a_warning_at_its_line(
    tmp_path, caplog
):
    metadata, generator = read_file(
        tmp_path, "accueil.md", "id: 3\ntitle: Accueil\nlayout: post\ndate: 2016-05-01\n"
    )
    place_page(generator, metadata)
    assert metadata["slug"] == "accueil"
    assert "status" not in metadata
    assert warnings_of(caplog, tmp_path) == [
        "accueil.md:4: layout: post outside _posts/: built as a page"
    ]


@pytest.mark.parametrize(
    ("relpath", "front_matter", "date"),
    [
        ("a-propos.md", "id: 4\ntitle: À propos\nlayout: page\ndate: 2016-05-01\n", "2016-05-01"),
        ("pages/contact.md", "title: Contact\n", None),
        (
            "_posts/2016-05-01-billet.md",
            "title: Billet\nlayout: post\ndate: 2016-05-01\n",
            "2016-05-01",
        ),
    ],
    ids=["exported-page", "page-without-date", "exported-post"],
)
def test_pages_and_posts_in_their_place_are_read_without_a_warning(
    tmp_path, caplog, relpath, front_matter, date
):
    metadata, generator = read_file(tmp_path, relpath, front_matter)
    handler = place_article if relpath.startswith("_posts/") else place_page
    handler(generator, metadata)
    assert warnings_of(caplog, tmp_path) == []
    assert "draft" not in metadata and "status" not in metadata
    assert metadata.get("date") == date  # a page needs no date: none is made up


def test_a_draft_is_previewed_at_its_url_and_named_when_left_out_of_the_publish_build(
    tmp_path, caplog
):
    metadata, generator = read_file(tmp_path, "pages/offre.md", "title: Offre\nstatus: draft\n")
    place_page(generator, metadata)
    assert (metadata["draft"], metadata["status"], metadata["slug"]) == (True, "published", "offre")
    assert generator.context["CONTENT_URL_OWNERS"] == {"offre/": "pages/offre.md"}
    assert warnings_of(caplog, tmp_path) == []

    metadata, generator = read_file(
        tmp_path, "pages/offre.md", "title: Offre\nstatus: draft\n", show_drafts=False
    )
    place_page(generator, metadata)
    assert metadata["status"] == "skip"
    assert generator.context["CONTENT_SKIPPED"] == {"pages/offre.md": "draft"}
    assert warnings_of(caplog, tmp_path) == [
        "pages/offre.md: brouillon : laissé hors de la version publiée "
        "(retirez « status: draft » pour publier)"
    ]


def test_an_exported_draft_left_out_is_named_in_english(tmp_path, caplog):
    metadata, generator = read_file(
        tmp_path, "_drafts/idee.md", "title: Idée\nwordpress_export: oui\n", show_drafts=False
    )
    place_article(generator, metadata)
    assert metadata["status"] == "skip"
    assert warnings_of(caplog, tmp_path) == [
        "_drafts/idee.md: draft: left out of the publish build"
    ]


def test_a_post_without_date_is_dated_from_its_file_with_a_warning_unless_a_draft(tmp_path, caplog):
    metadata, generator = read_file(tmp_path, "_posts/billet.md", "title: Billet\n")
    modified = datetime(2024, 5, 3, 10, 30, 15).timestamp() + 0.75
    os.utime(tmp_path / "_posts/billet.md", (modified, modified))
    place_article(generator, metadata)
    assert metadata["date"] == datetime(2024, 5, 3, 10, 30, 15)
    assert warnings_of(caplog, tmp_path) == [
        "_posts/billet.md: no date: dated 2024-05-03 from the file"
    ]
    caplog.clear()
    metadata, generator = read_file(tmp_path, "_drafts/idee.md", "title: Idée\n")
    os.utime(tmp_path / "_drafts/idee.md", (modified, modified))
    place_article(generator, metadata)
    assert (metadata["draft"], metadata["date"]) == (True, datetime(2024, 5, 3, 10, 30, 15))
    assert warnings_of(caplog, tmp_path) == []


def test_a_file_date_is_its_modification_time_to_the_second(tmp_path):
    (tmp_path / "billet.md").write_text("x", encoding="utf-8")
    modified = datetime(2023, 11, 2, 8, 5, 59).timestamp() + 0.999
    os.utime(tmp_path / "billet.md", (modified, modified))
    assert file_date(str(tmp_path / "billet.md")) == datetime(2023, 11, 2, 8, 5, 59)


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


def test_an_unreadable_config_yml_is_an_error_naming_its_file_and_line(tmp_path):
    config = "name: Atelier Exemple\ndescription: Un site\nurl: http://exemple.fr\nauteur: A: B\n"
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_export_config(tmp_path)
    assert str(error.value) == (
        f"{tmp_path / '_config.yml'}:4: not valid YAML: "
        "mapping values are not allowed in this context"
    )


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
        ("?page_id=20", "/services/"),  # the query alone, as WordPress menus wrote it
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


@pytest.mark.parametrize(
    ("href", "bad"),
    [
        ("/services", []),  # the page, without its final slash
        ("/galerie/", []),  # a folder whose index.html the build writes
        ("/wp-content/uploads/2016/05/photo.jpg", []),  # media: checked elsewhere
        ("/nulle-part/", [BadLink("/nulle-part/", "/nulle-part/")]),
        ("http://votrecoachweb.com/?p=99", [BadLink("http://votrecoachweb.com/?p=99", "/?p=99")]),
    ],
    ids=["without-slash", "index-html", "media", "unknown-path", "unknown-old-id"],
)
def test_links_to_addresses_the_site_does_not_have_are_reported_and_left_as_written(href, bad):
    known = {"/", "/page/", "/services/", "/galerie/index.html"}
    html, found = rewrite_links(f'<a href="{href}">x</a>', "/page/", {}, known, HOSTS)
    assert html == f'<a href="{href}">x</a>'
    assert found == bad


# An exported page as WordPress wrote it: a blank first line, `&` written `&#038;`, a
# dash between digits written `&#8211;`. The body's hrefs come out unescaped and site-relative.
EXPORTED_HTML = (
    "\n<p>Nos offres changent.</p>\n"
    '<p>Voir <a href="http://votrecoachweb.com/?lang=fr&#038;page_id=404">la page</a>.</p>\n'
    '<p>Et <a href="http://votrecoachweb.com/tarifs-2016&#8211;2017/">les anciens</a>.</p>\n'
    "<p>Fin.</p>\n"
)


@pytest.mark.parametrize(
    ("href", "address", "line"),
    [
        ("/?lang=fr&page_id=404", "/?page_id=404", 3),  # found by its page_id
        ("/tarifs-2016\u20132017/", "/tarifs-2016\u20132017/", 4),  # found by its start
        ("/jamais-ecrit/", "/jamais-ecrit/", None),
    ],
    ids=["query-written-with-entity", "path-written-with-entity", "not-in-the-file"],
)
def test_a_reported_link_is_placed_at_the_line_where_the_export_wrote_it(
    tmp_path, href, address, line
):
    (tmp_path / "ancienne-page.html").write_text(EXPORTED_HTML, encoding="utf-8")
    assert source_line(str(tmp_path / "ancienne-page.html"), href, address) == line


def test_every_file_the_build_writes_is_a_known_link_target():
    settings = {
        "ARCHIVES_SAVE_AS": "archives.html",
        "AUTHORS_SAVE_AS": "",  # not written
        "TAG_SAVE_AS": "tag/{slug}.html",  # one per tag: their pages are items
        "TEMPLATE_PAGES": {"plan.html": "plan-du-site/index.html"},
        "DIRECT_TEMPLATES": ["index", "search"],
    }
    generators = [SimpleNamespace(staticfiles=[SimpleNamespace(url="images/logo.png")])]
    items = [SimpleNamespace(url="services/")]
    assert known_urls(generators, items, settings) == {
        "/",
        "/services/",
        "/images/logo.png",
        "/archives.html",
        "/plan-du-site/index.html",
        "/index.html",
        "/search.html",
    }


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


def test_a_link_written_with_an_entity_is_placed_at_its_own_line_not_at_a_look_alike(tmp_path):
    # Line 2 links to /tarifs-2016/, line 4 to /tarifs-2016–2017/ written with `&#8211;`:
    # the warning about the second must name line 4, not the first link sharing its start.
    source = tmp_path / "tarifs.html"
    source.write_text(
        "\n"
        '<p><a href="http://votrecoachweb.com/tarifs-2016/">2016</a></p>\n'
        "<p>Entre les deux.</p>\n"
        '<p><a href="http://votrecoachweb.com/tarifs-2016&#8211;2017/">2017</a></p>\n',
        encoding="utf-8",
    )
    assert source_line(str(source), "/tarifs-2016\u20132017/", "/tarifs-2016\u20132017/") == 4
