"""The build: output, atomic replacement, file:line errors, strict mode, publish URLs."""

from __future__ import annotations

import copy
import io
import logging

import jinja2
import pytest
from pelican.settings import DEFAULT_CONFIG

from conftest import ROOT, SEED, invoke, page, png_bytes
from sitetools.diagnostics import BuildLog, locate_exception, relative, relative_location
from yaml_markdown.errors import SourceError, error_at, warn_at
from yaml_markdown.reader import YamlMarkdownReader

SEED_TEXT = SEED.read_bytes()
SEED_URL_FILE = "medias-sociaux-et-community-management/index.html"


def test_tiny_site_builds_with_the_page_home_and_404(build_site):
    # Build speed is a figure of bench/build_speed.py, not something a unit test can hold.
    site = build_site({"pages/bonjour.md": page("Bonjour", "Un *texte* court.\n")})
    assert site.result.ok, site.log
    assert site.soup("bonjour/index.html").find("em").text == "texte"
    assert site.soup("index.html").html["lang"] == "fr"
    assert (site.output / "404.html").is_file()


def test_seed_page_builds_at_its_clean_url(build_site):
    site = build_site({"pages/" + SEED.name: SEED_TEXT})
    assert site.result.ok, site.log
    title = site.soup("medias-sociaux-et-community-management/index.html").find("h1")
    assert "Médias sociaux" in title.get_text()


def test_broken_front_matter_names_file_and_line_and_keeps_old_output(build_site):
    good = build_site({"pages/a.md": page("A", "premier texte\n")})
    assert good.result.ok
    before = good.html("a/index.html")
    broken = "---\ntitle: B\ndate: 2024-05-01\ntags: [un, deux\n---\ncorps\n"
    bad = build_site({"pages/a.md": page("A", "second texte\n"), "pages/b.md": broken})
    assert not bad.result.ok
    assert "pages/b.md:4:7: error: l’en-tête n’est pas lisible" in bad.log
    assert "Traceback" not in bad.log
    assert bad.html("a/index.html") == before


def test_unclosed_front_matter_is_an_error_at_line_one(build_site):
    site = build_site({"pages/c.md": "---\ntitle: C\n\ncorps sans fin\n"})
    assert not site.result.ok
    assert "pages/c.md:1: error: l’en-tête ouvert par « --- » n’est jamais fermé" in site.log


def test_debug_shows_the_traceback(build_site):
    site = build_site({"pages/c.md": "---\ntitle: C\n"}, debug=True)
    assert "Traceback" in site.log


def test_each_warning_is_printed_once_and_strict_turns_it_into_failure(build_site):
    # The same image without alt text, twice: one warning (same file, line, message).
    body = "![](/images/x.png)\n\n![](/images/x.png)\n"
    files = {"pages/a.md": page("A", body, chapo="Chapô."), "images/x.png": png_bytes()}
    lenient = build_site(files)
    assert lenient.result.ok, lenient.log
    assert (
        lenient.log.count("a.md:6: warning: l’image /images/x.png n’a pas de texte alternatif") == 1
    )
    strict = build_site(files, strict=True)
    assert not strict.result.ok


def test_settings_error_names_the_settings_file_and_line(project):
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text() + "\nTHEME = (\n")
    run = invoke(project, "build")
    assert run.returncode == 1
    lines = settings.read_text().count("\n")
    assert f"pelicanconf.py:{lines}: error:" in run.stderr
    assert "Traceback" not in run.stderr


def test_invoke_build_failure_exits_non_zero_and_keeps_output(project):
    assert invoke(project, "build").returncode == 0
    index = project / "output" / "index.html"
    before = index.read_bytes()
    (project / "content" / "pages" / "x.md").write_text("---\ntitle: [\n---\n")
    run = invoke(project, "build")
    assert run.returncode == 1
    assert "content/pages/x.md:2:8: error: l’en-tête n’est pas lisible" in run.stderr
    assert index.read_bytes() == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".output")]
    assert leftovers == []


