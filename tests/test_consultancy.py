"""The theme as a consultancy site: header and menu, calls to action, facts from settings,
footer, legal notice, share images (plugins/owner_facts, legal_notice, share_images)."""

from __future__ import annotations

import io
import re
import sys

import pytest
from PIL import Image, ImageDraw, ImageFont

from conftest import ROOT, page
from sitetools.budget_tools import served

sys.path.insert(0, str(ROOT / "plugins"))

from legal_notice.plugin import missing_fields, notice_sections
from owner_facts.facts import contact_action, image_size, social_links, svg_size, tel_href
from share_images import draw
from share_images.plugin import share_image_path

TEN_TITLES = [
    "Audit",
    "Formation",
    "Réseaux sociaux",
    "Référencement",
    "Rédaction web",
    "Ateliers",
    "Tarifs",
    "Références",
    "À propos",
    "Contact",
]
FACTS = {
    "CONTACT_EMAIL": "contact@example.com",
    "CONTACT_PHONE": "01 99 00 00 00",
    "CONTACT_AREA": "Exempleville et l'agglomération",
    "SOCIAL_LINKS": [
        "https://www.linkedin.com/in/exemple",
        ("Mon blog", "https://blog.example.com/"),
    ],
}


# --- Pure functions -------------------------------------------------------------------


def test_primary_call_to_action_prefers_booking_then_email_then_phone():
    assert contact_action({}) is None
    phone_only = contact_action({"CONTACT_PHONE": "06 12 34 56 78"})
    assert phone_only["href"] == "tel:0612345678"
    assert phone_only["label"] == "Appeler le 06\u00a012\u00a034\u00a056\u00a078"
    both = contact_action({"CONTACT_PHONE": "06", "CONTACT_EMAIL": "a@example.com"})
    assert both == {"href": "mailto:a@example.com", "label": "Écrire un message"}
    booking = contact_action({"CONTACT_EMAIL": "a@example.com", "CONTACT_URL": "https://x.test/"})
    assert booking == {"href": "https://x.test/", "label": "Prendre rendez-vous"}
    assert tel_href("+33 6 12 34 56 78") == "tel:+33612345678"


def test_social_links_are_named_after_their_host_or_given_a_label():
    assert social_links(["https://www.linkedin.com/in/x", ("Blog", "https://b.test/")]) == [
        {"label": "LinkedIn", "href": "https://www.linkedin.com/in/x"},
        {"label": "Blog", "href": "https://b.test/"},
    ]
    assert social_links(["https://inconnu.test/x"])[0]["label"] == "inconnu.test"


def test_svg_logo_size_from_attributes_or_viewbox():
    assert svg_size('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"/>') == (
        120,
        40,
    )
    assert svg_size('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"/>') == (64, 32)
    assert svg_size("<svg") is None


def test_booking_link_label_and_phone_text_come_from_settings():
    booking = contact_action({"CONTACT_URL": "https://rdv.test/", "CONTACT_URL_LABEL": "Réserver"})
    assert booking == {"href": "https://rdv.test/", "label": "Réserver"}
    phone = contact_action({"CONTACT_PHONE": " 04  99 00 "})
    assert phone == {"href": "tel:049900", "label": "Appeler le 04\u00a099\u00a000"}


def test_a_host_that_only_ends_like_a_known_network_keeps_its_own_name():
    links = social_links(["https://dropbox.com/s/x", "https://notgithub.com/a", "https://x.com/v"])
    assert [link["label"] for link in links] == ["dropbox.com", "notgithub.com", "X"]


def test_social_links_named_after_subdomains_and_list_pairs():
    links = social_links(
        ["https://fr.linkedin.com/in/x", ["Portfolio", "https://p.test/"], "https://www.malt.fr/p"]
    )
    assert [link["label"] for link in links] == ["LinkedIn", "Portfolio", "Malt"]
    assert links[1]["href"] == "https://p.test/"
    assert social_links(None) == []


