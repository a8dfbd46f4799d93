"""Measure every page of a built site against the theme's budgets.

    .venv/bin/python scripts/budgets.py [FOLDER] [--lighthouse-pages P,P] [--no-lighthouse]
                                        [--json FILE]

FOLDER is any built site (default output/). Per page: Lighthouse mobile scores
(performance, accessibility, best practices, SEO: all must be 100), axe-core
violations (WCAG 2.2 AA rules: 0), no horizontal overflow at 320 and 390 px
(the page is never wider than the screen), Nu Html Checker errors (0), HTML +
CSS needed for the first render, gzip-compressed (<= 14 KB, one TCP initial
congestion window), requests to other hosts (0) and cumulative layout shift
(0). Lighthouse, the slowest, runs on every page or only on those named by
--lighthouse-pages (output-relative, e.g. `index.html,blog/x/index.html`).
Prints one line per page and a summary; exits 1 when any budget is broken.
Tools come from package.json (npm) and Debian (chromium, java); nothing is
downloaded at run time.

A budget whose tools are missing is skipped with one line naming them and the
command that installs them, or, in CI (CI=true) and the test suite
(BUDGETS_REQUIRE_TOOLS=1), is an error (exit 2). A tool that crashes or prints
something unexpected is one line too, never a traceback.
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

from sitetools.budget_tools import AXE as AXE_BUDGET  # noqa: E402
from sitetools.budget_tools import (  # noqa: E402
    CHROMIUM_ARGS,
    INSTALL_COMMAND,
    LIGHTHOUSE,
    NU,
    chromium_path,
    served,
    skip_line,
    tools_missing,
    tools_required,
)

NODE_BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CRITICAL_BUDGET = 14 * 1024
OVERFLOW_WIDTHS = (320, 390)  # the narrowest phones in use, and a common one


@dataclass
class PageResult:
    page: str
    scores: dict[str, int] = field(default_factory=dict)
    axe: list[str] | None = None  # None: not measured (tools missing or broken)
    nu: list[str] | None = None
    critical_bytes: int = 0
    external: list[str] = field(default_factory=list)
    cls: float = 0.0
    overflow: list[str] = field(default_factory=list)  # "320 px: 2300 px wide (pre)"
    lighthouse_runs: int = 0  # 1 unless a run under 100 was measured again

    def broken(self) -> list[str]:
        problems = [f"{name} {score}" for name, score in self.scores.items() if score < 100]
        problems += [f"axe: {v}" for v in self.axe or []] + [f"nu: {e}" for e in self.nu or []]
        if self.critical_bytes > CRITICAL_BUDGET:
            problems.append(f"critical {self.critical_bytes} B > {CRITICAL_BUDGET} B")
        problems += [f"external request {url}" for url in self.external]
        if self.cls > 0:
            problems.append(f"CLS {self.cls:.3f}")
        problems += [f"horizontal overflow at {width}" for width in self.overflow]
        return problems

    def line(self) -> str:
        scores = " ".join(f"{name[:4]} {score:3d}" for name, score in self.scores.items())
        axe = "-" if self.axe is None else len(self.axe)
        nu = "-" if self.nu is None else len(self.nu)
        return (
            f"{self.page:48s} {scores or 'lighthouse skipped':36s} axe {axe} "
            f"nu {nu} critical {self.critical_bytes / 1024:5.1f} KB "
            f"ext {len(self.external)} CLS {self.cls:.3f} "
            f"overflow {len(self.overflow) if self.axe is not None else '-'}"
            + (
                f" (best of {self.lighthouse_runs} Lighthouse runs)"
                if self.lighthouse_runs > 1
                else ""
            )
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


class ToolFailure(Exception):
    """A tool that is installed but crashed or answered something unexpected (one line)."""


def first_line(text: str, limit: int = 100) -> str:
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


@dataclass
class Measurement:
    pages: list[PageResult]
    skipped: dict[str, list[str]] = field(default_factory=dict)  # budget -> missing tools
    failed: dict[str, str] = field(default_factory=dict)  # budget -> what went wrong


def nu_errors(output: Path, pages: list[str]) -> dict[str, list[str]]:
    files = [str(output / page) for page in pages]
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files]
    try:
        run = subprocess.run(
            command, capture_output=True, text=True, errors="replace", check=False, timeout=600
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise ToolFailure(f"java could not be started ({error})") from None
    try:
        messages = json.loads(run.stderr)["messages"]
        found: dict[str, list[str]] = {page: [] for page in pages}
        for message in messages:
            where = Path(urlsplit(message.get("url", "")).path)
            page = where.relative_to(output.resolve()) if where.is_absolute() else where
            found.setdefault(page.as_posix(), []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    except (ValueError, KeyError, TypeError, AttributeError):
        said = first_line(run.stderr) or first_line(run.stdout) or "nothing"
        raise ToolFailure(
            f"`java -jar vnu.jar` gave no report (exit {run.returncode}), it printed: {said}"
        ) from None
    return found


def lighthouse(url: str) -> tuple[dict[str, int], float, list[str]]:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    try:
        run = subprocess.run(
            [
                str(NODE_BIN / "lighthouse"),
                url,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                f"--chrome-path={chromium_path()}",
                f"--chrome-flags={flags}",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise ToolFailure(f"lighthouse could not run on {url} ({error})") from None
    try:
        report = json.loads(run.stdout)
        scores = {n: round(100 * (report["categories"][n]["score"] or 0)) for n in CATEGORIES}
        cls = report["audits"]["cumulative-layout-shift"].get("numericValue", 0.0)
        audits = report["audits"].get("network-requests", {})
        items = audits.get("details", {}).get("items", [])
    except (ValueError, KeyError, TypeError, AttributeError):
        said = first_line(run.stderr[-2000:]) or first_line(run.stdout) or "nothing"
        raise ToolFailure(
            f"lighthouse gave no report on {url} (exit {run.returncode}), it printed: {said}"
        ) from None
    hosts = [i["url"] for i in items if urlsplit(i["url"]).hostname not in {"127.0.0.1", None}]
    return scores, cls, [u for u in hosts if not u.startswith("data:")]


def browser_checks(
    base: str, pages: list[str]
) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """axe-core violations, requests to other hosts and overflow widths, per page, in Chromium."""
    from playwright.sync_api import Error as PlaywrightError  # noqa: PLC0415
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            for page_name in pages:
                results[page_name] = axe_page(browser, base, page_name)
            browser.close()
    except PlaywrightError as error:
        raise ToolFailure(f"Chromium failed: {first_line(str(error))}") from None
    return results


# The page's width beyond the screen, and the element that sticks out the most.
OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  let widest = null, right = width;
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect().right;
    if (r > right + 0.5) { right = r; widest = e; }
  }
  const name = widest
    ? widest.tagName.toLowerCase() + (widest.className ? '.' + widest.className : '') : '';
  return [document.documentElement.scrollWidth - width, name];
}"""


