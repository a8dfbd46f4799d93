"""Measure every page of a built site against the theme's budgets.

    .venv/bin/python scripts/budgets.py [output] [--no-lighthouse] [--json FILE]

Per page: Lighthouse mobile scores (performance, accessibility, best practices,
SEO: all must be 100), axe-core violations (WCAG 2.2 AA rules: 0), Nu Html
Checker errors (0), HTML + CSS needed for the first render, gzip-compressed
(<= 14 KB, one TCP initial congestion window), requests to other hosts (0)
and cumulative layout shift (0). Prints one line per page and a summary;
exits 1 when any budget is broken. Tools come from package.json (npm) and
Debian (chromium, java); nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitetools.budget_tools import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

NODE_BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CRITICAL_BUDGET = 14 * 1024


@dataclass
class PageResult:
    page: str
    scores: dict[str, int] = field(default_factory=dict)
    axe: list[str] = field(default_factory=list)
    nu: list[str] = field(default_factory=list)
    critical_bytes: int = 0
    external: list[str] = field(default_factory=list)
    cls: float = 0.0

    def broken(self) -> list[str]:
        problems = [f"{name} {score}" for name, score in self.scores.items() if score < 100]
        problems += [f"axe: {v}" for v in self.axe] + [f"nu: {e}" for e in self.nu]
        if self.critical_bytes > CRITICAL_BUDGET:
            problems.append(f"critical {self.critical_bytes} B > {CRITICAL_BUDGET} B")
        problems += [f"external request {url}" for url in self.external]
        if self.cls > 0:
            problems.append(f"CLS {self.cls:.3f}")
        return problems

    def line(self) -> str:
        scores = " ".join(f"{name[:4]} {score:3d}" for name, score in self.scores.items())
        return (
            f"{self.page:48s} {scores or 'lighthouse skipped':36s} axe {len(self.axe)} "
            f"nu {len(self.nu)} critical {self.critical_bytes / 1024:5.1f} KB "
            f"ext {len(self.external)} CLS {self.cls:.3f}"
        )


def site_pages(output: Path) -> list[str]:
    """Output-relative HTML pages, redirect stubs for old addresses left out."""
    pages = []
    for path in sorted(output.rglob("*.html")):
        head = path.read_text("utf-8", errors="replace")[:2000].lower()
        if 'http-equiv="refresh"' in head or "http-equiv=refresh" in head:
            continue
        pages.append(path.relative_to(output).as_posix())
    return pages


def url_path(page: str) -> str:
    return "/" + page.removesuffix("index.html")


def critical_bytes(output: Path, page: str) -> int:
    """gzip size of the HTML plus the stylesheets it loads for screens."""
    html = (output / page).read_bytes()
    total = len(gzip.compress(html, compresslevel=6))
    soup = BeautifulSoup(html, "lxml")
    for link in soup.find_all("link", rel="stylesheet"):
        if link.get("media") == "print":
            continue
        href = urlsplit(link["href"]).path.lstrip("/")
        css = output / href
        if css.is_file():
            total += len(gzip.compress(css.read_bytes(), compresslevel=6))
    return total


def nu_errors(output: Path, pages: list[str]) -> dict[str, list[str]]:
    files = [str(output / page) for page in pages]
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    found: dict[str, list[str]] = {page: [] for page in pages}
    for message in json.loads(run.stderr or '{"messages": []}')["messages"]:
        page = Path(urlsplit(message.get("url", "")).path).relative_to(output).as_posix()
        found.setdefault(page, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return found


def lighthouse(url: str) -> tuple[dict[str, int], float, list[str]]:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    run = subprocess.run(
        [
            str(NODE_BIN / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if run.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {run.stderr[-1000:]}")
    report = json.loads(run.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    cls = report["audits"]["cumulative-layout-shift"].get("numericValue", 0.0)
    items = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    hosts = [i["url"] for i in items if urlsplit(i["url"]).hostname not in {"127.0.0.1", None}]
    return scores, cls, [u for u in hosts if not u.startswith("data:")]


def browser_checks(base: str, pages: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    """axe-core violations and requests to other hosts, per page, in Chromium."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_name in pages:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            requested: list[str] = []
            page.on("request", lambda r, seen=requested: seen.append(r.url))
            page.goto(base + url_path(page_name), wait_until="load")
            page.add_script_tag(path=str(AXE))
            outcome = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
            )
            violations = [f"{v['id']} ({len(v['nodes'])} nodes)" for v in outcome["violations"]]
            others = [u for u in requested if urlsplit(u).hostname not in {"127.0.0.1", None}]
            results[page_name] = (violations, [u for u in others if not u.startswith("data:")])
            page.close()
        browser.close()
    return results


def measure(output: Path, with_lighthouse: bool = True) -> list[PageResult]:
    pages = site_pages(output)
    results = {page: PageResult(page) for page in pages}
    for page, errors in nu_errors(output, pages).items():
        if page in results:
            results[page].nu = errors
    with served(output) as base:
        for page, (violations, external) in browser_checks(base, pages).items():
            results[page].axe, results[page].external = violations, external
        for page in pages:
            results[page].critical_bytes = critical_bytes(output, page)
            if with_lighthouse:
                scores, cls, external = lighthouse(base + url_path(page))
                results[page].scores, results[page].cls = scores, cls
                results[page].external += [u for u in external if u not in results[page].external]
    return list(results.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "output"))
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the slowest tool")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = measure(Path(args.output), with_lighthouse=not args.no_lighthouse)
    broken = 0
    for result in results:
        print(result.line())
        for problem in result.broken():
            print(f"    BUDGET BROKEN: {problem}")
        broken += bool(result.broken())
    worst = max((r.critical_bytes for r in results), default=0)
    print(
        f"budgets: {len(results)} pages, {broken} over budget, "
        f"largest critical HTML+CSS {worst / 1024:.1f} KB gzip"
    )
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
