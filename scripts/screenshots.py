"""Screenshots of the theme for the README, at phone, tablet and desktop widths.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png

Builds, in a scratch folder, with the publish settings: the site of content/
(the seed page), and the regression corpus site (scripts/corpus_site.py) twice,
with no owner fact set and with the example facts filled in; then shoots each
page of SHOTS full length in Debian's Chromium, and writes one share image.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "plugins")]

from sitetools.budget_tools import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

WIDTHS = {"390": (390, 844), "768": (768, 1024), "1280": (1280, 800)}
# (site, URL path, file name, widths)
SHOTS = [
    ("seed", "/", "accueil", ("390", "1280")),
    ("seed", "/medias-sociaux-et-community-management/", "medias-sociaux", ("390", "1280")),
    ("corpus", "/", "corpus-accueil", ("390", "768", "1280")),
    ("corpus", "/blog/mesurer-la-vitesse-de-son-site/", "corpus-article-large", ("390", "1280")),
    ("corpus", "/blog/", "corpus-blog", ("390", "1280")),
    ("corpus", "/mentions-legales/", "corpus-mentions-legales", ("390", "768", "1280")),
    ("facts", "/", "faits-accueil", ("390", "768", "1280")),
    ("facts", "/fr-v2-seed-like/", "faits-service", ("390", "768", "1280")),
    ("facts", "/mentions-legales/", "faits-mentions-legales", ("390", "768", "1280")),
]


def build_sites(work: Path) -> dict[str, Path]:
    from corpus_site import build_corpus_site  # noqa: PLC0415

    from sitetools.build import build  # noqa: PLC0415

    seed = work / "seed"
    result = build(
        ROOT / "publishconf.py",
        overrides={"SITEURL": "", "FEED_DOMAIN": "", "OUTPUT_PATH": str(seed / "output")},
    )
    assert result.ok, "the site of content/ did not build"
    for name, facts in (("corpus", False), ("facts", True)):
        result, log = build_corpus_site(work / name, facts=facts)
        assert result.ok, log
    return {name: work / name / "output" for name in ("seed", "corpus", "facts")}


def main() -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    from share_images.draw import share_image  # noqa: PLC0415

    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    try:
        sites = build_sites(work)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for site, output in sites.items():
                with served(output) as base:
                    for shot_site, path, name, widths in SHOTS:
                        if shot_site != site:
                            continue
                        for width in widths:
                            w, h = WIDTHS[width]
                            page = browser.new_page(viewport={"width": w, "height": h})
                            page.goto(base + path)
                            page.screenshot(
                                path=str(target / f"{name}-{width}.png"), full_page=True
                            )
                            page.close()
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    title = "Médias sociaux et community management\u202f: l’œil de l’expert"
    (target / "partage-exemple.png").write_bytes(
        share_image(title, "Votre Coach Web", "votrecoachweb.com")
    )
    print(f"screenshots in {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
