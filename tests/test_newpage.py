"""`invoke new`: French titles become ASCII slugs; existing pages are never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from conftest import invoke
from sitetools.newpage import PLACEHOLDER, create_page, page_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Médias sociaux", "medias-sociaux"),
        ("Stratégie d'été : 2024 !", "strategie-d-ete-2024"),
        ("L’œuvre à Noël", "l-oeuvre-a-noel"),
        ("  Ça va ?  ", "ca-va"),
        ("SEO & référencement", "seo-referencement"),
    ],
)
def test_page_slug_drops_accents_and_punctuation(title, slug):
    assert page_slug(title) == slug


def test_new_writes_front_matter_that_the_site_reads(project):
    run = invoke(project, "new", "Stratégie d'été : 2024 !")
    assert run.returncode == 0, run.stderr
    path = project / "content" / "pages" / "strategie-d-ete-2024.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == "Stratégie d'été : 2024 !"
    assert front["author"] == "bertrand"
    assert front["chapo"] == ""
    assert front["date"]
    assert invoke(project, "build").returncode == 0
    assert (project / "output" / "strategie-d-ete-2024" / "index.html").is_file()


def test_new_refuses_to_overwrite(project):
    path = project / "content" / "pages" / "medias-sociaux.md"
    path.write_text("mon texte", encoding="utf-8")
    run = invoke(project, "new", "Médias sociaux")
    assert run.returncode == 1
    assert "already exists" in run.stderr
    assert path.read_text(encoding="utf-8") == "mon texte"


def test_new_help_explains_the_command_and_writes_no_page(project):
    run = invoke(project, "new", "--help")
    assert run.returncode == 2
    assert 'usage : python3 dev.py new "Titre de la page"' in run.stderr
    assert sorted(p.name for p in (project / "content" / "pages").iterdir()) == [
        "medias-sociaux-et-community-management.md"
    ]


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_a_title_with_quotes_and_backslashes_reads_back_unchanged(tmp_path):
    title = 'Le « bon » choix : "oui" \\ non # vraiment'
    path = create_page(title, tmp_path / "content" / "pages", "bertrand", dt.date(2026, 11, 25))
    assert path == tmp_path / "content" / "pages" / "le-bon-choix-oui-non-vraiment.md"
    text = path.read_text(encoding="utf-8")
    assert front_matter(text) == {
        "title": title,
        "chapo": "",
        "date": "2026-11-25",
        "author": "bertrand",
        "status": "draft",
    }
    assert text.endswith(f"---\n\n{PLACEHOLDER}\n")


def test_a_second_page_goes_into_the_existing_folder(tmp_path):
    pages = tmp_path / "pages"
    create_page("Première", pages, "bertrand", dt.date(2026, 1, 2))
    second = create_page("Deuxième", pages, "bertrand", dt.date(2026, 1, 3))
    assert sorted(p.name for p in pages.iterdir()) == ["deuxieme.md", "premiere.md"]
    assert front_matter(second.read_text(encoding="utf-8"))["date"] == "2026-01-03"


def test_without_a_date_the_page_is_dated_today(tmp_path):
    path = create_page("Aujourd'hui", tmp_path, "bertrand")
    assert front_matter(path.read_text(encoding="utf-8"))["date"] == dt.date.today().isoformat()


@pytest.mark.parametrize("title", ["", "!!! ?", "« — »"])
def test_a_title_without_letters_or_digits_is_refused(tmp_path, title):
    with pytest.raises(ValueError, match="gives an empty file name"):
        create_page(title, tmp_path / "pages", "bertrand")
    assert not (tmp_path / "pages").exists() or not list((tmp_path / "pages").iterdir())


def test_an_existing_page_is_never_overwritten(tmp_path):
    (tmp_path / "medias-sociaux.md").write_text("mon texte", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_page("Médias sociaux", tmp_path, "bertrand")
    assert (tmp_path / "medias-sociaux.md").read_text(encoding="utf-8") == "mon texte"