def overflow_at(page, widths=OVERFLOW_WIDTHS) -> list[str]:
    """Widths at which the page scrolls sideways, each with what sticks out."""
    found = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 740})
        extra, culprit = page.evaluate(OVERFLOW_SCRIPT)
        if extra > 0:
            found.append(f"{width} px: {extra} px too wide ({culprit or 'page'})")
    return found


def axe_page(browser, base: str, page_name: str) -> tuple[list[str], list[str], list[str]]:
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
    overflow = overflow_at(page)
    page.close()
    return violations, [u for u in others if not u.startswith("data:")], overflow


def measure(
    output: Path, with_lighthouse: bool = True, lighthouse_pages: list[str] | None = None
) -> Measurement:
    pages = site_pages(output)
    done = Measurement([PageResult(page) for page in pages])
    wanted = [NU, AXE_BUDGET] + ([LIGHTHOUSE] if with_lighthouse else [])
    for budget in wanted:
        missing = tools_missing(budget, ROOT)
        if missing:
            done.skipped[budget] = missing
    for result in done.pages:
        result.critical_bytes = critical_bytes(output, result.page)
    runnable = [b for b in wanted if b not in done.skipped]
    if NU in runnable:
        run_budget(done, NU, lambda: record_nu(done, output))
    if AXE_BUDGET in runnable or LIGHTHOUSE in runnable:
        with served(output) as base:
            if AXE_BUDGET in runnable:
                run_budget(done, AXE_BUDGET, lambda: record_axe(done, base))
            if LIGHTHOUSE in runnable:
                named = lighthouse_pages
                run_budget(done, LIGHTHOUSE, lambda: record_lighthouse(done, base, named))
    return done


