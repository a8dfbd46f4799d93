"""What a visitor or the site owner would notice, checked on built pages and real trees.

Each test here closes a gap a hand-made mutation once slipped through (issue 20):
settings that must reach the built site, typography that must go on after
inline code, spam that must be gone from the page (not only said to be), old
output folders that must not pile up, a server's own files that a deploy must
never remove, and security headers whose values are written here as literals.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chapo.extract import extract_chapo
from conftest import page
from french_typography.rules import PROTECTED_TAGS, frenchify_html
from server_config.headers import apache_headers, netlify_headers, nginx_headers

NNBSP = "\u202f"  # narrow no-break space, before ? ! ; and inside « »
NBSP = "\u00a0"  # no-break space, before :


def article_text(site, slug: str) -> str:
    return site.soup(f"{slug}/index.html").find("article").get_text(" ")


# --- CHAPO_CLASSES: the owner's own lead class, in a built page ------------------------


LEAD_BODY = '<p class="accroche">Une accroche bien à nous.</p>\n\nLe texte de la page.\n'


def test_lead_class_named_in_settings_makes_the_lead_section_of_a_built_page(build_site, tmp_path):
    site = build_site(
        {"pages/accroche.md": page("Accroche", LEAD_BODY)},
        CHAPO_CLASSES=["accroche"],
        CACHE_PATH=str(tmp_path / "cache"),
    )
    assert site.result.ok, site.log
    soup = site.soup("accroche/index.html")
    assert [lead.get_text(strip=True) for lead in soup.select("header .chapo")] == [
        "Une accroche bien à nous."
    ]
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == "Une accroche bien à nous."
    body = [p.get_text(strip=True) for p in soup.find("article").find_all("p", recursive=False)]
    assert body == ["Le texte de la page."]


def test_without_the_setting_that_class_is_an_ordinary_paragraph(build_site, tmp_path):
    site = build_site(
        {"pages/accroche.md": page("Accroche", LEAD_BODY)}, CACHE_PATH=str(tmp_path / "cache")
    )
    soup = site.soup("accroche/index.html")
    assert soup.select("header .chapo") == []
    body = [p.get_text(strip=True) for p in soup.find("article").find_all("p", recursive=False)]
    assert body == ["Une accroche bien à nous.", "Le texte de la page."]


def test_listing_chapo_among_the_settings_classes_keeps_the_default_ones(build_site, tmp_path):
    body = '<p class="chapo">Le chapô habituel.</p>\n\nLe texte.\n'
    site = build_site(
        {"pages/habituel.md": page("Habituel", body)},
        CHAPO_CLASSES=["accroche", "chapo"],
        CACHE_PATH=str(tmp_path / "cache"),
    )
    soup = site.soup("habituel/index.html")
    assert [lead.get_text(strip=True) for lead in soup.select("header .chapo")] == [
        "Le chapô habituel."
    ]


def test_a_lead_problem_is_reported_at_the_line_of_the_lead(build_site, tmp_path):
    body = (
        "Un paragraphe d’abord.\n\n"  # line 5 of the file (4 lines of front matter)
        '<p class="chapo">Le chapô, trop bas.</p>\n\n'  # line 7
        '<p class="chapo">Un second chapô.</p>\n'
    )
    site = build_site({"pages/bas.md": page("Bas", body)}, CACHE_PATH=str(tmp_path / "cache"))
    assert site.result.ok, site.log
    lines = [line for line in site.log.splitlines() if "pages/bas.md" in line]
    assert [line.split("pages/bas.md", 1)[1] for line in lines] == [
        ":7: warning: 2 lead blocks: the first is the lead, the others stay in the body",
        ":7: warning: the lead was not at the top of the page; it is shown at the top",
    ]


def test_markdown_written_inside_a_lead_block_shows_as_bold_and_a_link(build_site, tmp_path):
    body = '<div class="chapo">Un **chapô** avec un [lien](/contact/).</div>\n\nLe texte.\n'
    site = build_site({"pages/md.md": page("Md", body)}, CACHE_PATH=str(tmp_path / "cache"))
    assert site.result.ok, site.log
    lead = site.soup("md/index.html").select("header .chapo")[0]
    assert str(lead.p) == '<p>Un <strong>chapô</strong> avec un <a href="/contact/">lien</a>.</p>'


def test_lead_line_of_a_file_that_cannot_be_read_is_unknown(tmp_path):
    from chapo.plugin import lead_line  # noqa: PLC0415

    assert lead_line(str(tmp_path / "absent.md"), {"chapo"}) is None
    assert lead_line(None, {"chapo"}) is None


# --- French typography goes on after a protected element -------------------------------


@pytest.mark.parametrize("tag", PROTECTED_TAGS)
def test_text_after_a_protected_element_is_set_in_french_typography(tag):
    html = f'<p>Avant : <{tag}>x ? "y"</{tag}> après : vraiment ? "oui"</p>'
    assert frenchify_html(html) == (
        f'<p>Avant{NBSP}: <{tag}>x ? "y"</{tag}> '
        f"après{NBSP}: vraiment{NNBSP}? «{NNBSP}oui{NNBSP}»</p>"
    )


def test_typography_goes_on_after_each_of_several_code_spans_and_a_self_closed_tag():
    html = "<p><code>a;b</code> un ; deux <code>c?d</code> trois ? <code/> quatre !</p>"
    assert frenchify_html(html) == (
        f"<p><code>a;b</code> un{NNBSP}; deux <code>c?d</code> trois{NNBSP}? "
        f"<code/> quatre{NNBSP}!</p>"
    )


def test_code_inside_pre_keeps_the_rest_of_the_pre_block_untouched():
    html = "<pre><code>a ? b</code> c ? d</pre> après ?"
    assert frenchify_html(html) == f"<pre><code>a ? b</code> c ? d</pre> après{NNBSP}?"


def test_curly_quotes_inside_curly_quotes_keep_their_direction():
    html = "<p>“Il a dit “oui” hier”</p>"
    assert frenchify_html(html) == f"<p>«{NNBSP}Il a dit «{NNBSP}oui{NNBSP}» hier{NNBSP}»</p>"


def test_built_page_keeps_french_typography_after_inline_code(build_site, tmp_path):
    body = "Tapez `ls -l ; pwd` puis : une question ? Et « voilà ».\n\nFin : merci !\n"
    site = build_site({"pages/code.md": page("Code", body)}, CACHE_PATH=str(tmp_path / "cache"))
    assert site.result.ok, site.log
    paragraphs = site.soup("code/index.html").find("article").find_all("p", recursive=False)
    assert [str(p) for p in paragraphs] == [
        f"<p>Tapez <code>ls -l ; pwd</code> puis{NBSP}: une question{NNBSP}? "
        f"Et «{NNBSP}voilà{NNBSP}».</p>",
        f"<p>Fin{NBSP}: merci{NNBSP}!</p>",
    ]


LANGUAGES = {
    "fr-CA": f"Vraiment{NNBSP}? «{NNBSP}Oui{NNBSP}».",
    "fr_FR": f"Vraiment{NNBSP}? «{NNBSP}Oui{NNBSP}».",
    "en": 'Vraiment ? "Oui".',
    "it": 'Vraiment ? "Oui".',
    "de": 'Vraiment ? "Oui".',
}


def test_french_typography_is_for_french_pages_only(build_site, tmp_path):
    files = {
        f"pages/{lang.lower()}.md": page(f"Page {lang}", 'Vraiment ? "Oui".\n', lang=lang)
        for lang in LANGUAGES
    }
    site = build_site(files, CACHE_PATH=str(tmp_path / "cache"))
    assert site.result.ok, site.log
    for lang, expected in LANGUAGES.items():
        html = next(site.output.rglob(f"{lang.lower()}/index.html")).read_text("utf-8")
        assert f"<p>{expected}</p>" in html, lang


def test_an_articles_summary_in_the_feed_is_set_in_french_typography(build_site, tmp_path):
    post = page("Billet", "Le corps.\n", chapo="'Prêt ? Partez !'")
    site = build_site(
        {"articles/billet.md": post}, settings="publishconf.py", CACHE_PATH=str(tmp_path / "c")
    )
    assert site.result.ok, site.log
    feed = (site.output / "feeds" / "all.atom.xml").read_text("utf-8")
    assert f"Prêt{NNBSP}? Partez{NNBSP}!" in feed


# --- Hidden spam blocks: gone from the page, whatever hides them ------------------------


HIDDEN_SPAM = {
    "display:none": "pilules",
    "visibility: hidden": "casino",
    "position:absolute; left:-9999px": "paris",
    "position:absolute;top:-5000px": "crédit",
    "font-size:0": "rolex",
    "font-size: 0px; line-height:0": "viagra",
    "DISPLAY: NONE": "poker",
}
WORDPRESS_PAGE = """---
id: 77
title: Page avec du spam caché
date: 2016-04-02T10:00:00+01:00
author: bertrand
layout: page
guid: http://votrecoachweb.com/?page_id=77
---
Début visible.

