"""Netlify and Cloudflare Pages get only rules they accept, checked with their own software.

Netlify: its own parser (`@netlify/redirect-parser`, npm) and its own matching
engine (`netlify-redirector`, npm, WebAssembly). Cloudflare Pages:
its own local runtime (`wrangler pages dev`, npm, workerd), offline, serving
the folder `invoke package` writes: 0 invalid rules, `_headers` applied,
`/?page_id=N` a real 301 from the generated Pages Function.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED, free_port, page
from redirects.hosts import cloudflare_limit_warnings, host_files
from redirects.rules import redirect_rules
from servers import request
from sitetools.deploy import host_folders

SEED_URL = "/medias-sociaux-et-community-management/"
WRANGLER = ROOT / "node_modules" / ".bin" / "wrangler"
COMPATIBILITY_DATE = "2026-04-01"  # workerd 1.20260426 of wrangler 4.86.0 knows it
MOVED = page("Déménagée", "Texte.\n", redirect_from="['/vieux-chemin/']")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The publish build of the seed and a moved page, packaged for each host."""
    from sitetools.build import build  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("hosts")
    pages = folder / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / SEED.name).write_bytes(SEED.read_bytes())
    (pages / "demenagee.md").write_text(MOVED, "utf-8")
    result = build(
        ROOT / "publishconf.py",
        overrides={"PATH": str(folder / "content"), "OUTPUT_PATH": str(folder / "output")},
    )
    assert result.ok, result.errors
    host_folders(folder / "output", folder / "dist")
    return folder / "dist"


NETLIFY_PARSE = """
import { parseAllRedirects } from '@netlify/redirect-parser';
const result = await parseAllRedirects({ redirectsFiles: process.argv.slice(1), minimal: false });
console.log(JSON.stringify({ redirects: result.redirects, errors: result.errors.map(String) }));
"""


