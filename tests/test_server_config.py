"""Headers, caching and precompressed files on real Apache and nginx; CSP in Chromium."""

from __future__ import annotations

import gzip

import brotli
import pytest

from conftest import ROOT, SEED
from server_config.headers import CSP, netlify_headers, security_headers
from servers import apache, nginx, public_copy, request

SEED_URL = "/medias-sociaux-et-community-management/"


def test_csp_allows_nothing_inline_and_no_frame():
    assert "unsafe-inline" not in CSP
    assert "frame-ancestors 'none'" in CSP
    assert "Strict-Transport-Security" not in security_headers(hsts=False)
    assert "Strict-Transport-Security" in security_headers(hsts=True)


def test_netlify_headers_cache_assets_for_a_year():
    text = netlify_headers(hsts=True, assets_prefix="/theme/")
    assert "/theme/*\n  Cache-Control: public, max-age=31536000, immutable" in text


@pytest.fixture(scope="module")
def lean_site(tmp_path_factory):
    """The publish build (minified, fingerprinted, precompressed, HSTS) served locally."""
    from sitetools.build import build  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("lean")
    (folder / "content" / "pages").mkdir(parents=True)
    (folder / "content" / "pages" / SEED.name).write_bytes(SEED.read_bytes())
    result = build(
        ROOT / "publishconf.py",
        overrides={
            "PATH": str(folder / "content"),
            "OUTPUT_PATH": str(folder / "output"),
            "SITEURL": "",
            "FEED_DOMAIN": "",
        },
    )
    assert result.ok, result.errors
    return public_copy(folder / "output")


def stylesheet(site) -> str:
    css = next((site / "theme" / "css").glob("site.*.css"))
    return "/" + css.relative_to(site).as_posix()


def check_headers(port: int, site) -> None:
    page = request(port, SEED_URL)
    assert page.status == 200
    for name, value in security_headers(hsts=True).items():
        assert page.getheader(name) == value, name
    assert page.getheader("Cache-Control") == "public, max-age=300"
    css_url = stylesheet(site)
    css = request(port, css_url)
    assert css.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    plain = (site / css_url.lstrip("/")).read_bytes()
    zipped = request(port, css_url, {"Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert zipped.getheader("Content-Type").startswith("text/css")
    assert gzip.decompress(zipped.body) == plain
    html = request(port, SEED_URL, {"Accept-Encoding": "gzip"})
    assert html.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(html.body) == (site / SEED_URL.strip("/") / "index.html").read_bytes()


@pytest.mark.server
def test_apache_serves_headers_cache_and_precompressed_files(lean_site):
    with apache(lean_site) as port:
        check_headers(port, lean_site)
        css_url = stylesheet(lean_site)
        br = request(port, css_url, {"Accept-Encoding": "br, gzip"})
        assert br.getheader("Content-Encoding") == "br"
        assert brotli.decompress(br.body) == (lean_site / css_url.lstrip("/")).read_bytes()
        old = request(port, "/?page_id=20", {"Accept-Encoding": "br, gzip"})
        assert (old.status, old.getheader("Location").endswith(SEED_URL)) == (301, True)


@pytest.mark.server
def test_nginx_serves_headers_cache_and_precompressed_files(lean_site):
    config = lean_site / "_config"
    includes = [str(config / "nginx-headers.conf"), str(config / "nginx-redirects.conf")]
    includes.append(str(config / "nginx-brotli.conf"))
    with nginx(lean_site, includes) as port:
        check_headers(port, lean_site)
        css_url = stylesheet(lean_site)
        br = request(port, css_url, {"Accept-Encoding": "br"})
        assert br.getheader("Content-Encoding") == "br"


@pytest.mark.browser
@pytest.mark.server
def test_pages_load_without_csp_violation_in_chromium(browser, lean_site):
    with apache(lean_site) as port:
        tab = browser.new_page()
        violations: list[str] = []
        tab.on(
            "console", lambda m: "Content Security Policy" in m.text and violations.append(m.text)
        )
        for path in ("/", SEED_URL, "/mentions-legales/", "/introuvable/", "/?page_id=20"):
            tab.goto(f"http://127.0.0.1:{port}{path}")
            tab.wait_for_load_state("load")
            seen = tab.evaluate(
                "() => new Promise(done => { let n = 0; document.addEventListener("
                "'securitypolicyviolation', () => n++); setTimeout(() => done(n), 200); })"
            )
            assert seen == 0, path
        assert tab.url.endswith(SEED_URL)  # the old address still lands on its page
        assert violations == []
        tab.close()
