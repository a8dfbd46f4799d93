"""A page with ten large photos meets every Lighthouse budget (mobile 100 x 4, CLS 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from conftest import page
from scripts.budgets import lighthouse
from sitetools.budget_tools import served

PHOTO_COUNT = 10


def photo(number: int, width: int = 3000, height: int = 2000) -> Image.Image:
    """A deterministic photo-like picture: smooth shapes, some grain, many colours."""
    small = (width // 4, height // 4)
    shapes = Image.effect_mandelbrot(small, (-2.2 + number * 0.03, -1.2, 1.0, 1.2), 40 + number)
    light = Image.linear_gradient("L").resize(small)
    grain = Image.blend(light, Image.effect_noise(small, 64), 0.15)
    mixed = Image.blend(shapes, light, 0.5)
    return Image.merge("RGB", (shapes, mixed, grain)).resize((width, height), Image.BICUBIC)


def ten_photo_page(content: Path) -> str:
    """Write ten 3000x2000 JPEG photos and a page showing them; return the page's slug."""
    folder = content / "images" / "ateliers"
    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for number in range(1, PHOTO_COUNT + 1):
        photo(number).save(folder / f"atelier-{number:02d}.jpg", quality=90)
        parts.append(
            f"Paragraphe {number} : ce que l’atelier montre sur cette photo.\n\n"
            f"![Atelier, photo {number}](/images/ateliers/atelier-{number:02d}.jpg)\n"
        )
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "dix-photos.md").write_text(
        page("Dix photos", "\n".join(parts), chapo="'Une page de photos.'"), encoding="utf-8"
    )
    return "dix-photos"


@pytest.mark.browser
@pytest.mark.slow
def test_ten_photo_page_scores_100_on_lighthouse_mobile_with_no_layout_shift(tmp_path):
    from sitetools.build import build  # noqa: PLC0415

    slug = ten_photo_page(tmp_path / "content")
    result = build(
        Path(__file__).resolve().parent.parent / "publishconf.py",
        overrides={
            "PATH": str(tmp_path / "content"),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "SITEURL": "",
            "FEED_DOMAIN": "",
        },
    )
    assert result.ok, result.errors
    with served(tmp_path / "output") as base:
        scores, cls, external = lighthouse(f"{base}/{slug}/")
    assert scores == {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert cls == 0
    assert external == []
