"""The migration report: one row per WordPress export, for the owner to sign off the move.

    python3 dev.py report        # writes reports/migration.html
    python3 dev.py serve         # also shows it, kept current, at /_migration/

Per exported file: its title, old addresses (links to the old site), new URL
(a link to the local preview), words of the export found on the new page,
whether a lead (chapo) was found, redirects written, missing media, and each
warning with its `file:line`; totals on top. Pure core: `rows_from_site`
turns a build (content objects and its problem lines) into `ExportRow`s,
`render_html` turns rows into one self-contained page (a small inline script
sorts the columns; everything reads without it). `collect` and `write_report`
are the side effects. The report is never part of output/.
"""

from __future__ import annotations

import bisect
import contextlib
import html
import io
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

DEFAULT_BASE = "http://127.0.0.1:8000"  # where `python3 dev.py serve` shows the site
PROBLEM_LINE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+)(?::\d+)?)?: (?P<level>warning|error): (?P<message>.*)$"
)
# Build warnings about media (plugins/wordpress_export, plugins/responsive_images):
# a file missing from content/, or an image still served by another host.
MISSING_MEDIA = re.compile(
    r"missing (?:image file|image|document|media|file) (?P<path>\S+?)(?=[,;]?(?:\s|$))"
    r"|image still on \S+, shown as a link to (?P<url>\S+)"
)
MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)")
# Shortcodes the migration turns into markup (their attributes are not text);
# unknown ones stay visible on the page, so their words count.
SHORTCODE_TAG = re.compile(r"\[/?(?:caption|wp_caption|embed|gallery|video|audio)\b[^\]]*\]")
WORD = re.compile(r"\w+")
SOURCE_SUFFIXES = {".md", ".markdown", ".html"}  # a content file that failed gets its own row
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    level: str  # "warning" or "error"
    message: str

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file or "site"


@dataclass
class ExportRow:
    source: str  # as the owner's terminal shows it: content/pages/x.md
    title: str = ""
    new_url: str = ""  # site-relative, "/x/"; "" when the file was not built
    old_addresses: list[str] = field(default_factory=list)  # "/?page_id=20", "/old/"
    words_total: int = 0
    words_kept: int = 0
    lead: bool = False
    redirects: int = 0
    missing_media: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def built(self) -> bool:
        return bool(self.new_url)

    @property
    def errors(self) -> int:
        return sum(p.level == "error" for p in self.problems)


@dataclass
class Totals:
    files: int
    built: int
    words_total: int
    words_kept: int
    leads: int
    redirects: int
    missing_media: int
    warnings: int
    errors: int


def parse_problem(line: str) -> Problem | None:
    """`content/x.md:12: warning: msg` -> Problem; None for lines of another shape."""
    line = line.strip()
    for level in ("error", "warning"):
        if line.startswith(f"{level}: "):  # a problem of the whole site, with no file
            return Problem("", None, level, line.removeprefix(f"{level}: "))
    match = PROBLEM_LINE.match(line)
    if not match:
        return None
    number = match["line"]
    return Problem(match["file"], int(number) if number else None, match["level"], match["message"])


def words(text_html: str) -> list[str]:
    return WORD.findall(BeautifulSoup(text_html, "lxml").get_text(" "))


@lru_cache(maxsize=4096)
def words_kept(source_body: str, page_html: str) -> tuple[int, int]:
    """(words of the export found on the page in the same order, words of the export).

    Shortcode tags and Markdown link targets are markup, not words. A word is
    kept when it occurs on the page after the previous kept word; a word that
    is missing (removed spam, a lost paragraph) does not stop the count.
    """
    source = words(MARKDOWN_LINK_TARGET.sub("] ", SHORTCODE_TAG.sub(" ", source_body)))
    places: dict[str, list[int]] = {}
    for index, word in enumerate(words(page_html)):
        places.setdefault(word, []).append(index)
    kept, position = 0, -1
    for word in source:
        found = places.get(word, [])
        next_one = bisect.bisect_right(found, position)
        if next_one < len(found):
            kept, position = kept + 1, found[next_one]
    return kept, len(source)


def missing_media(problems: list[Problem]) -> list[str]:
    """Each missing file (content/…) or hot-linked image URL once, in order of warnings."""
    found: dict[str, None] = {}
    for problem in problems:
        match = MISSING_MEDIA.search(problem.message)
        if match:
            found[match["path"] or match["url"]] = None
    return list(found)


def body_of_source(text: str) -> str:
    """The exported file without its front matter."""
    match = FRONT_MATTER.match(text)
    return text[match.end() :] if match else text


