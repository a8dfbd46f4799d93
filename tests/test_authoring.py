"""Writing a new page: drafts, unfinished pages, front matter mistakes, images (issue 17)."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest
import yaml

from conftest import invoke, page, png_bytes
from page_checks.checks import intrasite_problems, page_problems
from page_checks.plugin import check_pages, check_refreshed
from sitetools.newpage import PLACEHOLDER
from yaml_markdown.errors import SourceError
from yaml_markdown.frontmatter import as_text, decode_source, split_front_matter


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


def test_image_tags_in_capitals_are_checked_and_relative_sources_resolved_and_decoded():
    found = page_problems('<IMG SRC="Photo%20un.png" ALT="  ">', "Chapô", "/p/", set(), False)
    assert [p.fr for p in found] == [
        "image introuvable : /p/Photo un.png",
        "l’image Photo%20un.png n’a pas de texte alternatif : décrivez-la entre les "
        "crochets de ![…](…)",
    ]
    assert [p.needle for p in found] == ["Photo%20un.png", "Photo%20un.png"]


@pytest.mark.parametrize(
    "src",
    [
        "https://cdn.example.org/a.png",
        "//cdn.example.org/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "{static}/images/a.png",
        "/wp-content/uploads/2016/05/a.png",
    ],
)
def test_images_not_served_from_the_site_folder_are_not_reported_missing(src):
    assert page_problems(f'<img src="{src}" alt="Un a">', "Chapô", "/p/", set(), False) == []


def test_an_image_found_in_the_build_is_not_reported():
    html = '<img alt="Photo" src="../images/photo.png">'
    assert page_problems(html, "Chapô", "/p/sous/", {"/p/images/photo.png"}, False) == []


def test_a_lead_of_blank_space_is_empty_and_a_draft_is_not_asked_for_one():
    assert [p.fr for p in page_problems("<p>x</p>", " \n", "/p/", set(), False)] == [
        "le chapô est vide : écrivez le paragraphe d’introduction (clé « chapo: »)"
    ]
    assert page_problems("<p>x</p>", "", "/p/", set(), True) == []


def test_the_placeholder_left_in_a_published_page_is_reported_in_french():
    found = page_problems(
        "<p>Écrivez le texte de la page ici, en Markdown.</p>", "C", "/p/", set(), False
    )
    assert [(p.needle, p.fr) for p in found] == [
        (
            "Écrivez le texte de la page ici",
            "la page contient encore le texte d’exemple « Écrivez le texte de la page ici » : "
            "remplacez-le avant de publier",
        )
    ]


def test_intrasite_links_are_looked_for_from_the_content_root_or_the_page_folder():
    looked_for = []

    def exists(path):
        looked_for.append(path)
        return path == "/site/content/pages/offre.md"

    html = (
        '<a href="{static}/images/plan%20du%20site.png">plan</a>'
        '<img alt="x" src="{filename}autre.md#partie">'
        '<a href="{filename}offre.md?x=1">offre</a><a href="{attach}fiche.pdf">fiche</a>'
    )
    found = intrasite_problems(html, "/site/content/pages", "/site/content/", exists)
    assert looked_for == [
        "/site/content/images/plan du site.png",
        "/site/content/pages/autre.md",
        "/site/content/pages/offre.md",
        "/site/content/pages/fiche.pdf",
    ]
    assert [(p.needle, p.en, p.fr) for p in found] == [
        (
            "/images/plan%20du%20site.png",
            "{static}/images/plan du site.png: no such file",
            "{static}/images/plan du site.png : ce fichier n’existe pas",
        ),
        (
            "autre.md",
            "{filename}autre.md: no such file",
            "{filename}autre.md : ce fichier n’existe pas",
        ),
        (
            "fiche.pdf",
            "{attach}fiche.pdf: no such file",
            "{attach}fiche.pdf : ce fichier n’existe pas",
        ),
    ]


def checked_site(tmp_path):
    """Fake generators over three pages: hand-written French, English, WordPress export."""
    pages = tmp_path / "pages"
    pages.mkdir()
    sources = {
        "fr.md": "---\ntitle: Fr\nstatus: draft\n---\nTexte.\n\n![](/images/fr.png)\n",
        "en.md": "---\ntitle: En\nlang: en\n---\nText.\n\nSee [this]({filename}gone.md).\n",
        "wp.md": '---\nid: 3\n---\n<p>Texte.</p>\n<img src="/images/wp.png" alt="Plan">\n',
    }
    bodies = {
        "fr.md": '<p>Texte.</p><img alt="" src="/images/fr.png">',
        "en.md": '<p>Text.</p><p>See <a href="{filename}gone.md">this</a>.</p>',
        "wp.md": '<p>Texte.</p><img alt="Plan" src="/images/wp.png">',
    }
    metadata = {
        "fr.md": {"draft": True},
        "en.md": yaml.safe_load("lang: en\nchapo: A lead."),  # as the reader gives it
        "wp.md": {"wordpress_export": True},
    }
    items = {}
    for name, text in sources.items():
        (pages / name).write_text(text, "utf-8")
        items[name] = SimpleNamespace(
            url=name.removesuffix(".md") + "/",
            metadata=metadata[name],
            source_path=str(pages / name),
            relative_source_path="pages/" + name,
            _content=bodies[name],
        )
    generator = SimpleNamespace(
        settings={"PATH": str(tmp_path)}, pages=list(items.values()), staticfiles=[]
    )
    return items, [generator]


def warnings_of(caplog) -> list[str]:
    return [r.getMessage().split("/pages/", 1)[1] for r in caplog.records]


def test_english_and_exported_pages_are_warned_in_english_drafts_and_exports_need_no_lead(
    tmp_path, caplog
):
    _items, generators = checked_site(tmp_path)
    check_pages(generators)
    assert warnings_of(caplog) == [
        "fr.md:7: image introuvable : /images/fr.png",
        "fr.md:7: l’image /images/fr.png n’a pas de texte alternatif : décrivez-la entre les "
        "crochets de ![…](…)",
        "en.md:7: {filename}gone.md: no such file",
        "wp.md:5: missing image /images/wp.png",
    ]


def test_a_page_refreshed_by_live_reload_is_checked_alone(tmp_path, caplog):
    items, generators = checked_site(tmp_path)
    check_refreshed(items["wp.md"], generators)
    assert warnings_of(caplog) == ["wp.md:5: missing image /images/wp.png"]
    caplog.clear()
    check_pages([])
    assert caplog.records == []


# --- front matter, read without a build (plugins/yaml_markdown) ---------------------------


def front_matter_error(text: str) -> str:
    with pytest.raises(SourceError) as error:
        split_front_matter(text, "x.md")
    return str(error.value)


def test_a_file_saved_by_windows_tools_reads_like_any_other():
    text = decode_source(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\rTexte", "x.md")
    assert text == "---\ntitle: A\n---\nTexte"
    with pytest.raises(SourceError, match=r"^x\.md:3: not valid UTF-8 \(byte 0xff\); save"):
        decode_source(b"un\ndeux\n\xfftrois", "x.md")


def test_front_matter_keys_their_lines_and_where_the_body_starts():
    front = split_front_matter(
        "---  \nTitle: A\nliste:\n  - un\ndate: 0000-00-00\n...\ncorps\nfin", "x.md"
    )
    assert front.meta == {"title": "A", "liste": ["un"], "date": "0000-00-00"}
    assert (front.body, front.body_line) == ("corps\nfin", 7)
    assert front.key_lines == {"title": 2, "liste": 3, "date": 5}
    empty = split_front_matter("---\n---\ncorps", "x.md")
    assert (empty.meta, empty.body, empty.body_line) == ({}, "corps", 3)
    assert split_front_matter("Pas d'en-tête.\n---\n", "x.md") is None


def test_front_matter_that_is_no_mapping_or_never_closed_in_an_export_is_explained_in_english():
    assert front_matter_error("---\n- a\n- b\n---\n") == (
        "x.md:2: front matter must be 'key: value' lines"
    )
    assert front_matter_error("---\nguid: http://x/?p=1\ntitle: A\n") == (
        "x.md:1: front matter opened by '---' is never closed by '---'"
    )


def test_values_become_the_text_pelican_reads():
    assert as_text(datetime.date(2016, 5, 1)) == "2016-05-01"
    assert as_text(datetime.datetime(2016, 5, 1, 9, 30)) == "2016-05-01T09:30:00"
    assert as_text(["web", datetime.date(2016, 1, 2)]) == "web, 2016-01-02"
    assert as_text(None) == ""
    assert as_text(3) == "3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\nguid: http://x/?p=1\ntitle: Offre: un\n---\n",
            "x.md:3:13: front matter is not valid YAML: mapping values are not allowed in this "
            "context",
        ),
        (
            "---\nguid: http://x/?p=1\ntags: [un, deux\n---\n",
            "x.md:3:7: front matter is not valid YAML: while parsing a flow sequence: did not "
            "find expected ',' or ']'",
        ),
        (
            "---\ntitle: A\ndescription: une phrase\n  suite: ici\n---\n",
            "x.md:4:8: la valeur de « description » contient « : » : mettez toute la valeur "
            'entre guillemets, par exemple description: "…"',
        ),
        (
            "---\ntitle: A\ntags: {a: [b\n---\n",
            "x.md:3:11: l’en-tête n’est pas lisible (while parsing a flow sequence: did not "
            "find expected ',' or ']') : une valeur qui contient « : », « # », « [ » ou des "
            "guillemets se met entre guillemets",
        ),
        (
            "---\ntitle: A\nurl: x # ok\n---\n",
            "x.md:3:8: le texte de « url » après « # » serait ignoré : mettez toute la valeur "
            'entre guillemets, par exemple url: "…"',
        ),
        (
            "---\ntitle: A\nx: 'abc\n---\n",
            "x.md:3:4: des guillemets ouverts ne sont jamais fermés : ajoutez le guillemet de fin",
        ),
        (
            '---\nguid: http://x/?p=1\ntitle: "A\n---\n',
            "x.md:3:8: front matter is not valid YAML: while scanning a quoted scalar: found "
            "unexpected end of stream",
        ),
        (
            "---\nguid: x\n\ttitle: A\n---\n",
            "x.md:2:7: front matter is not valid YAML: while scanning a plain scalar: found a tab "
            "character that violates indentation",
        ),
        ("---\ntitle: A\n\t\n---\n", "x.md:3:1: une tabulation dans l’en-tête : remplacez-la"),
    ],
    ids=[
        "export-colon",
        "export-bracket",
        "continued-colon",
        "nested-bracket",
        "hash",
        "single-quote",
        "export-quote",
        "export-tab",
        "tab",
    ],
)
def test_front_matter_mistakes_without_a_build(text, expected):
    assert front_matter_error(text).startswith(expected)


def test_a_hash_inside_quotes_or_in_an_export_is_not_a_mistake():
    assert split_front_matter('---\ntitle: "Le #1"\n---\n', "x.md").meta == {"title": "Le #1"}
    export = split_front_matter("---\nguid: http://x/?p=1\ntitle: Le #1\n---\n", "x.md")
    assert export.meta["title"] == "Le"  # what YAML reads; exports are not the owner's text


def test_the_key_named_is_the_one_whose_value_holds_the_colon_not_the_next_one():
    message = front_matter_error("---\ntitle: Offre: un atelier\ndate: 2024-01-01\n---\n")
    assert message.startswith("x.md:2:13: la valeur de « title » contient « : »")


def test_an_unclosed_quote_far_down_the_front_matter_is_reported_at_its_own_line():
    text = "---\ntitle: A\ndescription: B\nauteur: C\nlieu: 'Lyon\n---\n"
    assert front_matter_error(text).startswith(
        "x.md:5:7: des guillemets ouverts ne sont jamais fermés"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML places these mistakes after the last character: the end of the last line.
        ("---\ntitle: A\ntags: {web\n ,\n---\n", "x.md:4:2: l’en-tête n’est pas lisible"),
        ("---\ntitle: A\n%YAML 1.1\n---\n", "x.md:3:9: l’en-tête n’est pas lisible"),
    ],
    ids=["unfinished-braces", "directive"],
)
def test_a_mistake_yaml_finds_past_the_last_line_points_at_the_end_of_that_line(text, expected):
    assert front_matter_error(text).startswith(expected)


def test_a_control_character_in_the_front_matter_is_a_file_error_at_its_line():
    # A character pasted from a word processor (here a vertical tab) on the first key's line.
    with pytest.raises(SourceError) as error:
        split_front_matter("---\ntitle: Un\x0btitre\ndate: 2024-01-01\n---\nTexte.\n", "x.md")
    assert (error.value.path, error.value.line) == ("x.md", 2)


@pytest.mark.parametrize(
    "text",
    [
        "# Un titre\n\nTexte.\n\n---\n\nSuite.\n",  # a Markdown page with a thematic break
        "\n---\ntitle: A\n---\n",  # the dashes are not on the first line
        '+++\ntitle = "A"\n+++\nTexte.\n',  # another front matter dialect
    ],
    ids=["heading-then-rule", "blank-first-line", "plus-signs"],
)
def test_only_dashes_on_the_first_line_open_a_front_matter(text):
    assert split_front_matter(text, "x.md") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: Atelier\nchapo: Un\x0bchapô\n---\nTexte.\n",
            "x.md:3:10: un caractère invisible (U+000B) dans l’en-tête : supprimez-le",
        ),
        (
            "---\nguid: http://votrecoachweb.com/?p=3\ntitle: A\nexcerpt: B\x07C\n---\n",
            "x.md:4:11: front matter holds a control character (U+0007) YAML refuses: remove it",
        ),
    ],
    ids=["written-by-hand", "export"],
)
def test_a_control_character_is_named_at_its_line_and_column(text, expected):
    assert front_matter_error(text) == expected
