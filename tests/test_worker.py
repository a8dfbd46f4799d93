"""The live-reload worker: one-page fast path, full rebuilds when other pages are affected."""

from __future__ import annotations

import io

import pytest

from conftest import ROOT, page
from sitetools.worker import SiteWorker


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    for order, name in enumerate(("a", "b")):
        (content / f"{name}.md").write_text(
            page(name.upper(), f"Texte de {name}.\n", summary="Résumé fixe.", nav_order=order),
            "utf-8",
        )
    overrides = {
        "PATH": str(tmp_path / "content"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    log = io.StringIO()
    worker = SiteWorker(str(ROOT / "pelicanconf.py"), overrides=overrides, stream=log)
    assert worker.rebuild().mode == "full"
    return tmp_path, worker, log


def test_body_edit_rewrites_only_that_page(site):
    root, worker, _ = site
    other = root / "output" / "b" / "index.html"
    other_stamp = other.stat().st_mtime_ns
    source = root / "content" / "pages" / "a.md"
    source.write_text(source.read_text("utf-8").replace("Texte de a", "Autrement de a"), "utf-8")
    outcome = worker.rebuild(str(source))
    assert (outcome.mode, outcome.ok) == ("fast", True)
    assert "Autrement" in (root / "output" / "a" / "index.html").read_text("utf-8")
    assert other.stat().st_mtime_ns == other_stamp


def test_title_edit_needs_a_full_build_so_menus_follow(site):
    root, worker, _ = site
    source = root / "content" / "pages" / "a.md"
    source.write_text(source.read_text("utf-8").replace("title: 'A'", "title: 'Autre'"), "utf-8")
    outcome = worker.rebuild(str(source))
    assert outcome.mode == "full"
    assert "Autre" in (root / "output" / "b" / "index.html").read_text("utf-8")


def test_broken_edit_is_reported_and_the_served_page_stays(site):
    root, worker, log = site
    page_html = root / "output" / "a" / "index.html"
    before = page_html.read_text("utf-8")
    source = root / "content" / "pages" / "a.md"
    source.write_text("---\ntitle: [\n---\n", "utf-8")
    outcome = worker.rebuild(str(source))
    assert not outcome.ok
    assert "a.md:2:8: error: l’en-tête n’est pas lisible" in log.getvalue(), log.getvalue()
    assert page_html.read_text("utf-8") == before


def test_new_file_gets_a_full_build(site):
    root, worker, _ = site
    source = root / "content" / "pages" / "c.md"
    source.write_text(page("C", "Troisième.\n"), "utf-8")
    assert worker.rebuild(str(source)).mode == "full"
    assert (root / "output" / "c" / "index.html").is_file()


def test_the_migration_report_follows_each_rebuild(tmp_path):
    from bs4 import BeautifulSoup  # noqa: PLC0415

    content = tmp_path / "content"
    content.mkdir()
    exported = content / "ancienne.md"
    exported.write_text(
        "---\nid: 31\ntitle: Ancienne page\nguid: http://votrecoachweb.com/?page_id=31\n"
        "layout: page\nsummary: Résumé fixe.\n---\nUn texte exporté.\n",
        "utf-8",
    )
    report = tmp_path / "reports" / "migration.html"
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    worker = SiteWorker(
        str(ROOT / "pelicanconf.py"),
        overrides=overrides,
        stream=io.StringIO(),
        report=report,
        report_base="http://127.0.0.1:8123",
    )

    def rows() -> list[list[str]]:
        soup = BeautifulSoup(report.read_text("utf-8"), "lxml")
        return [
            [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in soup.select("tbody tr")
        ]

    assert worker.rebuild().ok
    (row,) = rows()
    assert row[0].endswith("content/ancienne.md")
    assert row[1] == "/?page_id=31"
    assert row[6:] == ["0", "aucun"]
    link = BeautifulSoup(report.read_text("utf-8"), "lxml").find("a", string="/ancienne/")
    assert link["href"] == "http://127.0.0.1:8123/ancienne/"

    text = exported.read_text("utf-8")
    exported.write_text(text + "\n![Photo](/wp-content/uploads/absente.jpg)\n", "utf-8")
    outcome = worker.rebuild(str(exported))
    assert (outcome.mode, outcome.ok) == ("fast", True)
    assert rows()[0][6] == "content/wp-content/uploads/absente.jpg"
    assert "absente.jpg" in rows()[0][7]

    exported.write_text(text, "utf-8")  # fixed: its warning leaves the report
    assert worker.rebuild(str(exported)).mode == "fast"
    assert rows()[0][6:] == ["0", "aucun"]


def test_a_report_that_cannot_be_written_never_stops_the_preview(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "ancienne.md").write_text(
        "---\nid: 31\ntitle: Ancienne page\nlayout: page\n---\nUn texte exporté.\n", "utf-8"
    )
    report = tmp_path / "reports" / "migration.html"
    report.mkdir(parents=True)  # a folder where the report file should go
    log = io.StringIO()
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    worker = SiteWorker(
        str(ROOT / "pelicanconf.py"), overrides=overrides, stream=log, report=report
    )
    outcome = worker.rebuild()
    assert (outcome.mode, outcome.ok) == ("full", True)
    assert "migration report not updated: IsADirectoryError: " in log.getvalue()
    assert (tmp_path / "output" / "ancienne" / "index.html").is_file()


def test_worker_help_says_what_it_is(capsys):
    from sitetools.worker import main  # noqa: PLC0415

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "A long-lived builder for live reload: full builds, and a fast path for one edited page."
        in help_text
    )