def redirects_written(contents) -> Counter:
    """Rules per source file, as plugins/redirects writes them (none at all on a conflict)."""
    from redirects.rules import RedirectConflict, redirect_rules  # noqa: PLC0415

    published = [c for c in contents if getattr(c, "status", "") != "draft"]
    triples = [(c.relative_source_path, "/" + c.url, c.metadata) for c in published]
    try:
        return Counter(rule.source for rule in redirect_rules(triples))
    except RedirectConflict:
        return Counter()  # the build's error line names the files


def row_for(
    content, source: str, problems: list[Problem], source_text: str, redirects: int
) -> ExportRow:
    """One exported page or post, from its Pelican content object (after every plugin)."""
    # plugins/ is on the import path once Pelican has loaded the site's plugins.
    from redirects.rules import old_addresses  # noqa: PLC0415

    url = "/" + content.url
    old = [str(a) for a in old_addresses(content.metadata, url)]
    lead = str(getattr(content, "chapo", "") or "")
    page_html = lead + (content.content or "")
    kept, total = words_kept(body_of_source(source_text), page_html)
    return ExportRow(
        source=source,
        title=BeautifulSoup(str(content.title), "lxml").get_text(),
        new_url=url,
        old_addresses=old,
        words_total=total,
        words_kept=kept,
        lead=bool(lead.strip()),
        redirects=redirects,
        missing_media=missing_media(problems),
        problems=problems,
    )


@dataclass
class MigrationReport:
    rows: list[ExportRow]
    site_problems: list[Problem] = field(default_factory=list)  # not about one export


def rows_from_site(contents, problem_lines: list[str], relative) -> MigrationReport:
    """Rows for every exported content object, plus one per content file that failed to build.

    `contents`: Pelican content objects (pages, articles, drafts…); `relative`:
    turns a source path into the form problem lines use (sitetools.diagnostics.relative).
    """
    problems: dict[str, list[Problem]] = {}
    for line in problem_lines:
        problem = parse_problem(line)
        if problem:
            problems.setdefault(problem.file, []).append(problem)
    written = redirects_written(contents)
    rows, seen = [], set()
    for content in contents:
        if not content.metadata.get("wordpress_export"):
            continue
        source = relative(content.source_path)
        if source in seen:
            continue
        seen.add(source)
        text = Path(content.source_path).read_text(encoding="utf-8", errors="replace")
        count = written[content.relative_source_path]
        rows.append(row_for(content, source, problems.get(source, []), text, count))
    others = []
    for source, found in problems.items():
        failed = any(p.level == "error" for p in found)
        if source in seen:
            continue
        if failed and Path(source).suffix in SOURCE_SUFFIXES:
            seen.add(source)
            rows.append(ExportRow(source=source, problems=found))
        else:
            others += found
    return MigrationReport(sorted(rows, key=lambda r: r.source), others)


def totals(report: MigrationReport) -> Totals:
    rows, site = report.rows, report.site_problems
    return Totals(
        files=len(rows),
        built=sum(r.built for r in rows),
        words_total=sum(r.words_total for r in rows),
        words_kept=sum(r.words_kept for r in rows),
        leads=sum(r.lead for r in rows),
        redirects=sum(r.redirects for r in rows),
        missing_media=sum(len(r.missing_media) for r in rows),
        warnings=sum(len(r.problems) - r.errors for r in rows)
        + sum(p.level == "warning" for p in site),
        errors=sum(r.errors for r in rows) + sum(p.level == "error" for p in site),
    )


# --- HTML ---------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light dark; --ink: #1b1b1f; --paper: #fff; --muted: #52525b;
  --line: #d4d4d8; --bad: #a4161a; --good: #1e6b32; --accent: #0b4f8a; }