{blocks}

<p style="font-size:0.9em">Note en petits caractères.</p>

<p style="margin-top:-120px">Paragraphe remonté.</p>

Fin visible.
"""


def test_hidden_spam_is_absent_from_the_built_page_however_it_was_hidden(build_site, tmp_path):
    blocks = "\n\n".join(
        f'<div style="{style}"><a href="http://spam.example/">{word} gratuits</a></div>'
        for style, word in HIDDEN_SPAM.items()
    )
    files = {"pages/spam.md": WORDPRESS_PAGE.format(blocks=blocks)}
    site = build_site(files, CACHE_PATH=str(tmp_path / "cache"))
    assert site.result.ok, site.log
    html = site.html("spam/index.html")
    for word in [*HIDDEN_SPAM.values(), "gratuits", "spam.example"]:
        assert word not in html, word
    text = article_text(site, "spam")
    for visible in ("Début visible.", "Fin visible.", "Note en petits caractères.", "remonté"):
        assert visible in text
    assert site.log.count("block removed (likely injected spam)") == len(HIDDEN_SPAM)


def test_a_protocol_relative_video_embed_becomes_an_https_link_and_is_not_reported():
    from wordpress_export.clean import audit_source, clean_html  # noqa: PLC0415

    html = '<p>Avant.</p><iframe src="//www.youtube.com/embed/abc"></iframe><p>Après.</p>'
    assert clean_html(html, set()) == (
        '<p>Avant.</p><a href="https://www.youtube.com/embed/abc">'
        "//www.youtube.com/embed/abc</a><p>Après.</p>"
    )
    assert audit_source('<iframe src="https://www.youtube.com/embed/abc"></iframe>') == []


def test_a_frame_without_a_scheme_or_host_is_removed_and_reported():
    from wordpress_export.clean import Finding, audit_source, clean_html  # noqa: PLC0415

    html = '<p>Avant.</p><iframe src="youtube.com/embed/abc"></iframe><p>Après.</p>'
    assert clean_html(html, set()) == "<p>Avant.</p><p>Après.</p>"
    assert audit_source(html) == [Finding(1, "<iframe> removed")]


def test_a_risky_tag_is_reported_even_when_it_points_at_a_video_host():
    from wordpress_export.clean import Finding, audit_source, clean_html  # noqa: PLC0415

    html = '<p>Vidéo :</p><embed src="https://www.youtube.com/v/abc"><p>Fin.</p>'
    assert audit_source(html) == [Finding(1, "<embed> removed")]
    assert clean_html(html, set()) == "<p>Vidéo :</p><p>Fin.</p>"


def test_editor_comments_never_show_as_text():
    from wordpress_export.clean import clean_html  # noqa: PLC0415

    assert clean_html("<p>Avant.</p>\n<!--more-->\n<p>Après.</p>", set()) == (
        "<p>Avant.</p>\n\n<p>Après.</p>"
    )
    assert clean_html("<li>un</li><!-- note --><li>deux</li>", set()) == "<li>un</li><li>deux</li>"


def test_empty_paragraphs_left_by_the_editor_are_gone():
    from wordpress_export.clean import clean_html  # noqa: PLC0415

    assert clean_html("<p>Texte.</p><p> </p><p></p><p>&nbsp;</p>", set()) == "<p>Texte.</p>"


def test_closing_an_outer_block_closes_the_tags_left_open_inside_it():
    from wordpress_export.clean import Finding, audit_source  # noqa: PLC0415

    assert audit_source("<div>\n<section>\n<p>a\n</div>\n") == []
    assert audit_source("<div><span>a</div>\n") == []
    assert audit_source("<div>\n<span>a</span>\n") == [Finding(1, "<div> is never closed")]


# --- Old output folders do not pile up ---------------------------------------------------


def site_copies(root: Path) -> list[str]:
    """Folders under `root` holding a whole built site (its home page and its 404 page)."""
    return sorted(
        p.parent.relative_to(root).as_posix()
        for p in root.rglob("404.html")
        if (p.parent / "index.html").is_file()
    )


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_three_successful_builds_leave_no_old_output_folder(build_site, tmp_path, settings):
    for number in (1, 2, 3):
        body = f"Version {number} du texte.\n"
        site = build_site(
            {"pages/version.md": page("Version", body)},
            settings=settings,
            CACHE_PATH=str(tmp_path / "cache"),
        )
        assert site.result.ok, site.log
        assert f"Version {number} du texte." in article_text(site, "version")
    # Replaced folders are deleted by a detached process: give it a few seconds.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and [p for p in tmp_path.rglob("*-old-*") if p.is_dir()]:
        time.sleep(0.1)
    assert [p.name for p in tmp_path.rglob("*") if "-old-" in p.name] == []
    assert [p.name for p in tmp_path.rglob("*") if "-build-" in p.name] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "content", "output"]
    # The site as it is, and at most one spare copy the next build writes into.
    copies = site_copies(tmp_path)
    assert copies[-1] == "output"
    assert len(copies) <= 2, copies


# --- What the build says on its last line and on a mistake ---------------------------------


def test_the_summary_line_names_state_counts_and_what_the_cache_saved():
    from sitetools.build import BuildResult, summary  # noqa: PLC0415

    built = BuildResult(True, Path("output"), ["w"], [], 1.234, {"pages": 4, "posts": 2}, "3 read")
    assert summary(built) == (
        "built: output in 1.23 s, 0 error(s), 1 warning(s), 4 pages, 2 posts (files: 3 read)"
    )
    kept = BuildResult(True, Path("output"), [], [], 0.05, {}, "unchanged")
    assert summary(kept) == (
        "built: output in 0.05 s, 0 error(s), 0 warning(s) (nothing changed: output kept)"
    )
    failed = BuildResult(False, Path("output"), [], ["e"], 2.0)
    assert (
        summary(failed)
        == "FAILED, previous output kept: output in 2.00 s, 1 error(s), 0 warning(s)"
    )


def test_a_build_counts_its_pages_and_an_unchanged_rebuild_keeps_output_and_warnings(
    build_site, tmp_path
):
    files = {"pages/sans.md": page("Sans chapô", "Texte.\n")}  # warns: no lead
    first = build_site(files, CACHE_PATH=str(tmp_path / "cache"))
    assert first.result.ok, first.log
    assert first.result.counts == {"pages": 1, "posts": 0, "drafts": 0, "skipped": 0}
    assert 0 < first.result.seconds < 600  # a duration, not an instant of the clock
    warning = "sans.md: warning: le chapô est vide"
    assert warning in first.log
    again = build_site(files, CACHE_PATH=str(tmp_path / "cache"))
    assert (again.result.ok, again.result.cache) == (True, "unchanged")
    assert again.result.counts == first.result.counts
    assert warning in again.log  # said again, though nothing was rebuilt
    strict = build_site(files, strict=True, CACHE_PATH=str(tmp_path / "cache"))
    assert (strict.result.ok, strict.result.cache) == (False, "unchanged")


def test_a_template_crash_is_one_error_line_and_the_previous_site_stays(build_site, tmp_path):
    from conftest import ROOT  # noqa: PLC0415

    files = {"pages/une.md": page("Une", "Texte.\n")}
    assert build_site(files, CACHE_PATH=str(tmp_path / "cache")).result.ok
    before = (tmp_path / "output" / "une" / "index.html").read_bytes()
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "page.html"
    broken = "{% block content %}{{ page.titre_inconnu.de_travers() }}"
    template.write_text(template.read_text("utf-8").replace("{% block content %}", broken, 1))
    files["pages/une.md"] = page("Une", "Texte changé.\n")
    site = build_site(files, THEME=str(theme), CACHE_PATH=str(tmp_path / "cache"))
    assert not site.result.ok
    # The template's own file and line, where the owner has to look.
    assert site.result.errors == [
        f"{theme}/templates/page.html:3: error: "
        "'pelican.contents.Page object' has no attribute 'titre_inconnu'"
    ]
    assert "Traceback" not in site.log
    assert (tmp_path / "output" / "une" / "index.html").read_bytes() == before


def test_a_replaced_output_folder_is_deleted_and_stale_ones_are_swept(tmp_path):
    from sitetools.build import remove_later  # noqa: PLC0415

    for name in (".output-old-1", ".output-old-5", ".output-old-9", ".spare-old-1"):
        (tmp_path / name / "page").mkdir(parents=True)
        (tmp_path / name / "page" / "index.html").write_text("x")
    (tmp_path / ".output-old-7").write_text("a file, not a folder: rmtree cannot take it")
    remove_later(tmp_path / ".output-old-5")
    # Left behind by a machine that stopped: swept at once, and what cannot be
    # swept never stops the build. Another kind of folder is not ours.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".output-old-5",
        ".output-old-7",
        ".spare-old-1",
    ]
    deadline = time.monotonic() + 20
    while (tmp_path / ".output-old-5").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output-old-7", ".spare-old-1"]


def test_a_strict_failure_is_not_remembered_as_a_finished_build(build_site, tmp_path):
    files = {"pages/sans.md": page("Sans chapô", "Texte.\n")}  # warns: no lead
    strict = build_site(files, strict=True, CACHE_PATH=str(tmp_path / "cache"))
    assert not strict.result.ok
    assert not (tmp_path / "output" / "sans" / "index.html").exists()
    started = time.monotonic()
    lenient = build_site(files, CACHE_PATH=str(tmp_path / "cache"))
    elapsed = time.monotonic() - started
    assert lenient.result.ok
    assert lenient.result.cache != "unchanged"
    assert (tmp_path / "output" / "sans" / "index.html").is_file()
    assert 0 < lenient.result.seconds <= elapsed
    started = time.monotonic()
    again = build_site(files, CACHE_PATH=str(tmp_path / "cache"))
    elapsed = time.monotonic() - started
    assert again.result.cache == "unchanged"
    assert 0 < again.result.seconds <= elapsed


def test_an_error_in_the_settings_is_named_at_its_line_without_traceback(tmp_path):
    import io  # noqa: PLC0415

    from sitetools.build import build  # noqa: PLC0415

    settings = tmp_path / "monconf.py"
    settings.write_text("SITENAME = 'Essai'\nTHEME = CHEMIN_INCONNU\n", encoding="utf-8")
    said = io.StringIO()
    result = build(settings, stream=said)
    assert not result.ok
    assert said.getvalue() == (
        f"{settings}:2: error: NameError: name 'CHEMIN_INCONNU' is not defined\n"
    )


def test_an_error_raised_inside_a_library_is_named_at_the_settings_line(tmp_path):
    import io  # noqa: PLC0415

    from sitetools.build import build  # noqa: PLC0415

    settings = tmp_path / "monconf.py"
    settings.write_text('import json\n\nDONNEES = json.loads("pas du json")\n', "utf-8")
    said = io.StringIO()
    assert not build(settings, stream=said).ok
    assert said.getvalue() == (
        f"{settings}:3: error: JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n"
    )


def test_python_m_sitetools_build_runs_and_describes_itself():
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from conftest import ROOT  # noqa: PLC0415

    run = subprocess.run(
        [sys.executable, "-m", "sitetools.build", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Atomic Pelican builds with one clear line per problem." in run.stdout


# --- Security headers: the values a browser receives, written out ------------------------


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
}
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def test_nginx_include_sets_each_security_header_to_its_literal_value():
    lines = nginx_headers(hsts=True, assets_prefix="/theme/").splitlines()
    for name, value in [*SECURITY_HEADERS.items(), HSTS]:
        assert f'add_header {name} "{value}" always;' in lines, name
    assert 'set $vcw_cache "public, max-age=300";' in lines
    assert 'if ($uri ~ "^/theme/") { set $vcw_cache "public, max-age=31536000, immutable"; }' in (
        lines
    )
    assert "gzip_static on;" in lines
    development = nginx_headers(hsts=False, assets_prefix="/theme/")
    assert "Strict-Transport-Security" not in development


def test_apache_and_netlify_files_set_the_same_literal_values():
    apache = apache_headers(hsts=True, assets_prefix="/theme/").splitlines()
    netlify = netlify_headers(hsts=True, assets_prefix="/theme/").splitlines()
    for name, value in [*SECURITY_HEADERS.items(), HSTS]:
        assert f'  Header always set {name} "{value}"' in apache, name
        assert f"  {name}: {value}" in netlify, name
    assert '  <If "%{REQUEST_URI} =~ m#^/theme/#">' in apache
    assert netlify[0] == "/*"
    assert netlify[-2:] == ["/theme/*", "  Cache-Control: public, max-age=31536000, immutable"]


def test_published_site_ships_the_literal_headers_for_every_host(build_site, tmp_path):
    site = build_site(
        {"pages/page.md": page("Page", "Texte.\n")},
        settings="publishconf.py",
        CACHE_PATH=str(tmp_path / "cache"),
    )
    assert site.result.ok, site.log
    nginx = (site.output / "_config" / "nginx-headers.conf").read_text("utf-8").splitlines()
    htaccess = (site.output / ".htaccess").read_text("utf-8").splitlines()
    netlify = (site.output / "_headers").read_text("utf-8").splitlines()
    for name, value in [*SECURITY_HEADERS.items(), HSTS]:
        assert f'add_header {name} "{value}" always;' in nginx, name
        assert f'  Header always set {name} "{value}"' in htaccess, name
        assert f"  {name}: {value}" in netlify, name


# --- Properties that fail if the code does nothing ----------------------------------------


lead_words = st.text(alphabet="abcdéè", min_size=1, max_size=8)


@given(
    before=st.lists(lead_words, max_size=3),
    lead=st.lists(lead_words, min_size=1, max_size=4),
    after=st.lists(lead_words, max_size=3),
    tag=st.sampled_from(["p", "div"]),
    name=st.sampled_from(["chapo", "chapeau"]),
)
def test_a_marked_block_always_becomes_the_lead_and_leaves_the_body(before, lead, after, tag, name):
    html = (
        "".join(f"<p>{w}</p>" for w in before)
        + f'<{tag} class="{name}">{" ".join(lead)}</{tag}>'
        + "".join(f"<p>{w}</p>" for w in after)
    )
    result = extract_chapo(html, {"chapo", "chapeau"})
    assert result.lead == f"<p>{' '.join(lead)}</p>"
    assert result.body == "".join(f"<p>{w}</p>" for w in before + after)
    if before:
        assert result.problems == [
            "the lead was not at the top of the page; it is shown at the top"
        ]
    else:
        assert result.problems == []


# --- A deploy never removes the server's own configuration --------------------------------


def remote_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` as the server holds it, read straight from its disk."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


DEPLOY_SETTINGS = """
[targets.github]
kind = "github-pages"
remote = "origin"

