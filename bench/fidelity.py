"""How faithfully WordPress exports come out of the migration, per file and in total.

    .venv/bin/python bench/fidelity.py [FOLDER] [--no-nu] [--no-axe] [--json FILE]

FOLDER (default tests/corpus/) is any folder of exporter files: the regression
corpus, or a site owner's full export. Every `.md` file with a front matter is
built once with the site's own settings, then read back:

- words: share of the body's words found on the page, in the same multiset
  (image alt text counts, link targets and shortcode syntax are not text);
- style: `style=` attributes left in the migrated markup;
- debris: visible markup outside <pre>/<code>, by kind (Markdown syntax, tags,
  entities, shortcode syntax);
- warnings by kind, and errors;
- Nu errors and axe-core violations of the migrated markup alone (wrapped in a
  minimal valid document, so theme problems are not counted here).

Nu needs java and node_modules/vnu-jar, axe needs /usr/bin/chromium and
node_modules/axe-core; when one is missing its column is skipped with one line
saying so. Prints one line per file, then the totals.
"""

from __future__ import annotations

import argparse
import html as entities
import io
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from _sites import POST_LAYOUT  # noqa: E402 - bench/ is on the path when run as a script
from pelican import signals  # noqa: E402

from sitetools.build import build  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

WORD = re.compile(r"[^\W_]+")  # letters and digits: "_" is Markdown emphasis
SHORTCODE_SYNTAX = re.compile(r"\\?\[/?[A-Za-z][\w-]*(?:\s[^\]\n]*)?/?\\?\]")
MARKDOWN_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
ORDERED_ITEM = re.compile(r"^ {0,3}\d+\.(?=\s)", re.M)
ESCAPED_COMMENT = re.compile(r"&lt;!--.*?--&gt;", re.S)
WARNING_LINE = re.compile(
    r"^(?P<path>\S+?\.md)(?::(?P<line>\d+))?: (?P<level>warning|error): (?P<msg>.*)$"
)

DEBRIS = {
    "markdown": re.compile(
        r"\*\*\S[^*\n]*\*\*|__\S[^_\n]*__|(?<![\w*])\*[^\s*][^*\n]*\*(?![\w*])"
        r"|(?<!\w)_[^\s_][^_\n]*_(?!\w)|\[[^\]\n]+\]\([^)\n]*\)|\[[^/\]\n][^\]\n]*\]\[[^/\]\n=]*\]"
        r"|^\s*#{1,6}\s|^\s*\[[^\]\n]+\]:\s*\S|!\[|^\s*[-=]{3,}\s*$|`[^`\n]+`",
        re.M,
    ),
    "tag": re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--|-->|<!\["),
    "entity": re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});"),
    "shortcode": re.compile(
        r"\[/[A-Za-z][\w-]*\]|\[[A-Za-z][\w-]*\s+[\w-]+\s*=[^\]\n]*\]"
        r"|\[(?:caption|embed|gallery|video|audio|sourcecode|code|php|css|pastacode)\]"
    ),
}
# Warnings that say some text was taken out on purpose.
ANNOUNCING = re.compile(r"removed|not migrated|dropped|never closed|flattened")


@dataclass
class FileResult:
    name: str
    source_words: int = 0
    kept_words: int = 0
    lost: list[str] = field(default_factory=list)
    style: int = 0
    structure: dict[str, int] = field(default_factory=dict)
    debris: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    nu: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    page: str = ""

    @property
    def kept_share(self) -> float:
        return self.kept_words / self.source_words if self.source_words else 1.0

    @property
    def announced_loss(self) -> bool:
        return any(ANNOUNCING.search(w) for w in self.warnings)


@dataclass
class Report:
    files: list[FileResult]
    skipped: list[str] = field(default_factory=list)
    log: str = ""


# --- pure parts ------------------------------------------------------------------