@media (prefers-color-scheme: dark) { :root { --ink: #ececf1; --paper: #17171a;
  --muted: #b4b4bd; --line: #3f3f46; --bad: #ff8a80; --good: #7fdc95; --accent: #8cc4ff; } }
body { font: 1rem/1.5 system-ui, sans-serif; color: var(--ink); background: var(--paper);
  margin: 0 auto; padding: 1rem; max-width: 110rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .7rem; }
.totals strong { font-size: 1.25rem; display: block; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; color: var(--muted); padding: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .45rem .5rem; text-align: left;
  vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--paper); }
.file, td a, td ul.bad { overflow-wrap: anywhere; }  /* long paths, not words */
tbody th { min-width: 11rem; }
td.problems-cell { min-width: 18rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { font: inherit; font-weight: bold; color: inherit; background: none; border: 0;
  padding: 0; cursor: pointer; text-align: left; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
ul.plain { margin: 0; padding: 0; list-style: none; }
td a, th button { display: inline-block; min-height: 24px; padding: 2px 0; }  /* WCAG 2.5.8 */
.file, code { font-family: ui-monospace, monospace; font-size: .85rem; color: var(--muted); }
.bad { color: var(--bad); font-weight: bold; }
.good { color: var(--good); }
.problems li { margin-bottom: .25rem; }
"""

# Sorting is a convenience: the table is complete and readable without it.
SCRIPT = """
document.querySelectorAll("table[data-sortable] thead th").forEach((th, column) => {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = th.textContent;
  th.textContent = "";
  th.append(button);
  button.addEventListener("click", () => {
    const table = th.closest("table"), body = table.tBodies[0];
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
    const rows = [...body.rows].sort((a, b) => {
      const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
      const order = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)
        ? nx - ny : x.localeCompare(y, "fr", {numeric: true});
      return ascending ? order : -order;
    });
    body.append(...rows);
  });
});
"""

COLUMNS = (
    "Page",
    "Anciennes adresses",
    "Nouvelle adresse",
    "Mots conservés",
    "Chapô",
    "Redirections",
    "Médias manquants",
    "Avertissements",
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def percent(kept: int, total: int) -> str:
    return "—" if not total else f"{100 * kept / total:.0f} %".replace(" ", "\u202f")


def number(value: int) -> str:
    """French digit grouping: 12 345 (narrow no-break space)."""
    return f"{value:,}".replace(",", "\u202f")


def counted(value: int, one: str, many: str) -> tuple[str, str]:
    """French plural: 0 and 1 take the singular."""
    return number(value), one if value < 2 else many


def render_problem(problem: Problem) -> str:
    level = '<span class="bad">erreur</span>' if problem.level == "error" else "avertissement"
    return f"<li><code>{esc(problem.location)}</code> : {level} : {esc(problem.message)}</li>"


def render_row(row: ExportRow, old_site: str, base: str) -> str:
    title = esc(row.title) if row.title else '<span class="bad">non construite</span>'
    cells = [f'<th scope="row">{title}<br><span class="file">{esc(row.source)}</span></th>']
    olds = "".join(f"<li>{link(old_site + a, a)}</li>" for a in row.old_addresses)
    cells.append(f'<td><ul class="plain">{olds}</ul></td>' if olds else "<td>—</td>")
    cells.append(f"<td>{link(base + row.new_url, row.new_url)}</td>" if row.built else "<td>—</td>")
    # Sorts by share kept; a file that was not built kept nothing.
    share = row.words_kept / row.words_total if row.words_total else float(row.built)
    words_class = "" if row.words_kept == row.words_total else ' class="bad"'
    cells.append(
        f'<td class="num" data-sort="{share:.4f}"><span{words_class}>'
        f"{number(row.words_kept)} / {number(row.words_total)}</span><br>"
        f"{percent(row.words_kept, row.words_total)}</td>"
    )
    lead = '<span class="good">oui</span>' if row.lead else "non"
    cells.append(f'<td data-sort="{int(row.lead)}">{lead}</td>')
    cells.append(f'<td class="num">{row.redirects}</td>')
    if row.missing_media:
        items = "".join(f"<li>{esc(m)}</li>" for m in row.missing_media)
        cells.append(
            f'<td data-sort="{len(row.missing_media)}"><ul class="plain bad">{items}</ul></td>'
        )
    else:
        cells.append('<td data-sort="0">0</td>')
    if row.problems:
        items = "".join(render_problem(p) for p in row.problems)
        cells.append(
            f'<td class="problems-cell" data-sort="{len(row.problems)}">'
            f'<ul class="plain problems">{items}</ul></td>'
        )
    else:
        cells.append('<td data-sort="0">aucun</td>')
    return "<tr>" + "".join(cells) + "</tr>"


def render_html(
    report: MigrationReport, site_name: str, old_site: str, base: str, made: datetime
) -> str:
    """The whole report page: French for the owner, valid HTML, usable without JavaScript."""
    rows = report.rows
    total = totals(report)
    old_site, base = old_site.rstrip("/"), base.rstrip("/")
    facts = [
        counted(total.files, "fichier exporté", "fichiers exportés"),
        counted(total.built, "page construite", "pages construites"),
        (
            percent(total.words_kept, total.words_total),
            f"des mots conservés ({number(total.words_kept)} / {number(total.words_total)})",
        ),
        counted(total.leads, "chapô trouvé", "chapôs trouvés"),
        counted(total.redirects, "redirection écrite", "redirections écrites"),
        counted(total.missing_media, "média manquant", "médias manquants"),
        counted(total.warnings, "avertissement", "avertissements"),
        counted(total.errors, "erreur", "erreurs"),
    ]
    items = "".join(f"<li><strong>{v}</strong> {esc(label)}</li>" for v, label in facts)
    head = "".join(f'<th scope="col">{esc(name)}</th>' for name in COLUMNS)
    body = "".join(render_row(row, old_site, base) for row in rows)
    if not rows:
        body = f'<tr><td colspan="{len(COLUMNS)}">Aucun fichier exporté de WordPress.</td></tr>'
    site_problems = ""
    if report.site_problems:
        listed = "".join(render_problem(p) for p in report.site_problems)
        site_problems = (
            f'<h2>Messages sur l’ensemble du site</h2><ul class="plain problems">{listed}</ul>'
        )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Rapport de migration · {esc(site_name)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Rapport de migration WordPress</h1>
<p>{esc(site_name)} — rapport fait le {made:%d/%m/%Y à %H:%M}. Anciennes adresses : liens vers
{esc(old_site or "l’ancien site")} ; nouvelles adresses : liens vers l’aperçu local
({esc(base)}, lancé par <code>python3 dev.py serve</code>).</p>
<h2>Totaux</h2>
<ul class="totals">{items}</ul>
{site_problems}
<h2 id="pages-titre">Une ligne par fichier exporté</h2>
<div class="table" tabindex="0" role="region" aria-labelledby="pages-titre">
<table data-sortable aria-labelledby="pages-titre">
<caption>Un clic sur l’en-tête d’une colonne trie le tableau.</caption>
<thead><tr>{head}</tr></thead>
<tbody>{body}</tbody>
</table>
</div>
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


# --- Side effects -----------------------------------------------------------------


def write_report(
    path: Path, report: MigrationReport, settings: dict, base: str = DEFAULT_BASE
) -> Path:
    text = render_html(
        report,
        settings.get("SITENAME", ""),
        settings.get("WORDPRESS_OLD_URL") or "",
        base,
        datetime.now(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)  # a browser reloading it never sees half a page
    return path


def site_contents(generators) -> list:
    items = []
    for generator in generators:
        for name in ("pages", "hidden_pages", "draft_pages", "articles", "drafts"):
            items += getattr(generator, name, [])
    return items


def collect(settings_file: str | Path, overrides: dict | None = None):
    """Build the site into a scratch folder; (report, settings). output/ is not touched."""
    from pelican import signals  # noqa: PLC0415

    from sitetools.build import build, load_settings  # noqa: PLC0415
    from sitetools.diagnostics import relative  # noqa: PLC0415

    kept: list = []

    def keep(generators) -> None:
        kept[:] = list(generators)

    signals.all_generators_finalized.connect(keep)
    try:
        with tempfile.TemporaryDirectory(prefix="migration-report-") as scratch:
            options = {**(overrides or {}), "OUTPUT_PATH": str(Path(scratch) / "output")}
            options.setdefault("CACHE_CONTENT", False)
            options.setdefault("LOAD_CONTENT_CACHE", False)
            with contextlib.redirect_stdout(io.StringIO()):  # Pelican's own summary
                result = build(settings_file, overrides=options, stream=io.StringIO())
            report = rows_from_site(site_contents(kept), result.errors + result.warnings, relative)
    finally:
        signals.all_generators_finalized.disconnect(keep)
    return report, load_settings(Path(settings_file), dict(overrides or {}))


def summary_line(path: str, report: MigrationReport) -> str:
    total = totals(report)
    return (
        f"migration report: {path}: {total.files} exported file(s), {total.built} built, "
        f"{total.words_kept}/{total.words_total} words kept, {total.leads} lead(s), "
        f"{total.redirects} redirect(s), {total.missing_media} missing media, "
        f"{total.warnings} warning(s), {total.errors} error(s)"
    )


def run(
    settings_file: str | Path,
    report_path: Path,
    base: str = DEFAULT_BASE,
    overrides: dict | None = None,
) -> int:
    """`invoke report`: build in a scratch folder, write the report, print one line."""
    from sitetools.diagnostics import relative  # noqa: PLC0415

    report, settings = collect(settings_file, overrides)
    write_report(report_path, report, settings, base)
    print(summary_line(relative(str(report_path)), report))
    return 0
