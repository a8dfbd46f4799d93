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


def run(source: Path, content: Path, force: bool = False, width: int = 120) -> tuple[int, str]:
    out = io.StringIO()
    code = run_import(source, content, force, Console(file=out, width=width))
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


def test_the_closing_table_and_list_as_the_owner_reads_them(tmp_path):
    code, report = run(EXPORT, tmp_path / "content")
    assert code == 0
    assert [line.rstrip() for line in report.splitlines() if line.strip()] == [
        "Import",
        "┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━┓",
        "┃                   ┃ added ┃ changed ┃ unchanged ┃ gone (kept) ┃",
        "┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━┩",
        "│ pages             │     3 │       0 │         0 │           0 │",
        "│ posts             │     2 │       0 │         0 │           0 │",
        "│ drafts            │     1 │       0 │         0 │           0 │",
        "│ custom post types │     1 │       0 │         0 │           0 │",
        "│ other files       │     2 │       0 │         0 │           0 │",
        "└───────────────────┴───────┴─────────┴───────────┴─────────────┘",
        # pages only: the configuration and the media are not listed one by one
        "  added: content/_drafts/idee-en-cours.md",
        "  added: content/_posts/2016-05-01-premier-billet.md",
        "  added: content/_posts/2016-05-02-second-billet.md",
        "  added: content/_temoignages/un-avis.md",
        "  added: content/accompagnement.md",
        "  added: content/accompagnement/atelier-collectif.md",
        "  added: content/accueil.md",
    ]


def test_file_names_with_square_brackets_are_printed_whole(tmp_path):
    export = tmp_path / "export [juin]"
    shutil.copytree(EXPORT, export)
    (export / "atelier-[brouillon].md").write_text("---\ntitle: A\n---\nTexte.\n", "utf-8")
    content = tmp_path / "content"
    code, report = run(export, content, width=1000)
    assert code == 0
    assert "  added: content/atelier-[brouillon].md" in report.splitlines()
    (content / "atelier-[brouillon].md").write_text("Ma version.\n", encoding="utf-8")
    (export / "atelier-[brouillon].md").write_text("Nouvelle version.\n", encoding="utf-8")
    code, report = run(export, content, width=1000)
    assert code == 1
    assert report.splitlines()[-1] == "  content/atelier-[brouillon].md"
    code, report = run(export, content, force=True, width=1000)
    assert "  changed: content/atelier-[brouillon].md" in report.splitlines()
    not_an_export = tmp_path / "export [copie].txt"
    not_an_export.write_text("x", encoding="utf-8")
    code, report = run(not_an_export, content, width=1000)
    assert report == f"import refused: {not_an_export}: neither a .zip file nor a folder\n"


def test_file_names_are_printed_plain_in_a_colour_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert run_import(EXPORT, tmp_path / "content", False) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  added: content/_posts/2016-05-01-premier-billet.md" in lines  # no colour codes


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
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    # A name with brackets is printed as it is (rich would read [old] as a style).
    old_post = export / "_posts" / "[old]-billet.md"
    shutil.copy(export / "_posts" / "2016-05-02-second-billet.md", old_post)
    run(export, content)
    child = export / "accompagnement" / "atelier-collectif.md"
    child.write_text(child.read_text("utf-8") + "Une phrase de plus.\n", "utf-8")
    (export / "_posts" / "2016-05-02-second-billet.md").unlink()
    old_post.unlink()

    code, report = run(export, content)
    assert code == 0, report
    assert table_row(report, "pages") == ["0", "1", "2", "0"]
    assert table_row(report, "posts") == ["0", "0", "1", "2"]
    assert "changed: content/accompagnement/atelier-collectif.md" in report
    assert "gone from the export (kept, delete it if unwanted): content/_posts/2016-05-02" in report
    assert "content/_posts/[old]-billet.md" in report
    assert (content / "_posts" / "2016-05-02-second-billet.md").exists()  # listed, not deleted
    assert report.count("changed: ") == 1


@pytest.mark.parametrize(
    ("relpath", "kind"),
    [
        ("accueil.md", "page"),
        ("accompagnement/atelier-collectif.markdown", "page"),
        ("ancienne.HTML", "page"),
        ("archive.htm", "page"),
        ("_posts/2016-05-01-billet.md", "post"),
        ("_drafts/idee.md", "draft"),
        ("_temoignages/un-avis.md", "type"),
        ("_config.yml", "file"),
        ("wp-content/uploads/2019/03/photo.jpg", "file"),
        ("_posts/notes.txt", "file"),
    ],
)
def test_each_exported_file_is_counted_as_its_kind(relpath, kind):
    from sitetools.importer import Entry  # noqa: PLC0415

    assert Entry(relpath, 0, None).kind == kind


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("\\serveur\\page.md", "absolute path"),
        ("C:\\pages\\page.md", "absolute path"),
        ("pages\\..\\..\\evil.md", "'..' in the path"),
        ("pages/a..b.md", None),
        ("p", None),
        ("accompagnement/atelier.md", None),
    ],
)
def test_archive_names_that_could_write_outside_content_are_named(name, reason):
    from sitetools.importer import unsafe_reason  # noqa: PLC0415

    assert unsafe_reason(name) == reason


