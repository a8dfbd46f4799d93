"""`invoke serve` and `invoke livereload`: the site, its 404 page, and reloads in Chromium."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

SEED_URL = "/medias-sociaux-et-community-management/"


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.parametrize("task", ["serve", "livereload"])
def test_server_answers_pages_and_the_site_404(project, start_task, task):
    if task == "serve":
        from conftest import invoke  # noqa: PLC0415

        assert invoke(project, "build").returncode == 0
    port = start_task(task)
    status, html = fetch(port, SEED_URL)
    assert status == 200
    assert "Médias sociaux" in html
    status, html = fetch(port, "/page-qui-n-existe-pas/")
    assert status == 404
    assert "Page introuvable" in html


@pytest.mark.browser
def test_livereload_shows_an_edit_without_a_manual_reload(project, start_task, browser):
    port = start_task("livereload")
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}{SEED_URL}")
    page.evaluate("window.notReloadedByHand = true")
    # The page opens its WebSocket to the live-reload server; give it a moment.
    page.wait_for_function("() => !!window.LiveReload", timeout=10_000)

    source = project / "content" / "pages" / "medias-sociaux-et-community-management.md"
    text = source.read_text(encoding="utf-8")
    saved = time.monotonic()
    source.write_text(text.replace("Avez-vous défini", "Avez-vous vraiment défini"), "utf-8")

    page.wait_for_function(
        "() => document.body.innerText.includes('Avez-vous vraiment défini')", timeout=15_000
    )
    print(f"edit visible in the browser {time.monotonic() - saved:.2f} s after saving")
    # The live-reload script reloaded the page, not the test.
    assert page.evaluate("window.notReloadedByHand") is None
    page.close()


@pytest.mark.browser
def test_livereload_rebuilds_on_theme_changes_too(project, start_task, browser):
    port = start_task("livereload")
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_function("() => !!window.LiveReload", timeout=10_000)
    footer = project / "theme" / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text().replace("</footer>", "<p>Pied modifié</p></footer>"))
    page.wait_for_function("() => document.body.innerText.includes('Pied modifié')", timeout=15_000)
    page.close()
