"""`invoke import`: an export brought into content/ byte for byte, safely, with a report."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from conftest import FIXTURES
from sitetools.import_report import run_import
from sitetools.importer import ImportRefused, export_entries

EXPORT = FIXTURES / "export"
EXPORT_FILES = [
    "_config.yml",
    "_drafts/idee-en-cours.md",
    "_posts/2016-05-01-premier-billet.md",
    "_posts/2016-05-02-second-billet.md",
    "_temoignages/un-avis.md",
    "accompagnement.md",
    "accompagnement/atelier-collectif.md",
    "accueil.md",
    "wp-content/uploads/2019/03/atelier.png",
]


def zip_of(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def run(source: Path, content: Path, force: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_import(source, content, force, Console(file=out, width=120))
    return code, out.getvalue()


def imported(content: Path) -> list[str]:
    return sorted(
        p.relative_to(content).as_posix()
        for p in content.rglob("*")
        if p.is_file() and p.name != ".import-manifest.json"
    )


def table_row(report: str, label: str) -> list[str]:
    line = next(line for line in report.splitlines() if line.strip("│ ").startswith(label))
    return [cell.strip() for cell in line.strip("│").split("│")][1:]


@pytest.mark.parametrize("shape", ["zip", "zip-with-top-folder", "folder"])
def test_export_lands_byte_for_byte_where_the_exporter_put_it(tmp_path, shape):
    source = {
        "zip": lambda: zip_of(EXPORT, tmp_path / "export.zip"),
        "zip-with-top-folder": lambda: zip_of(EXPORT, tmp_path / "e.zip", "wp-jekyll/"),
        "folder": lambda: EXPORT,
    }[shape]()
    content = tmp_path / "content"
    code, report = run(source, content)
    assert code == 0, report
    assert imported(content) == EXPORT_FILES
    for relpath in EXPORT_FILES:
        assert (content / relpath).read_bytes() == (EXPORT / relpath).read_bytes()
    assert table_row(report, "pages") == ["3", "0", "0", "0"]
    assert table_row(report, "posts") == ["2", "0", "0", "0"]
    assert table_row(report, "drafts") == ["1", "0", "0", "0"]
    assert table_row(report, "custom post types") == ["1", "0", "0", "0"]
    assert table_row(report, "other files") == ["2", "0", "0", "0"]


def test_a_second_import_of_the_same_export_changes_nothing(tmp_path):
    content = tmp_path / "content"
    run(EXPORT, content)
    code, report = run(EXPORT, content)
    assert code == 0
    assert table_row(report, "pages") == ["0", "0", "3", "0"]
    assert "changed:" not in report and "added:" not in report


@pytest.mark.parametrize(
    ("name", "reason"),
    [("../evil.md", "'..' in the path"), ("/etc/evil.md", "absolute path")],
)
def test_unsafe_archive_is_refused_and_nothing_written(tmp_path, name, reason):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as bad:
        bad.writestr("_config.yml", "name: x\n")
        bad.writestr("page.md", "---\ntitle: x\n---\n")
        bad.writestr(name, "x")
    content = tmp_path / "site" / "content"
    code, report = run(archive, content)
    assert code == 1
    assert f"{name}: {reason}" in report
    assert not content.exists()
    assert not (tmp_path / "etc").exists() and not (tmp_path / "site" / "evil.md").exists()


def test_archive_with_a_symbolic_link_is_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as bad:
        info = zipfile.ZipInfo("lien.md")
        info.external_attr = 0o120777 << 16  # a symlink, as `zip --symlinks` stores it
        bad.writestr(info, "/etc/passwd")
    with pytest.raises(ImportRefused, match=r"lien\.md: a symbolic link"):
        export_entries(archive)


def test_hand_edit_since_last_import_is_never_overwritten_without_force(tmp_path):
    content = tmp_path / "content"
    run(EXPORT, content)
    edited = content / "accueil.md"
    edited.write_text(edited.read_text("utf-8") + "\nAjout à la main.\n", "utf-8")
    changed_export = tmp_path / "export"
    shutil.copytree(EXPORT, changed_export)
    page = changed_export / "accueil.md"
    page.write_text(page.read_text("utf-8").replace("Bienvenue", "Bonjour"), "utf-8")

    code, report = run(changed_export, content)
    assert code == 1
    assert "content/accueil.md" in report and "--force" in report
    assert "Ajout à la main." in edited.read_text("utf-8")

    code, report = run(changed_export, content, force=True)
    assert code == 0, report
    assert edited.read_bytes() == page.read_bytes()


def test_re_export_with_one_page_changed_reports_exactly_that(tmp_path):
    content = tmp_path / "content"
    run(EXPORT, content)
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    child = export / "accompagnement" / "atelier-collectif.md"
    child.write_text(child.read_text("utf-8") + "Une phrase de plus.\n", "utf-8")
    (export / "_posts" / "2016-05-02-second-billet.md").unlink()

    code, report = run(export, content)
    assert code == 0, report
    assert table_row(report, "pages") == ["0", "1", "2", "0"]
    assert table_row(report, "posts") == ["0", "0", "1", "1"]
    assert "changed: content/accompagnement/atelier-collectif.md" in report
    assert "gone from the export (kept, delete it if unwanted): content/_posts/2016-05-02" in report
    assert (content / "_posts" / "2016-05-02-second-billet.md").exists()  # listed, not deleted
    assert report.count("changed: ") == 1


def test_import_then_build_from_the_command_line(project, tmp_path):
    from conftest import invoke  # noqa: PLC0415

    archive = zip_of(EXPORT, tmp_path / "export.zip")
    imported_run = invoke(project, "import", str(archive))
    assert imported_run.returncode == 0, imported_run.stdout + imported_run.stderr
    assert "added: content/accompagnement/atelier-collectif.md" in imported_run.stdout
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    last = built.stderr.strip().splitlines()[-1]
    assert "4 pages, 2 posts, 1 drafts, 1 skipped" in last, last  # + the seed page
    assert (project / "output" / "accompagnement" / "atelier-collectif" / "index.html").is_file()
