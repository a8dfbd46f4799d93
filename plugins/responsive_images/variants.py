"""Image sizes and resized copies (AVIF, WebP, the original's format), made with Pillow.

Each copy is made once and kept in a cache folder under a name made of the
original's content hash, width and format: later builds (and other output
folders) copy it from there as long as the original's bytes are unchanged.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from .images import ImageInfo, variant_url

ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
SAVE_OPTIONS = {
    ".avif": {"format": "AVIF", "quality": 55, "speed": 7},
    ".webp": {"format": "WEBP", "quality": 75, "method": 4},
    ".jpg": {"format": "JPEG", "quality": 80, "optimize": True, "progressive": True},
    ".jpeg": {"format": "JPEG", "quality": 80, "optimize": True, "progressive": True},
    ".png": {"format": "PNG", "optimize": True},
}
SVG_SIZE = re.compile(r"""<svg\b[^>]*>""", re.I | re.S)
SVG_ATTR = re.compile(r"""\b(width|height|viewBox)\s*=\s*["']([^"']+)["']""")
WORKERS = 2


def svg_info(path: Path) -> ImageInfo | None:
    """The size an SVG declares (width/height in px, else its viewBox)."""
    match = SVG_SIZE.search(path.read_text("utf-8", errors="replace")[:4096])
    if not match:
        return None
    attrs = dict(SVG_ATTR.findall(match.group(0)))
    try:
        width, height = (float(attrs[k].removesuffix("px")) for k in ("width", "height"))
    except (KeyError, ValueError):
        try:
            _, _, width, height = (float(v) for v in attrs.get("viewBox", "").split())
        except ValueError:
            return None
    return ImageInfo(round(width), round(height)) if width > 0 and height > 0 else None


@lru_cache(maxsize=4096)
def image_info_at(path: str, stamp: tuple[int, int]) -> ImageInfo | None:
    file = Path(path)
    if file.suffix.lower() == ".svg":
        return svg_info(file)
    try:
        with Image.open(file) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in ROTATED:  # shown turned a quarter
                width, height = height, width
            return ImageInfo(width, height)
    except (OSError, SyntaxError, ValueError):
        return None


def image_info(file: Path) -> ImageInfo | None:
    stat = file.stat()
    return image_info_at(str(file), (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=4096)
def content_hash_at(path: str, stamp: tuple[int, int]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()[:24]


def content_hash(file: Path) -> str:
    stat = file.stat()
    return content_hash_at(str(file), (stat.st_mtime_ns, stat.st_size))


def prepared(source: Path, width: int) -> Image.Image:
    """The original, upright, decoded at no more than needed for `width` (JPEG draft mode)."""
    with Image.open(source) as opened:
        upright_width = opened.height if opened.getexif().get(0x0112) in ROTATED else opened.width
        scale = upright_width / width
        if opened.format == "JPEG" and scale >= 2:  # decode at 1/2, 1/4 or 1/8 scale: 4-30x faster
            opened.draft("RGB", (opened.width * 2 // int(scale), opened.height * 2 // int(scale)))
        image = ImageOps.exif_transpose(opened)
        image.load()
    if image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    return image


def save_variant(image: Image.Image, width: int, suffix: str, target: Path) -> None:
    """Write `image` resized to `width` in the format of `suffix` (atomically)."""
    options = dict(SAVE_OPTIONS.get(suffix, {"format": Image.registered_extensions()[suffix]}))
    height = max(1, round(image.height * width / image.width))
    resized = image.resize((width, height), Image.Resampling.LANCZOS)
    if options["format"] == "JPEG" and resized.mode != "RGB":
        resized = resized.convert("RGB")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=".variant-")
    os.close(handle)
    try:
        resized.save(scratch, **options)
        os.replace(scratch, target)
    finally:
        Path(scratch).unlink(missing_ok=True)


def cache_name(source: Path, width: int, suffix: str) -> str:
    return f"{content_hash(source)}-{width}w{suffix}"


def cached_variant(source: Path, width: int, suffix: str, cache: Path) -> Path:
    """The variant's file in the cache, made first if this original never had it."""
    cached = cache / cache_name(source, width, suffix)
    if not cached.exists():
        save_variant(prepared(source, width), width, suffix, cached)
    return cached


def write_variants(
    wanted: set[tuple[str, int, str]], content: Path, output: Path, cache: Path
) -> int:
    """Copy each wanted variant into the output, making the missing ones; how many made."""
    by_source: dict[str, list[tuple[int, str]]] = {}
    for path, width, suffix in wanted:
        by_source.setdefault(path, []).append((width, suffix))

    def one_source(path: str) -> int:
        source = content / path
        todo = [
            (width, suffix)
            for width, suffix in by_source[path]
            if not (output / variant_url(path, width, suffix)).exists()
        ]
        missing = [item for item in todo if not (cache / cache_name(source, *item)).exists()]
        if missing:  # decode the original once for all its missing variants
            image = prepared(source, max(width for width, _ in missing))
            for width, suffix in missing:
                save_variant(image, width, suffix, cache / cache_name(source, width, suffix))
        for width, suffix in todo:
            target = output / variant_url(path, width, suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache / cache_name(source, width, suffix), target)
        return len(missing)

    # Pillow releases the GIL while decoding and encoding: two threads use both cores.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return sum(pool.map(one_source, sorted(by_source)))
