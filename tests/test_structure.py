"""The structure WordPress showed, rebuilt on rendered export HTML (structure.py).

Small cases, one rule each, on the pure functions: what autop did with line
breaks and bare text, orphan list items, captions, heading levels, and code
samples standing alone.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from wordpress_export import structure, walk


def fixed(step, html: str) -> str:
    soup = BeautifulSoup(f"<body>{html}</body>", "lxml")
    if step in (structure.shift_headings, structure.remove_empty_headings):
        step(soup.body)
    else:
        step(soup, soup.body)
    return soup.body.decode_contents()


def test_a_line_break_joins_two_lines_of_text_even_after_a_leading_newline():
    assert fixed(structure.add_line_breaks, "<p>\nun\ndeux\ntrois</p>") == (
        "<p>\nun<br/>\ndeux<br/>\ntrois</p>"
    )


def test_bare_text_becomes_a_paragraph_and_a_block_after_it_stays_outside():
    assert fixed(structure.wrap_bare_inline, "Bonjour<blockquote>Citation</blockquote>") == (
        "<p>Bonjour</p><blockquote>Citation</blockquote>"
    )


def test_a_wrapped_paragraph_keeps_no_trailing_whitespace():
    assert fixed(structure.wrap_bare_inline, "Bonjour <b>toi</b>\n<div>bloc</div>") == (
        "<p>Bonjour <b>toi</b></p><div>bloc</div>"
    )


def test_orphan_items_get_a_list_that_ends_before_the_next_heading():
    html = "<div><li>Un</li><li>Deux</li><h3>Titre</h3><em>fin</em></div>"
    assert fixed(structure.wrap_orphan_items, html) == (
        "<div><ul><li>Un</li><li>Deux</li></ul><h3>Titre</h3><em>fin</em></div>"
    )


def test_a_caption_box_without_caption_text_becomes_a_figure_with_its_image():
    html = '<div class="wp-caption"><img alt="Atelier" src="atelier.jpg"/></div>'
    assert fixed(structure.captions_to_figures, html) == (
        '<figure><img alt="Atelier" src="atelier.jpg"/></figure>'
    )


def test_five_heading_levels_become_h2_to_h6():
    html = "<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5>"
    assert fixed(structure.shift_headings, html) == (
        "<h2>a</h2><h3>b</h3><h4>c</h4><h5>d</h5><h6>e</h6>"
    )


def test_a_code_sample_stands_alone_and_the_text_around_it_keeps_its_markup():
    html = "<p>Avant wpxcodesample0x<b>gras</b> suite <em>fin</em></p>"
    assert fixed(structure.isolate_code_placeholders, html) == (
        "<p>Avant </p><p>wpxcodesample0x</p><p><b>gras</b> suite <em>fin</em></p>"
    )


def test_line_breaks_around_a_code_sample_are_dropped():
    cases = {
        "<p>texte<br/>wpxcodesample0x</p>": "<p>texte</p><p>wpxcodesample0x</p>",
        "<p>wpxcodesample0x<br/>suite</p>": "<p>wpxcodesample0x</p><p>suite</p>",
        "<p>wpxcodesample0x suite<br/><br/></p>": "<p>wpxcodesample0x</p><p> suite</p>",
    }
    for html, expected in cases.items():
        assert fixed(structure.isolate_code_placeholders, html) == expected, html


def test_markdown_after_a_comment_is_still_rendered():
    soup = BeautifulSoup("<body><!-- **note** --><p>Un **mot** fort</p></body>", "lxml")
    structure.render_inline_markdown(
        soup, soup.body, lambda text: f"<p>{text}</p>".replace("**mot**", "<strong>mot</strong>")
    )
    assert soup.body.decode_contents() == ("<!-- **note** --><p>Un <strong>mot</strong> fort</p>")


def test_a_line_after_an_inline_element_is_broken_after_it():
    assert fixed(structure.add_line_breaks, '<p><a href="/x/">lien</a>\nsuite</p>') == (
        '<p><a href="/x/">lien</a><br/>\nsuite</p>'
    )


def test_a_line_before_an_inline_element_is_broken_before_it():
    assert fixed(structure.add_line_breaks, "<p>début\n<em>fin</em></p>") == (
        "<p>début<br/>\n<em>fin</em></p>"
    )


def test_a_poem_of_three_hundred_lines_gets_a_break_between_lines_only():
    poem = "\n".join(f"vers {number}" for number in range(1, 301))
    html = fixed(structure.add_line_breaks, f"<p>{poem}<em>fin</em></p>")
    assert html.count("<br/>") == 299
    assert html.endswith("vers 300<em>fin</em></p>")


def test_lines_in_a_paragraph_after_a_list_are_still_broken():
    html = "<ul>\n<li>a</li>\n</ul><p>un\ndeux</p>"
    assert fixed(structure.add_line_breaks, html) == "<ul>\n<li>a</li>\n</ul><p>un<br/>\ndeux</p>"


def test_a_caption_box_laid_out_on_several_lines_leaves_no_empty_paragraph():
    html = (
        '<div class="wp-caption">\n<img alt="x" src="a.jpg"/>\n'
        '<p class="wp-caption-text">Légende</p>\n</div>'
    )
    assert fixed(structure.captions_to_figures, html) == (
        '<figure><img alt="x" src="a.jpg"/><figcaption>Légende</figcaption></figure>'
    )


def test_the_text_after_a_code_sample_keeps_its_inline_markup_before_a_trailing_break():
    html = "<p>wpxcodesample0x suite <em>fin</em><br/></p>"
    assert fixed(structure.isolate_code_placeholders, html) == (
        "<p>wpxcodesample0x</p><p> suite <em>fin</em></p>"
    )


def test_walks_select_tags_and_strings_in_document_order():
    soup = BeautifulSoup(
        '<body><div class="encadre note"><p>un <em>deux</em></p><!-- trois --></div>'
        "<p>quatre</p></body>",
        "lxml",
    )
    box, first, emphasis, last = walk.tags(soup.body)
    assert [tag.name for tag in (box, first, emphasis, last)] == ["div", "p", "em", "p"]
    assert walk.tags(soup.body, {"p", "em"}) == [first, emphasis, last]
    assert walk.tags_where(soup.body, lambda tag: tag.name != "p") == [box, emphasis]
    assert walk.child_tags(soup.body, "p") == [last]
    assert [str(s) for s in walk.strings(soup.body, re.compile("r"))] == [" trois ", "quatre"]
    assert walk.inside(emphasis.string, {"div"})
    assert not walk.inside(last.string, {"div", "em"})


def test_a_class_test_sees_each_class_whether_listed_or_written_as_one_string():
    soup = BeautifulSoup('<body><div class="encadre note"></div><p>sans</p></body>', "lxml")
    box, paragraph = walk.tags(soup.body)
    assert walk.has_class(box, lambda name: name == "note")
    assert not walk.has_class(box, lambda name: name == "encadre note")
    assert not walk.has_class(paragraph, lambda name: True)
    paragraph["class"] = "chapo intro"
    assert walk.has_class(paragraph, lambda name: name == "intro")