@pytest.mark.parametrize("folder", ["netlify", "cloudflare-pages/site"])
def test_netlify_parser_accepts_every_rule(dist, folder):
    redirects = dist / folder / "_redirects"
    run = subprocess.run(
        ["node", "--input-type=module", "-e", NETLIFY_PARSE, str(redirects)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    parsed = json.loads(run.stdout)
    assert parsed["errors"] == []
    rules = {(r["from"], json.dumps(r["query"]), r["to"], r["status"]) for r in parsed["redirects"]}
    assert ("/vieux-chemin/", "{}", "/demenagee/", 301) in rules
    assert ("/vieux-chemin", "{}", "/demenagee/", 301) in rules
    lines = [line for line in redirects.read_text().splitlines() if not line.startswith("#")]
    assert len(parsed["redirects"]) == len(lines)
    page_id = ("/", '{"page_id": "20"}', SEED_URL, 301)
    assert (page_id in rules) == (folder == "netlify")  # query rules: Netlify's syntax only
    # Netlify: forced, or the meta-refresh page written at the old path would win.
    assert {r["force"] for r in parsed["redirects"]} == {folder == "netlify"}


NETLIFY_MATCH = """
const redirector = require('netlify-redirector');
const fs = require('fs');
const [rules, ...paths] = process.argv.slice(1);
redirector.parsePlain(fs.readFileSync(rules, 'utf8'), {}).then((matcher) => {
  const found = {};
  for (const address of paths) {
    const [path, query = ''] = address.split('?');
    const request = { scheme: 'https', host: 'votrecoachweb.com', path, query,
                      getHeader: () => '', getCookie: () => '' };
    const rule = matcher.match(request);
    found[address] = rule && [rule.to, rule.status, rule.force];
  }
  console.log(JSON.stringify(found));
});
"""


def test_netlify_redirector_answers_the_old_addresses(dist):
    """Netlify's own matching engine (netlify-redirector, its WebAssembly build)."""
    addresses = ["/?page_id=20", "/vieux-chemin/", "/vieux-chemin", "/?page_id=999", "/x/"]
    run = subprocess.run(
        ["node", "-e", NETLIFY_MATCH, str(dist / "netlify" / "_redirects"), *addresses],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout) == {
        "/?page_id=20": [SEED_URL, 301, True],
        "/vieux-chemin/": ["/demenagee/", 301, True],
        "/vieux-chemin": ["/demenagee/", 301, True],
        "/?page_id=999": None,
        "/x/": None,
    }


def test_cloudflare_limits_are_warned_about():
    static = "\n".join(f"/a{n} /b/ 301" for n in range(2000))
    assert cloudflare_limit_warnings(static) == []
    assert cloudflare_limit_warnings(static + "\n/x /b/ 301") == [
        "_redirects has 2001 static rules: Cloudflare Pages reads only 2000 "
        "(the rest of the old addresses will answer 404 there)"
    ]
    dynamic = "\n".join(f"/d{n}/* /b/ 301" for n in range(101))
    assert cloudflare_limit_warnings(dynamic) == [
        "_redirects has 101 dynamic rules: Cloudflare Pages reads only 100"
    ]


def test_a_build_with_too_many_old_addresses_warns_once(build_site):
    old = "[" + ", ".join(f"'/ancien-{n}/'" for n in range(1001)) + "]"
    site = build_site({"pages/a.md": page("A", "Texte.\n", redirect_from=old)})
    assert site.result.ok
    assert site.log.count("_redirects has 2002 static rules: Cloudflare Pages reads only") == 1


@pytest.mark.server
@pytest.mark.slow
def test_cloudflare_pages_dev_serves_the_rules_headers_and_page_id_redirects(dist, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),  # wrangler's settings and logs stay in the test's folder
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "WRANGLER_HIDE_BANNER": "true",  # no update check
        "WRANGLER_SEND_METRICS": "false",
        "CLOUDFLARE_CF_FETCH_ENABLED": "false",  # no Request.cf download: offline
        "NO_COLOR": "1",
    }
    command = [str(WRANGLER), "pages", "dev", "site", "--ip", "127.0.0.1", "--port", str(port)]
    command += ["--inspector-port", str(free_port()), "--compatibility-date", COMPATIBILITY_DATE]
    command += ["--persist-to", str(tmp_path / "state")]
    log = tmp_path / "wrangler.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            command,
            cwd=dist / "cloudflare-pages",
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        while "Ready on" not in log.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            time.sleep(0.2)
        text = log.read_text()
        assert "Ready on" in text, text
        assert "invalid redirect rule" not in text
        assert "Parsed 2 valid redirect rules." in text
        assert "Compiled Worker successfully" in text  # the Pages Function
        for old in ("/?page_id=20", "/index.php?page_id=20", "/?page_id=20&utm_source=x"):
            response = request(port, old)
            assert (response.status, response.getheader("Location")) == (301, SEED_URL), old
        moved = request(port, "/vieux-chemin/")
        assert (moved.status, moved.getheader("Location")) == (301, "/demenagee/")
        for path in (SEED_URL, "/"):
            response = request(port, path)
            assert response.status == 200
            assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")
            assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert request(port, "/?page_id=999").status == 200  # unknown id: the home page
        assert request(port, "/pas-de-page/").status == 404
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_comments_and_blank_lines_are_not_rules_and_placeholders_are_dynamic():
    header = "# Old WordPress addresses\n\n"
    static = "\n".join(f"/a{n} /b/ 301" for n in range(2000))
    assert cloudflare_limit_warnings(header + static + "\n# a comment\n\n") == []
    placeholders = "\n".join(f"/blog/:annee{n}/billet /b/ 301" for n in range(101))
    assert cloudflare_limit_warnings(static + "\n" + placeholders) == [
        "_redirects has 101 dynamic rules: Cloudflare Pages reads only 100"
    ]


def test_each_host_gets_its_file_and_the_pages_function_answers_from_one_table():
    rules = redirect_rules(
        [
            ("pages/a.md", "/a/", {"guid": "http://x/?page_id=20", "redirect_from": "/ancien/"}),
            ("_posts/b.md", "/blog/b/", {"id": 5, "layout": "post"}),
        ]
    )
    files = host_files(rules)
    assert sorted(files) == [
        "_config/cloudflare-pages/functions/index.js",
        "_config/cloudflare-pages/functions/index.php.js",
        "_config/netlify/_redirects",
        "_redirects",
    ]
    assert "/ page_id=20 /a/ 301!" in files["_config/netlify/_redirects"]
    assert files["_redirects"].splitlines()[1:] == ["/ancien /a/ 301", "/ancien/ /a/ 301"]
    function = files["_config/cloudflare-pages/functions/index.js"]
    assert function == files["_config/cloudflare-pages/functions/index.php.js"]
    assert function.startswith(
        "// Old WordPress addresses /?page_id=N and /?p=N (generated by plugins/redirects).\n"
        "// Cloudflare Pages Function for / and /index.php; anything else goes on to the site.\n"
        "const TABLE = {\n"
        '  "p": {\n'
        '    "5": "/blog/b/"\n'
        "  },\n"
        '  "page_id": {\n'
        '    "20": "/a/"\n'
        "  }\n"
        "};\n"
    )
    assert "return new Response(null, { status: 301, headers: { Location: target } });" in function