def split_export(text: str) -> tuple[str, str] | None:
    """(front matter, body) of an exporter file, or None when it has no front matter."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return None
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        return None
    return text[4 : 4 + end.start()], text[4 + end.end() :].lstrip("\n")


def text_words(html: str) -> list[str]:
    """Visible words of an HTML fragment, image alt text included."""
    soup = BeautifulSoup(html, "lxml")
    for node in soup.find_all(["style", "script", "xml"]):
        node.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for image in soup.find_all("img"):
        image.replace_with(f" {image.get('alt', '')} ")
    return WORD.findall(soup.get_text(" "))


def body_words(body: str) -> list[str]:
    """Words an exported body shows: no link targets, shortcode syntax or Word comments."""
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    body = ESCAPED_COMMENT.sub(" ", body)
    body = REFERENCE_DEFINITION.sub(" ", body)
    body = MARKDOWN_TARGET.sub("] ", body)
    body = re.sub(r"\]\[[^\]\n]*\]", "] ", body)  # [text][ref]
    body = SHORTCODE_SYNTAX.sub(" ", body)
    body = ORDERED_ITEM.sub(" ", body)  # "1. " is a list marker, not text
    return text_words(body)


def kept(source: list[str], page: list[str]) -> tuple[int, list[str]]:
    """(words of `source` found on the page, the lost ones), as multisets."""
    available = Counter(page)
    lost = []
    for word in source:
        if available[word] > 0:
            available[word] -= 1
        else:
            lost.append(word)
    return len(source) - len(lost), lost


def visible_debris(article_html: str) -> dict[str, list[str]]:
    """Markup shown as text, by kind; text inside <pre>/<code> is code and not counted."""
    soup = BeautifulSoup(article_html, "lxml")
    found: dict[str, list[str]] = {}
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if node.find_parent(["pre", "code", "script", "style"]):
            continue
        for kind, pattern in DEBRIS.items():
            hits = pattern.findall(str(node))  # the text as shown: "&#8217;" here was &amp;#8217;
            if hits:
                found.setdefault(kind, []).extend(h if isinstance(h, str) else h[0] for h in hits)
    return found


def structure_problems(article_html: str) -> dict[str, int]:
    """What the visitor (and the Nu checker, axe, a screen reader) sees as broken structure."""
    soup = BeautifulSoup(article_html, "lxml")
    found: Counter = Counter()
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    if levels and levels[0] != 2:
        found["heading-top-not-h2"] += 1
    found["heading-skip"] += sum(b - a > 1 for a, b in itertools.pairwise(levels))
    found["heading-empty"] += sum(
        1
        for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        if not h.get_text(strip=True) and h.find("img") is None
    )
    found["li-outside-list"] += sum(
        1 for li in soup.find_all("li") if li.parent.name not in {"ul", "ol", "menu"}
    )
    found["br-in-code"] += len(soup.select("pre br, code br"))
    lead = soup.select_one(".chapo")
    if lead is not None:
        lead_words, all_words = len(text_words(str(lead))), len(text_words(article_html))
        if all_words > 40 and lead_words > 0.6 * all_words:
            found["lead-swallows-body"] += 1
    return {kind: count for kind, count in found.items() if count}


def style_count(article_html: str) -> int:
    return len(re.findall(r"<[^>]*\sstyle=", article_html))


def warning_kind(message: str) -> str:
    """A warning's message without what varies between files (names, numbers, paths)."""
    kind = re.sub(r"\[[^\]]*\]", "[…]", message)
    kind = re.sub(r"\[…\](?:, \[…\])+", "[…]", kind)
    kind = re.sub(r"<[^>]*>", "<…>", kind)
    kind = re.sub(r"content/\S+", "content/…", kind)
    kind = re.sub(r"https?://\S+", "<url>", kind)
    kind = re.sub(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", "<host>", kind)
    kind = re.sub(r"\d+", "N", kind)
    return kind


def standalone(title: str, article_inner: str) -> str:
    """The migrated markup alone in a minimal valid page, for Nu and axe."""
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{entities.escape(title)}</title></head>"
        f"<body><main><article>{article_inner}</article></main></body></html>\n"
    )


# --- building and checking -------------------------------------------------------

RECORDED: dict[str, tuple[str, str]] = {}


def record_content(content) -> None:
    """Where each source file was written (Pelican knows; the bench does not guess)."""
    status = getattr(content, "status", "")
    if status != "skip" and content.source_path:
        RECORDED[str(Path(content.source_path).resolve())] = (content.save_as, status)


def export_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*.md")):
        try:
            if split_export(path.read_text("utf-8", errors="replace")) is not None:
                files.append(path)
        except OSError:
            continue
    return files


