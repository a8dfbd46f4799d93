"""Images from content/ (WordPress uploads) get size attributes, srcset variants, lazy loading.

Hooks `content_object_init` to rewrite each page's <img> tags (once per page)
and `finalized` to write the resized variants with Pillow into the output,
once each, skipping those already there from a previous build of the file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from PIL import Image

from yaml_markdown.contents import body_of, replace_body

from .images import ImageInfo, responsive_html, variant_url

WANTED: dict[str, set[tuple[str, int]]] = {}  # content PATH -> variants to write


@lru_cache(maxsize=1024)
def image_info(path: str, stamp: float) -> ImageInfo | None:
    try:
        with Image.open(path) as image:
            return ImageInfo(*image.size)
    except OSError:
        return None


def info_finder(content_path: Path):
    def info_for(src: str) -> ImageInfo | None:
        if not src.startswith("/") or "//" in src:
            return None
        file = content_path / src.lstrip("/")
        return image_info(str(file), file.stat().st_mtime) if file.is_file() else None

    return info_for


def apply_responsive_images(content) -> None:
    if not isinstance(content, Page | Article) or "<img" not in body_of(content):
        return
    root = Path(content.settings["PATH"])
    html, wanted = responsive_html(body_of(content), info_finder(root))
    replace_body(content, html)
    WANTED.setdefault(str(root), set()).update(wanted)


def write_variants(pelican_obj) -> None:
    root = pelican_obj.settings["PATH"]
    output = Path(pelican_obj.settings["OUTPUT_PATH"])
    for src, width in sorted(WANTED.pop(root, set())):
        target = output / variant_url(src, width).lstrip("/")
        source = Path(root) / src.lstrip("/")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as image:
            height = round(image.height * width / image.width)
            image.resize((width, height), Image.Resampling.LANCZOS).save(target, quality=82)


def register() -> None:
    signals.content_object_init.connect(apply_responsive_images)
    signals.finalized.connect(write_variants)
