"""Wide content never widens the page: scroll regions (plugins/wide_content) and the theme's CSS."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, page, png_bytes
from sitetools.budget_tools import served

sys.path.insert(0, str(ROOT / "plugins"))

from pelican.contents import Page

from wide_content.plugin import add_scroll_regions
from wide_content.regions import wrap_wide_blocks

REGION = '<div class="scroll scroll--{}" role="region" tabindex="0" aria-label="{}">'


def test_tables_and_code_blocks_get_a_named_focusable_region():
    html = "<p>a</p><table><tr><td>1</td></tr></table><pre><code>x</code></pre><p>b</p>"
    assert wrap_wide_blocks(html) == (
        "<p>a</p>"
        + REGION.format("table", "Tableau")
        + "<table><tr><td>1</td></tr></table></div>"
        + REGION.format("pre", "Code")
        + "<pre><code>x</code></pre></div><p>b</p>"
    )


def test_a_caption_names_its_table_and_english_pages_get_english_labels():
    html = '<table><caption>Tarifs <em>"2024"</em></caption><tr><td>1</td></tr></table>'
    assert wrap_wide_blocks(html).startswith(REGION.format("table", "Tarifs &quot;2024&quot;"))
    assert 'aria-label="Table"' in wrap_wide_blocks("<table></table>", "en")


def test_only_the_outermost_table_is_wrapped_and_bodies_without_any_are_unchanged():
    nested = "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"
    assert wrap_wide_blocks(nested).count('role="region"') == 1
    assert wrap_wide_blocks(nested).endswith("</table></td></tr></table></div>")
    assert wrap_wide_blocks("<p>&lt;table&gt;</p>") == "<p>&lt;table&gt;</p>"
    unclosed = "<p>a</p><pre>never closed"
    assert wrap_wide_blocks(unclosed) == unclosed


def test_a_caption_over_several_lines_or_in_capitals_still_names_its_table():
    html = "<table><CAPTION>Grille\ndes tarifs</CAPTION><tr><td>1</td></tr></table>"
    assert wrap_wide_blocks(html).startswith(REGION.format("table", "Grille des tarifs"))


def test_a_code_block_is_labelled_code_even_when_it_shows_a_captioned_table():
    html = "<pre><table><caption>Exemple</caption></table></pre>"
    assert wrap_wide_blocks(html) == REGION.format("pre", "Code") + html + "</div>"


def test_stray_tags_of_the_other_kind_do_not_cut_a_region_short():
    table = "<table><tr><td>avant </pre> apres</td></tr></table>"
    assert wrap_wide_blocks(table) == REGION.format("table", "Tableau") + table + "</div>"
    code = "<pre>echo '</table>' fin</pre><p>suite</p>"
    assert wrap_wide_blocks(code) == (
        REGION.format("pre", "Code") + "<pre>echo '</table>' fin</pre></div><p>suite</p>"
    )


def page_object(lang: str | None, body: str) -> Page:
    """A Page as content_object_init hands it over, without running Pelican's reader."""
    content = Page.__new__(Page)
    content.lang = lang
    content.settings = {"DEFAULT_LANG": "fr"}
    content._content = body
    return content


@pytest.mark.parametrize(
    ("lang", "label"), [("en-GB", "Table"), ("EN", "Table"), (None, "Tableau"), ("fr", "Tableau")]
)
def test_a_page_region_is_labelled_in_the_page_language(lang, label):
    content = page_object(lang, "<table><tr><td>1</td></tr></table>")
    add_scroll_regions(content)
    assert content._content.startswith(REGION.format("table", label))


WIDE = """Intro avec `un_tres_long_identifiant_de_code_sans_espace_qui_deborderait_dun_phone` ici.

https://www.example.com/une/adresse/tres/longue/sans/aucun/espace/qui/deborderait/dun/telephone/etroit

| Colonne un | Colonne deux | Colonne trois | Colonne quatre | Colonne cinq | Colonne six |
| --- | --- | --- | --- | --- | --- |
| contenu assez long | contenu assez long | contenu assez long | contenu long | contenu | long |

```
une ligne de code tres longue qui ne doit jamais etre coupee mais defiler dans son cadre
```

<img src="/images/large.png" alt="Une grande image" width="1600" height="900">

<iframe src="/images/large.png" width="1280" height="720" title="Un lecteur"></iframe>
"""


@pytest.fixture
def wide_site(build_site):
    site = build_site(
        {"pages/large.md": page("Large", WIDE), "images/large.png": png_bytes(1600, 900)}
    )
    assert site.result.ok, site.log
    with served(site.output) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390])
def test_nothing_overflows_a_phone_and_regions_scroll_by_keyboard(browser, wide_site, width):
    page_ = browser.new_page(viewport={"width": width, "height": 700})
    page_.goto(wide_site + "/large/")
    assert page_.evaluate("document.documentElement.scrollWidth") <= width
    image = page_.locator("main img").bounding_box()
    assert image["width"] <= width and abs(image["width"] / image["height"] - 16 / 9) < 0.02
    frame = page_.locator("main iframe").bounding_box()
    assert frame["width"] <= width and abs(frame["width"] / frame["height"] - 16 / 9) < 0.02
    for kind in ("table", "pre"):
        region = page_.locator(f".scroll--{kind}")
        assert region.evaluate("e => e.scrollWidth > e.clientWidth"), kind  # it does scroll
        region.focus()
        assert page_.evaluate("document.activeElement.getAttribute('role')") == "region"
        page_.keyboard.press("ArrowRight")
        page_.wait_for_function(f"document.querySelector('.scroll--{kind}').scrollLeft > 0")
    page_.close()


@pytest.mark.browser
def test_budgets_name_the_width_and_the_element_that_overflows(browser):
    sys.path.insert(0, str(ROOT / "scripts"))
    from budgets import overflow_at  # noqa: PLC0415

    view = browser.new_page()
    view.set_content(
        '<body style="margin:0"><p>court</p><div class="large" style="width:500px">x</div>'
    )
    assert overflow_at(view) == [
        "320 px: 180 px too wide (div.large)",
        "390 px: 110 px too wide (div.large)",
    ]
    view.set_content("<body><p>court</p></body>")
    assert overflow_at(view) == []
    view.close()
