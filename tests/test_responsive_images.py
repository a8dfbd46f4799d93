"""Images and media links: local files, sizes, variants, <picture>, links for what is elsewhere."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from conftest import ROOT, page
from responsive_images.images import Found, ImageInfo, rewrite_media, variant_widths
from responsive_images.refs import media_ref, resized_original, srcset_urls
from responsive_images.variants import cached_variant

OLD = "http://votrecoachweb.com"
HOSTS = {"votrecoachweb.com", "www.votrecoachweb.com"}


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def export(body: str) -> str:
    """A page as the WordPress to Jekyll Exporter writes it."""
    return (
        "---\nid: 7\ntitle: Atelier\ndate: 2017-10-02T10:00:00+01:00\nauthor: bertrand\n"
        "layout: page\nguid: http://votrecoachweb.com/?page_id=7\n---\n" + body
    )


# --- where an address lives in content/ -----------------------------------------------


@pytest.mark.parametrize(
    ("url", "path", "remote", "external"),
    [
        (
            "/wp-content/uploads/2017/10/photo-300x216.jpeg",
            "wp-content/uploads/2017/10/photo-300x216.jpeg",
            "http://votrecoachweb.com/wp-content/uploads/2017/10/photo-300x216.jpeg",
            False,
        ),
        (
            "https://www.votrecoachweb.com/wp-content/uploads/guide%20pratique.pdf",
            "wp-content/uploads/guide pratique.pdf",
            "https://www.votrecoachweb.com/wp-content/uploads/guide%20pratique.pdf",
            False,
        ),
        (
            "https://i0.wp.com/votrecoachweb.com/wp-content/uploads/2017/10/a.jpg?resize=300%2C200",
            "wp-content/uploads/2017/10/a.jpg",
            "http://votrecoachweb.com/wp-content/uploads/2017/10/a.jpg",
            False,
        ),
        (
            "//farm4.staticflickr.com/123/atelier_b.jpg",
            "images/external/farm4.staticflickr.com/123/atelier_b.jpg",
            "http://farm4.staticflickr.com/123/atelier_b.jpg",
            True,
        ),
        (
            "https://i2.wp.com/photos.example.net/x/y.png",
            "images/external/photos.example.net/x/y.png",
            "https://i2.wp.com/photos.example.net/x/y.png",
            True,
        ),
        (
            "https://cdn.example.net/photo?w=800",
            "images/external/cdn.example.net/photo-845d25f1",  # sha1("w=800"),
            "https://cdn.example.net/photo?w=800",
            True,
        ),
        ("{static}/images/equipe.png", "images/equipe.png", None, False),
    ],
)
def test_each_address_has_one_place_in_content(url, path, remote, external):
    ref = media_ref(url, OLD, HOSTS)
    assert (ref.path, ref.remote, ref.external) == (path, remote, external)


@pytest.mark.parametrize(
    "url", ["data:image/png;base64,AAAA", "../photo.jpg", "mailto:a@b.c", "https://x.org/../../etc"]
)
def test_addresses_that_are_no_file_of_the_site_are_left_alone(url):
    assert media_ref(url, OLD, HOSTS) is None


def test_wordpress_resized_copy_names_its_original():
    assert resized_original("wp-content/uploads/2017/10/photo-300x216.jpeg") == (
        "wp-content/uploads/2017/10/photo.jpeg"
    )
    assert resized_original("images/plan-2x1.png") is None  # not an upload


def test_srcset_keeps_commas_inside_addresses():
    srcset = "https://i0.wp.com/a.fr/x.jpg?resize=300,216 300w, /b.jpg 600w,/c.jpg 2x"
    assert srcset_urls(srcset) == [
        "https://i0.wp.com/a.fr/x.jpg?resize=300,216",
        "/b.jpg",
        "/c.jpg",
    ]


@pytest.mark.parametrize(
    ("width", "shown", "widths"),
    [(3000, 3000, [480, 800, 1200, 1600]), (1000, 1000, [480, 800, 1000]), (3000, 300, [480, 800])],
)
def test_variant_widths_stop_at_what_the_image_and_its_display_need(width, shown, widths):
    assert variant_widths(width, shown) == widths


# --- rewriting a body ------------------------------------------------------------------


def locate_in(files: set[str]):
    """A locate() over a fake content/ holding `files`, as plugin.locator builds it."""

    def locate(url):
        ref = media_ref(url, OLD, HOSTS)
        if ref is None:
            return None
        original = resized_original(ref.path)
        original = original if original in files else None
        return Found(ref, ref.path if ref.path in files else original, original)

    return locate


SIZES = {
    "wp-content/uploads/2017/10/photo.jpeg": ImageInfo(1600, 1152),
    "images/logo.gif": ImageInfo(200, 100),
}


def test_first_image_is_eager_and_high_priority_later_ones_lazy_all_async():
    html = (
        '<p><img src="/images/logo.gif" alt="L" loading="lazy"></p>'
        '<p><img src="/images/logo.gif" alt="M"></p>'
    )
    result = rewrite_media(html, locate_in({"images/logo.gif"}), SIZES.get)
    first, second = result.html.split("</p><p>")
    assert 'fetchpriority="high"' in first and "loading" not in first
    assert 'loading="lazy"' in second and "fetchpriority" not in second
    assert result.html.count('decoding="async"') == 2
    assert result.html.count('width="200"') == 2 and result.html.count('height="100"') == 2
    assert "<picture>" not in result.html  # a GIF may be animated: served as it is
    assert result.variants == set()


def test_missing_resized_copy_falls_back_to_its_original_with_a_new_srcset():
    html = (
        '<img src="http://votrecoachweb.com/wp-content/uploads/2017/10/photo-300x216.jpeg" '
        'alt="Photo" width="300" height="216" srcset="http://votrecoachweb.com/wp-content/'
        "uploads/2017/10/photo-300x216.jpeg 300w, http://votrecoachweb.com/wp-content/uploads/"
        '2017/10/photo-1024x737.jpeg 1024w">'
    )
    result = rewrite_media(html, locate_in({"wp-content/uploads/2017/10/photo.jpeg"}), SIZES.get)
    assert result.html == (
        "<picture>"
        '<source sizes="(max-width: 300px) 100vw, 300px" srcset="/wp-content/uploads/2017/10/'
        'photo-480w.avif 480w, /wp-content/uploads/2017/10/photo-800w.avif 800w" '
        'type="image/avif"/>'
        '<source sizes="(max-width: 300px) 100vw, 300px" srcset="/wp-content/uploads/2017/10/'
        'photo-480w.webp 480w, /wp-content/uploads/2017/10/photo-800w.webp 800w" '
        'type="image/webp"/>'
        '<img alt="Photo" decoding="async" fetchpriority="high" height="216" '
        'sizes="(max-width: 300px) 100vw, 300px" src="/wp-content/uploads/2017/10/photo.jpeg" '
        'srcset="/wp-content/uploads/2017/10/photo-480w.jpeg 480w, '
        '/wp-content/uploads/2017/10/photo-800w.jpeg 800w" width="300"/>'
        "</picture>"
    )
    assert result.problems == []
    assert result.used == {"wp-content/uploads/2017/10/photo.jpeg"}
    assert ("wp-content/uploads/2017/10/photo.jpeg", 800, ".avif") in result.variants
    assert len(result.variants) == 6  # 2 widths x AVIF, WebP, JPEG


def test_image_on_another_host_becomes_a_link_to_its_old_address():
    html = '<p><img src="https://farm4.staticflickr.com/1/x.jpg" alt="Atelier"></p>'
    result = rewrite_media(html, locate_in(set()), SIZES.get)
    assert result.html == '<p><a href="https://farm4.staticflickr.com/1/x.jpg">Atelier</a></p>'
    assert result.problems == [
        "image still on farm4.staticflickr.com, shown as a link to "
        "https://farm4.staticflickr.com/1/x.jpg "
        "(python3 dev.py fetch-media brings it into the site)"
    ]


def test_missing_image_inside_a_link_becomes_the_link_text():
    html = '<a href="/services/"><img src="https://cdn.example.net/p.png"></a>'
    result = rewrite_media(html, locate_in(set()), SIZES.get)
    assert result.html == '<a href="/services/">image sur cdn.example.net</a>'


def test_image_fetched_from_another_host_is_shown_from_the_site():
    html = '<img src="https://farm4.staticflickr.com/1/x.jpg" alt="A">'
    files = {"images/external/farm4.staticflickr.com/1/x.jpg"}
    sizes = {"images/external/farm4.staticflickr.com/1/x.jpg": ImageInfo(400, 300)}
    result = rewrite_media(html, locate_in(files), sizes.get)
    assert 'src="/images/external/farm4.staticflickr.com/1/x.jpg"' in result.html
    assert "http" not in result.html and "//" not in result.html


def test_missing_document_is_reported_as_a_document_and_linked_at_its_old_address():
    html = '<a href="/wp-content/uploads/2017/10/tarifs.pdf">Tarifs</a>'
    result = rewrite_media(html, locate_in(set()), SIZES.get)
    assert result.html == (
        '<a href="http://votrecoachweb.com/wp-content/uploads/2017/10/tarifs.pdf">Tarifs</a>'
    )
    assert result.problems == [
        "missing document content/wp-content/uploads/2017/10/tarifs.pdf, linked at its old "
        "address http://votrecoachweb.com/wp-content/uploads/2017/10/tarifs.pdf"
    ]


def test_held_document_on_the_old_domain_is_linked_locally():
    html = '<a href="http://www.votrecoachweb.com/wp-content/uploads/g.pdf">Guide</a>'
    result = rewrite_media(html, locate_in({"wp-content/uploads/g.pdf"}), SIZES.get)
    assert result.html == '<a href="/wp-content/uploads/g.pdf">Guide</a>'
    assert result.used == {"wp-content/uploads/g.pdf"}


def test_pages_without_media_are_returned_untouched():
    html = "<p>Du texte, <a href='/contact/'>un lien</a>.</p>"
    assert rewrite_media(html, locate_in(set()), SIZES.get).html == html


# --- variants and their cache ------------------------------------------------------------


def test_variant_is_made_once_and_reused_while_the_original_is_unchanged(tmp_path):
    source = tmp_path / "photo.jpg"
    source.write_bytes(jpeg(1200, 800))
    cache = tmp_path / "cache"
    first = cached_variant(source, 480, ".avif", cache)
    with Image.open(first) as image:
        assert (image.format, image.size) == ("AVIF", (480, 320))
    os.utime(first, (1, 1))  # a marker: a remade file would get a new time
    assert cached_variant(source, 480, ".avif", cache).stat().st_mtime == 1
    source.write_bytes(jpeg(1200, 600))  # new bytes: a new variant
    with Image.open(cached_variant(source, 480, ".avif", cache)) as image:
        assert image.size == (480, 240)


# --- a whole build -----------------------------------------------------------------------


def test_build_writes_variants_and_a_picture_for_hand_written_pages(build_site, tmp_path):
    site = build_site(
        {
            "images/atelier.jpg": jpeg(1600, 900),
            "pages/a.md": page("A", "![Atelier](/images/atelier.jpg)\n"),
        },
        CACHE_PATH=str(tmp_path / "cache"),
    )
    assert site.result.ok, site.log
    picture = site.soup("a/index.html").find("picture")
    img = picture.find("img")
    assert (img["width"], img["height"], img["fetchpriority"]) == ("1600", "900", "high")
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
    for width in (480, 800, 1200, 1600):
        for suffix, kind in ((".avif", "AVIF"), (".webp", "WEBP")):
            with Image.open(site.output / "images" / f"atelier-{width}w{suffix}") as image:
                assert (image.format, image.size) == (kind, (width, round(900 * width / 1600)))


def test_publish_build_copies_only_the_uploads_pages_use(build_site, tmp_path, capsys):
    site = build_site(
        {
            "wp-content/uploads/2017/10/photo.jpeg": jpeg(800, 600),
            "wp-content/uploads/2017/10/photo-300x225.jpeg": jpeg(300, 225),
            "wp-content/uploads/2017/10/inutile.png": jpeg(10, 10),
            "wp-content/uploads/2017/10/tarifs.pdf": b"%PDF-1.4\n",
            "pages/a.md": export(
                '<img src="/wp-content/uploads/2017/10/photo.jpeg" alt="Photo">\n\n'
                '<a href="http://votrecoachweb.com/wp-content/uploads/2017/10/tarifs.pdf">Tarifs</a>\n'
            ),
        },
        settings="publishconf.py",
        SITEURL="",
        FEED_DOMAIN="",
        CACHE_PATH=str(tmp_path / "cache"),
    )
    assert site.result.ok, site.log
    uploads = sorted(p.name for p in (site.output / "wp-content/uploads/2017/10").iterdir())
    assert uploads == [
        "photo-480w.avif",
        "photo-480w.jpeg",
        "photo-480w.webp",
        "photo-800w.avif",
        "photo-800w.webp",
        "photo.jpeg",
        "tarifs.pdf",
    ]
    assert "2 uploaded file(s) no page uses left out of the output" in capsys.readouterr().err


def test_missing_upload_and_hot_linked_image_warn_naming_page_and_host(build_site, tmp_path):
    site = build_site(
        {
            "pages/a.md": export(
                '<img src="/wp-content/uploads/2017/10/absente.jpg" alt="Absente">\n\n'
                '<img src="https://photos.example.net/atelier.jpg" alt="Ailleurs">\n'
            )
        },
        CACHE_PATH=str(tmp_path / "cache"),
    )
    assert site.result.ok
    assert (
        "pages/a.md: warning: missing image file content/wp-content/uploads/2017/10/absente.jpg, "
        "linked at its old address "
        "http://votrecoachweb.com/wp-content/uploads/2017/10/absente.jpg" in site.log
    )
    assert "pages/a.md: warning: image still on photos.example.net" in site.log
    article = site.soup("a/index.html").find("article")
    assert article.find("img") is None
    assert [a["href"] for a in article.find_all("a")] == [
        "http://votrecoachweb.com/wp-content/uploads/2017/10/absente.jpg",
        "https://photos.example.net/atelier.jpg",
    ]


def test_live_reload_fast_path_writes_the_variants_of_a_newly_shown_image(tmp_path):
    from sitetools.worker import SiteWorker  # noqa: PLC0415

    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "images" / "plan.jpg").write_bytes(jpeg(1000, 500))
    source = content / "pages" / "a.md"
    source.write_text(page("A", "Texte.\n", summary="Fixe."), "utf-8")
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    worker = SiteWorker(str(ROOT / "pelicanconf.py"), overrides=overrides, stream=io.StringIO())
    assert worker.rebuild().mode == "full"
    source.write_text(page("A", "Texte.\n\n![Plan](/images/plan.jpg)\n", summary="Fixe."), "utf-8")
    outcome = worker.rebuild(str(source))
    assert (outcome.mode, outcome.ok) == ("fast", True)
    for name in ("plan-480w.avif", "plan-800w.webp", "plan-1000w.avif", "plan-480w.jpg"):
        assert (tmp_path / "output" / "images" / name).is_file(), name


def test_unreadable_image_is_shown_and_reported():
    html = '<img src="/images/casse.jpg" alt="Cassée">'
    result = rewrite_media(html, locate_in({"images/casse.jpg"}), lambda path: None)
    assert 'src="/images/casse.jpg"' in result.html
    assert result.problems == [
        "content/images/casse.jpg cannot be read as an image (no size, no variants)"
    ]


def test_hand_written_page_missing_image_is_left_for_page_checks_to_report():
    html = '<img src="/images/absente.png" alt="">'
    result = rewrite_media(html, locate_in(set()), SIZES.get)
    assert 'src="/images/absente.png"' in result.html  # page_checks: file:line warning
    assert result.problems == []


def test_upload_missing_with_no_old_address_keeps_its_text():
    ref_free = rewrite_media(
        '<img src="/wp-content/uploads/a.jpg" alt="Plan">',
        lambda url: Found(media_ref(url, None, set()), None),
        SIZES.get,
    )
    assert ref_free.html == "Plan"
    assert ref_free.problems == ["missing image file content/wp-content/uploads/a.jpg"]
