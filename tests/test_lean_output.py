"""Lean publish output: fingerprinted theme assets, minified pages, .gz/.br beside them."""

from __future__ import annotations

import gzip

import brotli
import pytest

from conftest import SEED, page
from lean_output.fingerprint import (
    content_hash,
    fingerprinted,
    rewrite_css_urls,
    rewrite_references,
)
from lean_output.minify import minify_page, minify_stylesheet


def test_fingerprint_changes_with_content_and_keeps_folder_and_suffix():
    first = fingerprinted("/theme/css/site.css", b"a{color:red}")
    second = fingerprinted("/theme/css/site.css", b"a{color:blue}")
    assert first != second
    assert first == f"/theme/css/site.{content_hash(b'a{color:red}')}.css"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<link href="/theme/css/site.css">', '<link href="/theme/css/site.H.css">'),
        (
            '<link href="https://ex.fr/theme/css/site.css">',
            '<link href="https://ex.fr/theme/css/site.H.css">',
        ),
        ("<link href=/theme/css/site.css>", "<link href=/theme/css/site.H.css>"),
        ('<a href="/theme/css/site.css.map">', '<a href="/theme/css/site.css.map">'),
        ('<a href="/other/theme/css/site.css">', '<a href="/other/theme/css/site.css">'),
    ],
    ids=["root-relative", "absolute", "unquoted", "longer-name", "other-folder"],
)
def test_rewrite_references_only_touches_exact_asset_urls(html, expected):
    assert rewrite_references(html, {"/theme/css/site.css": "/theme/css/site.H.css"}) == expected


def test_css_urls_follow_renamed_fonts_relative_to_the_stylesheet():
    css = "@font-face{src:url('../fonts/a.woff2')} b{background:url(data:x)}"
    mapping = {"/theme/fonts/a.woff2": "/theme/fonts/a.H.woff2"}
    out = rewrite_css_urls(css, "/theme/css/site.css", mapping)
    assert "url('../fonts/a.H.woff2')" in out
    assert "url(data:x)" in out


def test_minify_keeps_text_and_structure():
    html = (
        "<!DOCTYPE html>\n<html lang='fr'>\n<head><title> T </title></head>\n"
        "<body>\n  <p>Un   texte</p>\n</body></html>"
    )
    out = minify_page(html)
    assert len(out) < len(html)
    assert "<html lang=fr>" in out
    assert "<p>Un texte</p>" in out
    assert minify_stylesheet("a {  color : red ; }\n") == "a{color:red}"


def test_publish_build_is_minified_fingerprinted_and_precompressed(build_site):
    site = build_site(
        {"pages/" + SEED.name: SEED.read_bytes(), "pages/b.md": page("B", "texte\n")},
        settings="publishconf.py",
    )
    assert site.result.ok, site.log
    stylesheets = list((site.output / "theme" / "css").glob("site.*.css"))
    assert len(stylesheets) == 1
    assert not (site.output / "theme" / "css" / "site.css").exists()
    index = site.html("index.html")
    assert stylesheets[0].name in index
    assert "\n  <" not in index  # indentation is gone
    for path in (site.output / "index.html", stylesheets[0]):
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data


def test_development_build_stays_readable_and_uncompressed(build_site):
    site = build_site({"pages/b.md": page("B", "texte\n")})
    assert (site.output / "theme" / "css" / "site.css").is_file()
    assert not list(site.output.rglob("*.gz"))
    assert "\n" in site.html("b/index.html").strip()


# --- exact names, CSS references, and the publish step on a written output folder ------


def test_fingerprint_is_the_first_ten_hex_digits_of_the_sha256():
    # sha256(b"a{color:red}") starts with ea159630e7
    assert fingerprinted("/theme/css/site.css", b"a{color:red}") == "/theme/css/site.ea159630e7.css"


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a{src:url(/theme/fonts/a.woff2)}", "a{src:url(/theme/fonts/a.H.woff2)}"),
        ('a{src:url("../fonts/a.woff2?v=2")}', 'a{src:url("../fonts/a.H.woff2")}'),
        (
            "a{src:url(https://cdn.test/fonts/a.woff2)}",
            "a{src:url(https://cdn.test/fonts/a.woff2)}",
        ),
        ("a{fill:url(#degrade)}", "a{fill:url(#degrade)}"),
        ("a{src:url(../fonts/autre.woff2)}", "a{src:url(../fonts/autre.woff2)}"),
        ("a{src:url( ../fonts/a.woff2 )}", "a{src:url(../fonts/a.H.woff2)}"),
    ],
    ids=["root-relative", "query-dropped", "other-host", "fragment", "not-renamed", "spaces"],
)
def test_css_references_point_at_renamed_files_and_nothing_else(css, expected):
    mapping = {"/theme/fonts/a.woff2": "/theme/fonts/a.H.woff2"}
    assert rewrite_css_urls(css, "/theme/css/site.css", mapping) == expected


def test_rewrite_references_prefers_the_longest_asset_name():
    # "fond" (no extension) and "fond (2).png" both exist: a space may end the shorter one
    mapping = {"/theme/img/fond": "/theme/img/fond.H", "/theme/img/fond (2).png": "/f2.H.png"}
    html = '<img src="/theme/img/fond (2).png"><img src="/theme/img/fond">'
    assert rewrite_references(html, mapping) == '<img src="/f2.H.png"><img src="/theme/img/fond.H">'


