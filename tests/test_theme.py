"""The theme in a real Chromium (Debian's), and the legal notice page."""

from __future__ import annotations

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
    menu_link = page.locator("nav a").first
    menu_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + SEED_PATH)
    assert page.locator("nav a[aria-current=page]").count() == 1
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


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_meets_the_budgets(tmp_path):
    """Lighthouse 100 ×4, axe 0, Nu 0, ≤ 14 KB critical, no other host, CLS 0."""
    from sitetools.build import build  # noqa: PLC0415

    output = tmp_path / "output"
    files = tmp_path / "content" / "pages"
    files.mkdir(parents=True)
    (files / SEED.name).write_bytes(SEED.read_bytes())
    result = build(
        ROOT / "publishconf.py",
        overrides={
            "SITEURL": "",
            "FEED_DOMAIN": "",
            "OUTPUT_PATH": str(output),
            "PATH": str(tmp_path / "content"),
        },
    )
    assert result.ok
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "budgets.py"), str(output)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 over budget" in run.stdout
