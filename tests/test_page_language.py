"""French dates from Babel on any machine, and a page's own language (`lang: en`)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from pelican.contents import Page

from conftest import ROOT, page
from page_language.dates import format_day, known_language, language_of, og_locale
from page_language.plugin import localize_dates

N = "\u202f"  # narrow no-break space, which French typography puts before "?"


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (datetime.date(2016, 5, 1), "fr", "1er mai 2016"),
        (datetime.date(2016, 5, 12), "fr", "12 mai 2016"),
        (datetime.date(2024, 2, 2), "fr", "2 février 2024"),
        (datetime.date(2024, 8, 1), "fr-FR", "1er août 2024"),
        (datetime.datetime(2016, 5, 1, 23, 30), "fr", "1er mai 2016"),
        (datetime.date(2016, 5, 1), "en", "May 1, 2016"),
        (datetime.date(2016, 5, 12), "en", "May 12, 2016"),
        (datetime.date(2016, 5, 1), "", "1er mai 2016"),
        (datetime.date(2016, 5, 1), "klingon-xx", "1er mai 2016"),
    ],
)
def test_dates_in_the_page_language(day, lang, expected):
    assert format_day(day, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "fr_FR"), ("en", "en_US"), ("en-GB", "en_GB"), ("EN", "en_US"), ("zz", "fr_FR")],
)
def test_og_locale(lang, expected):
    assert og_locale(lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en_GB", "May 1, 2016"),
        (" EN ", "May 1, 2016"),
        (None, "1er mai 2016"),
        ("de-AT", "1. Mai 2016"),
        ("it", "1 maggio 2016"),  # no French "1er" outside French
    ],
)
def test_dates_follow_the_primary_language_however_it_is_written(lang, expected):
    assert format_day(datetime.date(2016, 5, 1), lang) == expected


def test_the_first_of_the_month_is_an_ordinal_only_in_french():
    assert format_day(datetime.date(2016, 5, 21), "fr") == "21 mai 2016"
    assert format_day(datetime.date(2016, 5, 1)) == "1er mai 2016"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [(None, "fr_FR"), ("", "fr_FR"), ("en_GB", "en_GB"), (" pt ", "pt_BR"), ("de-AT", "de_AT")],
)
def test_og_locale_of_unwritten_and_underscored_languages(lang, expected):
    assert og_locale(lang) == expected


def test_an_empty_language_falls_back_to_the_given_default():
    assert language_of("", "en") == "en"
    assert language_of(None) == "fr"
    assert language_of(" pt_BR ") == "pt"
    assert known_language(None) is True
    assert known_language("zz") is False


def dated(lang, date, modified=None, default="fr"):
    """A page as content_object_init hands it over, without running Pelican's reader."""
    content = Page.__new__(Page)
    content.lang, content.date, content.modified = lang, date, modified
    content.settings = {"DEFAULT_LANG": default}
    return content


def test_a_page_shows_its_dates_in_its_own_language_or_the_site_language():
    english = dated("en", datetime.date(2016, 5, 1), datetime.date(2017, 6, 2))
    localize_dates(english)
    assert (english.locale_date, english.locale_modified) == ("May 1, 2016", "June 2, 2017")
    unmarked = dated(None, datetime.date(2016, 5, 1), default="en")
    localize_dates(unmarked)
    assert unmarked.locale_date == "May 1, 2016"
    assert not hasattr(unmarked, "locale_modified")
    undated = dated("fr", None, datetime.date(2016, 5, 1))
    localize_dates(undated)
    assert undated.locale_modified == "1er mai 2016"
    assert not hasattr(undated, "locale_date")


ARTICLE = "---\ntitle: Un article\ndate: 2016-05-01\n---\nLe texte de l'article ?\n"
ENGLISH_PAGE = (
    "---\ntitle: About us?\ndate: 2016-05-12\nlang: en\n---\n"
    'What is it? "Quoted" - a colon: here.\n'
)
ENGLISH_ARTICLE = "---\ntitle: News\ndate: 2016-05-01\nlang: en\n---\nEnglish news.\n"


def test_an_article_date_is_french_in_a_time_element(build_site):
    site = build_site({"articles/un-article.md": ARTICLE})
    assert site.result.ok, site.log
    time = site.soup("blog/un-article/index.html").find("time")
    assert time.get_text() == "1er mai 2016"
    assert time["datetime"] == "2016-05-01"


