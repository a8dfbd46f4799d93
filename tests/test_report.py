"""The migration report: its pure core on hand-made rows, a real build, Chromium, serve."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, SEED, invoke
from sitetools.report import (
    ExportRow,
    MigrationReport,
    Problem,
    parse_problem,
    render_html,
    run,
    words_kept,
)

EXPORTS = FIXTURES / "wordpress"
# The seed and exports with distinct WordPress ids (several fixtures share id 31).
REPORTED = (
    "hidden_spam.md",
    "layout_post.md",
    "malformed_yaml.md",
    "panels_data_filled.md",
    "v1_autop.md",
)
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "content/pages/a.md:12: warning: hidden block removed",
            Problem("content/pages/a.md", 12, "warning", "hidden block removed"),
        ),
        (
            "content/pages/a.md: warning: missing image file content/x.jpg",
            Problem("content/pages/a.md", None, "warning", "missing image file content/x.jpg"),
        ),
        (
            "content/pages/a.md:3: error: front matter is not valid YAML: x: y",
            Problem("content/pages/a.md", 3, "error", "front matter is not valid YAML: x: y"),
        ),
        ("error: redirects: two pages", Problem("", None, "error", "redirects: two pages")),
        ("Done: Processed 1 page", None),
    ],
)
def test_parse_problem(line, problem):
    assert parse_problem(line) == problem


@pytest.mark.parametrize(
    ("source", "page", "expected"),
    [
        ("Un deux trois.", "<p>Un deux trois.</p>", (3, 3)),
        ("Un spam deux trois.", "<p>Un deux trois.</p>", (3, 4)),  # a missing word is skipped
        ("Un deux trois.", "<p>trois deux Un</p>", (1, 3)),  # order matters
        ("Voir [le site](http://x.example/page).", "<p>Voir <a>le site</a>.</p>", (3, 3)),
        (
            '[caption id="a"]<img src="a.jpg"> Légende[/caption]',
            "<figcaption>Légende</figcaption>",
            (1, 1),
        ),
        ("", "<p>x</p>", (0, 0)),
    ],
)
def test_words_kept(source, page, expected):
    assert words_kept(source, page) == expected


ROWS = MigrationReport(
    [
        ExportRow(
            source="content/pages/b.md",
            title="Bêta <script>",
            new_url="/b/",
            old_addresses=["/?page_id=7", "/ancienne-b/"],
            words_total=10,
            words_kept=9,
            lead=True,
            redirects=2,
            missing_media=["missing image file content/wp-content/uploads/x.jpg"],
            problems=[
                Problem("content/pages/b.md", None, "warning", "missing image file content/x.jpg"),
                Problem("content/pages/b.md", 4, "warning", "unknown shortcode [foo]"),
            ],
        ),
        ExportRow(
            source="content/pages/c.md",
            problems=[Problem("content/pages/c.md", 3, "error", "front matter is not valid YAML")],
        ),
    ],
    [Problem("", None, "error", "redirects: two pages claim /?p=1")],
)


def render(report=ROWS) -> BeautifulSoup:
    made = datetime(2026, 11, 25, 10, 30)
    html = render_html(
        report, "Votre Coach Web", "http://votrecoachweb.com", "http://127.0.0.1:8000", made
    )
    return BeautifulSoup(html, "lxml")


@pytest.mark.parametrize(
    ("messages", "media"),
    [
        (
            ["missing image file content/wp-content/uploads/a.jpg"],
            ["content/wp-content/uploads/a.jpg"],
        ),
        (
            [
                "missing image file content/u/a.jpg",
                "missing image file content/u/a.jpg, linked at its old address http://x/u/a.jpg",
                "missing document content/u/b.pdf",
            ],
            ["content/u/a.jpg", "content/u/b.pdf"],
        ),
        (
            ["image still on cdn.example, shown as a link to https://cdn.example/c.png (fetch)"],
            ["https://cdn.example/c.png"],
        ),
        (["hidden <div> block removed (likely injected spam)"], []),
    ],
)
def test_missing_media_once_each(messages, media):
    from sitetools.report import missing_media  # noqa: PLC0415

    assert missing_media([Problem("a.md", 1, "warning", m) for m in messages]) == media


def test_report_totals_on_top():
    soup = render()
    totals = [li.get_text(" ", strip=True) for li in soup.select(".totals li")]
    assert totals == [
        "2 fichiers exportés",
        "1 page construite",
        f"90{NNBSP}% des mots conservés (9 / 10)",
        "1 chapô trouvé",
        "2 redirections écrites",
        "1 média manquant",
        "2 avertissements",
        "2 erreurs",
    ]
    assert "redirects: two pages claim /?p=1" in soup.get_text()


def test_report_row_links_and_warnings():
    soup = render()
    first, second = soup.select("tbody tr")
    cells = first.find_all(["th", "td"])
    assert cells[0].get_text(" ", strip=True) == "Bêta <script> content/pages/b.md"
    assert [a["href"] for a in cells[1].find_all("a")] == [
        "http://votrecoachweb.com/?page_id=7",
        "http://votrecoachweb.com/ancienne-b/",
    ]
    assert cells[2].find("a")["href"] == "http://127.0.0.1:8000/b/"
    assert cells[3].get_text(" ", strip=True) == f"9 / 10 90{NNBSP}%"
    assert cells[4].get_text(strip=True) == "oui"
    assert cells[5].get_text(strip=True) == "2"
    assert [li.get_text(" ", strip=True) for li in cells[7].find_all("li")] == [
        "content/pages/b.md : avertissement : missing image file content/x.jpg",
        "content/pages/b.md:4 : avertissement : unknown shortcode [foo]",
    ]
    failed = second.find_all(["th", "td"])
    assert failed[0].get_text(" ", strip=True) == "non construite content/pages/c.md"
    assert failed[2].get_text(strip=True) == "—"
    assert "content/pages/c.md:3 : erreur : front matter is not valid YAML" in failed[7].get_text(
        " ", strip=True
    )
    # Page titles are text, never markup.
    assert soup.find("tbody").find("script") is None


def test_report_reads_without_javascript():
    soup = render()
    assert [th.get_text() for th in soup.select("thead th")] == [
        "Page",
        "Anciennes adresses",
        "Nouvelle adresse",
        "Mots conservés",
        "Chapô",
        "Redirections",
        "Médias manquants",
        "Avertissements",
    ]
    assert soup.find("thead").find("button") is None  # buttons are added by the script
    assert soup.html["lang"] == "fr"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "content/pages/a.md:12:7: warning: unknown shortcode [x]",
            Problem("content/pages/a.md", 12, "warning", "unknown shortcode [x]"),
        ),
        ("  warning: no SITEURL  ", Problem("", None, "warning", "no SITEURL")),
        ("content/pages/a.md:12: note: x", None),
    ],
)
def test_parse_problem_columns_site_warnings_and_other_levels(line, problem):
    assert parse_problem(line) == problem


@pytest.mark.parametrize(
    ("problem", "location"),
    [
        (Problem("content/pages/a.md", 12, "warning", "m"), "content/pages/a.md:12"),
        (Problem("content/pages/a.md", None, "warning", "m"), "content/pages/a.md"),
        (Problem("", None, "error", "m"), "site"),
    ],
)
def test_a_problem_is_located_at_its_file_and_line_or_the_whole_site(problem, location):
    assert problem.location == location


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("---\ntitle: A\n---\nLe texte.\n", "Le texte.\n"),
        ("\ufeff---\r\ntitle: A\r\n...\r\nLe texte.", "Le texte."),
        ("Pas d’en-tête.\n---\nx\n", "Pas d’en-tête.\n---\nx\n"),
    ],
)
def test_body_of_source_leaves_out_the_front_matter_only(text, body):
    from sitetools.report import body_of_source  # noqa: PLC0415

    assert body_of_source(text) == body


def test_french_numbers_percentages_and_plurals():
    from sitetools.report import counted, number, percent  # noqa: PLC0415

    assert number(12345) == f"12{NNBSP}345"
    assert number(999) == "999"
    assert percent(1, 3) == f"33{NNBSP}%"
    assert percent(0, 0) == "—"
    assert counted(0, "erreur", "erreurs") == ("0", "erreur")
    assert counted(1, "erreur", "erreurs") == ("1", "erreur")
    assert counted(2, "erreur", "erreurs") == ("2", "erreurs")


def test_a_row_with_every_word_kept_and_nothing_missing():
    row = ExportRow(
        source="content/pages/d.md", title="Delta", new_url="/d/", words_total=4, words_kept=4
    )
    cells = render(MigrationReport([row])).select("tbody tr")[0].find_all(["th", "td"])
    assert cells[1].get_text(strip=True) == "—"  # no old address
    words = cells[3]
    assert words["data-sort"] == "1.0000"
    assert words.span.get("class") is None  # all kept: not shown as a problem
    assert words.get_text(" ", strip=True) == f"4 / 4 100{NNBSP}%"
    assert cells[4].get_text(strip=True) == "non"
    assert cells[4]["data-sort"] == "0"
    assert [c.get_text(strip=True) for c in cells[5:]] == ["0", "0", "aucun"]


def test_words_lost_and_missing_media_are_marked_and_sort_by_count():
    soup = render()
    cells = soup.select("tbody tr")[0].find_all(["th", "td"])
    assert cells[3]["data-sort"] == "0.9000"
    assert cells[3].span["class"] == ["bad"]
    assert cells[4]["data-sort"] == "1"
    assert cells[6]["data-sort"] == "1"
    assert cells[6].ul["class"] == ["plain", "bad"]
    assert cells[6].get_text(strip=True) == "missing image file content/wp-content/uploads/x.jpg"
    assert cells[7]["data-sort"] == "2"
    failed = soup.select("tbody tr")[1].find_all(["th", "td"])
    assert failed[3]["data-sort"] == "0.0000"  # not built: nothing kept
    assert failed[3].get_text(" ", strip=True) == "0 / 0 —"


def test_an_empty_report_says_so_and_names_no_old_site():
    made = datetime(2026, 11, 25, 10, 30)
    page = render_html(MigrationReport([]), "Votre Coach Web", "", "http://127.0.0.1:8000/", made)
    soup = BeautifulSoup(page, "lxml")
    assert soup.select_one("tbody td").get_text() == "Aucun fichier exporté de WordPress."
    assert soup.select_one("tbody td")["colspan"] == "8"
    intro = " ".join(soup.main.p.get_text(" ", strip=True).split())
    assert intro.startswith("Votre Coach Web — rapport fait le 25/11/2026 à 10:30.")
    assert "liens vers l’ancien site ;" in intro
    assert "(http://127.0.0.1:8000, lancé par" in intro
    assert soup.find("h2", string="Messages sur l’ensemble du site") is None
    totals = [li.get_text(" ", strip=True) for li in soup.select(".totals li")]
    assert totals[0] == "0 fichier exporté"
    assert totals[2] == "— des mots conservés (0 / 0)"


def test_old_and_new_addresses_lose_a_trailing_slash_of_their_base():
    made = datetime(2026, 11, 25, 10, 30)
    page = render_html(ROWS, "Site", "http://votrecoachweb.com/", "http://127.0.0.1:8000/", made)
    first = BeautifulSoup(page, "lxml").select("tbody tr")[0]
    hrefs = [a["href"] for a in first.find_all("a")]
    assert hrefs == [
        "http://votrecoachweb.com/?page_id=7",
        "http://votrecoachweb.com/ancienne-b/",
        "http://127.0.0.1:8000/b/",
    ]


def test_totals_count_warnings_and_errors_of_rows_and_site():
    from sitetools.report import summary_line, totals  # noqa: PLC0415

    report = MigrationReport(
        ROWS.rows,
        [Problem("", None, "warning", "w"), Problem("", None, "error", "e")],
    )
    figures = totals(report)
    assert (figures.files, figures.built, figures.words_total, figures.words_kept) == (2, 1, 10, 9)
    assert (figures.leads, figures.redirects, figures.missing_media) == (1, 2, 1)
    assert (figures.warnings, figures.errors) == (3, 2)
    assert summary_line("reports/migration.html", report) == (
        "migration report: reports/migration.html: 2 exported file(s), 1 built, "
        "9/10 words kept, 1 lead(s), 2 redirect(s), 1 missing media, 3 warning(s), 2 error(s)"
    )


def test_write_report_replaces_the_file_whole_and_leaves_no_scratch(tmp_path):
    from sitetools.report import write_report  # noqa: PLC0415

    target = tmp_path / "reports" / "migration.html"
    settings = {"SITENAME": "Votre Coach Web", "WORDPRESS_OLD_URL": "http://votrecoachweb.com"}
    assert write_report(target, ROWS, settings) == target
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
    assert soup.title.get_text() == "Rapport de migration · Votre Coach Web"
    assert soup.select("tbody tr")[0].find("a")["href"] == "http://votrecoachweb.com/?page_id=7"
    assert soup.select("tbody tr")[0].find_all("a")[2]["href"] == "http://127.0.0.1:8000/b/"
    assert sorted(p.name for p in target.parent.iterdir()) == ["migration.html"]


@pytest.fixture(scope="module")
def report_site(tmp_path_factory):
    """The seed and a few fixture exports, reported on as `invoke report` does."""
    root = tmp_path_factory.mktemp("report")
    pages = root / "content" / "pages"
    pages.mkdir(parents=True)
    shutil.copy2(SEED, pages / SEED.name)
    for name in REPORTED:
        shutil.copy2(EXPORTS / name, pages / name)
    target = root / "reports" / "migration.html"
    overrides = {"PATH": str(root / "content"), "CACHE_PATH": str(root / "cache")}
    assert run(ROOT / "pelicanconf.py", target, overrides=overrides) == 0
    return root, target


def test_report_of_a_real_build(report_site):
    _, target = report_site
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
    rows = {
        tr.th.find(class_="file").get_text().rsplit("/", 1)[1]: [
            td.get_text(" ", strip=True) for td in tr.find_all("td")
        ]
        for tr in soup.select("tbody tr")
    }
    assert sorted(rows) == sorted([SEED.name, *REPORTED])
    seed = rows[SEED.name]
    assert seed[0] == "/?page_id=20"
    assert seed[1] == "/medias-sociaux-et-community-management/"
    assert seed[3:6] == ["oui", "1", "0"]
    assert seed[2].endswith(f"100{NNBSP}%")
    spam = rows["hidden_spam.md"]
    assert spam[2] == f"4 / 10 40{NNBSP}%"  # the spam's 6 words were removed, with warnings
    assert "hidden" in spam[6]
    old = rows["v1_autop.md"]
    assert old[0] == "/?page_id=42 /ancienne-page /ancienne-page/"
    assert old[4] == "3"
    assert old[5] == "content/wp-content/uploads/c.jpg"
    assert "page-builder" in rows["panels_data_filled.md"][6]
    broken = rows["malformed_yaml.md"]
    assert broken[1] == "—"
    assert "malformed_yaml.md:" in broken[6] and "erreur" in broken[6]


def test_the_report_build_leaves_output_alone(report_site):
    root, _ = report_site
    assert not (root / "output").exists()


@pytest.mark.browser
def test_report_in_chromium_axe_nu_and_sorting(report_site, browser):
    from sitetools.budget_tools import served  # noqa: PLC0415

    _, target = report_site
    with served(target.parent) as base:
        for width in (390, 1280):  # on a phone the table scrolls in its own region
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base + "/migration.html")
            page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
            result = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
            )
            assert [v["id"] for v in result["violations"]] == [], width
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        words = page.locator("thead th button", has_text="Mots conservés")
        words.click()
        firsts = page.locator("tbody tr th .file").all_inner_texts()
        # Ascending by share of words kept: the build failure (no words) and the spam first.
        assert firsts[1].endswith("hidden_spam.md")
        assert page.locator("thead th[aria-sort=ascending]").inner_text() == "Mots conservés"
        words.click()
        assert page.locator("thead th[aria-sort=descending]").count() == 1
        page.close()
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run_nu = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run_nu.returncode == 0, run_nu.stderr
    assert run_nu.stderr == ""


def test_invoke_report_writes_the_file_and_no_output(project):
    shutil.copy2(EXPORTS / "v1_autop.md", project / "content" / "pages" / "v1_autop.md")
    done = invoke(project, "report")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "migration report: reports/migration.html: 2 exported file(s), 2 built, "
        "355/355 words kept, 1 lead(s), 4 redirect(s), 1 missing media, "
        "1 warning(s), 0 error(s)"
    )
    assert (project / "reports" / "migration.html").is_file()
    assert not (project / "output").exists()


@pytest.mark.server
def test_serve_shows_the_report_and_publish_never_has_it(project, start_task):
    import urllib.request  # noqa: PLC0415

    shutil.copy2(EXPORTS / "v1_autop.md", project / "content" / "pages" / "v1_autop.md")
    port = start_task("livereload")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_migration/", timeout=10) as answer:
        html = answer.read().decode("utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.title.get_text() == "Rapport de migration · Votre Coach Web"
    assert len(soup.select("tbody tr")) == 2
    link = soup.find("a", string="/v1_autop/")
    assert link["href"] == f"http://127.0.0.1:{port}/v1_autop/"
    assert invoke(project, "publish").returncode == 0
    published = [p.as_posix() for p in (project / "output").rglob("*") if "migration" in p.name]
    assert published == []
    assert not (project / "output" / "_migration").exists()
    # What /_migration/ shows is the file the worker keeps in reports/, outside output/.
    assert (project / "reports" / "migration.html").is_file()