@pytest.mark.parametrize(
    ("svg", "size"),
    [
        ('<svg width="120.6px" height=" 40px "/>', (121, 40)),
        ('<svg width="100%" height="50%" viewBox="0,0,64.4,31.6"/>', (64, 32)),
        ('<svg width="80"/>', None),
        ('<svg viewBox="0 0 large haut"/>', None),
        ('<svg viewBox="0 0 64"/>', None),
    ],
    ids=["px-and-decimals", "percent-falls-back-to-viewbox", "no-height", "bad-viewbox", "short"],
)
def test_svg_logo_size_edge_cases(svg, size):
    assert svg_size(svg) == size


def test_logo_size_read_from_svg_or_raster_files_none_when_unreadable(tmp_path):
    Image.new("RGB", (30, 20)).save(tmp_path / "logo.png")
    (tmp_path / "LOGO.SVG").write_text('<svg width="8" height="6"/>', "utf-8")
    (tmp_path / "casse.png").write_bytes(b"pas une image")
    assert image_size(tmp_path / "logo.png") == (30, 20)
    assert image_size(tmp_path / "LOGO.SVG") == (8, 6)
    assert image_size(tmp_path / "casse.png") is None
    assert image_size(tmp_path / "absent.png") is None
    assert image_size(tmp_path / "absent.svg") is None


def test_legal_notice_company_fields_shown_when_set_and_vat_exemption_line():
    company = {"publisher": "SARL d'Exemple", "rcs": "RCS Lyon 000 000 000"}
    company |= {"share_capital": "1 000 €", "vat_number": "FR00 000000000"}
    rows = dict(notice_sections(company, {"CONTACT_EMAIL": "a@example.com"})[0]["rows"])
    assert rows["Éditeur"] == "SARL d’Exemple"
    assert rows["Immatriculation au RCS"] == "RCS Lyon 000 000 000"
    assert rows["TVA intracommunautaire"] == "FR00 000000000"
    assert rows["Courriel"] == '<a href="mailto:a@example.com">a@example.com</a>'
    assert rows["Téléphone"] is None  # "to be completed"
    micro = {"rcs": False, "share_capital": False, "vat_exempt": True}
    rows = dict(notice_sections(micro, {"CONTACT_PHONE": "01 99 00 00 00"})[0]["rows"])
    assert "Immatriculation au RCS" not in rows and "Capital social" not in rows
    assert rows["TVA"] == "TVA non applicable, art. 293 B du CGI"
    assert rows["Téléphone"] == '<a href="tel:0199000000">01\u00a099\u00a000\u00a000\u00a000</a>'
    missing = " ".join(missing_fields(micro, {}))
    assert "rcs" not in missing and "vat_number" not in missing
    assert "CONTACT_EMAIL" in missing and "CONTACT_PHONE" in missing and "CONTACT_AREA" in missing
    assert "LEGAL_NOTICE['vat_number']" in " ".join(missing_fields({}, {}))


def test_an_empty_legal_notice_lists_each_required_fact_to_complete_and_no_optional_one():
    sections = notice_sections({"legal_form": False}, {"CONTACT_PHONE": "01.99.00.00.00"})
    assert sections == [
        {
            "title": "Éditeur du site",
            "rows": [
                ("Éditeur", None),
                ("SIRET", None),
                ("Adresse", None),
                ("Courriel", None),
                ("Téléphone", '<a href="tel:0199000000">01.99.00.00.00</a>'),
                ("Directeur de la publication", None),
            ],
        },
        {
            "title": "Hébergeur",
            "rows": [
                ("Hébergeur", None),
                ("Adresse de l’hébergeur", None),
                ("Téléphone de l’hébergeur", None),
            ],
        },
    ]


def test_phone_links_keep_only_digits_and_the_plus_sign():
    notice = {"host_phone": "+33 1.99.00.00/00"}
    rows = dict(notice_sections(notice, {"CONTACT_PHONE": "01-99-00-00-00"})[1]["rows"])
    assert rows["Téléphone de l’hébergeur"] == (
        '<a href="tel:+33199000000">+33\u00a01.99.00.00/00</a>'
    )
    rows = dict(notice_sections(notice, {"CONTACT_PHONE": "01-99-00-00-00"})[0]["rows"])
    assert rows["Téléphone"] == '<a href="tel:0199000000">01-99-00-00-00</a>'


