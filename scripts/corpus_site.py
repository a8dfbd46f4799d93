"""Build a site from the regression corpus (tests/corpus/), laid out as the exporter does.

    .venv/bin/python scripts/corpus_site.py OUTPUT [--facts]

Posts (`layout: post`) go to `_posts/`, pages to the root of content/, the
front page fixture `tests/fixtures/export/accueil.md` becomes the home page's
text, four French pages are the services and seven pages are in the menu.
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
}
POST = re.compile(r"^layout:\s*post\s*$", re.M)


def lay_out(content: Path) -> None:
    """Copy the corpus into `content` where the exporter would have put each file."""
    posts = content / "_posts"
    posts.mkdir(parents=True, exist_ok=True)
    for source in sorted(CORPUS.glob("*.md")):
        front = source.read_text("utf-8", errors="replace").split("\n---", 1)[0]
        target = posts if POST.search(front) else content
        shutil.copy2(source, target / source.name)
    shutil.copy2(FRONT_PAGE, content / "accueil.md")


def build_corpus_site(work: Path, facts: bool = False, **overrides):
    """Build the corpus site into `work/output`; returns (BuildResult, log text)."""
    from sitetools.build import build  # noqa: PLC0415

    content = work / "content"
    if content.exists():
        shutil.rmtree(content)
    lay_out(content)
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(work / "output"),
        "SITEURL": "",
        "FEED_DOMAIN": "",
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
