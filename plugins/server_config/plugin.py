"""Server configuration beside the site: headers, caching, precompressed files.

Hooks `all_generators_finalized`, after plugins/redirects (later in PLUGINS):
puts its headers before and its precompressed-file rules after the redirect
rules in the `.htaccess` that plugin wrote, and writes
`_headers` (Netlify, Cloudflare Pages), `_config/nginx-headers.conf` and
`_config/nginx-brotli.conf` (nginx includes). HSTS only when
SERVER_CONFIG_HSTS is true (publishconf.py): never on a development host.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .headers import (
    NGINX_BROTLI,
    apache_headers,
    apache_precompressed,
    netlify_headers,
    nginx_headers,
)


def write_server_config(generators) -> None:
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    output = Path(settings["OUTPUT_PATH"])
    hsts = bool(settings.get("SERVER_CONFIG_HSTS"))
    assets = f"/{settings['THEME_STATIC_DIR']}/"
    htaccess = output / ".htaccess"
    rest = htaccess.read_text("utf-8") if htaccess.exists() else ""
    # Redirects first: the precompressed-file rewrites end rule processing.
    text = apache_headers(hsts, assets) + rest + apache_precompressed()
    htaccess.write_text(text, encoding="utf-8")
    (output / "_headers").write_text(netlify_headers(hsts, assets), encoding="utf-8")
    config = output / "_config"
    config.mkdir(exist_ok=True)
    (config / "nginx-headers.conf").write_text(nginx_headers(hsts, assets), encoding="utf-8")
    (config / "nginx-brotli.conf").write_text(NGINX_BROTLI, encoding="utf-8")


def register() -> None:
    signals.all_generators_finalized.connect(write_server_config)
