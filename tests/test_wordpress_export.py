"""Build-time migration of WordPress exports: one fixture per quirk, plus the seed."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG

from conftest import FIXTURES, SEED, page
from pelicanconf import MARKDOWN
from wordpress_export.body import mark_markdown_blocks, render_body
from wordpress_export.clean import audit_source, clean_html, site_relative
from wordpress_export.code import extract_code_samples
from wordpress_export.edits import Edited
from wordpress_export.leftovers import flatten_deep_nesting, remove_editor_leftovers
from wordpress_export.reader import WordPressExportReader
from wordpress_export.recognize import exporter_generation, map_front_matter, title_from_file_name
from wordpress_export.shortcodes import expand_shortcodes
from wordpress_helpers import assert_words_kept
from yaml_markdown.errors import SourceError

WP = FIXTURES / "wordpress"
HOSTS = {"votrecoachweb.com", "www.votrecoachweb.com"}


def body_of(name: str) -> str:
    parts = (WP / name).read_text("utf-8").split("---\n", 2)
    return parts[2] if len(parts) > 2 else ""


def build_fixture(build_site, name: str, **kwargs):
    site = build_site({f"pages/{name}": (WP / name).read_bytes()}, **kwargs)
    return site


def article_html(site, slug: str) -> str:
    # Typography (no-break spaces) is another plugin's business: compare plain spaces.
    return str(site.soup(f"{slug}/index.html").find("article")).replace("\xa0", " ")


# --- recognition and front matter ------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "generation"),
    [
        ({"id": 20, "guid": "http://votrecoachweb.com/?page_id=20", "layout": "page"}, "2"),
        ({"post_title": "x", "id": 3}, "1"),
        ({"title": "Nouvelle page", "date": "2024-01-01"}, None),
    ],
    ids=["exporter-2", "exporter-1", "new-page"],
)
def test_exporter_generation_is_told_by_its_keys(meta, generation):
    assert exporter_generation(meta) == generation


def test_v1_keys_map_to_the_same_metadata_and_unpublished_is_draft():
    meta = {"id": "42", "post_title": "T", "post_date": "2012-05-06", "published": False, "x": 1}
    mapped = map_front_matter(meta, "1", "p.md")
    assert mapped["id"] == 42
    assert (mapped["title"], mapped["date"], mapped["status"], mapped["x"]) == (
        "T",
        "2012-05-06",
        "draft",
        1,
    )


def test_seed_front_matter_is_typed_and_kept(build_site):
    site = build_site({"pages/" + SEED.name: SEED.read_bytes()})
    assert site.result.ok, site.log
    assert not site.result.warnings, site.log


# --- body rules (pure functions) ---------------------------------------------------


def test_divs_are_marked_for_markdown_unless_already_marked():
    text = '<div class="a">\n<div markdown="0">'
    assert mark_markdown_blocks(text) == '<div markdown="1" class="a">\n<div markdown="0">'


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://votrecoachweb.com/services/", "/services/"),
        ("https://www.votrecoachweb.com/a/?x=1#haut", "/a/?x=1#haut"),
        ("https://example.org/page/", "https://example.org/page/"),
        ("mailto:a@votrecoachweb.com", "mailto:a@votrecoachweb.com"),
    ],
)
def test_old_domain_links_become_site_relative(url, expected):
    assert site_relative(url, HOSTS) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p style="color:red" align="center">a</p>', "<p>a</p>"),
        ('<font color="red">a</font>', "a"),
        ('<span style="x">a</span><span></span>', "a"),
        ('<div style="color:#222"><p>a</p></div>', "<p>a</p>"),
        ('<div class="chapo" style="x"><p>a</p></div>', '<div class="chapo"><p>a</p></div>'),
        ("<p>a&nbsp;&nbsp; &nbsp;b&nbsp;?</p>", "<p>a b&nbsp;?</p>"),
        ("<p>a<!--more-->b</p>", "<p>ab</p>"),
        ('<p onclick="x()">a</p><script>x()</script>', "<p>a</p>"),
        ('<a href="javascript:x()">a</a>', "<a>a</a>"),
        ('<div style="display:none"><a href="http://spam/">s</a></div><p>a</p>', "<p>a</p>"),
    ],
    ids=[
        "style-align",
        "font",
        "spans",
        "style-only-wrapper",
        "chapo-class-kept",
        "nbsp-runs",
        "more",
        "on-attr-script",
        "javascript-url",
        "hidden-spam",
    ],
)
def test_clean_html(html, expected):
    assert clean_html(html, HOSTS) == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<script>x</script>", "<script> removed"),
        ('<p onclick="x">a</p>', "onclick attribute removed"),
        ('<a href="javascript:x">a</a>', "javascript: URL removed"),
        ('<iframe src="https://bad.example/"></iframe>', "<iframe> removed"),
        ('<div style="left:-9999px; position:absolute">a</div>', "hidden <div> block removed"),
        ("<div>\n<em>a</em>\n", "<div> is never closed"),
    ],
)
def test_source_audit_names_each_problem(body, message):
    assert any(message in f.message for f in audit_source(body))


@pytest.mark.parametrize(
    ("text", "html_part", "problem"),
    [
        ('[caption id="a"]<img src="/i.jpg" alt="I"> Légende[/caption]', "<figcaption>", None),
        ("[embed]https://vimeo.com/1[/embed]", '<a href="https://vimeo.com/1">', None),
        ("https://youtu.be/abc\n", '<a href="https://youtu.be/abc">', None),
        ('[gallery]<img src="/a.jpg">[/gallery]', '<ul class="gallery">', None),
        ("[reservation id=&#8221;12&#8243;]", "[reservation", "unknown shortcode"),
        ("[contact-form-7 id=&#8221;12&#8243;]", "", "form shortcode [contact-form-7] removed"),
        ("le guide [PDF] ici", "le guide [PDF] ici", None),
        ("voir [le site](https://a.example/) et [la liste][1]", "[le site](", None),
        ("[1]: https://a.example/\n[vos besoins]: https://b.example/", "[1]:", None),
        ("[mon_encadre]Texte gardé.[/mon_encadre]", "Texte gardé.", "its content kept"),
        ("Fin.[/su_highlight]", "Fin.", "without an opening one removed"),
        ('[vc_row][vc_column width="1/2"]Un[/vc_column][/vc_row]', "Un", "[vc_row], [vc_column]"),
        ('[su_button url="/contact/"]Écrire[/su_button]', '<a href="/contact/">Écrire</a>', "su_"),
        ('[gallery ids="4,5"]', "", "gallery without images in the export removed"),
    ],
    ids=[
        "caption",
        "embed",
        "bare-video-url",
        "gallery",
        "unknown-entities",
        "form-removed",
        "not-a-shortcode",
        "markdown-links",
        "markdown-reference-definitions",
        "unknown-enclosing-unwrapped",
        "stray-closer",
        "page-builder-one-warning",
        "button-becomes-link",
        "gallery-by-ids",
    ],
)
def test_shortcodes(text, html_part, problem):
    html, problems = expand_shortcodes(text)
    assert html_part in html
    messages = [p.message for p in problems]
    if problem is None:
        assert messages == []
    else:
        assert len([m for m in messages if problem in m]) == 1, messages
    assert not re.search(r"\[/?(?:vc_|su_|mon_encadre|gallery)", html)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[gallery ids="4,5"]', "gallery without images in the export removed (attachments 4,5)"),
        ('[gallery include="7"]', "gallery without images in the export removed (attachments 7)"),
        ("[gallery]", "gallery without images in the export removed"),
    ],
)
def test_an_empty_gallery_is_reported_with_the_attachments_it_named(text, message):
    html, problems = expand_shortcodes(text)
    assert html == ""
    assert [p.message for p in problems] == [message]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[one_half]Outils\nAu cabanon.[/one_half]"
            "[one_half_last]Eau\nLa citerne.[/one_half_last]",
            "Outils\nAu cabanon.\n\nEau\nLa citerne.",
        ),
        ("[vc_row][vc_column]Un[/vc_column][vc_column]Deux[/vc_column][/vc_row]", "Un\n\nDeux"),
        ("Intro\n[su_note]Note[/su_note]\nSuite", "Intro\n\nNote\n\nSuite"),
        ("Un mot [su_highlight]clé[/su_highlight] ici.", "Un mot clé ici."),
        ("[su_highlight]Clé[/su_highlight] du texte.", "Clé du texte."),
    ],
    ids=["columns", "nested-columns", "box-between-lines", "highlight-inside", "highlight-first"],
)
def test_a_wrapper_alone_on_its_lines_becomes_its_own_block_and_an_inline_one_stays(text, expected):
    assert expand_shortcodes(text)[0] == expected


def test_side_by_side_columns_become_two_paragraphs_not_one_run_on_line():
    html, _findings = render(
        "[one_half]<strong>Outils</strong>\nAu cabanon.[/one_half]"
        "[one_half_last]<strong>Eau</strong>\nLa citerne d’abord.[/one_half_last]",
        generation="1",
    )
    paragraphs = [p.get_text() for p in BeautifulSoup(html, "html.parser").find_all("p")]
    assert paragraphs == ["Outils\nAu cabanon.", "Eau\nLa citerne d’abord."]


def test_markdown_links_whose_text_is_a_layout_word_are_not_shortcodes():
    text = (
        "Lisez la [note](https://exemple.org/note) et la [section][2].\n\n"
        "[tabs]: https://exemple.org/onglets"
    )
    assert expand_shortcodes(text) == (text, [])


def test_shortcodes_after_a_bracketed_word_or_a_markdown_link_are_still_expanded():
    html, problems = expand_shortcodes(
        "Le guide [PDF] et [le site](https://a.example/).\n\n[su_note]Encadré.[/su_note]"
    )
    assert html == "Le guide [PDF] et [le site](https://a.example/).\n\nEncadré."
    assert [p.message for p in problems] == [
        "page-builder shortcodes removed, their content kept (layout not migrated): [su_note]"
    ]


def test_two_shortcodes_side_by_side_are_both_removed_not_read_as_a_markdown_link():
    html, problems = expand_shortcodes("Texte.[su_spacer][su_divider]\n\nSuite [voir][1].")
    assert html == "Texte.\n\nSuite [voir][1]."
    assert [p.message for p in problems] == [
        "page-builder shortcodes removed, their content kept (layout not migrated): "
        "[su_spacer], [su_divider]"
    ]


def test_a_box_whose_text_names_the_box_gives_no_stray_closer_warning():
    html, problems = expand_shortcodes("[note]Une note importante.[/note]")
    assert html == "Une note importante."
    assert [p.message for p in problems] == [
        "page-builder shortcodes removed, their content kept (layout not migrated): [note]"
    ]


def nested_shortcodes(levels: int) -> str:
    names = [f"niveau{i}" for i in range(1, levels + 1)]
    opening = "".join(f"[{name}]" for name in names)
    closing = "".join(f"[/{name}]" for name in reversed(names))
    return opening + "Texte profond." + closing


DEPTH_MESSAGE = "shortcodes nested more than 30 levels deep were kept as text"


def test_thirty_nested_shortcodes_are_all_unwrapped():
    html, problems = expand_shortcodes(nested_shortcodes(30))
    assert html == "Texte profond."
    assert DEPTH_MESSAGE not in [p.message for p in problems]


def test_shortcodes_nested_deeper_than_thirty_levels_are_kept_as_text_with_a_warning():
    html, problems = expand_shortcodes(nested_shortcodes(32))
    assert html.startswith("[niveau32]Texte profond.")
    assert DEPTH_MESSAGE in [p.message for p in problems]


def test_a_problem_inside_an_unwrapped_shortcode_is_reported_at_its_own_line():
    _, findings = render('Intro.\n[mon_encadre]\nLigne.\n[contact-form-7 id="1"]\n[/mon_encadre]\n')
    assert [(f.line, f.message) for f in findings] == [
        (2, "unknown shortcode [mon_encadre] removed, its content kept"),
        (4, "form shortcode [contact-form-7] removed: the site has no forms"),
    ]


# --- fixtures built through Pelican -----------------------------------------------

CASES = {
    # fixture: (selectors or texts that must be in the <article>, warnings, removed text)
    "v2_bare_paragraphs_in_div.md": (["<p>Premier paragraphe nu.</p>", "<p>Deuxième"], [], ()),
    "v2_pretty_printed_p.md": (['<div class="bloc">', "plusieurs"], [], ()),
    "presentational_markup.md": (["<h2>Un titre</h2>", "<td>Cellule</td>"], [], ()),
    "nbsp_runs.md": (["espaces en trop ici"], [], ()),
    "more_tag.md": (["<p>Introduction courte.</p>"], [], ()),
    "shortcode_caption.md": (
        # a missing upload is a link to its old address, never a broken image (issue 14)
        [
            '<a href="http://votrecoachweb.com/wp-content/uploads/2014/07/atelier.jpg">'
            "Un atelier</a>"
        ],
        ["missing image file content/wp-content/uploads/2014/07/atelier.jpg"],
        (),
    ),
    "shortcode_embed_and_video_url.md": (
        ['href="https://vimeo.com/123456"', 'href="https://www.youtube.com/watch?v=abcdef"'],
        [],
        (),
    ),
    "shortcode_gallery.md": (['<ul class="gallery">'], ["missing image file"], ()),
    "unknown_shortcode_entities.md": (
        ["Contactez-moi", "[PDF]"],
        [":13: warning: form shortcode [contact-form-7] removed: the site has no forms"],
        (),
    ),
    "old_domain_links.md": (
        ['href="/services/"', 'href="/a-propos/?x=1#haut"', 'href="/contact/"', "example.org"],
        [],
        (),
    ),
    "missing_upload_image.md": (
        ['href="http://votrecoachweb.com/wp-content/uploads/2014/07/absente.jpg">Image absente'],
        ["missing image file content/wp-content/uploads/2014/07/absente.jpg"],
        (),
    ),
    "unsafe_markup.md": (
        ["Paragraphe cliquable", 'href="https://www.youtube.com/embed/abcdef"'],
        [
            ":13: warning: <script> removed",
            ":15: warning: onclick attribute removed",
            ":17: warning: javascript: URL removed",
            ":19: warning: <form> removed",
            ":21: warning: <iframe> removed",
        ],
        ('alert("x")', "steal", "q"),
    ),
    "hidden_spam.md": (
        ["Fin visible"],
        [":13: warning: hidden <div> block removed", ":15: warning: hidden <div> block removed"],
        ("pilules pas chères", "casino en ligne"),
    ),
    "unclosed_tags.md": (["Texte dans un bloc"], [":11: warning: <div> is never closed"], ()),
    "empty_body.md": ([], [":11: warning: the page has no text"], ()),
    "panels_data_filled.md": (
        ["Texte"],
        ["page-builder layout (panels_data) was not migrated"],
        (),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_renders_as_meant_with_its_warnings_and_no_lost_words(build_site, name):
    expected, warnings, removed = CASES[name]
    site = build_fixture(build_site, name)
    assert site.result.ok, site.log
    slug = name.removesuffix(".md")
    article = article_html(site, slug)
    text = site.soup(f"{slug}/index.html").find("article").get_text().replace("\xa0", " ")
    for part in expected:
        assert part in article or part in text, article
    for warning in warnings:
        assert f"pages/{name}" in site.log
        assert warning in site.log, site.log
    assert len(site.result.warnings) >= len(warnings)
    assert "style=" not in site.html(f"{slug}/index.html")
    assert_words_kept(body_of(name), article, removed)


def test_v1_export_gets_autop_paragraphs_and_mapped_metadata(build_site):
    site = build_fixture(build_site, "v1_autop.md")
    assert site.result.ok, site.log
    article = site.soup("v1_autop/index.html").find("article")
    paragraphs = [p.get_text(" ", strip=True) for p in article.find_all("p")]
    assert paragraphs[0].startswith("Première ligne")
    assert article.find("br") is not None  # a single newline is a line break
    assert article.find("figcaption").get_text(strip=True) == "Légende"
    assert article.find("h1").get_text().replace("\xa0", " ") == "Ancienne page"
    assert_words_kept(body_of("v1_autop.md"), str(article))


def test_an_exported_post_in_posts_folder_becomes_an_article(build_site):
    site = build_site({"_posts/layout_post.md": (WP / "layout_post.md").read_bytes()})
    assert site.result.ok, site.log
    assert (site.output / "blog" / "layout_post" / "index.html").is_file()
    assert not (site.output / "layout_post").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed_yaml.md", "malformed_yaml.md:3:8: error: front matter is not valid YAML"),
        ("unclosed_front_matter.md", "unclosed_front_matter.md:1: error: front matter opened"),
    ],
)
def test_bad_front_matter_fails_with_file_and_line(build_site, name, message):
    site = build_fixture(build_site, name)
    assert not site.result.ok
    assert message in site.log
    assert "Traceback" not in site.log


def test_an_untitled_export_is_titled_from_its_file_name_with_a_warning(build_site):
    site = build_fixture(build_site, "missing_title.md")
    assert site.result.ok, site.log
    assert "missing_title.md:1: warning: no title: titled 'Missing title' from the file name" in (
        site.log
    )


def test_invalid_utf8_names_the_line(build_site):
    data = (WP / "v2_bare_paragraphs_in_div.md").read_bytes().replace(b"nu.", b"nu \xff.")
    site = build_site({"pages/bad.md": data})
    assert not site.result.ok
    assert re.search(r"pages/bad\.md:13: error: not valid UTF-8", site.log), site.log


def test_byte_order_mark_and_crlf_are_read_like_plain_files(build_site):
    data = b"\xef\xbb\xbf" + (WP / "v2_bare_paragraphs_in_div.md").read_bytes().replace(
        b"\n", b"\r\n"
    )
    site = build_site({"pages/crlf.md": data})
    assert site.result.ok, site.log
    assert "<p>Premier paragraphe nu.</p>" in article_html(site, "crlf")


def test_new_markdown_pages_are_untouched_by_wordpress_rules(build_site):
    body = '<div style="color: red">Texte brut</div>\n\n[PDF] et [contact-form-7 id="1"]\n'
    # With its lead, as the page checks ask of a new page: no warning of any kind expected.
    site = build_site({"pages/nouvelle.md": page("Nouvelle", body, chapo="'Le chapô.'")})
    assert site.result.ok, site.log
    article = article_html(site, "nouvelle")
    assert 'style="color: red"' in article
    assert not site.result.warnings


def test_seed_renders_the_lead_and_exactly_five_clean_paragraphs(build_site):
    site = build_site({"pages/" + SEED.name: SEED.read_bytes()})
    assert site.result.ok, site.log
    html = site.html("medias-sociaux-et-community-management/index.html")
    article = site.soup("medias-sociaux-et-community-management/index.html").find("article")
    lead = article.select(".chapo")
    assert len(lead) == 1
    body_paragraphs = [p for p in article.find_all("p") if not p.find_parent(class_="chapo")]
    body_paragraphs = [p for p in body_paragraphs if "chapo" not in (p.get("class") or [])]
    assert len(body_paragraphs) == 5
    assert "style=" not in html
    assert_words_kept(SEED.read_text("utf-8").split("---\n", 2)[2], str(article))


# --- issue 13: real exports render as WordPress showed them ------------------------


def markdown_renderer():
    # As Pelican builds it: the extensions are the keys of extension_configs.
    configs = MARKDOWN["extension_configs"]
    md = Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render


def render(body: str, generation: str = "2"):
    return render_body(body, generation, markdown_renderer(), HOSTS)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<pre class="brush: php; title: ; notranslate">$a = 1;<br />\nif ($a &gt; 0) {<br />\n'
            "    echo $a;<br />\n}</pre>",
            '<pre><code class="language-php">$a = 1;\nif ($a &gt; 0) {\n    echo $a;\n}'
            "</code></pre>",
        ),
        (
            '<pre class="lang:php decode:true " title="a.php">&lt;?php\necho 1;\n?&gt;</pre>',
            '<pre><code class="language-php">&lt;?php\necho 1;\n?&gt;</code></pre>',
        ),
        (
            '<pre lang="bash">ls &lt; a.txt</pre>',
            '<pre><code class="language-bash">ls &lt; a.txt</code></pre>',
        ),
        (
            '<p>[sourcecode language="css"]<br />\np {<br />\n  margin: 0;<br />\n}<br />\n'
            "[/sourcecode]</p>",
            '<pre><code class="language-css">p {\n  margin: 0;\n}</code></pre>',
        ),
        ("[php]echo 'un';[/php]", "<pre><code class=\"language-php\">echo 'un';</code></pre>"),
        (
            "[css]a { color: red; }[/css]",
            '<pre><code class="language-css">a { color: red; }</code></pre>',
        ),
        (
            '\\[sourcecode language="csharp"\\]\n<em><strong>int a;</strong></em>\n'
            "\\[/sourcecode\\]",
            '<pre><code class="language-csharp">int a;</code></pre>',
        ),
        (
            "[pastacode lang=&nbsp;&raquo;php&nbsp;&raquo; provider=&nbsp;&raquo;manual&nbsp;"
            "&raquo;]\n\n    echo &#034;fin&#034;;\n\n[/pastacode]",
            '<pre><code class="language-php">echo "fin";</code></pre>',
        ),
        (
            '[pastacode lang="bash" manual="ls%20-l%0Apwd" message="" provider="manual"/]',
            '<pre><code class="language-bash">ls -l\npwd</code></pre>',
        ),
        (
            '<!-- wp:syntaxhighlighter/code {"language":"python"} -->\n'
            '<pre class="wp-block-syntaxhighlighter-code">print("a")</pre>\n'
            "<!-- /wp:syntaxhighlighter/code -->",
            '<pre><code class="language-python">print("a")</code></pre>',
        ),
        (
            '<!-- wp:codemirror-blocks/code-block {"mode":"nginx"} -->\n<div class="code-block">'
            "<pre>return 301;</pre></div>\n<!-- /wp:codemirror-blocks/code-block -->",
            '<pre><code class="language-nginx">return 301;</code></pre>',
        ),
        (
            '<!-- wp:code -->\n<pre class="wp-block-code"><code>a &lt; b</code></pre>\n'
            "<!-- /wp:code -->",
            "<pre><code>a &lt; b</code></pre>",
        ),
        ("```python\nx = 1\n```", '<pre><code class="language-python">x = 1</code></pre>'),
        (
            '<code lang="php">\necho 1;\necho 2;\n</code>',
            '<pre><code class="language-php">echo 1;\necho 2;</code></pre>',
        ),
        (
            'Texte <code lang="php">esc_html()</code> ici.',
            '<p>Texte <code class="language-php">esc_html()</code> ici.</p>',
        ),
        (
            '<CODE LANG="php">\necho 1;\necho 2;\n</CODE>',
            '<pre><code class="language-php">echo 1;\necho 2;</code></pre>',
        ),
    ],
    ids=[
        "syntaxhighlighter-pre-br",
        "crayon-lang-php",
        "wp-syntax-pre-lang",
        "sourcecode-in-autop-paragraph",
        "php-shortcode",
        "css-shortcode",
        "escaped-sourcecode-with-tags",
        "pastacode-texturized-quotes",
        "pastacode-manual",
        "gutenberg-syntaxhighlighter",
        "gutenberg-codemirror",
        "gutenberg-core-code",
        "markdown-fence",
        "code-lang-block",
        "code-lang-inline",
        "code-lang-block-upper-case-tags",
    ],
)
def test_code_samples_become_pre_code_with_real_newlines(body, expected):
    html, findings = render(body, "1" if body.startswith("<p>[source") else "2")
    assert html.strip() == expected
    assert findings == []


def test_a_code_sample_inside_a_paragraph_stands_alone():
    html, _ = render("Avant [php]echo 1;[/php] après.\n")
    assert re.sub(r"\s*(<[^>]+>)\s*", r"\1", html) == (
        '<p>Avant</p><pre><code class="language-php">echo 1;</code></pre><p>après.</p>'
    )


def test_each_of_several_fenced_samples_keeps_its_own_code_and_language_in_order():
    html, findings = render("```php\nun\n```\n\n~~~css\ndeux\n~~~\n\n```bash\ntrois\n```")
    assert re.sub(r"\s*(<[^>]+>)\s*", r"\1", html) == (
        '<pre><code class="language-php">un</code></pre>'
        '<pre><code class="language-css">deux</code></pre>'
        '<pre><code class="language-bash">trois</code></pre>'
    )
    assert findings == []


def test_words_around_a_hosted_pastacode_spanning_lines_are_not_glued_together():
    html, findings = render(
        'Voir le fichier[pastacode lang="php" provider="github" path_id="a/b.php"]\n'
        "[/pastacode]sur GitHub."
    )
    assert html.strip() == "<p>Voir le fichier<br>\nsur GitHub.</p>"
    assert [(f.line, f.message) for f in findings] == [
        (1, "code sample hosted on github (pastacode) not migrated")
    ]


def test_a_gutenberg_code_block_named_by_a_mime_type_gets_that_language():
    html, _ = render(
        '<!-- wp:codemirror-blocks/code-block {"mode":"text/x-php"} -->\n'
        '<div class="code-block"><pre>echo 1;</pre></div>\n'
        "<!-- /wp:codemirror-blocks/code-block -->"
    )
    assert html.strip() == '<pre><code class="language-php">echo 1;</code></pre>'


def test_pastacode_from_another_host_is_announced():
    _, findings = render('Texte.\n\n[pastacode lang="php" provider="github" path_id="a/b.php"/]')
    assert [(f.line, f.message) for f in findings] == [
        (3, "code sample hosted on github (pastacode) not migrated")
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<strong>Lundi</strong> : fermé\n<strong>Mardi</strong> : ouvert",
            "<p><strong>Lundi</strong> : fermé<br>\n<strong>Mardi</strong> : ouvert</p>",
        ),
        ('<p style="x">Une\ndeux\ntrois</p>', "<p>Une<br>\ndeux<br>\ntrois</p>"),
        (
            '<div class="bloc">\nLundi\nMardi\n</div>',
            '<div class="bloc">\n<p>Lundi<br>\nMardi</p>\n</div>',
        ),
        ("Ligne  \nsuivante", "<p>Ligne<br>\nsuivante</p>"),
        ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("<p>Un\n</p>\n<p>\nDeux</p>", "<p>Un\n</p>\n<p>\nDeux</p>"),
    ],
    ids=[
        "inline-lines",
        "p-style-bare-lines",
        "div-bare-lines",
        "markdown-hard-break-once",
        "list-untouched",
        "edge-newlines-untouched",
    ],
)
def test_line_breaks_are_decided_per_block_like_autop(body, expected):
    html, _ = render(body)
    assert html.strip() == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<p style="x">Un **gras** ici.</p>', "<p>Un <strong>gras</strong> ici.</p>"),
        (
            "<table><tr><td>Voir [la fiche][f].</td></tr></table>\n\n[f]: https://exemple.org/",
            '<table><tbody><tr><td>Voir <a href="https://exemple.org/">la fiche</a>.</td></tr>'
            "</tbody></table>",
        ),
        (
            "<ul><li>__Souligné__ et *penché*</li></ul>",
            "<ul><li><strong>Souligné</strong> et <em>penché</em></li></ul>",
        ),
        ("<p>un_nom_de_fichier et 2 * 3 * 4</p>", "<p>un_nom_de_fichier et 2 * 3 * 4</p>"),
    ],
    ids=["bold-in-p-style", "reference-link-in-td", "emphasis-in-li", "not-markdown"],
)
def test_markdown_left_raw_inside_html_blocks_is_rendered(body, expected):
    html, _ = render(body)
    assert html.strip() == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<div id="attachment_9" style="width: 310px" class="wp-caption alignleft">'
            '<img src="/i.jpg" alt="I" width="300" /><p class="wp-caption-text">Légende</p></div>',
            '<figure><img alt="I" src="/i.jpg" width="300">'
            "<figcaption>Légende</figcaption></figure>",
        ),
        (
            '<dl class="wp-caption" style="width: 210px;"><dt class="wp-caption-dt">'
            '<img src="/i.jpg" alt="I" /></dt><dd class="wp-caption-dd">Légende</dd></dl>',
            '<figure><img alt="I" src="/i.jpg"><figcaption>Légende</figcaption></figure>',
        ),
        ("Intro\n<li>un</li>\n<li>deux</li>", "<p>Intro</p>\n<ul><li>un</li><li>deux</li></ul>"),
        ("#### A\n\n<h4>&nbsp;</h4>\n\n<h6>B</h6>", '<h2 id="a">A</h2>\n\n<h3>B</h3>'),
        ("<h1>A</h1>\n<h2>B</h2>\n<h3>C</h3>", "<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>"),
        (
            '<!--[if gte mso 9]><xml><w:W></w:W></xml><![endif]-->\n<p class="MsoNormal">'
            "Texte<o:p></o:p></p>\n"
            "<p>&lt;!--[if !supportLists]--&gt;·&lt;!--[endif]--&gt;point</p>",
            "<p>Texte</p>\n<p>·point</p>",
        ),
        (
            '<!-- wp:paragraph -->\n<p>Un.</p>\n<!-- /wp:paragraph -->\n<!-- wp:image {"id":3} -->',
            "<p>Un.</p>",
        ),
    ],
    ids=[
        "div-wp-caption",
        "dl-wp-caption",
        "li-outside-list",
        "empty-heading-and-shift",
        "h1-in-body",
        "word-junk",
        "gutenberg-comments",
    ],
)
def test_leftovers_become_clean_structure(body, expected):
    html, findings = render(body, "1" if "<li>un" in body else "2")
    assert html.strip() == expected
    assert findings == []


@pytest.mark.parametrize(
    ("body", "lead", "rest", "message"),
    [
        (
            '<div class="chapo x">\n\nLe **chapô**.\n\n<!--more-->\n\n</p>\n\n'
            '<div class="texte">\n\nCorps.\n\n</div>',
            '<div class="chapo x">\n<p>Le <strong>chapô</strong>.</p>\n</div>',
            '<div class="texte">\n<p>Corps.</p>\n</div>',
            (1, 'the lead <div class="chapo x"> is never closed: it ends at <!--more-->'),
        ),
        (
            '<div class="chapo">\n\nChapô.\n\n<!--more-->\n\nCorps.\n\n</div>',
            '<div class="chapo">\n<p>Chapô.</p>\n</div>',
            "<p>Corps.</p>",
            None,
        ),
        (
            '<div class="chapo">\n<p>Chapô.</p>\n<div class="texte">\n<p>Corps.</p>\n</div>',
            '<div class="chapo">\n<p>Chapô.</p>\n</div>',
            '<div class="texte">\n<p>Corps.</p>\n</div>',
            (1, 'the lead <div class="chapo"> is never closed: it ends where <div> opens'),
        ),
        (
            '<div class="chapo"><div><p>Imbriqué.</p></div></div>\n<p>Corps.</p>',
            '<div class="chapo"><p>Imbriqué.</p></div>',
            "<p>Corps.</p>",
            None,
        ),
        (
            '<div class="chapo">\n<p>Le <em>chapô</em> court.</p>\n<div class="texte">\n'
            "<p>Corps.</p>\n</div>",
            '<div class="chapo">\n<p>Le <em>chapô</em> court.</p>\n</div>',
            '<div class="texte">\n<p>Corps.</p>\n</div>',
            (1, 'the lead <div class="chapo"> is never closed: it ends where <div> opens'),
        ),
        (
            '<div class="chapo">\n<ul>\n<li>Un\n<li>Deux\n</ul>\n<div class="texte">\n'
            "<p>Corps.</p>\n</div>",
            '<div class="chapo">\n<ul>\n<li>Un\n</li><li>Deux\n</li>\n</ul>\n</div>',
            '<div class="texte">\n<p>Corps.</p>\n</div>',
            (1, 'the lead <div class="chapo"> is never closed: it ends where <div> opens'),
        ),
        (
            '<div class="chapo">\n\nChapô.\n\n<!--more-->\n\n<div class="suite">\n'
            "<p>Corps.\n</div>\n</div>",
            '<div class="chapo">\n<p>Chapô.</p>\n</div>',
            '<div class="suite">\n<p>Corps.\n</p>\n</div>',
            None,
        ),
        (
            '<div class="chapo">\n<div class="encadre">\n\nChapô.\n\n<!--more-->\n\n'
            "Corps.\n\n</div>\n</div>",
            '<div class="chapo">\n<div class="encadre">\n<p>Chapô.</p>\n</div>\n</div>',
            "<p>Corps.</p>",
            None,
        ),
    ],
    ids=[
        "unclosed-ends-at-more",
        "more-inside-closed-lead",
        "unclosed-ends-at-next-div",
        "nested",
        "unclosed-with-inline-tags-in-its-paragraph",
        "unclosed-with-list-items-left-open",
        "more-then-a-block-with-a-paragraph-left-open",
        "more-inside-a-block-inside-the-lead",
    ],
)
def test_a_lead_ends_at_more_or_at_the_first_block_that_is_not_its_child(body, lead, rest, message):
    html, findings = render(body)
    html, lead, rest = (re.sub(r">\s*<", ">\n<", part) for part in (html, lead, rest))
    assert html.startswith(lead), html
    assert html.removeprefix(lead).strip() == rest
    assert [(f.line, f.message) for f in findings] == ([message] if message else [])


def test_lines_are_kept_through_every_rewrite():
    source = Edited("a\n<!-- wp:x -->\nb\n[php]\n1\n2\n[/php]\nc <script>\n")
    source, _ = extract_code_samples(source)
    source = remove_editor_leftovers(source)
    findings = audit_source(source.text)
    assert [(source.original_line(f.line), f.message) for f in findings] == [
        (8, "<script> removed"),
        (8, "<script> is never closed"),
    ]
    assert source.line_at(source.text.index("c <script>")) == 8


def test_a_line_is_traced_back_through_spans_that_grow_and_shrink_in_one_pass():
    # "2" becomes two lines, "5\n6" becomes one: each line of the result names its source line.
    edited = Edited("1\n2\n3\n4\n5\n6\n7").sub(
        re.compile(r"^2$|^5\n6$", re.M), lambda m: {"2": "A\nB", "5\n6": "C"}[m.group(0)]
    )
    assert edited.text == "1\nA\nB\n3\n4\nC\n7"
    assert [edited.original_line(line) for line in range(1, 8)] == [1, 2, 2, 3, 4, 5, 7]


def test_a_line_is_traced_back_through_two_passes():
    shrunk = Edited("a\nb\nc\nd\ne\n").sub(re.compile(r"b\nc\nd"), lambda m: "X")
    assert [shrunk.original_line(line) for line in range(1, 5)] == [1, 2, 5, 6]
    grown = shrunk.sub(re.compile("X"), lambda m: "P\nQ\nR")
    assert grown.text == "a\nP\nQ\nR\ne\n"
    assert [grown.original_line(line) for line in range(1, 7)] == [1, 2, 2, 2, 5, 6]
    assert grown.line_at(grown.text.index("e")) == 5


def test_five_thousand_nested_divs_give_a_clear_message_not_a_recursion_error():
    html, findings = render("<div>" * 5000 + "Texte profond." + "</div>" * 5000)
    assert "Texte profond." in html
    assert [(f.line, f.message) for f in findings] == [
        (
            1,
            "5000 nested tags (<div>…): more than 100 levels cannot be shown; "
            "the 4900 deepest tags were removed, their text kept",
        )
    ]


NEW_CASES = {
    # fixture: (in the <article>, never in the page, warnings)
    "markdown_in_raw_html.md": (
        ["<strong>gras</strong>", 'href="https://exemple.org/fiche"', "<strong>Souligné</strong>"],
        ["**", "__", "]("],
        [],
    ),
    "markdown_links_not_shortcodes.md": (
        ['href="https://exemple.org/ressources"', "[PDF]"],
        ["]["],
        [],
    ),
    "shortcode_layout_and_stray_closer.md": (
        ["<p>Texte de la première colonne.</p>", "<p>Une phrase finale.</p>"],
        ["[vc_", "[/"],
        [
            ":11: warning: page-builder shortcodes removed, their content kept (layout not "
            "migrated): [vc_row], [vc_column], [vc_column_text]",
            ":17: warning: closing shortcode [/su_highlight] without an opening one removed",
        ],
    ),
    "v2_raw_html_line_breaks.md": (
        ["<strong>Lundi</strong> : fermé<br/>", "Première ligne<br/>"],
        ["style="],
        [],
    ),
    "code_pre_br.md": (['<pre><code class="language-php">$a = 1;\nif ($a &gt; 0) {'], ["<br"], []),
    "code_crayon_lang.md": (['<code class="language-php">&lt;?php\necho $titre;'], ["lang:"], []),
    "code_shortcodes.md": (
        ['<code class="language-css">p {\n    margin: 0;\n}</code>', "language-php"],
        ["[sourcecode", "[/php]", "<br"],
        [],
    ),
    "code_pastacode.md": (
        ['<code class="language-php">$total = 0;', "ls -l\npwd"],
        ["[pastacode"],
        [],
    ),
    "code_gutenberg_block.md": (
        ['<code class="language-python">print(“bonjour”)'.replace("“", '"').replace("”", '"')],
        ["wp:"],
        [],
    ),
    "code_lang_attribute.md": (['<code class="language-php">'], ['lang="php"'], []),
    "wp_caption_div.md": (
        ["<figure>", "<figcaption>Une séance d’atelier</figcaption>"],
        ["wp-caption", "style="],
        ["missing image file"],
    ),
    "li_outside_list.md": (["<ul><li>un ordinateur</li><li>vos accès</li></ul>"], [], []),
    "headings_start_at_h4.md": (["Premier titre</h2>", "<h3>Sous-titre</h3>"], ["<h4", "<h6"], []),
    "word_junk.md": (
        ["Texte collé depuis Word.", "·premier point"],
        ["supportLists", "Mso", "&lt;!--"],
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(NEW_CASES))
def test_issue_13_fixture_renders_as_wordpress_showed_it(build_site, name):
    inside, never, warnings = NEW_CASES[name]
    site = build_fixture(build_site, name)
    assert site.result.ok, site.log
    slug = name.removesuffix(".md")
    article = article_html(site, slug).replace("\u202f", " ")
    text = site.soup(f"{slug}/index.html").find("article").get_text().replace("\xa0", " ")
    for part in inside:
        assert part in article or part in text, article
    for part in never:
        assert part not in article, article
    for warning in warnings:
        assert warning in site.log, site.log
    assert len(site.result.warnings) == len(warnings), site.log
    assert_words_kept(body_of(name), article)


# --- issue 20: what the mutation run found untested ---------------------------------


def test_a_v1_body_is_wordpress_html_so_a_line_starting_with_a_hash_is_no_heading():
    # Exporter 1.x wrote the post as WordPress stored it: "#" was text on the old page.
    html, findings = render("# 1 : le constat\n\nLa suite.", "1")
    assert html.strip() == "<p># 1 : le constat</p>\n<p>La suite.</p>"
    assert findings == []


def test_a_rewrite_that_keeps_the_line_count_maps_each_line_to_itself():
    edited = Edited("un\ndeux\ntrois\nquatre").sub(
        re.compile(r"un\ndeux\ntrois"), lambda m: m.group(0).upper()
    )
    assert edited.text == "UN\nDEUX\nTROIS\nquatre"
    assert [edited.original_line(line) for line in range(1, 5)] == [1, 2, 3, 4]


def test_word_and_gutenberg_comments_over_several_lines_go_and_later_lines_keep_their_numbers():
    body = (
        "<!--[IF gte mso 9]><xml>\n<w:WordDocument>\n</w:WordDocument>\n</xml><![ENDIF]-->\n"
        '<p class="MsoNormal">Texte collé.<O:P></O:P></p>\n'
        '<!-- wp:image {"id":3,\n"sizeSlug":"large"} -->\n'
        "<script>x</script>"
    )
    html, findings = render(body)
    assert html.strip() == "<p>Texte collé.</p>"
    assert [(f.line, f.message) for f in findings] == [(8, "<script> removed")]


def test_a_hundred_nested_blocks_with_line_breaks_inside_are_kept_without_a_message():
    body = "Intro.\n\n</span>" + "<div>" * 100 + "\nTexte <br>profond<hr/>.\n" + "</div>" * 100
    html, findings = render(body)
    assert findings == []
    assert "Texte <br>profond<hr>." in html


def test_the_first_block_past_a_hundred_levels_is_reported_at_its_line_with_its_name():
    body = (
        'Intro.\n\n</span><div class="encadre">'
        + "<div>" * 99
        + "\n<SECTION><p>Texte <br>profond<img src='/a.jpg' alt='A'/>.</p></SECTION>\n"
        + "</div>" * 100
        + "\n\nAprès l’encadré.\n<script>x</script>"
    )
    html, findings = render(body)
    assert [(f.line, f.message) for f in findings] == [
        (
            4,
            "102 nested tags (<section>…): more than 100 levels cannot be shown; "
            "the 2 deepest tags were removed, their text kept",
        ),
        (8, "<script> removed"),
    ]
    box = BeautifulSoup(html, "lxml").select_one(".encadre")
    assert " ".join(box.get_text().split()) == "Texte profond."
    assert html.rstrip().endswith("<p>Après l’encadré.</p>")


def test_a_long_page_of_paragraphs_side_by_side_is_not_deep_nesting():
    html, findings = render("<p>Un paragraphe.</p>\n" * 150)
    assert findings == []
    assert html.count("<p>Un paragraphe.</p>") == 150


def test_a_word_comment_over_several_lines_at_the_top_of_a_v1_block_leaves_no_blank_line():
    body = (
        '<div class="encadre">\n<!--[if gte mso 9]><xml>\n<w:View>Normal</w:View>\n'
        "</xml><![endif]-->\nTexte collé depuis Word.\n</div>"
    )
    html, findings = render(body, "1")
    assert re.sub(r"\s*(<[^>]+>)\s*", r"\1", html) == (
        '<div class="encadre"><p>Texte collé depuis Word.</p></div>'
    )
    assert findings == []


def read_export(tmp_path, name: str, text: str):
    """(HTML, metadata) as the site's reader reads `text` from pages/`name`."""
    path = tmp_path / name
    path.write_text(text, "utf-8")
    reader = WordPressExportReader({**DEFAULT_CONFIG, "MARKDOWN": MARKDOWN})
    return reader.read(str(path))


