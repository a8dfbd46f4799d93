"""Helpers for the benchmarks: generate pages shaped like the seed, build them."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "pages" / "medias-sociaux-et-community-management.md"


def generate_pages(content: Path, count: int) -> list[Path]:
    """`count` exported pages: the seed with its own id, title, guid and file name."""
    seed = SEED.read_text(encoding="utf-8")
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        text = re.sub(r"^id: \d+", f"id: {1000 + number}", seed, count=1, flags=re.M)
        text = re.sub(r"^title: (.*)$", rf"title: \1 {number}", text, count=1, flags=re.M)
        text = text.replace("?page_id=20", f"?page_id={1000 + number}")
        path = pages / f"page-{number:04d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def site_settings(folder: Path, content: Path, output: Path, base: str = "pelicanconf") -> Path:
    """A settings file: this site's settings with content and output moved to `folder`."""
    path = folder / f"bench_{base}.py"
    path.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"from {base} import *\n"
        f"PATH = {str(content)!r}\n"
        f"OUTPUT_PATH = {str(output)!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"CACHE_PATH = {str(folder / 'cache')!r}\n"
    )
    return path


def plain_settings(folder: Path, content: Path, output: Path) -> Path:
    """Plain Pelican: default theme and readers, no plugins, no quadratic page menu."""
    path = folder / "bench_plain.py"
    path.write_text(
        f"PATH = {str(content)!r}\n"
        f"OUTPUT_PATH = {str(output)!r}\n"
        "SITENAME = 'Plain'\n"
        "PAGE_PATHS = ['pages']\n"
        "DISPLAY_PAGES_ON_MENU = False\n"
        "PLUGINS = []\n"
        "TYPOGRIFY = True\n"
        "FEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\n"
        "LOAD_CONTENT_CACHE = False\n"
        f"CACHE_PATH = {str(folder / 'cache-plain')!r}\n"
    )
    return path


def timed(command: list[str]) -> float:
    """Wall time of a command run in a fresh process (imports included, as a person waits)."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"benchmark build failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    return elapsed


def this_site_build(settings: Path) -> list[str]:
    return [sys.executable, "-m", "sitetools.build", "--settings", str(settings)]


def plain_build(settings: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", "-s", str(settings), "-q"]