def glyph(font, text):
    image = Image.new("L", (120, 120))
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255)
    return image.tobytes()


def test_shipped_font_has_french_letters_and_the_narrow_no_break_space():
    assert (ROOT / "theme" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    font = ImageFont.truetype(str(draw.BOLD), 48)
    missing = glyph(font, "\ue000")  # a private-use code point: the font's "no glyph" box
    for letter in "éçœ«»’":
        assert glyph(font, letter) not in (missing, glyph(font, " ")), letter
    narrow = "\u202f"
    assert glyph(font, narrow) == glyph(font, " ")  # drawn blank, not as a box
    assert 0 < font.getlength(narrow) < font.getlength("\u00a0")


def test_share_image_is_1200_by_630_and_the_same_bytes_every_time():
    title = "L’œil du «\u202fcommunity manager\u202f» : ça s’apprend"
    first = draw.share_image(title, "Votre Coach Web", "votrecoachweb.com")
    assert first == draw.share_image(title, "Votre Coach Web", "votrecoachweb.com")
    assert first != draw.share_image(title + "!", "Votre Coach Web", "votrecoachweb.com")
    image = Image.open(io.BytesIO(first))
    assert image.size == (1200, 630) and image.format == "PNG"
    assert image.getpixel((5, 5)) == draw.BACKGROUND


def test_long_titles_wrap_at_plain_spaces_only():
    font = ImageFont.truetype(str(draw.BOLD), 60)
    lines = draw.wrap("Un titre de page vraiment assez long pour deux lignes :\u00a0oui", font, 700)
    assert len(lines) >= 2 and all(font.getlength(line) <= 700 for line in lines[:-1])
    assert lines[-1].endswith("\u00a0oui") and not lines[-1].startswith("\u00a0")
    assert share_image_path("") == "partage/accueil.png"
    assert share_image_path("blog/x/") == "partage/blog--x.png"


# --- Built sites ------------------------------------------------------------------------


def ten_pages() -> dict[str, str]:
    files = {}
    for number, title in enumerate(TEN_TITLES, start=1):
        slug = re.sub(r"\W+", "-", title.lower()).strip("-")
        files[f"pages/{slug}.md"] = page(title, "Texte.\n", nav_order=str(number))
    files["pages/audit.md"] = page(
        "Audit", "Texte.\n", nav_order="1", service="true", chapo="'Un **audit** clair.'"
    )
    return files


@pytest.fixture(scope="module")
def ten_entry_site(tmp_path_factory):
    from sitetools.build import build  # noqa: PLC0415

    root = tmp_path_factory.mktemp("ten")
    for relpath, text in ten_pages().items():
        (root / "content" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / relpath).write_text(text, encoding="utf-8")
    result = build(
        ROOT / "publishconf.py",
        overrides={
            "SITEURL": "",
            "OUTPUT_PATH": str(root / "output"),
            "FEED_DOMAIN": "",
            "PATH": str(root / "content"),
            "SERVICES": [],
            **FACTS,
        },
    )
    assert result.ok
    with served(root / "output") as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 768, 1024, 1280, 1920])