def test_an_english_page_keeps_its_url_language_and_spacing(build_site):
    site = build_site(
        {"pages/french.md": page("Français", "Vraiment ?\n"), "pages/about.md": ENGLISH_PAGE}
    )
    assert site.result.ok, site.log
    assert not (site.output / "pages" / "about-en.html").exists()
    soup = site.soup("about/index.html")
    assert soup.html["lang"] == "en"
    assert soup.find("meta", property="og:locale")["content"] == "en_US"
    assert soup.find("h1").get_text() == "About us?"
    body = soup.find("article").get_text()
    assert 'What is it? "Quoted" - a colon: here.' in body
    assert "«" not in body and N not in body and "\u00a0" not in body
    # The French interface around it says it is French.
    assert soup.find("header", class_="site-header")["lang"] == "fr"
    assert soup.find("footer")["lang"] == "fr"
    french = site.soup("french/index.html")
    assert french.html["lang"] == "fr"
    assert french.find("meta", property="og:locale")["content"] == "fr_FR"
    assert f"Vraiment{N}?" in french.find("article").get_text()
    assert not french.find("header", class_="site-header").has_attr("lang")
    sitemap = (site.output / "sitemap.xml").read_text()
    assert "/about/</loc>" in sitemap


def test_an_english_article_has_english_dates_at_its_usual_url(build_site):
    site = build_site({"articles/news.md": ENGLISH_ARTICLE})
    assert site.result.ok, site.log
    english = site.soup("blog/news/index.html")
    assert english.html["lang"] == "en"
    assert english.find("time").get_text() == "May 1, 2016"


def test_an_english_page_sharing_a_slug_is_not_hidden_as_a_translation(build_site):
    english = (
        "---\ntitle: Offer\nlang: en\nurl: en/offre/\nsave_as: en/offre/index.html\n"
        "nav_order: 2\n---\nThe offer.\n"
    )
    site = build_site(
        {"pages/offre.md": page("Offre", "L'offre.\n", nav_order="1"), "pages/en/offre.md": english}
    )
    assert site.result.ok, site.log
    assert site.soup("en/offre/index.html").html["lang"] == "en"
    sitemap = (site.output / "sitemap.xml").read_text()
    assert "/offre/</loc>" in sitemap
    assert "/en/offre/</loc>" in sitemap
    menu = [a.get_text() for a in site.soup("offre/index.html").select("nav .site-nav__bar a")]
    assert menu == ["Offre", "Offer"]


def test_french_dates_without_a_french_system_locale(tmp_path):
    """A build in a process whose locale is C (most CI machines) still writes French dates."""
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    (content / "un-article.md").write_text(ARTICLE.replace("2016-05-01", "2016-05-12"))
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from sitetools.build import build;"
        "r = build(sys.argv[1] + '/pelicanconf.py', overrides={'PATH': sys.argv[2],"
        " 'OUTPUT_PATH': sys.argv[3], 'CACHE_CONTENT': False, 'LOAD_CONTENT_CACHE': False});"
        "sys.exit(0 if r.ok else 1)"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": ""}
    run = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(tmp_path / "content"), str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "out" / "blog" / "un-article" / "index.html").read_text()
    assert '<time datetime="2016-05-12">12 mai 2016</time>' in html


def test_feeds_keep_machine_dates(build_site):
    site = build_site(
        {"articles/un-article.md": ARTICLE},
        settings="publishconf.py",
        SITEURL="https://example.org",
        FEED_DOMAIN="https://example.org",
    )
    assert site.result.ok, site.log
    feed = (site.output / "feeds" / "all.atom.xml").read_text()
    assert "<updated>2016-05-01T00:00:00+02:00</updated>" in feed
    assert "1er mai" not in feed


def test_two_dates_of_one_instant_in_two_zones_keep_their_own_days():
    from datetime import datetime  # noqa: PLC0415

    paris = datetime(2016, 5, 2, 1, 30, tzinfo=ZoneInfo("Europe/Paris"))
    utc = datetime(2016, 5, 1, 23, 30, tzinfo=UTC)  # the same instant
    assert format_day(paris, "fr") == "2 mai 2016"
    assert format_day(utc, "fr") == "1er mai 2016"
