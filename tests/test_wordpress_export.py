"""Build-time migration of WordPress exports: one fixture per quirk, plus the seed."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, SEED, page
from wordpress_export.body import mark_markdown_blocks
from wordpress_export.clean import audit_source, clean_html, site_relative
from wordpress_export.recognize import exporter_generation, map_front_matter
from wordpress_export.shortcodes import expand_shortcodes
from wordpress_helpers import assert_words_kept

WP = FIXTURES / "wordpress"
HOSTS = {"votrecoachweb.com", "www.votrecoachweb.com"}


def body_of(name: str) -> str:
    parts = (WP / name).read_text("utf-8").split("---\n", 2)
    return parts[2] if len(parts) > 2 else ""


def build_fixture(build_site, name: str, **kwargs):
    site = build_site({f"pages/{name}": (WP / name).read_bytes()}, **kwargs)
    return site


def article_html(site, slug: str) -> str:
    # Typography (no-break spaces) is another plugin's business: compare plain spaces.
    return str(site.soup(f"{slug}/index.html").find("article")).replace("\xa0", " ")


# --- recognition and front matter ------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "generation"),
    [
        ({"id": 20, "guid": "http://votrecoachweb.com/?page_id=20", "layout": "page"}, "2"),
        ({"post_title": "x", "id": 3}, "1"),
        ({"title": "Nouvelle page", "date": "2024-01-01"}, None),
    ],
    ids=["exporter-2", "exporter-1", "new-page"],
)
def test_exporter_generation_is_told_by_its_keys(meta, generation):
    assert exporter_generation(meta) == generation


def test_v1_keys_map_to_the_same_metadata_and_unpublished_is_draft():
    meta = {"id": "42", "post_title": "T", "post_date": "2012-05-06", "published": False, "x": 1}
    mapped = map_front_matter(meta, "1", "p.md")
    assert mapped["id"] == 42
    assert (mapped["title"], mapped["date"], mapped["status"], mapped["x"]) == (
        "T",
        "2012-05-06",
        "draft",
        1,
    )


def test_seed_front_matter_is_typed_and_kept(build_site):
    site = build_site({"pages/" + SEED.name: SEED.read_bytes()})
    assert site.result.ok, site.log
    assert not site.result.warnings, site.log


# --- body rules (pure functions) ---------------------------------------------------


def test_divs_are_marked_for_markdown_unless_already_marked():
    text = '<div class="a">\n<div markdown="0">'
    assert mark_markdown_blocks(text) == '<div markdown="1" class="a">\n<div markdown="0">'


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://votrecoachweb.com/services/", "/services/"),
        ("https://www.votrecoachweb.com/a/?x=1#haut", "/a/?x=1#haut"),
        ("https://example.org/page/", "https://example.org/page/"),
        ("mailto:a@votrecoachweb.com", "mailto:a@votrecoachweb.com"),
    ],
)
def test_old_domain_links_become_site_relative(url, expected):
    assert site_relative(url, HOSTS) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p style="color:red" align="center">a</p>', "<p>a</p>"),
        ('<font color="red">a</font>', "a"),
        ('<span style="x">a</span><span></span>', "a"),
        ('<div style="color:#222"><p>a</p></div>', "<p>a</p>"),
        ('<div class="chapo" style="x"><p>a</p></div>', '<div class="chapo"><p>a</p></div>'),
        ("<p>a&nbsp;&nbsp; &nbsp;b&nbsp;?</p>", "<p>a b&nbsp;?</p>"),
        ("<p>a<!--more-->b</p>", "<p>ab</p>"),
        ('<p onclick="x()">a</p><script>x()</script>', "<p>a</p>"),
        ('<a href="javascript:x()">a</a>', "<a>a</a>"),
        ('<div style="display:none"><a href="http://spam/">s</a></div><p>a</p>', "<p>a</p>"),
    ],
    ids=[
        "style-align",
        "font",
        "spans",
        "style-only-wrapper",
        "chapo-class-kept",
        "nbsp-runs",
        "more",
        "on-attr-script",
        "javascript-url",
        "hidden-spam",
    ],
)
def test_clean_html(html, expected):
    assert clean_html(html, HOSTS) == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<script>x</script>", "<script> removed"),
        ('<p onclick="x">a</p>', "onclick attribute removed"),
        ('<a href="javascript:x">a</a>', "javascript: URL removed"),
        ('<iframe src="https://bad.example/"></iframe>', "<iframe> removed"),
        ('<div style="left:-9999px; position:absolute">a</div>', "hidden <div> block removed"),
        ("<div>\n<em>a</em>\n", "<div> is never closed"),
    ],
)
def test_source_audit_names_each_problem(body, message):
    assert any(message in f.message for f in audit_source(body))


@pytest.mark.parametrize(
    ("text", "html_part", "problem"),
    [
        ('[caption id="a"]<img src="/i.jpg" alt="I"> Légende[/caption]', "<figcaption>", None),
        ("[embed]https://vimeo.com/1[/embed]", '<a href="https://vimeo.com/1">', None),
        ("https://youtu.be/abc\n", '<a href="https://youtu.be/abc">', None),
        ('[gallery]<img src="/a.jpg">[/gallery]', '<ul class="gallery">', None),
        ("[contact-form-7 id=&#8221;12&#8243;]", "[contact-form-7", "unknown shortcode"),
        ("le guide [PDF] ici", "le guide [PDF] ici", None),
    ],
    ids=["caption", "embed", "bare-video-url", "gallery", "unknown-entities", "not-a-shortcode"],
)
def test_shortcodes(text, html_part, problem):
    html, problems = expand_shortcodes(text)
    assert html_part in html
    assert [p.message for p in problems if problem and problem in p.message] or not problem
    assert problems or problem is None


# --- fixtures built through Pelican -----------------------------------------------

CASES = {
    # fixture: (selectors or texts that must be in the <article>, warnings, removed text)
    "v2_bare_paragraphs_in_div.md": (["<p>Premier paragraphe nu.</p>", "<p>Deuxième"], [], ()),
    "v2_pretty_printed_p.md": (['<div class="bloc">', "plusieurs"], [], ()),
    "presentational_markup.md": (["<h2>Un titre</h2>", "<td>Cellule</td>"], [], ()),
    "nbsp_runs.md": (["espaces en trop ici"], [], ()),
    "more_tag.md": (["<p>Introduction courte.</p>"], [], ()),
    "shortcode_caption.md": (
        ['<img alt="Un atelier" height="200" src="/wp-content/uploads/2014/07/atelier.jpg"'],
        ["missing image file content/wp-content/uploads/2014/07/atelier.jpg"],
        (),
    ),
    "shortcode_embed_and_video_url.md": (
        ['href="https://vimeo.com/123456"', 'href="https://www.youtube.com/watch?v=abcdef"'],
        [],
        (),
    ),
    "shortcode_gallery.md": (['<ul class="gallery">'], ["missing image file"], ()),
    "unknown_shortcode_entities.md": (
        ["[contact-form-7", "[PDF]"],
        [":13: warning: unknown shortcode [contact-form-7] kept as text"],
        (),
    ),
    "old_domain_links.md": (
        ['href="/services/"', 'href="/a-propos/?x=1#haut"', 'href="/contact/"', "example.org"],
        [],
        (),
    ),
    "missing_upload_image.md": (
        ['alt="Image absente"'],
        ["missing image file content/wp-content/uploads/2014/07/absente.jpg"],
        (),
    ),
    "unsafe_markup.md": (
        ["Paragraphe cliquable", 'href="https://www.youtube.com/embed/abcdef"'],
        [
            ":13: warning: <script> removed",
            ":15: warning: onclick attribute removed",
            ":17: warning: javascript: URL removed",
            ":19: warning: <form> removed",
            ":21: warning: <iframe> removed",
        ],
        ('alert("x")', "steal", "q"),
    ),
    "hidden_spam.md": (
        ["Fin visible"],
        [":13: warning: hidden <div> block removed", ":15: warning: hidden <div> block removed"],
        ("pilules pas chères", "casino en ligne"),
    ),
    "unclosed_tags.md": (["Texte dans un bloc"], [":11: warning: <div> is never closed"], ()),
    "empty_body.md": ([], [":11: warning: the page has no text"], ()),
    "panels_data_filled.md": (
        ["Texte"],
        ["page-builder layout (panels_data) was not migrated"],
        (),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_renders_as_meant_with_its_warnings_and_no_lost_words(build_site, name):
    expected, warnings, removed = CASES[name]
    site = build_fixture(build_site, name)
    assert site.result.ok, site.log
    slug = name.removesuffix(".md")
    article = article_html(site, slug)
    text = site.soup(f"{slug}/index.html").find("article").get_text().replace("\xa0", " ")
    for part in expected:
        assert part in article or part in text, article
    for warning in warnings:
        assert f"pages/{name}" in site.log
        assert warning in site.log, site.log
    assert len(site.result.warnings) >= len(warnings)
    assert "style=" not in site.html(f"{slug}/index.html")
    assert_words_kept(body_of(name), article, removed)


def test_v1_export_gets_autop_paragraphs_and_mapped_metadata(build_site):
    site = build_fixture(build_site, "v1_autop.md")
    assert site.result.ok, site.log
    article = site.soup("v1_autop/index.html").find("article")
    paragraphs = [p.get_text(" ", strip=True) for p in article.find_all("p")]
    assert paragraphs[0].startswith("Première ligne")
    assert article.find("br") is not None  # a single newline is a line break
    assert article.find("figcaption").get_text(strip=True) == "Légende"
    assert article.find("h1").get_text().replace("\xa0", " ") == "Ancienne page"
    assert_words_kept(body_of("v1_autop.md"), str(article))


def test_layout_post_becomes_an_article(build_site):
    site = build_fixture(build_site, "layout_post.md")
    assert site.result.ok, site.log
    assert (site.output / "blog" / "layout_post" / "index.html").is_file()
    assert not (site.output / "layout_post").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing_title.md", "missing_title.md:1: error: front matter has no 'title'"),
        ("malformed_yaml.md", "malformed_yaml.md:3: error: front matter is not valid YAML"),
        ("unclosed_front_matter.md", "unclosed_front_matter.md:1: error: front matter opened"),
    ],
)
def test_bad_front_matter_fails_with_file_and_line(build_site, name, message):
    site = build_fixture(build_site, name)
    assert not site.result.ok
    assert message in site.log
    assert "Traceback" not in site.log


def test_invalid_utf8_names_the_line(build_site):
    data = (WP / "v2_bare_paragraphs_in_div.md").read_bytes().replace(b"nu.", b"nu \xff.")
    site = build_site({"pages/bad.md": data})
    assert not site.result.ok
    assert re.search(r"pages/bad\.md:13: error: not valid UTF-8", site.log), site.log


def test_byte_order_mark_and_crlf_are_read_like_plain_files(build_site):
    data = b"\xef\xbb\xbf" + (WP / "v2_bare_paragraphs_in_div.md").read_bytes().replace(
        b"\n", b"\r\n"
    )
    site = build_site({"pages/crlf.md": data})
    assert site.result.ok, site.log
    assert "<p>Premier paragraphe nu.</p>" in article_html(site, "crlf")


def test_new_markdown_pages_are_untouched_by_wordpress_rules(build_site):
    body = '<div style="color: red">Texte brut</div>\n\n[PDF] et [contact-form-7 id="1"]\n'
    site = build_site({"pages/nouvelle.md": page("Nouvelle", body)})
    assert site.result.ok, site.log
    article = article_html(site, "nouvelle")
    assert 'style="color: red"' in article
    assert not site.result.warnings


def test_seed_renders_the_lead_and_exactly_five_clean_paragraphs(build_site):
    site = build_site({"pages/" + SEED.name: SEED.read_bytes()})
    assert site.result.ok, site.log
    html = site.html("medias-sociaux-et-community-management/index.html")
    article = site.soup("medias-sociaux-et-community-management/index.html").find("article")
    lead = article.select(".chapo")
    assert len(lead) == 1
    body_paragraphs = [p for p in article.find_all("p") if not p.find_parent(class_="chapo")]
    body_paragraphs = [p for p in body_paragraphs if "chapo" not in (p.get("class") or [])]
    assert len(body_paragraphs) == 5
    assert "style=" not in html
    assert_words_kept(SEED.read_text("utf-8").split("---\n", 2)[2], str(article))