def test_ten_menu_entries_fit_every_width(browser, ten_entry_site, width):
    view = browser.new_page(viewport={"width": width, "height": 800})
    view.goto(ten_entry_site + "/audit/")
    assert view.evaluate("document.documentElement.scrollWidth") <= width
    visible = view.locator("nav a:visible")
    if width >= 1200:  # a bar: every entry visible, on one line
        tops = {round(visible.nth(i).bounding_box()["y"]) for i in range(visible.count())}
        assert visible.count() == 10 and len(tops) == 1, tops
    else:  # a disclosure: closed, then every entry once opened
        assert visible.count() == 0
        view.locator("nav summary").click()
        assert view.locator("nav a:visible").count() == 10
        assert view.evaluate("document.documentElement.scrollWidth") <= width
    assert view.locator("script").count() == 0  # no JavaScript
    view.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chapo_stands_out_and_keeps_its_emphasis(browser, ten_entry_site, scheme):
    view = browser.new_page(color_scheme=scheme)
    view.goto(ten_entry_site + "/audit/")
    style = view.locator("header .chapo").evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight, "
        "getComputedStyle(document.body).backgroundColor, "
        "getComputedStyle(e.querySelector('strong')).fontWeight]"
    )
    color, weight, background, strong = style

    def luminance(css):
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(color), luminance(background)], reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 7  # WCAG AAA for the lead
    assert int(weight) >= 400 and int(strong) >= int(weight) + 300
    view.close()


@pytest.fixture
def facts_site(build_site):
    files = {
        **ten_pages(),
        "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"/>',
        "images/icone.png": b"",
    }
    site = build_site(files, SITE_LOGO="images/logo.svg", FAVICON="images/icone.png", **FACTS)
    assert site.result.ok, site.log
    return site


def test_header_logo_favicon_footer_and_social_links_come_from_settings(facts_site):
    home = facts_site.soup("index.html")
    logo = home.select_one("header .brand img")
    assert (logo["src"], logo["width"], logo["height"], logo["alt"]) == (
        "/images/logo.svg",
        "80",
        "40",
        "",
    )
    assert home.select_one('link[rel="icon"]')["href"] == "/images/icone.png"
    footer = home.find("footer")
    assert "Exempleville et l’agglomération" in footer.get_text()
    hrefs = [a["href"] for a in footer.select("a")]
    assert "tel:0199000000" in hrefs and "mailto:contact@example.com" in hrefs
    assert "https://www.linkedin.com/in/exemple" in hrefs and "/mentions-legales/" in hrefs
    assert [a.get_text() for a in footer.select('a[rel="me"]')] == ["LinkedIn", "Mon blog"]
    assert re.search(r"© 20\d\d Votre Coach Web", footer.get_text())
    assert home.select_one(".hero__action a")["href"] == "mailto:contact@example.com"
    assert len(home.select(".hero .button")) == 1  # one primary call to action


def test_service_pages_end_with_a_call_to_action_others_do_not(facts_site):
    main = facts_site.soup("audit/index.html").find("main")
    last = main.find_all(recursive=False)[-1].find("aside")  # after the article, in <main>
    assert last.select_one("a.button")["href"] == "mailto:contact@example.com"
    assert last.find_previous("article") is not None
    assert facts_site.soup("tarifs/index.html").select_one(".page-cta") is None


def test_no_fact_no_link_and_publish_warns_for_each(build_site):
    site = build_site(ten_pages(), settings="publishconf.py", SITEURL="", FEED_DOMAIN="")
    home = site.soup("index.html")
    assert home.select(".hero .button") == [] and home.select('footer a[href^="tel:"]') == []
    for name in ("CONTACT_EMAIL", "CONTACT_PHONE", "CONTACT_AREA"):
        assert f"legal_notice: {name} (" in site.log
    notice = site.soup("mentions-legales/index.html")
    assert notice.find(id="donnees-personnelles").get_text() == "Données personnelles"
    text = notice.find("main").get_text()
    assert "aucun cookie" in text and "aucun formulaire" in text and "journaux" in text


def test_publish_build_gives_every_page_a_cached_share_image(build_site, tmp_path):
    cache = tmp_path / "cache"
    files = {**ten_pages(), "pages/photo.md": page("Photo", "x\n", image="images/p.png")}
    site = build_site(
        files, settings="publishconf.py", SITEURL="https://example.com", CACHE_PATH=str(cache)
    )
    assert site.result.ok, site.log
    audit = site.soup("audit/index.html")
    url = audit.select_one('meta[property="og:image"]')["content"]
    assert url == "https://example.com/partage/audit.png"
    assert audit.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    image = site.output / "partage" / "audit.png"
    assert Image.open(image).size == (1200, 630)
    for relpath in ("accueil.png", "mentions-legales.png", "blog.png"):
        assert (site.output / "partage" / relpath).is_file(), relpath
    own = site.soup("photo/index.html").select_one('meta[property="og:image"]')["content"]
    assert own == "https://example.com/images/p.png"
    assert not (site.output / "partage" / "photo.png").exists()
    cached = sorted(cache.joinpath("share_images").glob("*.png"))
    assert len(cached) == 13 and image.read_bytes() in [c.read_bytes() for c in cached]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 768, 1024, 1280])