def test_archiver_clutter_and_folders_are_left_out(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("_config.yml", "title: Essai\n")
        made.writestr("pages/", "")
        made.writestr("pages/page.md", "---\ntitle: Page\n---\nTexte.\n")
        made.writestr("__MACOSX/pages/._page.md", "x")
        made.writestr("pages/.DS_Store", "x")
        made.writestr("wp-content/Thumbs.db", "x")
    assert sorted(e.relpath for e in export_entries(archive)) == ["_config.yml", "pages/page.md"]


def test_a_wrapping_folder_without_the_exporters_config_is_kept(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("pages/a.md", "a")
        made.writestr("pages/b.md", "b")
    assert sorted(e.relpath for e in export_entries(archive)) == ["pages/a.md", "pages/b.md"]
    flat = tmp_path / "flat.zip"
    with zipfile.ZipFile(flat, "w") as made:
        made.writestr("a.md", "a")
    assert [e.relpath for e in export_entries(flat)] == ["a.md"]


def test_two_exports_side_by_side_keep_their_folders(tmp_path):
    archive = tmp_path / "deux-sites.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("site-a/_config.yml", "title: A\n")
        made.writestr("site-a/accueil.md", "a")
        made.writestr("site-b/_config.yml", "title: B\n")
    assert sorted(e.relpath for e in export_entries(archive)) == [
        "site-a/_config.yml",
        "site-a/accueil.md",
        "site-b/_config.yml",
    ]


@pytest.mark.parametrize("what", ["text file", "empty zip", "only clutter"])
def test_something_that_is_no_export_is_refused_with_its_name(tmp_path, what):
    source = tmp_path / "export.zip"
    if what == "text file":
        source.write_text("pas une archive", encoding="utf-8")
        expected = f"{source}: neither a .zip file nor a folder"
    else:
        with zipfile.ZipFile(source, "w") as made:
            if what == "only clutter":
                made.writestr(".DS_Store", "x")
        expected = f"{source}: the export is empty"
    content = tmp_path / "content"
    code, report = run(source, content, width=1000)
    assert code == 1
    assert report == f"import refused: {expected}\n"
    assert not content.exists()


def test_an_export_folder_holding_a_symbolic_link_is_refused(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    (export / "lien.md").symlink_to(tmp_path)
    with pytest.raises(
        ImportRefused, match=r"unsafe export folder, nothing imported:\n  lien\.md: a"
    ):
        export_entries(export)


def test_an_unreadable_import_manifest_is_refused_with_its_path(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / ".import-manifest.json").write_text("{pas du json", encoding="utf-8")
    code, report = run(EXPORT, content, width=1000)
    assert code == 1
    assert f"{content}/.import-manifest.json: not readable (" in report
    assert report.endswith("); remove it to start afresh\n")
    assert sorted(p.name for p in content.iterdir()) == [".import-manifest.json"]


def test_the_manifest_lists_every_imported_file_with_its_sha256(tmp_path):
    import hashlib  # noqa: PLC0415
    import json  # noqa: PLC0415

    content = tmp_path / "content"
    run(EXPORT, content)
    manifest = json.loads((content / ".import-manifest.json").read_text("utf-8"))
    assert manifest["generator"] == "sitetools.importer"
    assert list(manifest["files"]) == EXPORT_FILES
    config = (EXPORT / "_config.yml").read_bytes()
    assert manifest["files"]["_config.yml"] == hashlib.sha256(config).hexdigest()
    assert not list(content.rglob("*.importing"))


def test_progress_counts_every_byte_copied(tmp_path):
    from sitetools.importer import apply_import, plan_import  # noqa: PLC0415

    content = tmp_path / "content"
    entries = export_entries(EXPORT)
    plan = plan_import(entries, content, {})
    seen = []
    apply_import(plan, content, seen.append)
    total = sum((EXPORT / relpath).stat().st_size for relpath in EXPORT_FILES)
    assert sum(seen) == total


def test_a_file_deleted_by_hand_and_gone_from_the_export_is_forgotten(tmp_path):
    import json  # noqa: PLC0415

    content = tmp_path / "content"
    run(EXPORT, content)
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    (export / "_drafts" / "idee-en-cours.md").unlink()
    (export / "_posts" / "2016-05-01-premier-billet.md").unlink()
    (content / "_drafts" / "idee-en-cours.md").unlink()  # the owner deleted it too
    code, report = run(export, content)
    assert code == 0, report
    assert table_row(report, "drafts") == ["0", "0", "0", "0"]
    assert table_row(report, "posts") == ["0", "0", "1", "1"]
    assert "idee-en-cours" not in report
    files = json.loads((content / ".import-manifest.json").read_text("utf-8"))["files"]
    assert "_drafts/idee-en-cours.md" not in files
    assert "_posts/2016-05-01-premier-billet.md" in files  # still in content/, still listed


def test_force_replaces_an_edited_file_and_reports_it_changed(tmp_path):
    content = tmp_path / "content"
    run(EXPORT, content)
    (content / "accueil.md").write_text("Ma version.\n", encoding="utf-8")
    code, report = run(EXPORT, content, force=True)
    assert code == 0, report
    assert (content / "accueil.md").read_bytes() == (EXPORT / "accueil.md").read_bytes()
    assert "changed: content/accueil.md" in report
    assert table_row(report, "pages") == ["0", "1", "2", "0"]


def test_refused_conflicts_list_every_edited_file(tmp_path):
    content = tmp_path / "content"
    run(EXPORT, content)
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    for relpath in ("accueil.md", "_posts/2016-05-01-premier-billet.md"):
        (content / relpath).write_text("Ma version.\n", encoding="utf-8")
        (export / relpath).write_text("Nouvelle version exportée.\n", encoding="utf-8")
    code, report = run(export, content)
    assert code == 1
    lines = report.splitlines()
    assert lines[-2:] == ["  content/_posts/2016-05-01-premier-billet.md", "  content/accueil.md"]
    assert (content / "accueil.md").read_text("utf-8") == "Ma version.\n"


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