def build_all(folder: Path, work: Path) -> tuple[dict[Path, Path], dict[Path, FileResult], str]:
    files = export_files(folder)
    content = work / "content"
    copies: dict[Path, Path] = {}
    for source in files:
        flat = source.relative_to(folder).as_posix().replace("/", "--")
        # Posts go where the exporter puts them (plugins/content_map reads _posts/).
        is_post = POST_LAYOUT.search(source.read_text("utf-8", errors="replace"))
        copies[source] = content / ("_posts" if is_post else "pages") / flat
        copies[source].parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copies[source])
    uploads = folder / "wp-content"
    if uploads.is_dir():
        shutil.copytree(uploads, content / "wp-content")
    results = {source: FileResult(source.relative_to(folder).as_posix()) for source in files}
    by_copy = {copy.name: source for source, copy in copies.items()}
    ok, text = run_build(content, work / "output")
    read_log(text, by_copy, results)
    if not ok:
        # An error leaves no output (the build keeps the previous one): build the
        # other files again without the ones in error, so they are measured.
        failed = [s for s, r in results.items() if r.errors]
        for source in failed:
            copies.pop(source).unlink()
        ok, again = run_build(content, work / "output")
        text += again
        if not ok:
            reasons = [line for line in again.splitlines() if "error" in line.lower()]
            reason = reasons[0][:300] if reasons else "see the log"
            for result in results.values():
                result.errors.append(
                    f"the site failed to build without the files in error: {reason}"
                )
    if "Traceback" in text:
        for result in results.values():
            result.errors.append("a traceback was printed during the build")
    outputs = {}
    for source, copy in copies.items():
        save_as, _status = RECORDED.get(str(copy.resolve()), ("", ""))
        if save_as and (work / "output" / save_as).is_file():
            outputs[source] = work / "output" / save_as
    return outputs, results, text


def run_build(content: Path, output: Path) -> tuple[bool, str]:
    RECORDED.clear()
    signals.content_object_init.connect(record_content)
    log = io.StringIO()
    try:
        result = build(
            ROOT / "pelicanconf.py",
            overrides={
                "PATH": str(content),
                "OUTPUT_PATH": str(output),
                "CACHE_CONTENT": False,
                "LOAD_CONTENT_CACHE": False,
            },
            stream=log,
        )
    finally:
        signals.content_object_init.disconnect(record_content)
    return result.ok, log.getvalue()


def read_log(text: str, by_copy: dict[str, Path], results: dict[Path, FileResult]) -> None:
    """Each `file:line: level: message` line goes to its file's warnings or errors."""
    for line in text.splitlines():
        match = WARNING_LINE.match(line.strip())
        source = by_copy.get(Path(match["path"]).name) if match else None
        if source is None:
            continue
        target = results[source].warnings if match["level"] == "warning" else results[source].errors
        target.append(match["msg"])


def read_page(path: Path) -> tuple[str, str]:
    """(title, the article's migrated markup without the page title) of a built page."""
    soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
    article = soup.find("article") or soup.body
    title = ""
    heading = article.find("h1")
    if heading is not None:
        title = heading.get_text(" ", strip=True)
        heading.decompose()
    header = article.find("header")
    if header is not None:
        header.unwrap()
    return title, article.decode_contents()


def nu_errors(documents: dict[str, Path]) -> dict[str, list[str]]:
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(p) for p in documents.values()],
        capture_output=True,
        text=True,
        check=False,
    )
    by_path = {str(p.resolve()): name for name, p in documents.items()}
    found: dict[str, list[str]] = {name: [] for name in documents}
    for message in json.loads(run.stderr or '{"messages": []}')["messages"]:
        url = message.get("url", "").removeprefix("file:")
        name = by_path.get(str(Path(url).resolve()))
        if name is not None:
            found[name].append(f"line {message.get('lastLine')}: {message['message']}")
    return found


def axe_violations(documents: dict[str, Path], browser=None) -> dict[str, list[str]]:
    """axe-core on each document, in `browser` (a playwright Chromium) or a new one."""
    if browser is None:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        from sitetools.budget_tools import CHROMIUM_ARGS  # noqa: PLC0415

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return axe_violations(documents, chromium)
            finally:
                chromium.close()
    found = {}
    page = browser.new_page()
    # Nothing may load from another host (images of the old site included).
    page.route("**/*", lambda route: route.abort())
    for name, path in documents.items():
        page.set_content(path.read_text("utf-8"), wait_until="domcontentloaded")
        page.add_script_tag(path=str(AXE))
        outcome = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        found[name] = [f"{v['id']} ({len(v['nodes'])} nodes)" for v in outcome["violations"]]
    page.close()
    return found


