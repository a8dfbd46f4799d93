"""`invoke check`'s static checks on small pages written for each case."""

from __future__ import annotations

import pytest

from sitetools.check import check_page, check_site, format_report, local_target

HOSTS = {"votrecoachweb.com"}
GOOD_HEAD = '<title>T</title><meta name="description" content="Une page.">'


def html(body: str, head: str = GOOD_HEAD) -> str:
    return f"<!DOCTYPE html><html lang='fr'><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("href", "page", "target"),
    [
        ("/a/", "b/index.html", "a/"),
        ("../a/", "b/index.html", "a/"),
        ("img.png", "b/index.html", "b/img.png"),
        ("https://votrecoachweb.com/a/", "index.html", "a/"),
        ("https://example.org/a/", "index.html", None),
        ("mailto:x@example.org", "index.html", None),
        ("#contenu", "index.html", None),
    ],
)
def test_local_target_resolves_links_like_a_browser(href, page, target):
    assert local_target(href, page, HOSTS) == target


@pytest.fixture
def output(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(html('<p class="chapo">x</p>'))
    (tmp_path / "style.css").write_text("")
    return tmp_path


@pytest.mark.parametrize(
    ("page", "category"),
    [
        (html('<a href="/nope/">x</a>'), "broken links"),
        (html('<link rel="stylesheet" href="/missing.css">'), "missing assets"),
        (html('<img src="/style.css">'), "images without alt"),
        (html("x", head='<meta name="description" content="d">'), "titles"),
        (html("x", head="<title>T</title>"), "descriptions"),
    ],
)
def test_each_error_category_is_caught(output, page, category):
    report = check_page("b/index.html", page, output, HOSTS)
    assert report.errors[category], report.errors
    assert not report.ok


def test_a_clean_page_passes_and_long_descriptions_only_warn(output):
    good = html('<p class="chapo">x</p><a href="/a/">a</a><img src="/style.css" alt="">')
    assert check_page("b/index.html", good, output, HOSTS).ok
    long_head = f'<title>T</title><meta name="description" content="{"x" * 161}">'
    report = check_page("b/index.html", html("<p>x</p>", long_head), output, HOSTS)
    assert report.ok
    assert report.warnings["long descriptions"]
    assert report.warnings["pages without chapo"]


def test_duplicate_canonical_urls_fail_and_report_names_both(tmp_path):
    head = GOOD_HEAD + '<link rel="canonical" href="https://votrecoachweb.com/a/">'
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(html('<p class="chapo">x</p>', head))
    report = check_site(tmp_path, HOSTS)
    lines = format_report(report)
    assert lines == [
        "error: duplicate URLs: 1 — a/index.html, b/index.html: all claim "
        "canonical https://votrecoachweb.com/a/"
    ]
