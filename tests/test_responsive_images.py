"""WordPress uploads: width/height, srcset variants made with Pillow, lazy loading."""

from __future__ import annotations

import io

from PIL import Image

from conftest import page
from responsive_images.images import ImageInfo, responsive_html


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_known_images_get_sizes_srcset_and_later_ones_lazy():
    sizes = {"/a.jpg": ImageInfo(1600, 900), "/b.jpg": ImageInfo(400, 300)}
    html, wanted = responsive_html(
        '<img src="/a.jpg" alt="A"><img src="/b.jpg" alt="B">', sizes.get
    )
    assert 'width="1600" height="900"' in html
    assert 'srcset="/a-480w.jpg 480w, /a-800w.jpg 800w, /a-1200w.jpg 1200w, /a.jpg 1600w"' in html
    assert html.count('loading="lazy"') == 1  # only the second image
    assert 'src="/b.jpg" alt="B" width="400" height="300" loading="lazy"' in html
    assert wanted == [("/a.jpg", 480), ("/a.jpg", 800), ("/a.jpg", 1200)]


def test_unknown_images_are_left_as_they_are():
    html = '<img src="https://example.org/x.png" alt="X">'
    assert responsive_html(html, lambda src: None) == (html, [])


def test_build_writes_the_variants(build_site):
    body = "![Atelier](/wp-content/uploads/2014/07/atelier.jpg)\n"
    site = build_site(
        {
            "wp-content/uploads/2014/07/atelier.jpg": jpeg(1600, 900),
            "pages/a.md": page("A", body),
        }
    )
    assert site.result.ok, site.log
    img = site.soup("a/index.html").find("img")
    assert (img["width"], img["height"]) == ("1600", "900")
    for width in (480, 800, 1200):
        variant = site.output / "wp-content" / "uploads" / "2014" / "07" / f"atelier-{width}w.jpg"
        with Image.open(variant) as image:
            assert image.size == (width, round(900 * width / 1600))