def test_rewrite_references_without_any_renamed_asset_leaves_the_page_as_is():
    html = '<link href="/theme/css/site.css">  <p>Texte</p>'
    assert rewrite_references(html, {}) == html


def test_published_pages_keep_their_head_and_closing_tags_and_minify_inline_css_and_js():
    html = (
        "<!DOCTYPE html><html lang='fr'><head><title>T</title>"
        "<style> a { color : red ; } </style></head>"
        "<body><p>Un texte</p><script> var a = 1 ; </script></body></html>"
    )
    out = minify_page(html)
    assert "<head>" in out
    assert "<style>a{color:red}</style>" in out
    assert "<script>var a=1;</script>" in out
    assert out.endswith("</p><script>var a=1;</script></body></html>")


def written_output(root):
    """A publish output as Pelican leaves it, before the lean step."""
    files = {
        "theme/css/site.css": (
            "@font-face { src: url('../fonts/a.woff2') }\nbody { color : red ; }\n"
        ),
        "theme/fonts/a.woff2": b"wOF2\x00\x01\x00\x00\xff\xfe\x80police",  # binary, as fonts are
        "theme/img/favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        "theme/robots-theme.txt": "garde son nom",
        "index.html": (
            '<!DOCTYPE html>\n<html lang="fr">\n<head>\n  <link rel="stylesheet" '
            'href="/theme/css/site.css">\n  <link rel="icon" href="/theme/img/favicon.svg">\n'
            "</head>\n<body>\n  <p>Accueil</p>\n</body>\n</html>\n"
        ),
        "feeds/all.atom.xml": (
            '<?xml version="1.0"?>\n<feed>\n  <link rel="icon" '
            'href="https://example.com/theme/img/favicon.svg"/>\n</feed>\n'
        ),
        "notes.txt": "/theme/css/site.css reste tel quel\n",
    }
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (root / relpath).write_bytes(data)


def test_lean_step_renames_theme_assets_and_rewrites_every_page_that_names_them(tmp_path, caplog):
    from types import SimpleNamespace  # noqa: PLC0415

    from lean_output.plugin import make_lean  # noqa: PLC0415

    written_output(tmp_path)
    settings = {
        "LEAN_OUTPUT": True,
        "OUTPUT_PATH": str(tmp_path),
        "THEME_STATIC_DIR": "theme",
        "LEAN_OUTPUT_KEEP_NAMES": ["robots-theme.txt"],
    }
    with caplog.at_level("DEBUG", logger="lean_output.plugin"):
        make_lean(SimpleNamespace(settings=settings))
    # the debug log says what was done: css, font, icon; index.html and the feed
    assert "lean_output: 3 assets fingerprinted, 2 files rewritten" in caplog.text
    theme = tmp_path / "theme"
    # sha256 of the font's and the icon's bytes, first ten hex digits
    assert sorted(p.name for p in (theme / "fonts").iterdir()) == ["a.b5699fb2a4.woff2"]
    assert sorted(p.name for p in (theme / "img").iterdir()) == ["favicon.900fbe9342.svg"]
    # the stylesheet is minified and names the renamed font, relative to itself; its
    # hash is that of this final text, so a new font gives a new stylesheet name
    assert sorted(p.name for p in (theme / "css").iterdir()) == ["site.c54d366143.css"]
    assert (theme / "css" / "site.c54d366143.css").read_text("utf-8") == (
        "@font-face{src:url(../fonts/a.b5699fb2a4.woff2)}body{color:red}"
    )
    assert (theme / "robots-theme.txt").read_text("utf-8") == "garde son nom"
    index = (tmp_path / "index.html").read_text("utf-8")
    assert index == (
        "<!doctype html><html lang=fr><head><link href=/theme/css/site.c54d366143.css "
        "rel=stylesheet><link href=/theme/img/favicon.900fbe9342.svg rel=icon></head>"
        "<body><p>Accueil</p></body></html>"
    )
    feed = (tmp_path / "feeds" / "all.atom.xml").read_text("utf-8")
    assert feed == (
        '<?xml version="1.0"?>\n<feed>\n  <link rel="icon" '
        'href="https://example.com/theme/img/favicon.900fbe9342.svg"/>\n</feed>\n'
    )  # rewritten, not minified as HTML
    assert (tmp_path / "notes.txt").read_text("utf-8") == "/theme/css/site.css reste tel quel\n"


def test_lean_step_does_nothing_unless_asked(tmp_path):
    from types import SimpleNamespace  # noqa: PLC0415

    from lean_output.plugin import make_lean  # noqa: PLC0415

    written_output(tmp_path)
    make_lean(SimpleNamespace(settings={"OUTPUT_PATH": str(tmp_path), "THEME_STATIC_DIR": "theme"}))
    assert (tmp_path / "theme" / "css" / "site.css").is_file()
    assert "\n  <p>Accueil</p>" in (tmp_path / "index.html").read_text("utf-8")
