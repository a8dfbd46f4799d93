"""Old WordPress URLs keep working: one list of rules, written for every kind of host.

Hooks `all_generators_finalized`: every page and article is known, nothing
that depends on the rules has been written yet (the home page's forwarding
script). Writes into the output folder: `.htaccess` (Apache), `_redirects`
(Netlify, Cloudflare Pages), `_config/nginx-redirects.conf` (nginx include),
a meta-refresh page at each old path, and `wp-forward.js`. A conflict (two
pages claiming one old address, or an old address that is a new URL) is a
build error naming both files.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .hosts import cloudflare_limit_warnings, host_files
from .rules import RedirectConflict, redirect_rules
from .writers import forward_script, htaccess, nginx_conf, stub_page

logger = logging.getLogger(__name__)

FORWARD_SCRIPT = "wp-forward.js"


def contents(generators) -> list:
    items = []
    for generator in generators:
        for name in ("pages", "articles", "hidden_pages", "hidden_articles"):
            items += getattr(generator, name, [])
    return items


def write(output: Path, relpath: str, text: str) -> None:
    path = output / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_redirects(generators) -> None:
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    triples = [(c.relative_source_path, "/" + c.url, c.metadata) for c in contents(generators)]
    try:
        rules = redirect_rules(triples)
    except RedirectConflict as conflict:
        logger.error("redirects: %s", conflict)
        return
    output = Path(settings["OUTPUT_PATH"])
    extra_htaccess = settings.get("REDIRECTS_HTACCESS_EXTRA", "")
    write(output, ".htaccess", extra_htaccess + htaccess(rules))
    for relpath, text in host_files(rules).items():  # _redirects for Netlify, Cloudflare Pages
        write(output, relpath, text)
    for warning in cloudflare_limit_warnings(host_files(rules)["_redirects"]):
        logger.warning("redirects: %s", warning)
    write(output, "_config/nginx-redirects.conf", nginx_conf(rules))
    write(output, FORWARD_SCRIPT, forward_script(rules))
    for rule in rules:
        if not rule.old.query and rule.old.path.endswith("/"):
            stub = stub_page(rule, settings.get("SITEURL", ""), settings["SITENAME"])
            write(output, rule.old.path.strip("/") + "/index.html", stub)
    for generator in generators:
        generator.context["WP_FORWARD_SCRIPT"] = "/" + FORWARD_SCRIPT
    logger.debug("redirects: %d rules", len(rules))


def register() -> None:
    signals.all_generators_finalized.connect(write_redirects)
