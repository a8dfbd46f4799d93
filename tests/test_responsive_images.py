"""Images and media links: local files, sizes, variants, <picture>, links for what is elsewhere."""

from __future__ import annotations

import io
import os
from types import SimpleNamespace

import pytest
from PIL import Image

from conftest import ROOT, page
from responsive_images import plugin
from responsive_images.images import Found, ImageInfo, rewrite_media, variant_widths
from responsive_images.plugin import locator, old_site
from responsive_images.refs import candidates, media_ref, resized_original, srcset_urls
from responsive_images.variants import cached_variant, image_info, prepared, write_variants

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
    [
        (3000, 3000, [480, 800, 1200, 1600]),
        (1000, 1000, [480, 800, 1000]),
        (3000, 300, [480, 800]),
        (1200, 400, [480, 800, 1200]),  # exactly 3x the display: still offered
    ],
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


def test_a_wide_image_gets_full_column_sizes_and_an_existing_picture_is_reused():
    html = (
        '<p><img src="/images/grand.jpg" alt="G" width="800"></p>'
        '<p><picture><img src="/images/b.webp" alt="B"></picture></p>'
    )
    sizes = {"images/grand.jpg": ImageInfo(2400, 1200), "images/b.webp": ImageInfo(700, 350)}
    result = rewrite_media(html, locate_in(set(sizes)), sizes.get)
    column = "(min-width: 42rem) 42rem, 100vw"
    assert result.html == (
        f'<p><picture><source sizes="{column}" srcset="/images/grand-480w.avif 480w, '
        "/images/grand-800w.avif 800w, /images/grand-1200w.avif 1200w, "
        '/images/grand-1600w.avif 1600w" type="image/avif"/>'
        f'<source sizes="{column}" srcset="/images/grand-480w.webp 480w, '
        "/images/grand-800w.webp 800w, /images/grand-1200w.webp 1200w, "
        '/images/grand-1600w.webp 1600w" type="image/webp"/>'
        '<img alt="G" decoding="async" fetchpriority="high" height="400" '
        f'sizes="{column}" src="/images/grand.jpg" srcset="/images/grand-480w.jpg 480w, '
        "/images/grand-800w.jpg 800w, /images/grand-1200w.jpg 1200w, "
        '/images/grand-1600w.jpg 1600w" width="800"/></picture></p>'
        f'<p><picture><source sizes="{column}" srcset="/images/b-480w.avif 480w, '
        '/images/b-700w.avif 700w" type="image/avif"/>'
        '<img alt="B" decoding="async" height="350" loading="lazy" '
        f'sizes="{column}" src="/images/b.webp" srcset="/images/b-480w.webp 480w, '
        '/images/b.webp 700w" width="700"/></picture></p>'
    )
    assert ("images/b.webp", 700, ".webp") not in result.variants  # the original itself
    assert len(result.variants) == 12 + 3
    assert result.used == set(sizes)


def test_an_unknown_image_loses_srcset_entries_from_other_hosts():
    html = '<img src="photo.jpg" srcset="https://cdn.example.net/x.jpg 300w" alt="">'
    result = rewrite_media(html, locate_in(set()), SIZES.get)
    assert result.html == '<img alt="" decoding="async" fetchpriority="high" src="photo.jpg"/>'


def test_links_to_other_hosts_and_to_other_files_are_left_alone_missing_uploads_reported():
    html = (
        '<img src="https://cdn.example.net/" alt="">'
        '<a href="https://autre.example/doc.pdf">d</a><a href="/x.zip">z</a>'
        '<a href="/wp-content/uploads/c.docx">c</a>'
    )
    result = rewrite_media(html, locate_in(set()), SIZES.get)
    assert result.html == (
        '<a href="https://cdn.example.net/">image sur cdn.example.net</a>'
        '<a href="https://autre.example/doc.pdf">d</a><a href="/x.zip">z</a>'
        '<a href="http://votrecoachweb.com/wp-content/uploads/c.docx">c</a>'
    )
    assert result.problems == [
        "missing document content/wp-content/uploads/c.docx, linked at its old address "
        "http://votrecoachweb.com/wp-content/uploads/c.docx",
        "image still on cdn.example.net, shown as a link to https://cdn.example.net/ "
        "(python3 dev.py fetch-media brings it into the site)",
    ]
    assert result.used == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80"><g/></svg>', (120, 80)),
        ('<SVG viewBox="0 0 300.4 150">', (300, 150)),
        ('<svg\n width="10" viewBox="0 0 50 25">', (50, 25)),
        ('<svg width="0" height="10">', None),
        ('<svg width="10" height="0">', None),
        ('<svg viewBox="0 0 large haut">', None),
        ("<p>pas une image</p>", None),
    ],
)
def test_an_svg_size_comes_from_its_width_and_height_else_its_viewbox(tmp_path, text, expected):
    drawing = tmp_path / "dessin.svg"
    drawing.write_text(text, "utf-8")
    info = image_info(drawing)
    assert ((info.width, info.height) if info else None) == expected