def test_footer_links_never_overlap(browser, ten_entry_site, width):
    view = browser.new_page(viewport={"width": width, "height": 800})
    view.goto(ten_entry_site + "/")
    links = view.locator("footer a")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len(boxes) == 6  # phone, e-mail, two profiles, two legal links
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"] + 0.5
                or b["x"] + b["width"] <= a["x"] + 0.5
                or a["y"] + a["height"] <= b["y"] + 0.5
                or b["y"] + b["height"] <= a["y"] + 0.5
            )
            assert apart, (a, b)
    view.close()


def test_owner_facts_are_put_into_the_settings_the_templates_read(tmp_path, caplog):
    from types import SimpleNamespace  # noqa: PLC0415

    from owner_facts.plugin import prepare_facts  # noqa: PLC0415

    (tmp_path / "logo.svg").write_text('<svg width="90" height="30"/>', "utf-8")
    settings = {
        "PATH": str(tmp_path),
        "SITESUBTITLE": "L'atelier : «web»",
        "CONTACT_PHONE": "01 99 00 00 00",
        "SITE_LOGO": "logo.svg",
        "FAVICON": "images/icone.PNG",
        "COPYRIGHT_YEAR": 2019,
    }
    prepare_facts(SimpleNamespace(settings=settings))
    assert settings["SITESUBTITLE"] == "L’atelier\u00a0: «\u202fweb\u202f»"
    assert settings["CONTACT_PHONE_HREF"] == "tel:0199000000"
    assert settings["CONTACT_PHONE_TEXT"] == "01\u00a099\u00a000\u00a000\u00a000"
    assert settings["CONTACT_ACTION"]["href"] == "tel:0199000000"
    assert settings["SITE_LOGO_SIZE"] == (90, 30)
    assert settings["SITE_LOGO"] == "logo.svg"
    assert settings["FAVICON_TYPE"] == "image/png"
    assert settings["COPYRIGHT_YEAR"] == 2019
    assert settings["SOCIAL_PROFILES"] == []

    bare = {"PATH": str(tmp_path), "SITE_LOGO": "absent.png", "FAVICON": "icone.ico"}
    with caplog.at_level("WARNING"):
        prepare_facts(SimpleNamespace(settings=bare))
    assert "SITE_LOGO absent.png: no image at" in caplog.text
    assert (bare["SITE_LOGO"], bare["SITE_LOGO_SIZE"]) == (None, None)
    assert bare["CONTACT_ACTION"] is None
    assert (bare["CONTACT_PHONE_HREF"], bare["CONTACT_PHONE_TEXT"]) == (None, None)
    assert bare["FAVICON_TYPE"] == "image/x-icon"
    assert isinstance(bare["COPYRIGHT_YEAR"], int) and bare["COPYRIGHT_YEAR"] >= 2025
    none = {"PATH": str(tmp_path)}
    prepare_facts(SimpleNamespace(settings=none))
    assert none["FAVICON_TYPE"] == "image/svg+xml"  # the theme's own favicon.svg
    assert "SITESUBTITLE" not in none and none["SITE_LOGO_SIZE"] is None
    gif = {"PATH": str(tmp_path), "FAVICON": "icone.gif"}
    prepare_facts(SimpleNamespace(settings=gif))
    assert gif["FAVICON_TYPE"] == ""


def entry(url, title, **meta):
    from types import SimpleNamespace  # noqa: PLC0415

    return SimpleNamespace(url=url, title=title, metadata=meta)