EXPORT_HEAD = "---\nid: 5\ntitle: Atelier\ndate: {date}\nlayout: post\nguid: http://x/?p=5\n---\n"


def test_an_export_whose_date_is_no_date_is_read_without_it_and_with_a_warning(tmp_path, caplog):
    html, meta = read_export(
        tmp_path, "atelier.md", EXPORT_HEAD.format(date="2015-13-45") + "Texte."
    )
    assert html == "<p>Texte.</p>"
    assert "date" not in meta
    assert f"{tmp_path}/atelier.md:4: date '2015-13-45' is not a date: ignored" in caplog.messages


def test_a_new_page_whose_date_is_no_date_stops_the_build_at_its_line(tmp_path):
    with pytest.raises(SourceError) as error:
        read_export(tmp_path, "atelier.md", "---\ntitle: Atelier\ndate: 2015-13-45\n---\nTexte.")
    assert str(error.value) == (
        f"{tmp_path}/atelier.md:3: 'date' has a value that cannot be read: '2015-13-45'"
    )


@pytest.mark.parametrize("date", ["-0001-11-30T00:00:00+00:00", "0000-00-00 00:00:00"])
def test_a_never_published_draft_has_no_date_and_no_warning(tmp_path, caplog, date):
    _, meta = read_export(tmp_path, "brouillon.md", EXPORT_HEAD.format(date=date) + "Idée.")
    assert "date" not in meta
    assert meta["title"] == "Atelier"
    assert caplog.messages == []


