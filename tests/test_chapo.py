"""The chapo plugin: lead extraction (pure), descriptions, and the lead on built pages."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markdown import Markdown

from chapo.describe import description, shorten
from chapo.extract import extract_chapo
from chapo.raw_markdown import render_raw_markdown
from conftest import FIXTURES, SEED, page

CLASSES = frozenset({"chapo", "chapeau"})


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


@pytest.mark.parametrize(
    ("html", "lead", "body", "problem"),
    [
        (
            '<div class="chapo" style="font-weight: bold"><p style="x">Le <a href="/a/">lien</a> '
            "<em>fort</em>.</p></div><p>Corps.</p>",
            '<p>Le <a href="/a/">lien</a> <em>fort</em>.</p>',
            "<p>Corps.</p>",
            None,
        ),
        ('<p class="chapo">Chapô.</p><p>Corps.</p>', "<p>Chapô.</p>", "<p>Corps.</p>", None),
        ('<p class="intro chapeau">Chapô.</p>', "<p>Chapô.</p>", "", None),
        (
            '<div class="chapo"><div><p>Imbriqué.</p></div></div><p>Corps.</p>',
            "<p>Imbriqué.</p>",
            "<p>Corps.</p>",
            None,
        ),
        ("<p>Sans chapô.</p>", "", "<p>Sans chapô.</p>", None),
        ('<div class="chapo"><br></div><p>Corps.</p>', "", "<p>Corps.</p>", "empty lead"),
        ('<div class="chapo"> </div><p>Corps.</p>', "", "<p>Corps.</p>", "empty lead"),
        (
            '<p>Avant.</p><p class="chapo">Chapô.</p>',
            "<p>Chapô.</p>",
            "<p>Avant.</p>",
            "not at the top",
        ),
        (
            '<p class="chapo">Un.</p><p class="chapo">Deux.</p>',
            "<p>Un.</p>",
            "<p>Deux.</p>",
            "2 lead blocks",
        ),
        ('<div class="chapo">Texte nu.</div>', "<p>Texte nu.</p>", "", None),
    ],
    ids=[
        "div-styles-dropped-links-kept",
        "p-chapo",
        "chapeau-among-classes",
        "nested-div",
        "no-lead",
        "only-br",
        "only-space",
        "not-at-top",
        "several",
        "bare-text",
    ],
)
def test_extract_chapo(html, lead, body, problem):
    result = extract_chapo(html, CLASSES)
    assert result.lead == lead
    assert result.body == body
    if problem:
        assert any(problem in p for p in result.problems), result.problems
    else:
        assert result.problems == []


def test_a_lead_inside_a_wrapper_block_is_still_at_the_top_of_the_page():
    html = '<div class="entry"><p class="chapo">Chapô.</p><p>Corps.</p></div>'
    result = extract_chapo(html, CLASSES)
    assert (result.lead, result.body) == ("<p>Chapô.</p>", '<div class="entry"><p>Corps.</p></div>')
    assert result.problems == []


def test_a_second_lead_block_keeps_its_other_classes_in_the_body():
    result = extract_chapo('<p class="chapo">Un.</p><p class="chapo encadre">Deux.</p>', CLASSES)
    assert (result.lead, result.body) == ("<p>Un.</p>", '<p class="encadre">Deux.</p>')


def test_extra_classes_come_from_settings():
    assert extract_chapo('<p class="lead">L.</p>', CLASSES | {"lead"}).lead == "<p>L.</p>"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Court.", "Court."),
        ("  des   espaces\n partout ", "des espaces partout"),
        ("mot " * 50, ("mot " * 40).strip() + "…"),
        ("x" * 200, "x" * 159 + "…"),
    ],
    ids=["short", "whitespace", "word-boundary", "one-long-word"],
)
def test_shorten(source, expected):
    result = shorten(source)
    assert result == expected
    assert len(result) <= 160


def test_description_falls_back_to_the_first_paragraph():
    assert description("", "<h2>Titre</h2><p>Premier.</p><p>Second.</p>") == "Premier."


def test_shorten_never_goes_past_160_characters_when_a_space_follows_the_limit():
    # 160 letters then a word: the space at position 161 must not be used as the cut.
    assert shorten("a" * 160 + " suite") == "a" * 159 + "…"


def test_description_reads_a_first_paragraph_written_over_several_lines_in_any_case():
    body = '<P class="x">Un premier paragraphe\nsur deux lignes.</P><p>Second.</p>'
    assert description("", body) == "Un premier paragraphe sur deux lignes."


def test_description_of_a_body_without_any_paragraph_is_its_text():
    assert description("", "<ul><li>Un point.</li><li>Un autre.</li></ul>") == "Un point. Un autre."


fragments = st.lists(
    st.tuples(
        st.sampled_from(["p", "div", "blockquote"]),
        st.sampled_from([None, "chapo", "chapeau", "autre"]),
        st.text(alphabet="abcdéèà ’,.", min_size=0, max_size=30),
    ),
    max_size=6,
)


def render(parts) -> str:
    return "".join(
        f"<{tag}{f' class={cls!r}' if cls else ''}>{words}</{tag}>" for tag, cls, words in parts
    )


@given(fragments)
def test_no_text_is_lost_and_extraction_is_idempotent(parts):
    html = render(parts)
    result = extract_chapo(html, CLASSES)
    assert sorted(text(result.lead + " " + result.body).split()) == sorted(text(html).split())
    again = extract_chapo(result.body, CLASSES)
    assert again.body == result.body
    assert again.lead == ""
    # ...and it does something: the first marked block, if it has text, is the lead,
    # and no block stays marked in the body.
    marked = [words for _, cls, words in parts if cls in CLASSES]
    if marked and marked[0].strip():
        assert text(result.lead).split() == marked[0].split()
    else:
        assert result.lead == ""
    assert "chapo" not in result.body
    assert "chapeau" not in result.body


def lead_section(site, slug: str):
    return site.soup(f"{slug}/index.html").select("header .chapo")


def test_seed_lead_appears_once_in_the_lead_section_with_its_description(build_site):
    site = build_site({"pages/" + SEED.name: SEED.read_bytes()})
    slug = "medias-sociaux-et-community-management"
    soup = site.soup(f"{slug}/index.html")
    lead = text(str(lead_section(site, slug)[0]))
    assert lead.startswith("Les médias sociaux imposent")
    assert soup.get_text().count("Les médias sociaux imposent quelques contraintes") == 1
    meta = soup.find("meta", attrs={"name": "description"})["content"]
    assert meta.startswith("Les médias sociaux imposent quelques contraintes")
    assert len(meta) <= 160
    og = soup.find("meta", attrs={"property": "og:description"})["content"]
    assert og == meta
    body = soup.find("article").find_all("p")
    assert len([p for p in body if not p.find_parent(class_="chapo")]) == 5
    home = site.soup("index.html")
    assert "Les médias sociaux imposent" in home.find("main").get_text()


@pytest.mark.parametrize(
    ("name", "lead_text", "warning"),
    [
        ("front_matter_chapo.md", "Le chapô en front matter, avec un lien.", None),
        ("attr_list_chapo.md", "Le chapô marqué dans le corps.", None),
        ("both_chapo.md", "Chapô du front matter.", "front matter wins"),
    ],
)
def test_markdown_pages_give_their_lead_two_ways(build_site, name, lead_text, warning):
    site = build_site({f"pages/{name}": (FIXTURES / "chapo" / name).read_bytes()})
    assert site.result.ok, site.log
    slug = name.removesuffix(".md")
    section = lead_section(site, slug)
    assert section[0].get_text().strip().replace("\xa0", " ") == lead_text
    assert (warning in site.log) if warning else not site.result.warnings
    if name == "both_chapo.md":  # the body's lead stays as text
        article = site.soup(f"{slug}/index.html").find("article").get_text()
        assert "Chapô du corps." in article.replace("\xa0", " ")
    if name == "front_matter_chapo.md":
        assert section[0].find("a")["href"] == "/contact/"
        assert section[0].find("strong") is not None


def test_page_without_lead_has_no_lead_section_and_describes_its_first_paragraph(build_site):
    site = build_site({"pages/a.md": page("A", "Premier paragraphe.\n\nSecond.\n")})
    assert lead_section(site, "a") == []
    meta = site.soup("a/index.html").find("meta", attrs={"name": "description"})
    assert meta["content"].replace("\xa0", " ") == "Premier paragraphe."


def test_articles_get_their_lead_and_summary_in_the_feed(build_site):
    post = page("Billet", '<p class="chapo">Le chapô du billet.</p>\n\nLe corps.\n')
    site = build_site({"articles/billet.md": post}, settings="publishconf.py")
    assert site.result.ok, site.log
    feed = (site.output / "feeds" / "all.atom.xml").read_text("utf-8")
    assert "Le chapô du billet." in feed.replace("\xa0", " ")


# --- issue 13: a lead that never closes, Markdown inside a lead -------------------


@pytest.mark.parametrize(
    ("html", "lead", "body"),
    [
        (
            '<div class="chapo"><p>Chapô.</p><!--more--><p>Corps.</p></div><p>Suite.</p>',
            "<p>Chapô.</p>",
            "<p>Corps.</p>\n<p>Suite.</p>",
        ),
        (
            '<p>Avant.</p><div class="chapo"><p>Chapô.</p><!-- more --><div><p>Corps.</p>'
            "</div></div>",
            "<p>Chapô.</p>",
            "<p>Avant.</p><div><p>Corps.</p></div>",
        ),
    ],
    ids=["at-top", "further-down"],
)
def test_a_lead_ends_at_the_more_marker(html, lead, body):
    result = extract_chapo(html, CLASSES)
    assert (result.lead, result.body) == (lead, body)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>Un **mot** et [un lien](/a/).</p>",
            '<p>Un <strong>mot</strong> et <a href="/a/">un lien</a>.</p>',
        ),
        ("<p>Sans syntaxe.</p>", "<p>Sans syntaxe.</p>"),
        ("<p>2 * 3 * 4 et un_nom</p>", "<p>2 * 3 * 4 et un_nom</p>"),
        ("<p><code>**brut**</code></p>", "<p><code>**brut**</code></p>"),
        (
            "<p>Avant <em>ceci</em> un **mot** <em>puis</em>\n</p>",
            "<p>Avant <em>ceci</em> un <strong>mot</strong> <em>puis</em>\n</p>",
        ),
        ("<p># Un **titre**</p>", "<p># Un **titre**</p>"),
        (
            '<p>Voir [la page](/a/ "Un titre") et l\'atelier.</p>',
            '<p>Voir <a href="/a/" title="Un titre">la page</a> et l\'atelier.</p>',
        ),
        (
            "<p><code>**brut**</code> et un **mot**</p>",
            "<p><code>**brut**</code> et un <strong>mot</strong></p>",
        ),
        (
            "<p># Un **titre**<br>puis un **mot**</p>",
            "<p># Un **titre**<br/>puis un <strong>mot</strong></p>",
        ),
        # nothing to render: the lead stays byte for byte as written
        (
            "<p class='note'># Un **titre**<br>suite</p>",
            "<p class='note'># Un **titre**<br>suite</p>",
        ),
    ],
    ids=[
        "bold-and-link",
        "plain",
        "not-markdown",
        "code-untouched",
        "spaces-kept",
        "block",
        "link-title-in-quotes",
        "after-code",
        "after-a-block",
        "unchanged-as-written",
    ],
)
def test_markdown_left_raw_in_a_lead_is_rendered(html, expected):
    md = Markdown(extensions=["markdown.extensions.extra"])

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    assert render_raw_markdown(html, render) == expected


@pytest.mark.parametrize(
    ("name", "lead", "body", "warning"),
    [
        (
            "chapo_unclosed_more.md",
            ["Le chapô en Markdown, premier paragraphe.", "Second paragraphe du chapô."],
            ["Le corps commence ici.", "Il continue là."],
            'chapo_unclosed_more.md:9: warning: the lead <div class="chapo surlignable"> is '
            "never closed: it ends at <!--more-->",
        ),
        (
            "chapo_unclosed_next_div.md",
            ["Le chapô tient en une phrase."],
            ["Le corps suit, sans que le chapô soit fermé."],
            'chapo_unclosed_next_div.md:9: warning: the lead <div class="chapo"> is never '
            "closed: it ends where <div> opens",
        ),
        (
            "chapo_markdown_page.md",
            ["Un chapô avec du gras et un lien."],
            ["Le corps de la page."],
            None,
        ),
    ],
)
def test_a_lead_left_open_or_written_in_markdown_shows_as_the_author_meant(
    build_site, name, lead, body, warning
):
    site = build_site({f"pages/{name}": (FIXTURES / "chapo" / name).read_bytes()})
    assert site.result.ok, site.log
    slug = name.removesuffix(".md")
    section = lead_section(site, slug)

    def shown(paragraph) -> str:
        return re.sub(r"\s+", " ", paragraph.get_text()).replace("\xa0", " ").strip()

    assert [shown(p) for p in section[0].find_all("p")] == lead
    assert "**" not in str(section[0])
    if name != "chapo_unclosed_next_div.md":  # both others write **bold** in the lead
        assert section[0].find("strong") is not None
    article = site.soup(f"{slug}/index.html").find("article")
    paragraphs = [shown(p) for p in article.find_all("p") if not p.find_parent(class_="chapo")]
    assert paragraphs == body
    assert (warning in site.log) if warning else not site.result.warnings, site.log