def measure(folder: Path = CORPUS, nu: bool = True, axe: bool = True, browser=None) -> Report:
    """Build and check every export of `folder`; `browser`: a Chromium to reuse for axe."""
    skipped = []
    if nu and not (shutil.which("java") and VNU_JAR.is_file()):
        skipped.append("Nu errors skipped: java or node_modules/vnu-jar is missing")
        nu = False
    if axe and not (CHROMIUM.exists() and AXE.is_file()):
        skipped.append(
            "axe violations skipped: /usr/bin/chromium or node_modules/axe-core is missing"
        )
        axe = False
    with tempfile.TemporaryDirectory(prefix="bench-fidelity-") as tmp:
        work = Path(tmp)
        outputs, results, log = build_all(folder, work)
        documents: dict[str, Path] = {}
        for source, result in results.items():
            body = split_export(source.read_text("utf-8", errors="replace"))[1]
            source_words = body_words(body)
            result.source_words = len(source_words)
            output = outputs.get(source)
            if output is None:
                result.kept_words, result.lost = 0, source_words
                continue
            result.page = output.relative_to(work / "output").as_posix()
            title, article = read_page(output)
            result.kept_words, result.lost = kept(source_words, text_words(article))
            result.style = style_count(article)
            result.debris = visible_debris(article)
            result.structure = structure_problems(article)
            document = work / "standalone" / f"{len(documents):03d}.html"
            document.parent.mkdir(exist_ok=True)
            document.write_text(standalone(title or result.name, article), "utf-8")
            documents[result.name] = document
        by_name = {r.name: r for r in results.values()}
        if nu and documents:
            for name, errors in nu_errors(documents).items():
                by_name[name].nu = errors
        if axe and documents:
            for name, violations in axe_violations(documents, browser).items():
                by_name[name].axe = violations
    return Report(list(results.values()), skipped, log)


# --- printing --------------------------------------------------------------------


def file_line(result: FileResult) -> str:
    debris = ",".join(f"{k}:{len(v)}" for k, v in sorted(result.debris.items())) or "-"
    structure = ",".join(f"{k}:{n}" for k, n in sorted(result.structure.items())) or "-"
    kinds = Counter(warning_kind(w) for w in result.warnings)
    return (
        f"{result.name:44s} words {100 * result.kept_share:5.1f}% "
        f"({result.kept_words}/{result.source_words}) style {result.style} debris {debris} "
        f"structure {structure} "
        f"warnings {len(result.warnings)} errors {len(result.errors)} "
        f"nu {len(result.nu)} axe {len(result.axe)}"
        + ("" if not kinds else "\n    " + "; ".join(f"{n}x {k}" for k, n in kinds.items()))
    )


def totals(report: Report) -> dict:
    files = report.files
    source = sum(r.source_words for r in files)
    debris, structure = Counter(), Counter()
    for result in files:
        for kind, hits in result.debris.items():
            debris[kind] += len(hits)
        structure.update(result.structure)
    return {
        "files": len(files),
        "words_kept": sum(r.kept_words for r in files),
        "words": source,
        "files_with_debris": sum(bool(r.debris) for r in files),
        "debris": dict(debris),
        "files_with_structure_problems": sum(bool(r.structure) for r in files),
        "structure": dict(structure),
        "style": sum(r.style for r in files),
        "warnings": dict(Counter(warning_kind(w) for r in files for w in r.warnings)),
        "errors": sum(len(r.errors) for r in files),
        "unannounced_loss_files": sum(bool(r.lost) and not r.announced_loss for r in files),
        "nu": sum(len(r.nu) for r in files),
        "axe": sum(len(r.axe) for r in files),
    }


def print_report(report: Report, verbose: bool = False) -> None:
    for line in report.skipped:
        print(line)
    for result in report.files:
        print(file_line(result))
        if verbose:
            for kind, hits in result.debris.items():
                print(f"    debris {kind}: {hits[:5]}")
            if result.lost:
                print(f"    lost: {result.lost[:12]}")
            for problem in result.errors + result.nu + result.axe:
                print(f"    {problem}")
    figures = totals(report)
    share = 100 * figures["words_kept"] / figures["words"] if figures["words"] else 100.0
    print(
        f"total: {figures['files']} files, words kept {share:.1f}% "
        f"({figures['words_kept']}/{figures['words']}), "
        f"files with debris {figures['files_with_debris']} {figures['debris'] or ''}, "
        f"files with broken structure {figures['files_with_structure_problems']} "
        f"{figures['structure'] or ''}, style= {figures['style']}, errors {figures['errors']}, "
        f"files losing words without a warning {figures['unannounced_loss_files']}, "
        f"Nu errors {figures['nu']}, axe violations {figures['axe']}"
    )
    print(f"warnings: {sum(figures['warnings'].values())}")
    for kind, count in sorted(figures["warnings"].items(), key=lambda kv: -kv[1]):
        print(f"  {count:4d}  {kind}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(CORPUS))
    parser.add_argument("--no-nu", action="store_true", help="skip the Nu Html Checker")
    parser.add_argument("--no-axe", action="store_true", help="skip axe-core in Chromium")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debris and lost words")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"{folder}: no such folder", file=sys.stderr)
        return 2
    report = measure(folder, nu=not args.no_nu, axe=not args.no_axe)
    print_report(report, verbose=args.verbose)
    if args.json:
        data = {"files": [asdict(r) for r in report.files], "totals": totals(report)}
        Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