def test_publish_uses_absolute_urls_and_writes_the_feed(build_site):
    article = page("Un billet", "Texte.\n")  # no feed while there is no article (issue 16)
    files = {"pages/" + SEED.name: SEED_TEXT, "articles/un-billet.md": article}
    site = build_site(files, settings="publishconf.py")
    assert site.result.ok, site.log
    canonical = site.soup(SEED_URL_FILE).find("link", rel="canonical")["href"]
    assert canonical == "https://votrecoachweb.com/medias-sociaux-et-community-management/"
    feed = (site.output / "feeds" / "all.atom.xml").read_text("utf-8")
    assert "https://votrecoachweb.com/" in feed
    assert (site.output / "feeds" / "all.atom.xml").is_file()


def test_clean_removes_output_and_rebuild_recreates_it(project):
    assert invoke(project, "build").returncode == 0
    assert invoke(project, "clean").returncode == 0
    assert not (project / "output").exists()
    assert invoke(project, "rebuild").returncode == 0
    assert (project / "output" / "index.html").is_file()


def test_every_task_has_a_help_line():
    run = invoke(ROOT, "--list", check=True)
    listed = {
        line.split()[0]: line.split(maxsplit=1)[1:]
        for line in run.stdout.splitlines()[1:]
        if line.strip()
    }
    for name in ("build", "clean", "rebuild", "serve", "preview", "publish", "new", "import"):
        assert listed.get(name), f"{name} has no help line in invoke --list"
    assert "serve (livereload)" in run.stdout  # the old name stays as an alias


# --- the YAML front matter reader, without a build ------------------------------------------


def yaml_reader() -> YamlMarkdownReader:
    return YamlMarkdownReader(copy.deepcopy(DEFAULT_CONFIG))


def test_front_matter_becomes_pelican_metadata_and_the_body_stays_text(tmp_path):
    source = tmp_path / "a.md"
    source.write_text(
        "---\ntitle: Un *titre*\nsummary: Un **court** texte\ndate: 2016-05-01\n"
        "tags: [web, seo]\nauthor: Moi\nvide:\nnav_order: 2\n---\n"
        "Note: ceci est du texte[^1].\n\n[^1]: Une note.\n",
        "utf-8",
    )
    body, meta = yaml_reader().read(str(source))
    assert body.startswith('<p>Note: ceci est du texte<sup id="fnref:1">')
    assert meta["title"] == "Un *titre*"
    assert meta["summary"] == "<p>Un <strong>court</strong> texte</p>"
    assert (meta["date"].year, meta["date"].month, meta["date"].day) == (2016, 5, 1)
    assert [str(tag) for tag in meta["tags"]] == ["web", "seo"]
    assert str(meta["author"]) == "Moi"
    assert meta["nav_order"] == 2
    assert "vide" not in meta


def test_values_of_keys_pelican_does_not_parse_keep_their_yaml_types(tmp_path):
    # Only Pelican's own fields (title, date, tags…) become text; a plugin reading another
    # key gets what YAML read: `false` stays false, not the text "False" (which is true).
    source = tmp_path / "a.md"
    source.write_text(
        "---\ntitle: A\nvisible: false\nwp_id: 1042\nvignettes: [a.png, b.png]\n---\nTexte\n",
        "utf-8",
    )
    _body, meta = yaml_reader().read(str(source))
    assert meta["visible"] is False
    assert meta["wp_id"] == 1042
    assert meta["vignettes"] == ["a.png", "b.png"]


def test_one_page_footnotes_never_reach_the_next_page(tmp_path):
    reader = yaml_reader()
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nTexte[^1].\n\n[^1]: Une note.\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\nAutre texte.\n")
    assert "Une note." in reader.read(str(tmp_path / "a.md"))[0]
    assert reader.read(str(tmp_path / "b.md"))[0] == "<p>Autre texte.</p>"


