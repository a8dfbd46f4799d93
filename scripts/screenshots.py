"""Screenshots of the built site at phone and desktop widths, for the README.

.venv/bin/python scripts/screenshots.py [output]   # writes docs/screenshots/*.png
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitetools.budget_tools import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

PAGES = {"accueil": "/", "medias-sociaux": "/medias-sociaux-et-community-management/"}
WIDTHS = {"390": (390, 844), "1280": (1280, 800)}


def main() -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    with served(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            for width, (w, h) in WIDTHS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(base + path)
                page.screenshot(path=str(target / f"{name}-{width}.png"), full_page=True)
                page.close()
        browser.close()
    print(f"screenshots in {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
