"""The export's `_config.yml` as default settings, and the old site's addresses (pure).

The WordPress to Jekyll Exporter writes `_config.yml` at the root of its zip
with the site's `name`, `description` and `url` (WordPress's blogname, tagline
and home URL). They fill `SITENAME`, `SITESUBTITLE` and `WORDPRESS_OLD_URL`
when `pelicanconf.py` leaves them unset (None): the settings file always wins.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from yaml_markdown.errors import SourceError
from yaml_markdown.frontmatter import SAFE_LOADER, decode_source

CONFIG_NAME = "_config.yml"
# setting name -> key of the exporter's _config.yml
CONFIG_KEYS = {"SITENAME": "name", "SITESUBTITLE": "description", "WORDPRESS_OLD_URL": "url"}


def read_export_config(content: Path) -> dict:
    """The exporter's `_config.yml` under `content/` as a dict ({} when there is none)."""
    path = content / CONFIG_NAME
    if not path.is_file():
        return {}
    text = decode_source(path.read_bytes(), str(path))
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(str(path), line, f"not valid YAML: {problem}") from None
    return data if isinstance(data, dict) else {}


def merge_export_config(settings: dict, config: dict) -> dict:
    """Settings with each unset (None or empty) value taken from `_config.yml`."""
    merged = dict(settings)
    for setting, key in CONFIG_KEYS.items():
        value = config.get(key)
        if not merged.get(setting) and value:
            merged[setting] = str(value).strip()
    return merged


def export_settings(settings: dict) -> dict:
    """`settings` completed from the `_config.yml` found in its content folder."""
    return merge_export_config(settings, read_export_config(Path(settings["PATH"])))


def old_site_hosts(old_url: str | None) -> set[str]:
    """Host names under which the old site answered: with and without `www.`."""
    host = (urlsplit(old_url or "").hostname or "").lower()
    if not host:
        return set()
    bare = host.removeprefix("www.")
    return {bare, "www." + bare}