def test_a_file_without_front_matter_is_read_as_pelican_reads_it(tmp_path):
    (tmp_path / "a.md").write_text("Title: Sans YAML\n\nCorps\n", "utf-8")
    assert yaml_reader().read(str(tmp_path / "a.md")) == ("<p>Corps</p>", {"title": "Sans YAML"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ndate: 2016-05-01\n---\n", "a.md:1: front matter has no 'title'"),
        ('---\nnav_order: 1\ntitle: "  "\n---\n', "a.md:3: front matter has no 'title'"),
        (
            "---\ntitle: A\ndate: pas une date\n---\n",
            "a.md:3: 'date' has a value that cannot be read: 'pas une date'",
        ),
    ],
)
def test_a_missing_title_or_unreadable_date_is_the_file_error_at_its_line(tmp_path, text, expected):
    (tmp_path / "a.md").write_text(text, "utf-8")
    with pytest.raises(SourceError) as error:
        yaml_reader().read(str(tmp_path / "a.md"))
    assert str(error.value) == f"{tmp_path}/{expected}"


# --- what plugins report, as the build prints it ----------------------------------------------


def test_plugin_errors_and_warnings_print_as_file_line_level_message():
    stream = io.StringIO()
    log = BuildLog(stream=stream)
    logger = logging.getLogger("tests.plugin_messages")
    logger.addHandler(log)
    try:
        error_at(logger, "content/pages/a.md", 12, "/a/ est aussi l’adresse de content/b.md")
        error_at(logger, "content/pages/c.md", None, "image photo.png introuvable")
        warn_at(logger, "content/pages/a.md", 3, "brouillon : pas publié")
        warn_at(logger, "content/pages/d.md", None, "nav_order 'x' is not a number")
    finally:
        logger.removeHandler(log)
    assert stream.getvalue().splitlines() == [
        "content/pages/a.md:12: error: /a/ est aussi l’adresse de content/b.md",
        "content/pages/c.md: error: image photo.png introuvable",
        "content/pages/a.md:3: warning: brouillon : pas publié",
        "content/pages/d.md: warning: nav_order 'x' is not a number",
    ]
    assert len(log.errors) == 2
    assert len(log.warnings) == 2


# --- problems as the build prints them: `file:line: level: message` (sitetools/diagnostics) ----


def test_locations_inside_the_project_print_relative_to_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relative_location(f"{tmp_path}/content/pages/a.md:12") == "content/pages/a.md:12"
    assert relative_location(f"{tmp_path}/content/pages/a.md") == "content/pages/a.md"
    assert relative_location("content/pages/a.md:3") == "content/pages/a.md:3"
    assert relative_location("") == ""
    # A file outside the project keeps its full path: "../../x.md" would say less.
    elsewhere = tmp_path.parent / "ailleurs" / "b.md"
    assert relative_location(f"{elsewhere}:4") == f"{elsewhere}:4"
    assert relative(str(elsewhere)) == str(elsewhere)
    beside = f"{tmp_path}:brouillon.md"  # beside the project folder, a colon in its name
    assert relative_location(beside) == beside
    assert relative("") == ""  # a page a plugin made has no source file


def test_an_exception_is_located_by_what_it_knows_of_its_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    error = SourceError(f"{tmp_path}/content/a.md", 3, "l’en-tête n’est pas lisible", 7)
    assert locate_exception(error) == ("content/a.md:3:7", "l’en-tête n’est pas lisible")
    without_column = SourceError(f"{tmp_path}/content/a.md", 3, "pas de titre")
    assert locate_exception(without_column) == ("content/a.md:3", "pas de titre")
    syntax = SyntaxError("invalid syntax", (f"{tmp_path}/pelicanconf.py", 9, 4, "THEME = (\n"))
    assert locate_exception(syntax) == ("pelicanconf.py:9", "invalid syntax")
    # Nothing known of the source: the file being read, and the message or the error's name.
    assert locate_exception(KeyError("lang"), f"{tmp_path}/content/b.md") == (
        "content/b.md",
        "'lang'",
    )
    assert locate_exception(ValueError(), "") == ("", "ValueError")