def test_every_page_without_its_own_image_gets_a_drawn_one_titled_in_plain_text():
    from types import SimpleNamespace  # noqa: PLC0415

    from share_images.plugin import pages_to_draw  # noqa: PLC0415

    pages = SimpleNamespace(
        pages=[entry("audit/", "L’<em>audit</em> &amp; plus"), entry("photo/", "P", image="p.png")]
    )
    posts = SimpleNamespace(articles=[entry("blog/billet/", "Un billet")])
    settings = {
        "SITENAME": "Votre Coach Web",
        "SITESUBTITLE": "Coaching web",
        "LEGAL_NOTICE_URL": "mentions-legales/",
        "BLOG_URL": "blog/",
        "DIRECT_TEMPLATES": ["index", "blog"],
    }
    assert pages_to_draw([pages, posts], settings) == {
        "": "Coaching web",
        "audit/": "L’ audit & plus",
        "blog/billet/": "Un billet",
        "mentions-legales/": "Mentions légales",
        "blog/": "Blog",
    }
    bare = {"SITENAME": "Votre Coach Web", "BLOG_URL": "blog/", "DIRECT_TEMPLATES": ["index"]}
    assert pages_to_draw([], bare) == {"": "Votre Coach Web"}
    # owner_facts escapes the subtitle for the templates: the image shows its text.
    escaped = {**bare, "SITESUBTITLE": "Conseil &amp; formation web"}
    assert pages_to_draw([], escaped) == {"": "Conseil & formation web"}


def test_share_images_are_written_only_for_a_site_with_an_address(tmp_path):
    from types import SimpleNamespace  # noqa: PLC0415

    from share_images.plugin import write_share_images  # noqa: PLC0415

    def generator(**settings):
        base = {"SITENAME": "Votre Coach Web", "OUTPUT_PATH": str(tmp_path / "out")}
        base["CACHE_PATH"] = str(tmp_path / "cache")
        return SimpleNamespace(settings={**base, **settings}, pages=[entry("audit/", "Audit")])

    write_share_images([])
    write_share_images([generator(SITEURL="")])
    write_share_images([generator(SITEURL="https://example.com", SHARE_IMAGES=False)])
    assert not (tmp_path / "out").exists()
    write_share_images([generator(SITEURL="https://example.com")])
    written = sorted(p.name for p in (tmp_path / "out" / "partage").iterdir())
    assert written == ["accueil.png", "audit.png"]
    drawn = Image.open(tmp_path / "out" / "partage" / "audit.png")
    assert drawn.size == (1200, 630)
    assert pixels_of(drawn, draw.SOFT)[1] >= 530  # the site's address is drawn at the bottom
    assert len(list((tmp_path / "cache" / "share_images").glob("*.png"))) == 2
    assert not list((tmp_path / "cache" / "share_images").glob("*.tmp"))


def pixels_of(image, colour):
    """(first row, last row, first column, last column) holding exactly `colour`, or None."""
    data = image.load()
    found = [
        (x, y) for y in range(image.height) for x in range(image.width) if data[x, y] == colour
    ]
    if not found:
        return None
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return min(ys), max(ys), min(xs), max(xs)


def test_share_image_has_the_name_on_top_the_title_centred_and_the_address_below():
    drawn = Image.open(io.BytesIO(draw.share_image("Audit", "Votre Coach Web", "example.com")))
    # the theme's colours (site.css): --color-accent, --color-surface, --color-accent-text
    assert drawn.getpixel((5, 5)) == (11, 92, 138)
    assert drawn.getpixel((600, 620)) == (243, 246, 249)
    assert pixels_of(drawn, (255, 255, 255)) is not None
    # a light band along the bottom edge, 24 px high, the full width
    assert pixels_of(drawn, draw.BAND) == (606, 629, 0, 1199)
    # the title: one line of 72 px type (line height 86) centred 10 px low: rows 282 to 368
    top, bottom, left, right = pixels_of(drawn, draw.TEXT)
    assert top >= 282 and bottom <= 368 and left >= 80 and right <= 1120
    # the site's name from row 64 (36 px type) and the address from row 530 (34 px type)
    top, bottom, left, _ = pixels_of(drawn, draw.SOFT)
    assert 64 <= top <= 80 and 530 <= bottom <= 575 and left >= 80
    plain = Image.open(io.BytesIO(draw.share_image("Audit", "Votre Coach Web")))
    top, bottom, _, _ = pixels_of(plain, draw.SOFT)
    assert top >= 64 and bottom <= 108  # no address: nothing below the title


