"""Writing a new page: drafts, unfinished pages, front matter mistakes, images (issue 17)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import invoke, page, png_bytes
from page_checks.checks import page_problems
from sitetools.newpage import PLACEHOLDER


def test_scaffold_is_a_quoted_french_draft_with_every_key(project):
    assert invoke(project, "new", "Accompagnement WordPress : l'essentiel #1").returncode == 0
    text = (project / "content/pages/accompagnement-wordpress-l-essentiel-1.md").read_text()
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "Accompagnement WordPress : l'essentiel #1"
    assert front["status"] == "draft"
    for key in ("nav_order", "description", "redirect_from", "lang", "chapo"):
        assert re.search(rf"^#? ?{key}:", text, re.M), key
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert "Brouillon" in text and all("the " not in line.lower() for line in comments)
    assert PLACEHOLDER == "Écrivez le texte de la page ici, en Markdown."


def test_draft_lifecycle_new_preview_publish_then_published(project):
    assert invoke(project, "new", "Atelier réseaux").returncode == 0
    source = project / "content/pages/atelier-reseaux.md"

    assert invoke(project, "build").returncode == 0
    preview = (project / "output/atelier-reseaux/index.html").read_text()
    assert "Brouillon" in preview

    published = invoke(project, "publish")
    assert published.returncode == 0, published.stderr
    assert "content/pages/atelier-reseaux.md: warning: brouillon : laissé hors" in published.stderr
    assert not (project / "output/atelier-reseaux").exists()
    assert not (project / "output/drafts").exists()
    assert "atelier-reseaux" not in (project / "output/sitemap.xml").read_text()

    source.write_text(source.read_text().replace('status: "draft"\n', ""))
    unfinished = invoke(project, "publish")
    assert unfinished.returncode == 0
    assert re.search(
        r"content/pages/atelier-reseaux\.md:\d+: warning: le chapô est vide", unfinished.stderr
    )
    line = source.read_text().splitlines().index(PLACEHOLDER) + 1
    assert (
        f"content/pages/atelier-reseaux.md:{line}: warning: la page contient encore le texte"
        in unfinished.stderr
    )
    assert (project / "output/atelier-reseaux/index.html").is_file()
    assert "Brouillon" not in (project / "output/atelier-reseaux/index.html").read_text()

    text = source.read_text().replace('chapo: ""', 'chapo: "Un atelier pour apprendre."')
    source.write_text(text.replace(PLACEHOLDER, "Le vrai texte de la page."))
    done = invoke(project, "publish")
    assert "atelier-reseaux.md" not in done.stderr
    strict = invoke(project, "build", "--strict")
    assert strict.returncode == 0, strict.stderr


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: Offre\nchapo: Vous avez un site ? Je vous aide : mises à jour\n",
            "x.md:3:41: error: la valeur de « chapo » contient « : » : mettez toute la valeur "
            "entre guillemets",
        ),
        (
            "title: Le #1 du web\n",
            "x.md:2:11: error: le texte de « title » après « # » serait ignoré",
        ),
        ("title: Offre\n\tdate: 2024-01-01\n", "x.md:3:1: error: une tabulation dans l’en-tête"),
        ('title: "Offre\ndate: 2024-01-01\n', "x.md:2:8: error: des guillemets ouverts"),
    ],
    ids=["colon", "hash", "tab", "unclosed-quote"],
)
def test_front_matter_mistakes_in_plain_french_at_line_and_column(build_site, front, expected):
    site = build_site({"pages/x.md": f"---\n{front}---\nTexte.\n"})
    assert not site.result.ok
    assert expected in site.log, site.log


def test_missing_closing_dashes_says_what_to_add(build_site):
    site = build_site({"pages/x.md": '---\ntitle: "Offre"\n\nTexte.\n'})
    assert "x.md:1: error: l’en-tête ouvert par « --- » n’est jamais fermé : ajoutez" in site.log


def test_missing_image_and_missing_alt_are_build_warnings_at_their_line(build_site):
    body = 'Intro.\n\n![](/images/absente.png)\n\n<img src="/images/photo.png">\n'
    png = png_bytes()
    files = {"pages/x.md": page("X", body, chapo="'Un chapô.'"), "images/photo.png": png}
    site = build_site(files)
    assert site.result.ok
    assert "x.md:8: warning: image introuvable : /images/absente.png" in site.log
    assert "x.md:8: warning: l’image /images/absente.png n’a pas de texte alternatif" in site.log
    assert "x.md:10: warning: l’image /images/photo.png n’a pas de texte alternatif" in site.log
    assert "photo.png: image introuvable" not in site.log
    assert "Empty alt attribute" not in site.log
    strict = build_site(files, strict=True)
    assert not strict.result.ok


def test_page_problems_pure():
    html = '<p>x</p><img src="a.png" alt="Un a">'
    assert page_problems(html, "Chapô", "/p/", {"/p/a.png"}, draft=False) == []
    found = page_problems(html, "", "/p/", set(), draft=False)
    assert [p.en for p in found] == ["the page has no lead (chapo)", "missing image /p/a.png"]
    assert page_problems(f"<p>{PLACEHOLDER}</p>", "", "/p/", set(), draft=True) == []


def test_front_matter_description_wins_over_the_lead(build_site):
    files = {"pages/x.md": page("X", "Texte.\n", chapo="'Le chapô.'", description="'À moi.'")}
    site = build_site(files)
    assert site.soup("x/index.html").find("meta", attrs={"name": "description"})["content"] == (
        "À moi."
    )


def test_intrasite_link_to_a_missing_file_is_a_warning_at_its_line(build_site):
    body = "Voir [l'offre]({filename}/pages/offre.md) et [rien]({filename}absente.md).\n"
    files = {
        "pages/x.md": page("X", body, chapo="'Chapô.'"),
        "pages/offre.md": page("Offre", "Texte.\n", chapo="'Chapô.'"),
    }
    site = build_site(files)
    assert site.result.ok
    assert "x.md:6: warning: {filename}absente.md : ce fichier n’existe pas" in site.log
    assert "offre.md : ce fichier" not in site.log
    assert "Unable to find" not in site.log
    assert site.soup("x/index.html").select_one("article a")["href"] == "/offre/"
