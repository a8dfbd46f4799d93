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
