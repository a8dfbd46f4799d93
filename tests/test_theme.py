"""The theme in a real Chromium (Debian's), and the legal notice page."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, SEED, page
from sitetools.budget_tools import served

SEED_PATH = "/medias-sociaux-et-community-management/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The seed site built with the publish settings, served from 127.0.0.1."""
    from sitetools.build import build  # noqa: PLC0415

    output = tmp_path_factory.mktemp("theme") / "output"
    result = build(
        ROOT / "publishconf.py",
        overrides={"SITEURL": "", "FEED_DOMAIN": "", "OUTPUT_PATH": str(output)},
    )
    assert result.ok
    with served(output) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", SEED_PATH, "/mentions-legales/", "/introuvable/"])
def test_page_renders_french_with_landmarks_and_no_horizontal_scroll(browser, site_url, path):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(site_url + path)
    assert page.get_attribute("html", "lang") == "fr"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1, landmark
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 320
    page.close()


@pytest.mark.browser
def test_chapo_reads_as_a_lead(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + SEED_PATH)
    style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).fontWeight]"
    lead = page.locator("header .chapo p").evaluate(style)
    body = page.locator("article > p").first.evaluate(style)
    assert lead != body
    assert float(lead[0].removesuffix("px")) > float(body[0].removesuffix("px"))
    page.close()


@pytest.mark.browser
def test_navigation_works_by_keyboard_at_390px(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")  # the menu's disclosure, the bar being hidden on phones
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == SEED_PATH
    page.keyboard.press("Enter")
    page.wait_for_url("**" + SEED_PATH)
    assert page.locator("nav a[aria-current=page]:visible").count() == 0  # menu closed again
    assert page.locator("nav a[aria-current=page]").count() == 2  # bar and disclosure
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", SEED_PATH, "/mentions-legales/"])
def test_axe_core_finds_no_violation(browser, site_url, path):
    page = browser.new_page()
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    assert [v["id"] for v in result["violations"]] == []
    page.close()


def test_legal_notice_uses_settings_and_publish_warns_for_each_gap(build_site):
    site = build_site(
        {"pages/a.md": page("A", "x\n")},
        settings="publishconf.py",
        LEGAL_NOTICE={"publisher": "Éditeur Exemple", "siret": None},
    )
    assert site.result.ok, site.log
    notice = site.soup("mentions-legales/index.html").find("main").get_text()
    assert "Éditeur Exemple" in notice
    assert "À compléter" in notice
    assert "LEGAL_NOTICE['siret'] (SIRET) is not set" in site.log
    assert "LEGAL_NOTICE['publisher']" not in site.log
    assert "CONTACT_EMAIL" in site.log


def test_development_build_does_not_nag_about_the_legal_notice(build_site):
    site = build_site({"pages/a.md": page("A", "x\n")})
    assert "LEGAL_NOTICE" not in site.log


# Lighthouse (the slowest tool) on named pages of the corpus site: the home page,
# the longest article (a table, code, long URLs), a page with images, a page with
# a table, a service page and the legal notice. Every page gets the other budgets.
CORPUS_LIGHTHOUSE_PAGES = [
    "index.html",
    "blog/mesurer-la-vitesse-de-son-site/index.html",
    "blog/fr-v2-caption-div/index.html",
    "de-v1-tabelle-inline/index.html",
    "fr-v2-seed-like/index.html",
    "mentions-legales/index.html",
]


def run_budgets(output, lighthouse_pages):
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "budgets.py"),
            str(output),
            "--lighthouse-pages",
            ",".join(lighthouse_pages),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    print(run.stdout)
    return run


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_of_the_corpus_site_meets_the_budgets(tmp_path):
    """Every page: axe 0, Nu 0, no overflow at 320/390 px, <= 14 KB critical, no other host;
    Lighthouse 100 x4 and CLS 0 on the named pages. No owner fact is set."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from corpus_site import build_corpus_site  # noqa: PLC0415

    result, log = build_corpus_site(tmp_path)
    assert result.ok, log
    run = run_budgets(tmp_path / "output", CORPUS_LIGHTHOUSE_PAGES)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 over budget" in run.stdout
    assert len(re.findall(r"perf 100 acce 100 best 100 seo 100", run.stdout)) == 6
    pages = int(re.search(r"budgets: (\d+) pages", run.stdout).group(1))
    assert pages >= 50  # the 46 files of the corpus, the blog's pages, home, legal notice
    assert run.stdout.count("overflow 0") == pages


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_meets_the_budgets_with_every_fact_filled_in(tmp_path):
    """The seed site with the owner's facts (logo, phone, e-mail, social links, area)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from corpus_site import EXAMPLE_FACTS, make_example_brand  # noqa: PLC0415

    from sitetools.build import build  # noqa: PLC0415

    output = tmp_path / "output"
    files = tmp_path / "content" / "pages"
    files.mkdir(parents=True)
    (files / SEED.name).write_bytes(SEED.read_bytes())
    make_example_brand(tmp_path / "content" / "images")
    result = build(
        ROOT / "publishconf.py",
        overrides={
            **EXAMPLE_FACTS,
            "SITEURL": "",
            "FEED_DOMAIN": "",
            "OUTPUT_PATH": str(output),
            "PATH": str(tmp_path / "content"),
        },
    )
    assert result.ok
    assert (output / "index.html").read_text().count("logo-exemple.svg") == 1
    run = run_budgets(output, ["index.html"])
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 over budget" in run.stdout