def test_a_crash_inside_a_template_is_located_at_the_template_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(
        "<h1>{{ title }}</h1>\n{% include 'part.html' %}\n", "utf-8"
    )
    (tmp_path / "templates" / "part.html").write_text("<p>\n{{ 1 // count }}\n</p>\n", "utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"))
    with pytest.raises(ZeroDivisionError) as crash:
        environment.get_template("page.html").render(title="Offre", count=0)
    assert locate_exception(crash.value) == (
        "templates/part.html:2",
        "integer division or modulo by zero",
    )


def build_log(**options) -> tuple[BuildLog, io.StringIO, logging.Logger]:
    stream = io.StringIO()
    log = BuildLog(stream=stream, **options)
    logger = logging.getLogger("tests.build_log")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.handlers = [log]
    return log, stream, logger


def test_pelican_messages_replaced_by_the_plugins_are_not_printed():
    log, stream, logger = build_log()
    logger.warning("Empty alt attribute for image %s in %s", "x.png", "a.md")
    logger.warning("Other images have empty alt attributes")
    logger.warning("Unable to find '%s', skipping url replacement.", "b.md")
    logger.warning("Other resources were not found and their urls not replaced")
    logger.info("Un message d’information")
    logger.warning("Une ligne\nsur deux lignes ")
    assert stream.getvalue() == "warning: Une ligne sur deux lignes\n"
    assert (log.warnings, log.errors) == (["warning: Une ligne sur deux lignes"], [])


def test_a_file_pelican_could_not_read_is_the_error_of_that_file_at_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log, stream, logger = build_log()
    try:
        raise SourceError(f"{tmp_path}/content/a.md", 4, "front matter has no 'title'")
    except SourceError:
        logger.error("Could not process %s", f"{tmp_path}/content/a.md", exc_info=False)
    try:
        raise ValueError("valeur inattendue")
    except ValueError:
        logger.error("Could not process %s", f"{tmp_path}/content/b.md")
    logger.error("Could not process %s", f"{tmp_path}/content/c.md")  # no exception at hand
    assert stream.getvalue().splitlines() == [
        "content/a.md:4: error: front matter has no 'title'",
        "content/b.md: error: valeur inattendue",
        "error: Could not process " + f"{tmp_path}/content/c.md",
    ]
    assert len(log.errors) == 3


def test_debug_prints_the_traceback_of_an_error_and_never_of_a_warning():
    _log, stream, logger = build_log(debug=True)
    try:
        raise ValueError("valeur inattendue")
    except ValueError:
        logger.warning("Une remarque")
        logger.error("Could not process %s", "content/b.md")
    printed = stream.getvalue()
    assert printed.startswith("warning: Une remarque\ncontent/b.md: error: valeur inattendue\n")
    assert printed.count("Traceback (most recent call last)") == 1
    assert printed.endswith("ValueError: valeur inattendue\n")
    _log, stream, logger = build_log(debug=True)
    try:
        raise OSError("disque plein")
    except OSError:
        logger.critical("Écriture impossible")
    logger.error("Une erreur sans exception")
    printed = stream.getvalue()
    assert printed.startswith("error: Écriture impossible\nTraceback (most recent call last)")
    assert printed.endswith("OSError: disque plein\nerror: Une erreur sans exception\n")
    _quiet, quiet_stream, quiet_logger = build_log()
    try:
        raise ValueError("valeur inattendue")
    except ValueError:
        quiet_logger.error("Could not process %s", "content/b.md")
    assert "Traceback" not in quiet_stream.getvalue()
