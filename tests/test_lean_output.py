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