@pytest.mark.parametrize(
    ("head", "line"),
    [
        ("---\nid: 5\ntitle: ''\nguid: http://x/?p=5\n---\n", 3),
        ("---\nid: 5\nguid: http://x/?p=5\n---\n", 1),
    ],
    ids=["empty-title", "no-title-key"],
)
def test_an_untitled_export_is_warned_about_at_its_title_line(tmp_path, caplog, head, line):
    _, meta = read_export(tmp_path, "2016-05-01-mon-atelier.md", head + "Texte.\n")
    assert meta["title"] == "Mon atelier"
    assert caplog.messages == [
        f"{tmp_path}/2016-05-01-mon-atelier.md:{line}: no title: "
        "titled 'Mon atelier' from the file name"
    ]


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("_posts/2016-05-01-mon-article.md", "Mon article"),
        ("_drafts/2016-5-1-idee_de-billet.md", "Idee de billet"),
        ("pages/a_propos--de nous.md", "A propos de nous"),
        ("pages/2016.md", "2016"),
        ("_drafts/2016-05-01-.md", "Sans titre"),
        ("pages/-_-.md", "Sans titre"),
    ],
)
def test_an_untitled_export_gets_its_title_from_its_file_name(path, title):
    assert title_from_file_name(path) == title


def test_v1_keys_never_override_the_same_keys_already_present_and_a_published_post_stays_one():
    meta = {
        "post_title": "Ancien titre",
        "title": "Titre",
        "post_excerpt": "Résumé.",
        "published": True,
    }
    mapped = map_front_matter(meta, "1", "p.md")
    assert mapped == {"title": "Titre", "excerpt": "Résumé.", "published": True, "layout": "page"}