def run_budget(done: Measurement, budget: str, measure_it) -> None:
    try:
        measure_it()
    except ToolFailure as failure:
        done.failed[budget] = str(failure)


def record_nu(done: Measurement, output: Path) -> None:
    found = nu_errors(output, [r.page for r in done.pages])
    for result in done.pages:
        result.nu = found.get(result.page, [])


def record_axe(done: Measurement, base: str) -> None:
    found = browser_checks(base, [r.page for r in done.pages])
    for result in done.pages:
        result.axe, result.external, result.overflow = found[result.page]


# Lighthouse's performance score varies from run to run on a busy machine (its
# simulated timings scale with the CPU time the page's tasks took): a page under
# 100 is measured again, up to LIGHTHOUSE_RUNS times in all, and its best run kept.
LIGHTHOUSE_RUNS = 3


def best_lighthouse(url: str) -> tuple[dict[str, int], float, list[str], int]:
    """The best of up to LIGHTHOUSE_RUNS runs (by total score), and how many ran."""
    runs = [lighthouse(url)]
    while len(runs) < LIGHTHOUSE_RUNS and any(v < 100 for v in runs[-1][0].values()):
        runs.append(lighthouse(url))
    scores, cls, external = max(runs, key=lambda found: sum(found[0].values()))
    return scores, cls, external, len(runs)


def record_lighthouse(done: Measurement, base: str, named: list[str] | None = None) -> None:
    known = {r.page for r in done.pages}
    unknown = [page for page in named or [] if page not in known]
    if unknown:
        raise ToolFailure(f"--lighthouse-pages names pages the site does not have: {unknown}")
    for result in done.pages:
        if named is not None and result.page not in named:
            continue
        scores, cls, external, runs = best_lighthouse(base + url_path(result.page))
        result.scores, result.cls, result.lighthouse_runs = scores, cls, runs
        result.external += [u for u in external if u not in result.external]


def report(done: Measurement, required: bool) -> tuple[list[str], int]:
    """The lines to print and the exit code: 1 budget broken, 2 a required tool did not run."""
    lines, broken = [], 0
    for result in done.pages:
        lines.append(result.line())
        lines += [f"    BUDGET BROKEN: {problem}" for problem in result.broken()]
        broken += bool(result.broken())
    worst = max((r.critical_bytes for r in done.pages), default=0)
    lines.append(
        f"budgets: {len(done.pages)} pages, {broken} over budget, "
        f"largest critical HTML+CSS {worst / 1024:.1f} KB gzip"
    )
    if required:
        for name, why in done.skipped.items():
            lines.append(
                f"error: {name} cannot run: {', '.join(why)} "
                f"(CI and the tests run every budget; install: {INSTALL_COMMAND})"
            )
        lines += [f"error: {name} did not run: {why}" for name, why in done.failed.items()]
    else:
        lines += [f"not checked: {name}: {why}" for name, why in done.failed.items()]
        if done.skipped:
            lines.append(skip_line(done.skipped))
    if broken:
        return lines, 1
    return lines, 2 if required and (done.skipped or done.failed) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "output"))
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the slowest tool")
    parser.add_argument(
        "--lighthouse-pages",
        help="comma-separated output-relative pages to run Lighthouse on (default: every page)",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    output = Path(args.output)
    if not output.is_dir():
        print(f"budgets: {output} does not exist: build the site first")
        return 2
    try:
        named = args.lighthouse_pages.split(",") if args.lighthouse_pages else None
        done = measure(output, with_lighthouse=not args.no_lighthouse, lighthouse_pages=named)
    except Exception as error:  # never a traceback for the site owner: one line
        print(
            f"budgets: could not measure {output}: {type(error).__name__}: {first_line(str(error))}"
        )
        return 2
    lines, code = report(done, tools_required())
    print("\n".join(lines), flush=True)
    if args.json:
        figures = {
            "pages": [asdict(r) for r in done.pages],
            "skipped": done.skipped,
            "failed": done.failed,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    return code


if __name__ == "__main__":
    sys.exit(main())
