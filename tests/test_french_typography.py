"""French typography: a before/after table, the never-touched list, properties, the seed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEED, page
from french_typography.rules import PROTECTED_PATTERNS, PROTECTED_TAGS, frenchify_html

N = "\u202f"  # narrow no-break space
B = "\u00a0"  # no-break space

CASES = [
    ("question", "Ça va ?", f"Ça va{N}?"),
    ("question-no-space", "Ça va?", f"Ça va{N}?"),
    ("exclamation", "Bravo !", f"Bravo{N}!"),
    ("semicolon", "un ; deux", f"un{N}; deux"),
    ("colon", "Note : voici", f"Note{B}: voici"),
    ("colon-no-space", "Note: voici", f"Note{B}: voici"),
    ("quotes", 'Il dit "bonjour".', f"Il dit «{N}bonjour{N}»."),
    ("curly-quotes", "“English”", f"«{N}English{N}»"),
    ("guillemets-spaced", "« oui »", f"«{N}oui{N}»"),
    ("apostrophe", "l'été d'hier", "l’été d’hier"),
    ("ellipsis", "Et puis...", "Et puis…"),
    ("percent", "10 % et 20%", f"10{B}% et 20{B}%"),
    ("unit", "5 km, 20 €, 3 h", f"5{B}km, 20{B}€, 3{B}h"),
    ("numero", "n° 5 et n°7", f"n°{B}5 et n°{B}7"),
    ("nbsp-kept-not-doubled", f"sociaux{B}?", f"sociaux{N}?"),
    ("nnbsp-kept", f"sociaux{N}?", f"sociaux{N}?"),
    ("entity-nbsp", "sociaux&nbsp;?", f"sociaux{N}?"),
    ("entity-untouched", "R&amp;D ; ok", f"R&amp;D{N}; ok"),
    ("interrobang", "Vraiment?!", f"Vraiment{N}?!"),
    ("across-tags", '"<em>mot</em>" fin', f"«{N}<em>mot</em>{N}» fin"),
]

NEVER_TOUCHED = [
    ("pre", '<pre>a ? "b" l\'x...</pre>'),
    ("code", '<code>x ? "y" : z</code>'),
    ("kbd", "<kbd>Ctrl ; C</kbd>"),
    ("samp", "<samp>Erreur : 'x'</samp>"),
    ("script", '<script>var a = "b" ? 1 : 2;</script>'),
    ("style", 'a:hover { content: "x"; }'.join(["<style>", "</style>"])),
    ("textarea", '<textarea>a ? "b"</textarea>'),
    ("attribute", '<a href="/x?y=1" title="Titre : \'x\' ?">lien</a>'),
    ("url", "https://example.org/a?b=1;c=2"),
    ("www", "www.example.org/a?b"),
    ("email", "contact@example.org"),
    ("time", "à 10:30"),
    ("ratio", "au format 16:9"),
    ("emoticon", "super :-) et ;) et :D"),
]


@pytest.mark.parametrize(("before", "after"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_french_rules(before, after):
    assert frenchify_html(before) == after


@pytest.mark.parametrize(("case", "html"), NEVER_TOUCHED, ids=[c[0] for c in NEVER_TOUCHED])
def test_never_touched(case, html):
    assert frenchify_html(html) == html


def test_every_protected_tag_and_pattern_has_a_never_touched_case():
    cases = {case for case, _ in NEVER_TOUCHED}
    assert set(PROTECTED_TAGS) <= cases
    assert set(PROTECTED_PATTERNS) <= cases | {"url"}
    assert {"time", "ratio", "attribute"} <= cases


def test_no_english_curly_quotes_are_introduced():
    out = frenchify_html('"Un" "deux" l\'un')
    assert not set("“”‘") & set(out)


TAGS = re.compile(r"<[^>]*>")
words = st.text(alphabet="abcé ?!;:'\".,%5", max_size=20)
html_pieces = st.lists(
    st.one_of(
        words,
        st.sampled_from(["<em>", "</em>", "<br>", '<a href="/a?b">', "</a>", "<code>x ? y</code>"]),
    ),
    max_size=10,
)


@given(html_pieces)
def test_idempotent_tags_unchanged_and_only_typographic_characters_change(pieces):
    html = "".join(pieces)
    once = frenchify_html(html)
    assert frenchify_html(once) == once
    assert TAGS.findall(once) == TAGS.findall(html)
    typographic = set(" \u00a0\u202f«»\"“”'’….")
    strip = lambda s: [c for c in TAGS.sub("", s) if c not in typographic]  # noqa: E731
    assert strip(once) == strip(html)
    # ...and it does something: in every run of text outside <code>, no ? ! ; or
    # spaced : is left against a word or after a plain space, no straight quote is left.
    for run in re.split(r"<code>.*?</code>|<[^>]*>", once):
        assert not re.search(r"[\w ][?!;]|[\w ]:(?=\s|$)| :", run), (pieces, run)
        assert '"' not in run and "'" not in run and "..." not in run, (pieces, run)


def test_seed_question_mark_gets_a_narrow_no_break_space(build_site):
    site = build_site({"pages/" + SEED.name: SEED.read_bytes()})
    html = site.html("medias-sociaux-et-community-management/index.html")
    assert f"dans les médias sociaux{N}?" in html
    assert "\u00a0?" not in html


def test_title_lead_body_and_description_are_all_french(build_site):
    source = page(
        "Pourquoi ? Parce que",
        'Corps : "cité" l\'été...\n',
        chapo='"Un chapô : court !"',
    )
    site = build_site({"pages/a.md": source})
    soup = site.soup("a/index.html")
    assert soup.find("h1").get_text() == f"Pourquoi{N}? Parce que"
    assert soup.select_one("header .chapo").get_text().strip() == f"Un chapô{B}: court{N}!"
    assert f"Corps{B}: «{N}cité{N}» l’été…" in soup.find("article").get_text()
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == f"Un chapô{B}: court{N}!"
    assert f"Pourquoi{N}?" in soup.title.get_text()