[targets.serveur]
kind = "rsync"
host = "exemple.fr"
path = "/srv/www"
config_path = "/srv/nginx"
"""


def test_deploy_settings_take_config_path_on_a_server_and_refuse_it_elsewhere(tmp_path):
    from sitetools.deploy import DeployError, load_targets  # noqa: PLC0415

    config = tmp_path / "deploy.toml"
    config.write_text(DEPLOY_SETTINGS, encoding="utf-8")
    targets = load_targets(config)
    assert (targets["github"].kind, targets["github"].config_path) == ("github-pages", "")
    assert (targets["serveur"].path, targets["serveur"].config_path) == ("/srv/www", "/srv/nginx")
    config.write_text('[targets.github]\nkind = "github-pages"\nconfig_path = "/x"\n', "utf-8")
    with pytest.raises(DeployError) as refused:
        load_targets(config)
    assert str(refused.value) == f"{config}: target 'github': `config_path` needs a server target"


@pytest.mark.server
def test_rsync_deploys_keep_the_servers_own_includes_and_never_publish_config(
    build_site, tmp_path, monkeypatch
):
    from deploy_servers import ssh_server  # noqa: PLC0415
    from sitetools.deploy import Target, deploy  # noqa: PLC0415

    files = {"pages/une.md": page("Une", "Texte un.\n"), "pages/deux.md": page("Deux", "Deux.\n")}
    site = build_site(files, settings="publishconf.py", CACHE_PATH=str(tmp_path / "cache"))
    assert site.result.ok, site.log
    built = sorted(
        p.relative_to(site.output).as_posix()
        for p in site.output.rglob("*")
        if p.is_file() and not p.relative_to(site.output).as_posix().startswith("_config/")
    )
    web, includes = tmp_path / "srv" / "www", tmp_path / "srv" / "nginx"
    # What the host put there by hand: its own include, and a _config/ in the web root.
    (includes / "local").mkdir(parents=True)
    (includes / "local" / "php.conf").write_text("fastcgi_read_timeout 60;\n")
    (web / "_config").mkdir(parents=True)
    (web / "_config" / "ssl.conf").write_text("ssl_protocols TLSv1.3;\n")
    monkeypatch.setenv("DEPLOY_SERVEUR_PASSWORD", "inutile")
    with ssh_server(tmp_path / "ssh") as server:
        target = Target("serveur", "rsync", path=str(web), config_path=str(includes), **server)
        deploy(target, site.output, tmp_path / "st", dry_run=False, cwd=tmp_path)
        shutil.rmtree(site.output / "deux")  # a page removed before the next deploy
        deploy(target, site.output, tmp_path / "st", dry_run=False, cwd=tmp_path)

    on_server = remote_tree(web)
    assert on_server.pop("_config/ssl.conf") == b"ssl_protocols TLSv1.3;\n"
    assert on_server.pop(".deploy-manifest")
    assert sorted(on_server) == [p for p in built if not p.startswith("deux/")]
    config = remote_tree(includes)
    assert config.pop("local/php.conf") == b"fastcgi_read_timeout 60;\n"
    config.pop(".deploy-manifest")
    assert sorted(config) == sorted(
        p.relative_to(site.output / "_config").as_posix()
        for p in (site.output / "_config").rglob("*")
        if p.is_file()
    )
    assert "nginx-redirects.conf" in config
    assert "nginx-headers.conf" in config
