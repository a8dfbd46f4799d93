"""Bytes a reader's browser transfers for a page of ten 3000x2000 photos: original vs served.

    .venv/bin/python bench/image_weight.py

Builds the ten-photo page of tests/test_images_budget.py with the publish
settings, opens it in Debian's Chromium at 390 px (phone, 1x and 3x pixel
density) and 1280 px (desktop, 1x) wide, scrolls to the end so every lazy
image loads, and adds up the response bodies. "original" is what the same page
costs when each <img> shows its original file: the ten originals, whatever the
screen. Also prints the time of the first build (variants made) and of a
second one (variants taken from the cache).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(ROOT / "tests")]

from test_images_budget import ten_photo_page  # noqa: E402

from sitetools.budget_tools import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402
from sitetools.build import build  # noqa: E402

SCREENS = [("390 px, 1x", 390, 844, 1), ("390 px, 3x", 390, 844, 3), ("1280 px, 1x", 1280, 800, 1)]


def publish(folder: Path, output: Path) -> float:
    started = time.perf_counter()
    result = build(
        ROOT / "publishconf.py",
        overrides={
            "PATH": str(folder / "content"),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(folder / "cache"),
            "SITEURL": "",
            "FEED_DOMAIN": "",
        },
        stream=io.StringIO(),
    )
    if not result.ok:
        sys.exit(f"build failed: {result.errors}")
    return time.perf_counter() - started


def transferred(browser, url: str, width: int, height: int, scale: int) -> tuple[int, int, int]:
    """(image bytes, all bytes, image count) the page costs once scrolled to its end."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    tab = context.new_page()
    sizes: list[tuple[str, int]] = []
    tab.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    tab.goto(url, wait_until="load")
    for _ in range(40):  # scroll step by step, as a reader does, so lazy images load
        tab.mouse.wheel(0, height)
        tab.wait_for_timeout(50)
    tab.wait_for_load_state("networkidle")
    context.close()
    images = [(u, s) for u, s in sizes if urlsplit(u).path.endswith((".avif", ".webp", ".jpg"))]
    return sum(s for _, s in images), sum(s for _, s in sizes), len(images)


def main() -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        folder = Path(tmp)
        slug = ten_photo_page(folder / "content")
        originals = sorted((folder / "content" / "images" / "ateliers").glob("*.jpg"))
        original_bytes = sum(p.stat().st_size for p in originals)
        first = publish(folder, folder / "output")
        second = publish(folder, folder / "output2")
        print(f"ten 3000x2000 JPEG photos: {original_bytes / 1024:.0f} KB as uploaded")
        print(f"publish build: {first:.1f} s with variants made, {second:.1f} s from the cache")
        print(
            f"{'screen':14s} {'original KB':>12s} {'served KB':>10s} {'images':>7s} {'ratio':>6s}"
        )
        with sync_playwright() as playwright, served(folder / "output") as base:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, width, height, scale in SCREENS:
                images, total, count = transferred(browser, f"{base}/{slug}/", width, height, scale)
                ratio = original_bytes / images
                print(
                    f"{label:14s} {original_bytes / 1024:12.0f} {images / 1024:10.0f} "
                    f"{count:7d} {ratio:5.1f}x   (page total {total / 1024:.0f} KB)"
                )
            browser.close()


if __name__ == "__main__":
    main()
