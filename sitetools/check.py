"""Static checks over a built site: links, assets, titles, descriptions, alt text.

Pure functions over HTML text (fed one page at a time) plus `check_site`, which
walks an output folder. The browser and validator budgets (Nu, axe-core, the
14 KB critical size) come from scripts/budgets.py; `run_check` (`invoke check`)
runs both: the static checks always, each budget when its tools are installed
(scripts/budgets.py says in one line what it skipped and how to install it).
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

DESCRIPTION_MAX = 160
# Pages that are not content: they need no chapo and no description.
SERVICE_EXEMPT = {"404.html", "index.html", "mentions-legales/index.html"}


@dataclass
class Report:
    """Problems by category; errors fail `invoke check`, warnings do not."""

    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    warnings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def error(self, category: str, where: str, problem: str) -> None:
        self.errors[category].append(f"{where}: {problem}")

    def warn(self, category: str, where: str, problem: str) -> None:
        self.warnings[category].append(f"{where}: {problem}")

    def merge(self, other: Report) -> None:
        for mine, theirs in ((self.errors, other.errors), (self.warnings, other.warnings)):
            for category, items in theirs.items():
                mine[category].extend(items)

    @property
    def ok(self) -> bool:
        return not any(self.errors.values())


def page_url(relpath: str) -> str:
    """The URL a file is served at: `a/index.html` -> `/a/`."""
    url = "/" + relpath
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


def local_target(href: str, page: str, site_hosts: set[str]) -> str | None:
    """The output-relative path a link points to, or None when it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme in {"mailto", "tel", "javascript", "data"}:
        return None
    if parts.netloc and parts.netloc not in site_hosts:
        return None
    path = unquote(parts.path)
    if not path:
        return None  # "#anchor" or "?query" on the same page
    if not path.startswith("/"):
        path = posixpath.join(posixpath.dirname(page_url(page)), path)
    folder = path.endswith("/")
    path = posixpath.normpath(path).lstrip("/")
    return f"{path}/" if folder and path else path


def exists_in(output: Path, target: str) -> bool:
    candidate = output / target
    return candidate.is_file() or (candidate / "index.html").is_file()


def check_page(relpath: str, html: str, output: Path, site_hosts: set[str]) -> Report:
    report = Report()
    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(strip=True) if soup.title else ""
    if not title:
        report.error("titles", relpath, "no <title>")
    description = soup.find("meta", attrs={"name": "description"})
    text = (description.get("content") or "").strip() if description else ""
    if not text and relpath != "404.html":
        report.error("descriptions", relpath, 'no <meta name="description">')
    elif len(text) > DESCRIPTION_MAX:
        report.warn("long descriptions", relpath, f"description has {len(text)} characters")
    for image in soup.find_all("img"):
        if image.get("alt") is None:
            report.error(
                "images without alt", relpath, f"<img src={image.get('src')!r}> has no alt"
            )
    for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
        for element in soup.find_all(tag):
            href = element.get(attribute)
            target = local_target(href, relpath, site_hosts) if href else None
            if target is not None and not exists_in(output, target):
                category = "broken links" if tag == "a" else "missing assets"
                report.error(category, relpath, f"{href} not found")
    if relpath not in SERVICE_EXEMPT and not soup.select(".chapo"):
        report.warn("pages without chapo", relpath, "no lead paragraph (chapo)")
    return report


def check_site(output: Path, site_hosts: set[str]) -> Report:
    report = Report()
    canonicals: dict[str, list[str]] = defaultdict(list)
    for path in sorted(output.rglob("*.html")):
        relpath = path.relative_to(output).as_posix()
        html = path.read_text(encoding="utf-8", errors="replace")
        if "http-equiv=refresh" in html.replace('"', "").lower():
            continue  # redirect stubs for old WordPress addresses
        report.merge(check_page(relpath, html, output, site_hosts))
        canonical = BeautifulSoup(html, "lxml").find("link", rel="canonical")
        if canonical and canonical.get("href"):
            canonicals[canonical["href"]].append(relpath)
    for url, pages in canonicals.items():
        if len(pages) > 1:
            report.error("duplicate URLs", ", ".join(pages), f"all claim canonical {url}")
    return report


def format_report(report: Report, shown: int = 3) -> list[str]:
    """One line per category: count, then the first offenders."""
    lines = []
    for level, problems in (("error", report.errors), ("warning", report.warnings)):
        for category, items in sorted(problems.items()):
            if items:
                first = "; ".join(items[:shown]) + (" …" if len(items) > shown else "")
                lines.append(f"{level}: {category}: {len(items)} — {first}")
    return lines


def run_check(
    root: Path, output: Path, report_path: Path, site_hosts: set[str], lighthouse: bool = False
) -> bool:
    """Static checks, then scripts/budgets.py; print one line per category; write the report."""
    if not output.is_dir():
        print(f"check: {output.name}/ does not exist: build the site first (python3 dev.py build)")
        return False
    result = check_site(output, site_hosts)
    print("\n".join(format_report(result)) or "static checks: no problem found", flush=True)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    full = "\n".join(format_report(result, shown=10**9))
    report_path.write_text(full + "\n", encoding="utf-8")
    figures = report_path.with_suffix(".json")
    command = [sys.executable, str(root / "scripts" / "budgets.py"), str(output)]
    command += ["--json", str(figures)] + ([] if lighthouse else ["--no-lighthouse"])
    try:
        budgets_ok = subprocess.run(command, cwd=root, check=False).returncode == 0
    except OSError as error:
        print(f"check: scripts/budgets.py could not run: {error}")
        budgets_ok = False
    shown = [report_path, figures] if figures.exists() else [report_path]
    print("full report: " + " and ".join(str(p.relative_to(root)) for p in shown))
    return result.ok and budgets_ok