def test_a_photo_turned_by_its_exif_orientation_is_measured_upright(tmp_path):
    photo = Image.new("RGB", (60, 40))
    exif = photo.getexif()
    exif[0x0112] = 6  # taken with the phone on its side
    photo.save(tmp_path / "portrait.jpg", exif=exif)
    assert image_info(tmp_path / "portrait.jpg") == ImageInfo(40, 60)
    with Image.open(cached_variant(tmp_path / "portrait.jpg", 20, ".png", tmp_path)) as image:
        assert image.size == (20, 30)
    (tmp_path / "casse.jpg").write_bytes(b"pas une image")
    assert image_info(tmp_path / "casse.jpg") is None


def test_variants_are_copied_into_each_output_and_made_only_once(tmp_path):
    Image.new("RGB", (1000, 500), (200, 40, 40)).save(tmp_path / "plan.jpg")
    wanted = {("plan.jpg", 480, ".webp"), ("plan.jpg", 800, ".jpg")}
    cache = tmp_path / "cache" / "responsive_images"  # a fresh checkout has neither folder
    assert write_variants(wanted, tmp_path, tmp_path / "out", cache) == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "plan-480w.webp",
        "plan-800w.jpg",
    ]
    with Image.open(tmp_path / "out" / "plan-800w.jpg") as image:
        assert (image.format, image.size) == ("JPEG", (800, 400))
    with Image.open(tmp_path / "out" / "plan-480w.webp") as image:
        assert (image.format, image.size) == ("WEBP", (480, 240))
    assert write_variants(wanted, tmp_path, tmp_path / "autre", cache) == 0
    assert (tmp_path / "autre" / "plan-480w.webp").is_file()


def test_a_palette_image_is_resized_in_full_colour(tmp_path):
    Image.new("P", (100, 50)).save(tmp_path / "logo.png")
    with Image.open(cached_variant(tmp_path / "logo.png", 50, ".webp", tmp_path / "c")) as image:
        assert (image.format, image.size, image.mode) == ("WEBP", (50, 25), "RGB")


@pytest.mark.parametrize(
    ("url", "old_url", "expected"),
    [
        ("{filename}/docs/guide.pdf?x=1#p", OLD, ("docs/guide.pdf", None, None, False)),
        ("  /images/x.gif  ", OLD, ("images/x.gif", None, None, False)),
        ("/images/-plan (2).png", OLD, ("images/-plan (2).png", None, None, False)),
        ("/images/%20photo.png", OLD, ("images/ photo.png", None, None, False)),
        ("/wp-content/uploads/a.jpg", None, ("wp-content/uploads/a.jpg", None, None, False)),
        (
            "HTTPS://WWW.VOTRECOACHWEB.COM/wp-content/uploads/a.jpg",
            OLD,
            (
                "wp-content/uploads/a.jpg",
                "https://WWW.VOTRECOACHWEB.COM/wp-content/uploads/a.jpg",
                "www.votrecoachweb.com",
                False,
            ),
        ),
        (
            "https://i1.wp.com/VOTRECOACHWEB.com/wp-content/uploads/b.png",
            None,
            (
                "wp-content/uploads/b.png",
                "https://votrecoachweb.com/wp-content/uploads/b.png",
                "votrecoachweb.com",
                False,
            ),
        ),
        (
            "https://i1.wp.com/localhost/b.png",
            OLD,
            (
                "images/external/i1.wp.com/localhost/b.png",
                "https://i1.wp.com/localhost/b.png",
                "i1.wp.com",
                True,
            ),
        ),
    ],
)
def test_where_less_usual_addresses_live(url, old_url, expected):
    ref = media_ref(url, old_url, HOSTS)
    assert (ref.path, ref.remote, ref.host, ref.external) == expected


@pytest.mark.parametrize(
    "url",
    [
        "{attach}../x.pdf",
        "ftp://votrecoachweb.com/a.pdf",
        "http://votrecoachweb.com/../x.jpg",
        "https://i1.wp.com/votrecoachweb.com/",
        "https://cdn.example.net/",
        "https://cdn.example.net/.cache/x.png",
        "/images\\x.png",
    ],
)
def test_addresses_climbing_out_or_naming_no_file_have_no_place(url):
    assert media_ref(url, OLD, HOSTS) is None


def test_a_fetched_file_without_extension_may_have_been_given_one():
    assert candidates("images/external/cdn.example.net/photo") == [
        "images/external/cdn.example.net/photo",
        "images/external/cdn.example.net/photo.jpg",
        "images/external/cdn.example.net/photo.png",
        "images/external/cdn.example.net/photo.gif",
        "images/external/cdn.example.net/photo.webp",
        "images/external/cdn.example.net/photo.avif",
        "images/external/cdn.example.net/photo.svg",
        "images/external/cdn.example.net/photo.pdf",
    ]
    assert candidates("docs/Tarifs.PDF") == ["docs/Tarifs.PDF"]
    assert media_ref("/docs/Tarifs.PDF", OLD, HOSTS).kind == "document"
    assert media_ref("/docs/notes.txt", OLD, HOSTS).kind is None


def test_only_sizes_of_two_digits_or_more_are_resized_copies():
    assert resized_original("wp-content/uploads/a-1x1.jpg") is None
    assert resized_original("wp-content/uploads/a-100x50.jpg") == "wp-content/uploads/a.jpg"