def test_v2_keys_named_like_v1_ones_are_kept_as_they_are():
    meta = {"guid": "http://x/?p=5", "post_date": "2015-03-02", "id": 5, "layout": "post"}
    assert map_front_matter(meta, "2", "p.md") == {**meta, "layout": "post"}


@pytest.mark.parametrize(
    ("value", "shown"), [("p-12", "'p-12'"), (None, "None")], ids=["text", "left-empty"]
)
def test_an_id_that_is_no_number_is_kept_as_text_with_a_warning(tmp_path, caplog, value, shown):
    path = f"{tmp_path}/p.md"
    assert map_front_matter({"guid": "g", "id": value}, "2", path)["id"] == str(value)
    assert caplog.messages == [f"{path}: id {shown} is not a number; kept as text"]


@pytest.mark.parametrize(
    "published", [{}, {"published": 0}, {"published": None}], ids=["absent", "zero", "empty"]
)
def test_a_v1_export_is_a_draft_only_when_published_is_false_as_jekyll_reads_it(published):
    # The exporter wrote Jekyll files: Jekyll hides a post only for `published: false`
    # (0 is true in Ruby, an empty value means the default).
    mapped = map_front_matter({"post_title": "Titre", "id": "7", **published}, "1", "p.md")
    assert mapped == {"title": "Titre", "id": 7, "layout": "page", **published}


