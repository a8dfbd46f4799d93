"""Helpers for the benchmarks: generate pages (seed-shaped or real-shaped), build them."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "medias-sociaux-et-community-management.md"
# The migration's regression corpus: exporter files of both generations, four
# languages, shortcodes, page-builder leftovers, code, captions (see bench/fidelity.py).
CORPUS = ROOT / "tests" / "corpus"
POST_LAYOUT = re.compile(r"^layout:\s*['\"]?post\b", re.M)  # the exporter's posts


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


def generate_real_pages(content: Path, count: int) -> list[Path]:
    """`count` exported files made from the corpus files in turn, each with its own
    id, guid, permalink and file name, so no two claim the same address. Posts
    (`layout: post`) go to _posts/ and pages to pages/, as the exporter writes them."""
    sources = sorted(CORPUS.glob("*.md"))
    for folder in ("pages", "_posts"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    texts = [source.read_text(encoding="utf-8") for source in sources]
    paths = []
    for number in range(1, count + 1):
        index = (number - 1) % len(sources)
        page_id = 100000 + number
        # Exporter v2 writes `id:`, v1 `ID:`; a v1 permalink may be folded (`permalink: >`).
        text = re.sub(r"^(id|ID): \d+", rf"\1: {page_id}", texts[index], count=1, flags=re.M)
        text = re.sub(r"\?(p|page_id)=\d+", rf"?\1={page_id}", text)
        text = re.sub(r"^(permalink: (?:>\n\s+)?\S+?)/$", rf"\1-{number}/", text, flags=re.M)
        folder = "_posts" if POST_LAYOUT.search(text) else "pages"
        path = content / folder / f"{sources[index].stem}-{number:05d}.md"
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


def plain_settings(folder: Path, content: Path, output: Path, cache: bool = False) -> Path:
    """Plain Pelican: default theme, the YAML front-matter reader, no quadratic page menu;
    `cache`: with Pelican's content cache (reader level, its default layer)."""
    path = folder / ("bench_plain_cached.py" if cache else "bench_plain.py")
    path.write_text(
        f"PATH = {str(content)!r}\n"
        f"OUTPUT_PATH = {str(output)!r}\n"
        "SITENAME = 'Plain'\n"
        "PAGE_PATHS = ['pages']\n"
        "DISPLAY_PAGES_ON_MENU = False\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}, {str(ROOT / 'bench')!r}]\n"
        "PLUGINS = ['yaml_markdown', 'plain_yaml']\n"  # the YAML reader (see bench/plain_yaml)
        "SLUGIFY_SOURCE = 'basename'\n"  # file names, as this site: no two pages collide
        "TYPOGRIFY = True\n"
        "FEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\n"
        f"LOAD_CONTENT_CACHE = {cache}\n"
        f"CACHE_CONTENT = {cache}\n"
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