# --- the plugin's glue, without a build --------------------------------------------------


def test_the_old_site_comes_from_the_export_config_unless_a_setting_names_it(tmp_path):
    assert old_site({"PATH": str(tmp_path)}) == (None, frozenset())
    (tmp_path / "_config.yml").write_text("url: http://ancien.example\n", "utf-8")
    assert old_site({"PATH": str(tmp_path)}) == (
        "http://ancien.example",
        frozenset({"ancien.example", "www.ancien.example"}),
    )
    setting = {"PATH": str(tmp_path), "WORDPRESS_OLD_URL": "https://autre.example"}
    assert old_site(setting)[0] == "https://autre.example"


def test_a_resized_copy_not_held_is_shown_from_its_original(tmp_path):
    uploads = tmp_path / "wp-content" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "p.jpeg").write_bytes(b"x")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "sans-extension.png").write_bytes(b"x")
    locate = locator(tmp_path, "http://ancien.example", {"ancien.example"})
    resized = locate("http://ancien.example/wp-content/uploads/p-300x200.jpeg")
    assert (resized.local, resized.best) == (
        "wp-content/uploads/p.jpeg",
        "wp-content/uploads/p.jpeg",
    )
    held_as_is = locate("/wp-content/uploads/p.jpeg")
    assert (held_as_is.local, held_as_is.best) == ("wp-content/uploads/p.jpeg", None)
    assert locate("/images/sans-extension").local == "images/sans-extension.png"
    assert locate("/images/absente.png").local is None
    assert locate("mailto:bonjour@example.org") is None


def test_a_publish_build_leaves_out_only_uploads_and_fetched_files_no_page_uses(tmp_path):
    names = [
        "wp-content/uploads/p.jpeg",
        "wp-content/uploads/q.png",
        "images/external/h.example/x.png",
        "images/mine.png",
        "wp-content-autre/x.png",
    ]
    generator = SimpleNamespace(
        settings={"PATH": str(tmp_path), "LEAN_OUTPUT": True},
        staticfiles=[SimpleNamespace(relative_source_path=name) for name in names],
    )
    plugin.USED[str(tmp_path)] = {"wp-content/uploads/p.jpeg"}
    try:
        plugin.leave_out_unused(generator)
        assert [s.relative_source_path for s in generator.staticfiles] == [
            "wp-content/uploads/p.jpeg",
            "images/mine.png",
            "wp-content-autre/x.png",
        ]
        assert plugin.LEFT_OUT[str(tmp_path)] == 2
        generator.settings["RESPONSIVE_IMAGES_ONLY_USED"] = False  # wins over LEAN_OUTPUT
        plugin.USED[str(tmp_path)] = set()
        plugin.leave_out_unused(generator)
        assert len(generator.staticfiles) == 3
        development = SimpleNamespace(
            settings={"PATH": str(tmp_path)},
            staticfiles=[SimpleNamespace(relative_source_path=name) for name in names],
        )
        plugin.leave_out_unused(development)  # neither setting: every file stays
        assert len(development.staticfiles) == 5
    finally:
        plugin.USED.pop(str(tmp_path), None)
        plugin.LEFT_OUT.pop(str(tmp_path), None)


def test_a_protocol_relative_address_with_no_file_name_becomes_a_link_naming_its_host():
    result = rewrite_media('<img src="//cdn.example.net/">', locate_in(set()), SIZES.get)
    assert result.html == '<a href="//cdn.example.net/">image sur cdn.example.net</a>'
    assert result.problems == [
        "image still on cdn.example.net, shown as a link to //cdn.example.net/ "
        "(python3 dev.py fetch-media brings it into the site)"
    ]


def test_a_large_jpeg_is_decoded_at_no_more_than_twice_the_width_asked(tmp_path):
    Image.new("RGB", (4000, 3000), (10, 100, 200)).save(tmp_path / "grande.jpg", quality=90)
    assert prepared(tmp_path / "grande.jpg", 480).size == (1000, 750)  # JPEG's 1/4 scale
    assert prepared(tmp_path / "grande.jpg", 1600).size == (4000, 3000)  # 1/2 would be too small
    Image.new("RGB", (4000, 3000)).save(tmp_path / "grande.png")
    assert prepared(tmp_path / "grande.png", 480).size == (4000, 3000)  # no draft mode in PNG


def test_a_copy_height_is_rounded_to_the_nearest_pixel(tmp_path):
    Image.new("RGB", (1000, 333)).save(tmp_path / "bandeau.png")
    with Image.open(cached_variant(tmp_path / "bandeau.png", 480, ".png", tmp_path)) as image:
        assert image.size == (480, 160)  # 159.84


def test_an_image_given_only_a_height_keeps_it_and_gets_the_matching_width():
    html = '<p><img src="/images/logo.gif" alt="L" height="50"></p>'
    result = rewrite_media(html, locate_in({"images/logo.gif"}), SIZES.get)
    assert 'height="50"' in result.html
    assert 'width="100"' in result.html  # the 200×100 logo shown 50 pixels high
