"""`invoke new`: French titles become ASCII slugs; existing pages are never overwritten."""

from __future__ import annotations

import pytest
import yaml

from conftest import invoke
from sitetools.newpage import page_slug


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