@pytest.mark.parametrize(
    ("panels", "kept", "warned"),
    [
        ("", [""], False),
        ("a:0:{}", ["a:0:{}"], False),
        (" [] ", [" [] "], False),
        (["a:0:{}", None], ["a:0:{}"], False),
        ('a:1:{s:4:"grid";}', ['a:1:{s:4:"grid";}'], True),
        (["a:0:{}", 'a:1:{s:4:"grid";}'], ["a:0:{}", 'a:1:{s:4:"grid";}'], True),
        (0, ["0"], True),
    ],
    ids=["empty", "empty-array", "empty-json", "list-of-empty", "layout", "list-with-layout", "0"],
)
def test_only_a_filled_page_builder_layout_is_warned_about(tmp_path, caplog, panels, kept, warned):
    path = f"{tmp_path}/p.md"
    assert map_front_matter({"guid": "g", "panels_data": panels}, "2", path)["panels_data"] == kept
    expected = [f"{path}: page-builder layout (panels_data) was not migrated"] if warned else []
    assert caplog.messages == expected


def test_an_export_without_page_builder_data_gets_none_and_a_page_layout():
    assert map_front_matter({"guid": "g", "layout": ""}, "2", "p.md") == {
        "guid": "g",
        "layout": "page",
    }


@pytest.mark.parametrize("generation", ["1", "2"])
def test_a_word_comment_over_several_lines_inside_a_sentence_keeps_one_paragraph(generation):
    # WordPress showed one paragraph; the comment's own line breaks must not split it.
    body = (
        "<p>Début du texte <!--[if gte mso 9]><xml>\n<w:View>Normal</w:View>\n"
        "</xml><![endif]--> suite du texte.</p>"
    )
    html, _problems = render(body, generation)
    assert html.strip() == "<p>Début du texte  suite du texte.</p>"


def test_flattening_deep_nesting_keeps_line_breaks_and_images():
    # Only nested elements are dropped; void and self-closed tags are content, kept as written.
    text = "<div>" * 102 + 'Texte<br>suite<img src="a.png" alt="" />.' + "</div>" * 102
    flattened, problems = flatten_deep_nesting(Edited(text))
    assert 'Texte<br>suite<img src="a.png" alt="" />.' in flattened.text
    assert len(problems) == 1
