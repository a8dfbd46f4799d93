"""The build: output, atomic replacement, file:line errors, strict mode, publish URLs."""

from __future__ import annotations

import copy

import pytest
from pelican.settings import DEFAULT_CONFIG

from conftest import ROOT, SEED, invoke, page, png_bytes
from yaml_markdown.errors import SourceError
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
