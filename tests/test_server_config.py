"""Headers, caching and precompressed files on real Apache and nginx; CSP in Chromium."""

from __future__ import annotations

import gzip
from types import SimpleNamespace

import brotli
import pytest

from conftest import ROOT, SEED
from server_config.headers import CSP, netlify_headers, security_headers
from server_config.plugin import write_server_config
from servers import apache, nginx, public_copy, request

SEED_URL = "/medias-sociaux-et-community-management/"
# What a browser must receive, written out (never read from the code under test).
EXPECTED_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


def test_csp_allows_nothing_inline_and_no_frame():
    assert "unsafe-inline" not in CSP
    assert security_headers(hsts=True) == EXPECTED_HEADERS
    development = dict(EXPECTED_HEADERS)
    del development["Strict-Transport-Security"]
    assert security_headers(hsts=False) == development


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
    for name, value in EXPECTED_HEADERS.items():
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


# Installed before any page script or style is parsed (playwright init scripts run
# first in every document, CSP or not): a listener added after `load` misses
# violations reported while the page was being parsed.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


def csp_violations(tab, url: str) -> list[str]:
    tab.goto(url)
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(100)  # reports are queued as tasks after the parse
    return tab.evaluate("() => window.__cspViolations")


@pytest.mark.browser
@pytest.mark.server
def test_pages_load_without_csp_violation_in_chromium(browser, lean_site):
    probe = public_copy(lean_site)
    page = (probe / SEED_URL.strip("/") / "index.html").read_text("utf-8")
    inline = page.replace("</head>", "<style>body { color: red; }</style></head>", 1)
    (probe / "essai-style-en-ligne").mkdir()
    (probe / "essai-style-en-ligne" / "index.html").write_text(inline, "utf-8")
    with apache(probe) as port:
        tab = browser.new_page()
        tab.add_init_script(RECORD_CSP_VIOLATIONS)
        for path in ("/", SEED_URL, "/mentions-legales/", "/introuvable/", "/?page_id=20"):
            assert csp_violations(tab, f"http://127.0.0.1:{port}{path}") == [], path
        assert tab.url.endswith(SEED_URL)  # the old address still lands on its page
        # The same check sees an inline <style> added to a page: it would catch one in the theme.
        caught = csp_violations(tab, f"http://127.0.0.1:{port}/essai-style-en-ligne/")
        assert caught == ["style-src-elem inline"]
        tab.close()


def server_files(tmp_path, **settings) -> dict[str, str]:
    """What write_server_config leaves in an output folder (fake generators, no build)."""
    generator = SimpleNamespace(
        settings={"OUTPUT_PATH": str(tmp_path), "THEME_STATIC_DIR": "theme", **settings}
    )
    write_server_config(iter([generator]))
    return {
        p.relative_to(tmp_path).as_posix(): p.read_text("utf-8")
        for p in sorted(tmp_path.rglob("*"))
        if p.is_file()
    }


def test_headers_come_before_the_redirect_rules_and_precompressed_files_after(tmp_path):
    (tmp_path / ".htaccess").write_text("RewriteRule ^ancien/$ /a/ [R=301,L]\n", "utf-8")
    files = server_files(tmp_path, SERVER_CONFIG_HSTS=True)
    assert sorted(files) == [
        ".htaccess",
        "_config/nginx-brotli.conf",
        "_config/nginx-headers.conf",
        "_headers",
    ]
    htaccess = files[".htaccess"]
    assert htaccess.startswith("# Headers and caching (generated by plugins/server_config)\n")
    headers, rest = htaccess.split("RewriteRule ^ancien/$ /a/ [R=301,L]\n")
    assert 'Header always set Strict-Transport-Security "max-age=31536000' in headers
    assert '<If "%{REQUEST_URI} =~ m#^/theme/#">' in headers
    assert rest.startswith("# Precompressed files (generated by plugins/server_config)\n")
    assert "Strict-Transport-Security" in files["_headers"]
    assert "/theme/*\n  Cache-Control: public, max-age=31536000, immutable" in files["_headers"]
    assert 'if ($uri ~ "^/theme/")' in files["_config/nginx-headers.conf"]
    assert "Strict-Transport-Security" in files["_config/nginx-headers.conf"]
    assert "brotli_static on;" in files["_config/nginx-brotli.conf"]


def test_a_development_build_sends_no_hsts_and_needs_no_redirect_file(tmp_path):
    files = server_files(tmp_path)
    assert files[".htaccess"].startswith("# Headers and caching")
    assert "# Precompressed files" in files[".htaccess"]
    for name in (".htaccess", "_headers", "_config/nginx-headers.conf"):
        assert "Strict-Transport-Security" not in files[name], name


def test_no_generators_write_nothing(tmp_path):
    write_server_config(iter([]))
    assert list(tmp_path.iterdir()) == []
