"""Share images: each page gets an `og:image`, drawn at build time (see draw.py).

Hooks `generator_init` (templates get `share_image_path(path)`, the image of a
page by its URL path) and `all_generators_finalized` (every page is known: the
image of each page, post, the home page, the blog and the legal notice is
written to OUTPUT_PATH/partage/, copied from CACHE_PATH/share_images/ when the
same title was drawn before). A page whose front matter names its own image
(`image: images/photo.jpg`) keeps it as its share image; none is drawn.
Images are only made when SITEURL is set (the publish build): OpenGraph needs
absolute URLs, and previews and tests stay fast.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from chapo.describe import plain_text

from .draw import cache_key, share_image

FOLDER = "partage"


def share_image_path(url_path: str | None) -> str:
    """`partage/<name>.png` for a page's URL path: "" -> accueil, "a/b/" -> a--b."""
    name = str(url_path or "").strip("/").replace("/", "--") or "accueil"
    return f"{FOLDER}/{name}.png"


def pages_to_draw(generators, settings) -> dict[str, str]:
    """{URL path: title} of every page that gets a drawn image."""
    # owner_facts has escaped the subtitle for templates: the image needs its text.
    wanted = {"": plain_text(str(settings.get("SITESUBTITLE") or settings["SITENAME"]))}
    for generator in generators:
        for name in ("pages", "articles"):
            for item in getattr(generator, name, []):
                if not item.metadata.get("image"):
                    wanted[item.url] = plain_text(str(item.title))
    if settings.get("LEGAL_NOTICE_URL"):
        wanted[settings["LEGAL_NOTICE_URL"]] = "Mentions légales"
    if settings.get("BLOG_URL") and "blog" in settings.get("DIRECT_TEMPLATES", ()):
        wanted[settings["BLOG_URL"]] = "Blog"
    return wanted


def write_share_images(generators) -> None:
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    if not settings.get("SITEURL") or not settings.get("SHARE_IMAGES", True):
        return
    output = Path(settings["OUTPUT_PATH"])
    cache = Path(settings.get("CACHE_PATH", "cache")) / "share_images"
    cache.mkdir(parents=True, exist_ok=True)
    site_name = plain_text(str(settings["SITENAME"]))
    host = urlsplit(settings["SITEURL"]).hostname or ""
    for url_path, title in pages_to_draw(generators, settings).items():
        cached = cache / (cache_key(title, site_name, host) + ".png")
        if not cached.is_file():
            temporary = cached.with_suffix(".tmp")
            temporary.write_bytes(share_image(title, site_name, host))
            temporary.replace(cached)  # never a half-written image in the cache
        target = output / share_image_path(url_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


def add_helpers(generator) -> None:
    generator.env.globals["share_image_path"] = share_image_path


def register() -> None:
    signals.generator_init.connect(add_helpers)
    signals.all_generators_finalized.connect(write_share_images)