def fits(face, lines, width=1040):
    return all(face.getlength(line) <= width for line in lines)


def test_titles_are_drawn_as_large_as_they_fit_in_four_lines():
    face, lines = draw.fit_title("Audit", 1040)
    assert (face.size, lines) == (72, ["Audit"])
    title = (
        "Un titre de page assez long pour ne pas tenir sur une seule ligne à la taille "
        "la plus grande du tout, vraiment pas"
    )
    face, lines = draw.fit_title(title, 1040)
    assert 40 <= face.size < 72 and (72 - face.size) % 4 == 0
    # the block of lines is centred 10 px low: it starts at (630 - lines x 1.2 x size) / 2 + 10
    line_height = round(face.size * 1.2)
    first = (630 - line_height * len(lines)) // 2 + 10
    top, bottom, _, _ = pixels_of(Image.open(io.BytesIO(draw.share_image(title, "V"))), draw.TEXT)
    assert first <= top <= first + 20 and bottom <= first + line_height * len(lines)
    assert bottom > first + line_height * (len(lines) - 1)  # each line below the one before
    assert 2 <= len(lines) <= 4 and fits(face, lines) and " ".join(lines) == title
    larger = ImageFont.truetype(str(draw.BOLD), face.size + 4)
    assert len(draw.wrap(title, larger, 1040)) > 4 or not fits(
        larger, draw.wrap(title, larger, 1040)
    )


def test_a_title_too_long_for_four_lines_at_40_px_is_cut_with_an_ellipsis():
    title = " ".join(["anticonstitutionnellement"] * 30)
    face, lines = draw.fit_title(title, 1040)
    assert face.size == 40 and len(lines) == 4 and fits(face, lines)
    assert lines[-1] == "anticonstitutionnellement…"
    words = " ".join(f"mot{n}" for n in range(400))
    face, lines = draw.fit_title(words, 1040)
    assert len(lines) == 4 and fits(face, lines) and lines[-1].endswith("…")
    assert not lines[-1].endswith(" …") and lines[-1].startswith("mot")
    assert words.startswith(" ".join(lines).removesuffix("…"))  # cut at the end, not inside
    # here the fourth line is full: words are dropped from its end until "…" fits
    words = " ".join("mot" + "e" * (n * 7 % 9) for n in range(120))
    face, lines = draw.fit_title(words, 1040)
    assert lines[-1] == "moteeeeeeee moteeeeee moteeee motee…" and fits(face, lines)
    assert words.startswith(" ".join(lines).removesuffix("…"))


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("+33 (0)1 99 00 00 00", "tel:+33199000000"),  # "(0)" is for callers in France
        ("+33(0)6 12 34 56 78", "tel:+33612345678"),
        ("01 99 00 00 00", "tel:0199000000"),
    ],
)
def test_a_phone_link_dials_the_number_without_the_0_in_brackets(written, href):
    assert tel_href(written) == href


def test_a_legal_notice_field_set_to_true_is_to_be_completed_not_shown_as_true():
    # The owner wrote True to say "it applies" without giving the text.
    notice = {"publisher": "Votre Coach Web", "rcs": True, "host_name": True}
    shown = [
        str(value) for section in notice_sections(notice, {}) for _label, value in section["rows"]
    ]
    assert "True" not in shown
    missing = missing_fields(notice, {})
    assert "LEGAL_NOTICE['rcs'] (Immatriculation au RCS) (False if it does not apply)" in missing
    assert "LEGAL_NOTICE['host_name'] (Hébergeur)" in missing
