"""Build a site from the regression corpus (tests/corpus/), laid out as the exporter does.

    .venv/bin/python scripts/corpus_site.py OUTPUT [--facts]

Posts (`layout: post`) go to `_posts/`, pages to the root of content/, the
front page fixture `tests/fixtures/export/accueil.md` becomes the home page's
text, the posts of `tests/fixtures/theme/` (wide tables, code, long URLs) join
the corpus's, four French pages are the services and seven pages are in the menu.
The publish settings are used (minified, no drafts) with links root-relative
so the folder can be served from 127.0.0.1. `--facts` fills in example owner
facts (`EXAMPLE_FACTS`, marked as examples) to see the theme with and without them.
Used by the theme's budget test and by scripts/screenshots.py.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "corpus"
FRONT_PAGE = ROOT / "tests" / "fixtures" / "export" / "accueil.md"
WIDE_POSTS = ROOT / "tests" / "fixtures" / "theme"
SERVICES = [
    "fr-v2-chapo-closed-nested",
    "fr-v2-p-chapo-markdown",
    "fr-v2-chapo-more-inside",
    "fr-v2-seed-like",
]
MENU = {
    **{slug: 10 + i for i, slug in enumerate(SERVICES)},
    "fr-v2-nbsp-and-entities": 20,
    "fr-v2-headings-h4": 30,
    "fr-v2-shortcodes-forms": 40,
}
# Obviously fictitious values (example.com, a 01 99 number reserved for fiction),
# to look at the theme with every fact filled in; never the site's real settings.
EXAMPLE_FACTS = {
    "CONTACT_EMAIL": "contact@example.com",
    "CONTACT_PHONE": "01 99 00 00 00",
    "CONTACT_AREA": "Exempleville et alentours",
    "SOCIAL_LINKS": ["https://www.linkedin.com/in/exemple", "https://mastodon.social/@exemple"],
    "SITE_LOGO": "images/logo-exemple.svg",
    "LEGAL_NOTICE": {
        "publisher": "Nom de l'éditeur (exemple)",
        "legal_form": "Entreprise individuelle (exemple)",
        "siret": "000 000 000 00000 (exemple)",
        "rcs": False,
        "share_capital": False,
        "vat_exempt": True,
        "address": "1 rue de l'Exemple, 00000 Exempleville",
        "director": "Nom du directeur de la publication (exemple)",
        "host_name": "Hébergeur d'exemple",
        "host_address": "2 rue de l'Hébergeur, 00000 Exempleville",
        "host_phone": "01 99 00 00 01",
    },
}
POST = re.compile(r"^layout:\s*post\s*$", re.M)


def lay_out(content: Path, facts: bool = False) -> None:
    """Copy the corpus into `content` where the exporter would have put each file.

    With `facts`, the example "about" page, testimonials and logo of
    tests/fixtures/theme/facts/ are added, as an owner would write them.
    """
    posts = content / "_posts"
    posts.mkdir(parents=True, exist_ok=True)
    for source in sorted(CORPUS.glob("*.md")):
        front = source.read_text("utf-8", errors="replace").split("\n---", 1)[0]
        target = posts if POST.search(front) else content
        shutil.copy2(source, target / source.name)
    shutil.copy2(FRONT_PAGE, content / "accueil.md")
    for post in sorted(WIDE_POSTS.glob("*.md")):  # a long post with a table, code, long URLs
        shutil.copy2(post, posts / post.name)
    make_uploads(content)
    if facts:
        shutil.copy2(WIDE_POSTS / "facts" / "a-propos.md", content / "a-propos.md")
        shutil.copytree(WIDE_POSTS / "facts" / "temoignages", content / "temoignages")
        make_example_brand(content / "images")


def make_example_brand(images: Path) -> None:
    """An example logo (SVG) and portrait (PNG), drawn here: no third-party image."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    images.mkdir(parents=True, exist_ok=True)
    (images / "logo-exemple.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
        '<rect width="40" height="40" rx="8" fill="#0b5c8a"/>'
        '<path d="M10 12l10 18 10-18" fill="none" stroke="#fff" stroke-width="4"/></svg>',
        encoding="utf-8",
    )
    portrait = Image.new("RGB", (480, 600), (213, 221, 229))
    draw = ImageDraw.Draw(portrait)
    draw.ellipse([150, 110, 330, 290], fill=(74, 82, 99))
    draw.ellipse([70, 330, 410, 700], fill=(74, 82, 99))
    portrait.save(images / "portrait-exemple.png", "PNG")


# The media library of the export, for the uploads the corpus links on its own
# host (the others stay hot-linked, as in a real export): made with Pillow.
UPLOADS = {
    "2016/10/tableau.jpg": (1600, 1200),
    "2016/10/tableau-640x480.jpg": (640, 480),
    "2016/10/salle-300x200.jpg": (300, 200),
    "2016/10/salle.jpg": (1200, 800),  # WordPress keeps the original of each thumbnail
}


def make_uploads(content: Path) -> None:
    from PIL import Image, ImageDraw  # noqa: PLC0415

    for relpath, (width, height) in UPLOADS.items():
        path = content / "wp-content" / "uploads" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (width, height), (11, 92, 138))
        draw = ImageDraw.Draw(image)
        for x in range(0, width, max(width // 8, 1)):
            draw.rectangle([x, 0, x + width // 16, height], fill=(243, 246, 249))
        image.save(path, "JPEG", quality=80)


def build_corpus_site(work: Path, facts: bool = False, **overrides):
    """Build the corpus site into `work/output`; returns (BuildResult, log text)."""
    from sitetools.build import build  # noqa: PLC0415

    content = work / "content"
    if content.exists():
        shutil.rmtree(content)
    lay_out(content, facts)
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(work / "output"),
        "SITEURL": "",
        "FEED_DOMAIN": "",
        "CACHE_PATH": str(work / "cache"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "SERVICES": SERVICES,
        "NAV_ORDER_BY_SLUG": MENU,
        **(EXAMPLE_FACTS if facts else {}),
        **overrides,
    }
    log = io.StringIO()
    result = build(ROOT / "publishconf.py", overrides=settings, stream=log)
    return result, log.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", help="folder for content/ and output/")
    parser.add_argument("--facts", action="store_true", help="fill in the example facts")
    args = parser.parse_args(argv)
    result, log = build_corpus_site(Path(args.work), facts=args.facts)
    print(log.splitlines()[-1] if log else "")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
