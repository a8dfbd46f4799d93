"""Exporter-shaped random files never crash the migration; every problem names file:line.

Bounded for CI: FUZZ_EXAMPLES (default 150 bodies rendered, a tenth of that
built as whole sites) sets the size; a longer run on demand:

    FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz_migration.py
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markdown import Markdown

from conftest import ROOT
from pelicanconf import MARKDOWN
from sitetools.build import build
from wordpress_export.body import render_body

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
HOSTS = {"votrecoachweb.com", "www.votrecoachweb.com"}
PROBLEM = re.compile(
    r"^(?P<path>\S+\.md)(?::(?P<line>\d+))?: (?P<level>warning|error): (?P<msg>.+)$"
)
# Problems reported for a whole file, with no line to point at: a missing image
# (reader.py), a page-builder layout (recognize.py), a file not built (after its
# error). Known gaps, reported with issue 13 to the reader's owner (remove them
# here once the reader names the line): a bad 1.x `post_date` (the key is renamed
# to `date` before its line is looked up) and `layout: post` outside _posts/.
WHOLE_FILE = re.compile(
    r"missing image file|panels_data|not built|^date .* is not a date|^layout: post outside"
)

words = st.text(alphabet="abcdeéèàçôï ’'«»,.;:!?-0123456789", min_size=0, max_size=40)
PIECES = [
    "<div>", "</div>", '<div class="chapo">', '<div class="texte surlignable">', "<p>", "</p>",
    '<p style="color: red">', "<strong>", "</strong>", "<em>", "<li>", "</li>", "<ul>", "</ul>",
    "<table><tr><td>", "</td></tr></table>", "<h4>", "</h4>", "<h1>", "</h1>", "<br />",
    "<!--more-->", "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->",
    '<!-- wp:syntaxhighlighter/code {"language":"php"} -->', "<!-- /wp:syntaxhighlighter/code -->",
    "<!--[if !mso]><style>x</style><![endif]-->", "&lt;!--[if !supportLists]--&gt;",
    "<pre>", "</pre>", '<pre class="lang:php decode:true">', '<code lang="php">', "</code>",
    "**", "__", "*", "_", "[", "]", "(", ")", "[lien](https://exemple.org/)", "[texte][1]",
    "\n [1]: https://exemple.org/\n", "```", "```php\n", "    ", "#### ", "  * ", "1. ",
    "[caption id=\"a\" width=\"300\"]", "[/caption]", "[gallery ids=\"1,2\"]", "[embed]",
    "[/embed]", "[contact-form-7 id=&#8221;1&#8243;]", "[vc_row]", "[/vc_row]", "[/su_note]",
    "[sourcecode language=\"css\"]", "[/sourcecode]", "[php]", "[/php]",
    '[pastacode lang="bash" manual="ls%20-l" provider="manual"/]',
    "[pastacode lang=&nbsp;&raquo;php&nbsp;&raquo;]", "[/pastacode]", "[PDF]",
    "&nbsp;", "&amp;", "&#8217;", "&lt;", "&bogus;", "<script>alert(1)</script>",
    '<div style="display:none">', '<img src="/wp-content/uploads/x.jpg" alt="x" />',
    "https://www.youtube.com/watch?v=abc", '<iframe src="https://evil.example/"></iframe>',
    '<div id="attachment_1" style="width: 310px" class="wp-caption">',
    '<p class="wp-caption-text">', "<![CDATA[", "<?php", "<", ">", "&", "\\[", "\\]",
]  # fmt: skip
bodies = st.lists(
    st.one_of(st.sampled_from(PIECES), words, st.sampled_from(["\n", "\n\n", " ", "\t"])),
    max_size=40,
).map("".join)


@st.composite
def front_matters(draw) -> str:
    generation = draw(st.sampled_from(["1", "2"]))
    title = draw(st.text(alphabet="Abcé :'\"-#[]{}&*!|>", min_size=0, max_size=20))
    quoted = draw(st.booleans())
    title_line = json.dumps(title, ensure_ascii=False) if quoted else title
    date = draw(
        st.sampled_from(
            ["2014-07-05T07:17:31+00:00", "2012-05-06 08:09:10", "le 5 mars",
             '"0000-00-00 00:00:00"', "-0001-11-30T00:00:00", "", "2015"]
        )
    )  # fmt: skip
    if generation == "2":
        lines = [f"id: {draw(st.integers(-5, 10**6))}", f"title: {title_line}", f"date: {date}"]
        lines += ["layout: " + draw(st.sampled_from(["page", "post", "''", "[]"]))]
        lines += [f"guid: http://votrecoachweb.com/?page_id={draw(st.integers(1, 10**9))}"]
        lines += draw(st.sampled_from([[], ["panels_data:", "  - 'a:0:{}'"], ["tags: []"]]))
    else:
        lines = [f"ID: {draw(st.integers(0, 99))}", f"post_title: {title_line}"]
        lines += [f"post_date: {date}", "published: " + draw(st.sampled_from(["true", "false"]))]
    return "---\n" + "\n".join(lines) + "\n---\n"


def renderer():
    configs = MARKDOWN["extension_configs"]
    md = Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render


RENDER = renderer()


@settings(max_examples=EXAMPLES, deadline=None)
@given(body=bodies, generation=st.sampled_from(["1", "2"]))
def test_any_body_renders_and_every_finding_has_a_line_in_it(body, generation):
    html, findings = render_body(body, generation, RENDER, HOSTS)
    assert isinstance(html, str)
    last = body.count("\n") + 1
    for finding in findings:
        assert 1 <= finding.line <= last, (finding, body)
        assert finding.message.strip()
    assert "wpxcodesample" not in html


def build_files(files: dict[str, str]) -> tuple[bool, str]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-site-"))
    try:
        pages = folder / "content" / "pages"
        pages.mkdir(parents=True)
        for name, text in files.items():
            (pages / name).write_text(text, "utf-8")
        log = io.StringIO()
        result = build(
            ROOT / "pelicanconf.py",
            overrides={
                "PATH": str(folder / "content"),
                "OUTPUT_PATH": str(folder / "output"),
                "CACHE_CONTENT": False,
                "LOAD_CONTENT_CACHE": False,
            },
            stream=log,
        )
        return result.ok, log.getvalue()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(
    max_examples=max(3, EXAMPLES // 10),
    deadline=None,
    # A whole build per example: shrinking a failure would take minutes; the
    # failing example is printed as it is.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(front_matters(), bodies), min_size=1, max_size=6))
def test_random_export_files_build_without_traceback_and_name_file_and_line(exports):
    files = {f"export-{i}.md": front + body for i, (front, body) in enumerate(exports)}
    _, log = build_files(files)
    assert "Traceback" not in log and "RecursionError" not in log, log
    for line in log.splitlines():
        match = PROBLEM.match(line)
        if match is None:
            continue
        assert Path(match["path"]).name in files, line
        assert match["line"] or WHOLE_FILE.search(match["msg"]), line


def test_five_thousand_nested_divs_build_with_a_clear_message():
    body = "<div>" * 5000 + "Texte très profond." + "</div>" * 5000 + "\n"
    front = "---\nid: 1\ntitle: Profond\nlayout: page\nguid: http://votrecoachweb.com/?p=1\n---\n"
    ok, log = build_files({"profond.md": front + body})
    assert ok, log
    assert "RecursionError" not in log and "maximum recursion" not in log
    assert re.search(
        r"profond\.md:7: warning: 5000 nested tags \(<div>…\): more than 100 levels cannot be "
        r"shown; the 4900 deepest tags were removed, their text kept",
        log,
    ), log


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("---\nid: 1\ntitle: Date\ndate: le 45 mars 2014\nlayout: page\nguid: g\n---\n", 4),
        ('---\nid: 1\ntitle: Date\nlayout: page\ndate: "2014-02-30 10:00"\nguid: g\n---\n', 5),
    ],
    ids=["words", "no-such-day"],
)
def test_a_bad_date_names_its_line(front, line):
    _, log = build_files({"date.md": front + "Texte.\n"})
    assert re.search(rf"date\.md:{line}: (warning|error): .*date", log), log
