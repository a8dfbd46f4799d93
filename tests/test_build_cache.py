"""Cached and parallel builds: never stale, byte-identical, warnings kept (issue 21).

Speed is a figure of bench/build_speed.py; these tests hold what the caches must
never break: every input change reaches the built HTML, and only then is work reused.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pelican.contents
import pelican.generators
import pytest
from bs4 import BeautifulSoup
from pelican.contents import Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import DEFAULT_CONFIG

from conftest import page
from sitetools import build_cache, parallel
from sitetools.build import build

ROOT = Path(__file__).resolve().parent.parent
STRAY_CLOSERS = (ROOT / "tests" / "corpus" / "de-v2-stray-closers.md").read_text("utf-8")


class Site:
    """A site folder (content/, output/, cache/) built with the project's settings."""

    def __init__(self, root: Path, settings: Path = ROOT / "pelicanconf.py") -> None:
        self.root, self.settings = root, settings
        self.content = root / "content"
        self.output = root / "output"
        self.log = ""
        self.overrides: dict[str, str] = {}

    def write(self, relpath: str, text: str) -> None:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def build(self, **options):
        stream = io.StringIO()
        overrides = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_PATH": str(self.root / "cache"),
            **self.overrides,
        }
        result = build(self.settings, overrides=overrides, stream=stream, **options)
        self.log = stream.getvalue()
        return result

    def html(self, relpath: str) -> str:
        return (self.output / relpath).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = Site(tmp_path)
    # Each page has its lead: its summary, which other pages may show, is not its body.
    site.write("pages/alpha.md", page("Alpha", "Premier texte.\n", nav_order="1", chapo="A."))
    site.write("pages/beta.md", page("Beta", "Deuxième texte.\n", nav_order="2", chapo="B."))
    site.write("pages/gamma.md", page("Gamma", "Troisième texte.\n", chapo="C."))
    return site


def cache_counts(result) -> dict[str, int]:
    """The build summary's "(files: 1 read, 2 read cached, …)" as {"read": 1, …}."""
    pairs = (part.split(" ", 1) for part in result.cache.split(", ") if part)
    return {name: int(number) for number, name in pairs}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_nothing_changed_keeps_the_output_and_prints_the_same_warnings(site):
    site.write("pages/delta.md", page("Delta", "![Une photo](/images/absente.png)\n", chapo="D."))
    first = site.build()
    assert first.ok, site.log
    warning = "content/pages/delta.md:6: warning: image introuvable : /images/absente.png"
    assert [w for w in first.warnings if w.endswith(warning)] != []
    before = tree(site.output)
    second = site.build()
    assert second.ok
    assert second.cache == "unchanged"
    assert second.warnings == first.warnings
    assert site.log.count("warning: image introuvable : /images/absente.png") == 1
    assert tree(site.output) == before
    strict = site.build(strict=True)  # the warning still stands: strict still fails
    assert not strict.ok
    assert tree(site.output) == before


def test_a_body_edit_reads_and_renders_that_page_alone(site):
    assert site.build().ok, site.log
    alpha = site.html("alpha/index.html")
    site.write("pages/beta.md", page("Beta", "Texte corrigé.\n", nav_order="2", chapo="B."))
    result = site.build()
    assert result.ok, site.log
    assert "Texte corrigé." in site.html("beta/index.html")
    assert "Deuxième texte." not in site.html("beta/index.html")
    assert site.html("alpha/index.html") == alpha
    assert "1 read, 2 read cached" in result.cache
    assert "1 rendered" in result.cache


def test_a_text_edit_of_a_page_without_lead_renders_that_page_alone(site):
    # Its summary (its first words) changes too, but the page template shows other
    # pages by their menu entries only.
    site.write("pages/delta.md", page("Delta", "Premier jet.\n"))
    assert site.build().ok, site.log
    alpha = site.html("alpha/index.html")
    site.write("pages/delta.md", page("Delta", "Second jet.\n"))
    result = site.build()
    assert result.ok, site.log
    assert "Second jet." in site.html("delta/index.html")
    assert site.html("alpha/index.html") == alpha
    assert "1 rendered" in result.cache


def test_a_page_template_listing_every_lead_shows_another_page_s_new_lead(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "page.html"
    listing = '{% for p in pages|sort(attribute="title") %}<p class="lu">{{ p.chapo|plain }}</p>'
    template.write_text(
        template.read_text("utf-8").replace(
            "{{ page.content }}", "{{ page.content }}" + listing + "{% endfor %}"
        ),
        encoding="utf-8",
    )
    site.overrides["THEME"] = str(theme)
    assert site.build().ok, site.log
    expected = '<p class="lu">A.</p><p class="lu">B.</p><p class="lu">C.</p>'
    assert expected in site.html("alpha/index.html")
    # Gamma is in no menu: only the listing shows its lead.
    site.write("pages/gamma.md", page("Gamma", "Troisième texte.\n", chapo="C2."))
    result = site.build()
    assert result.ok, site.log
    expected = '<p class="lu">A.</p><p class="lu">B.</p><p class="lu">C2.</p>'
    assert expected in site.html("alpha/index.html")
    assert "3 rendered" in result.cache


def test_context_names_follow_the_templates_a_template_uses():
    templates = {
        "page.html": '{% extends "base.html" %}{% block body %}{{ page.title }}{% endblock %}',
        "base.html": '{% include "nav.html" %}{% block body %}{% endblock %}',
        "nav.html": '{% from "macros.html" import link %}{% for p in nav_pages %}{{ link(p) }}'
        "{% endfor %}",
        "macros.html": "{% macro link(p) %}{{ p.title }} {{ SITENAME }}{% endmacro %}",
        "chosen.html": "{% include item.template %}",
    }
    environment = jinja2.Environment(loader=jinja2.DictLoader(templates))
    names = parallel.context_names(environment.get_template("page.html"))
    assert names == {"page", "nav_pages", "SITENAME"}
    assert parallel.context_names(environment.get_template("chosen.html")) is None
    environment.filters["comme_le_contexte"] = jinja2.pass_context(lambda context, value: value)
    assert parallel.context_names(environment.get_template("page.html")) is None


def test_a_title_edit_reaches_the_menu_of_every_page(site):
    assert site.build().ok, site.log
    assert ">Beta</a>" in site.html("gamma/index.html")
    site.write(
        "pages/beta.md", page("Bêta renommée", "Deuxième texte.\n", nav_order="2", chapo="B.")
    )
    result = site.build()
    assert result.ok, site.log
    for name in ("alpha", "beta", "gamma"):
        assert ">Bêta renommée</a>" in site.html(f"{name}/index.html")
        assert ">Beta</a>" not in site.html(f"{name}/index.html")
    assert "3 rendered" in result.cache


def test_deleted_and_added_pages_reach_the_output_across_builds(site):
    # Three builds: the third writes into the tree the first one made (the spare tree).
    assert site.build().ok, site.log
    (site.content / "pages" / "gamma.md").unlink()
    assert site.build().ok, site.log
    site.write("pages/epsilon.md", page("Epsilon", "Nouveau.\n", chapo="E."))
    result = site.build()
    assert result.ok, site.log
    assert not (site.output / "gamma").exists()  # it was in the tree this build reused
    assert "Nouveau." in site.html("epsilon/index.html")
    assert "Premier texte." in site.html("alpha/index.html")
    # Two body edits: the second build writes into the tree of the third, whose other
    # pages have the same keys: they stay as they are.
    for text in ("Retouche 1.", "Retouche 2."):
        site.write("pages/alpha.md", page("Alpha", f"{text}\n", nav_order="1", chapo="A."))
        result = site.build()
        assert result.ok, site.log
        assert f"{text}" in site.html("alpha/index.html")
    assert "2 kept" in result.cache
    assert "Nouveau." in site.html("epsilon/index.html")
    assert not (site.output / "gamma").exists()


def test_ignore_cache_reads_and_renders_everything(site):
    assert site.build().ok, site.log
    result = site.build(ignore_cache=True)
    assert result.ok
    assert result.cache.startswith("3 read, 3 rendered"), result.cache


def test_a_failed_build_changes_neither_the_output_nor_what_is_cached(site):
    assert site.build().ok, site.log
    before = tree(site.output)
    site.write("pages/beta.md", "---\ntitle: [\n---\nTexte cassé.\n")
    assert not site.build().ok
    assert tree(site.output) == before
    site.write("pages/beta.md", page("Beta", "Texte réparé.\n", nav_order="2", chapo="B."))
    assert site.build().ok, site.log
    assert "Texte réparé." in site.html("beta/index.html")


def test_parallel_build_is_byte_identical_and_reports_each_warning_once(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 4)
    sites = []
    for name in ("one", "two"):
        site = Site(tmp_path / name)
        for number in range(12):  # WordPress exports: their reader warns in the workers
            text = STRAY_CLOSERS.replace("id: 405", f"id: {500 + number}")
            site.write(f"pages/p{number:02d}.md", text.replace("?p=405", f"?p={500 + number}"))
        sites.append(site)
    single = sites[0].build(jobs=1, ignore_cache=True)
    pooled = sites[1].build(jobs=2, ignore_cache=True)
    assert single.ok and pooled.ok, sites[1].log
    assert "12 read in workers" in pooled.cache
    assert tree(sites[0].output) == tree(sites[1].output)
    # The same lines, each printed once, with its file:line, from the worker processes.
    assert sorted(line.replace(str(sites[1].root), "") for line in pooled.warnings) == sorted(
        line.replace(str(sites[0].root), "") for line in single.warnings
    )
    stray = "content/pages/p07.md:13: warning: closing shortcode [/et_pb_text] without an opening"
    assert sites[1].log.count(stray) == 1
    assert sites[1].build(jobs=2, strict=True, ignore_cache=True).ok is False


# --- code and settings changes: real builds in a copy of the project ---------------
def run_build(project: Path, *args: str, env: dict | None = None) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "sitetools.build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run.stderr


SEED_PAGE = "output/medias-sociaux-et-community-management/index.html"
PLUGIN_MARK = """

def _mark_pages(content):
    content._content = (content._content or "") + "<p>MARQUE-EXTENSION</p>"


_register_first = register


def register():
    _register_first()
    signals.content_object_init.connect(_mark_pages)
"""


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    ("edited", "addition", "settings", "expected"),
    [
        (
            "pelicanconf.py",
            '\nSITESUBTITLE = "SOUS-TITRE-MODIFIÉ"\n',
            "pelicanconf.py",
            "SOUS-TITRE-MODIFIÉ",
        ),
        (
            "publishconf.py",
            '\nSITESUBTITLE = "SOUS-TITRE-PUBLIÉ"\n',
            "publishconf.py",
            "SOUS-TITRE-PUBLIÉ",
        ),
        (
            "theme/templates/base.html",
            "\n<!-- MARQUE-THÈME -->\n",
            "pelicanconf.py",
            "MARQUE-THÈME",
        ),
        ("plugins/french_typography/plugin.py", PLUGIN_MARK, "pelicanconf.py", "MARQUE-EXTENSION"),
    ],
)
def test_a_settings_theme_or_plugin_edit_reaches_the_built_pages(
    project, edited, addition, settings, expected
):
    run_build(project, "--settings", settings)
    assert expected not in (project / SEED_PAGE).read_text("utf-8")
    assert "nothing changed" in run_build(project, "--settings", settings)
    append(project / edited, addition)
    log = run_build(project, "--settings", settings)
    assert "nothing changed" not in log
    assert expected in (project / SEED_PAGE).read_text("utf-8")


VERSION_MARK = """

def _mark_version(content):
    from importlib.metadata import version

    content._content = (content._content or "") + f"<p>dep {version('vcw-fake-dep')}</p>"


_register_before = register


def register():
    _register_before()
    signals.content_object_init.connect(_mark_version)
"""


def fake_package(site_dir: Path, version: str) -> None:
    for old in site_dir.glob("vcw_fake_dep-*.dist-info"):
        for file in old.iterdir():
            file.unlink()
        old.rmdir()
    info = site_dir / f"vcw_fake_dep-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: vcw-fake-dep\nVersion: {version}\n"
    )


def test_an_upgraded_package_rebuilds_the_site(project, tmp_path):
    site_dir = tmp_path / "site-packages"
    fake_package(site_dir, "1.0")
    append(project / "plugins" / "french_typography" / "plugin.py", VERSION_MARK)
    env = {"PYTHONPATH": str(site_dir)}
    run_build(project, env=env)
    assert "<p>dep 1.0</p>" in (project / SEED_PAGE).read_text("utf-8")
    fake_package(site_dir, "2.0")
    log = run_build(project, env=env)
    assert "nothing changed" not in log
    assert "<p>dep 2.0</p>" in (project / SEED_PAGE).read_text("utf-8")


def test_invoke_build_uses_the_cache_and_ignore_cache_forces_everything(project):
    from conftest import invoke  # noqa: PLC0415

    assert invoke(project, "build").returncode == 0
    cached = invoke(project, "build")
    assert cached.returncode == 0
    assert "nothing changed: output kept" in cached.stderr
    forced = invoke(project, "build", "--ignore-cache")
    assert forced.returncode == 0
    assert "nothing changed" not in forced.stderr
    assert "1 read, 1 rendered" in forced.stderr


# --- what the caches are keyed by (sitetools/build_cache), without a build ------------------


def test_content_state_sees_every_edit_of_a_page_and_leaves_caches_out(tmp_path):
    content = tmp_path / "content"
    for relpath, data in {
        "pages/a.md": b"---\ntitle: A\n---\nUn\n",
        "pages/B.MD": b"Title: B\n\nDeux\n",
        "_config.yml": b"title: Le site\n",
        "images/x.png": b"PNG",
        ".git/HEAD": b"ref",
        "__pycache__/x.cpython-311.pyc": b"\0",
        "pages/notes.pyc": b"\0",
    }.items():
        (content / relpath).parent.mkdir(parents=True, exist_ok=True)
        (content / relpath).write_bytes(data)
    state = build_cache.content_state(content)
    assert sorted(state) == ["_config.yml", "images/x.png", "pages/B.MD", "pages/a.md"]
    assert state["images/x.png"][0] == 3  # other files by size and time
    assert len(state["images/x.png"]) == 2
    assert [len(state[name]) for name in ("_config.yml", "pages/B.MD", "pages/a.md")] == [1, 1, 1]
    # Same size, same time, other bytes: a source file is known by its bytes.
    page_file = content / "pages" / "a.md"
    times = page_file.stat().st_atime_ns, page_file.stat().st_mtime_ns
    page_file.write_bytes(b"---\ntitle: A\n---\nUN\n")
    os.utime(page_file, ns=times)
    assert build_cache.content_state(content)["pages/a.md"] != state["pages/a.md"]
    assert build_cache.content_state(tmp_path / "absent") == {}


def test_the_settings_key_leaves_out_the_scratch_output_folder_only():
    settings = {"SITENAME": "Votre Coach Web", "OUTPUT_PATH": "/tmp/a", "PLUGINS": [object()]}
    key = build_cache.settings_key(settings)
    assert build_cache.settings_key({**settings, "OUTPUT_PATH": "/tmp/b"}) == key
    assert build_cache.settings_key({**settings, "SITENAME": "Autre"}) != key


def test_each_settings_file_and_option_set_has_its_own_cache_folder(tmp_path):
    local, publish = tmp_path / "pelicanconf.py", tmp_path / "publishconf.py"
    folder = build_cache.cache_folder(tmp_path / "cache", local, {})
    assert folder.parent == tmp_path / "cache" / "sitebuild"
    assert folder.name.startswith("pelicanconf-")
    assert len(folder.name) == len("pelicanconf-") + 12
    assert build_cache.cache_folder(tmp_path / "cache", local, {}) == folder
    assert build_cache.cache_folder(tmp_path / "cache", local, {"RELATIVE_URLS": True}) != folder
    assert build_cache.cache_folder(tmp_path / "cache", publish, {}).name.startswith("publishconf-")


def test_the_manifest_is_read_back_only_from_this_format_and_compares_inputs(tmp_path):
    manifest = build_cache.Manifest("code", {"a.md": ["d"]}, [1, 2], ["w"], {"pages": 1})
    manifest.save(tmp_path)
    loaded = build_cache.Manifest.load(tmp_path)
    assert loaded == manifest
    assert loaded.matches(build_cache.Manifest("code", {"a.md": ["d"]}, [1, 2]))
    assert not loaded.matches(build_cache.Manifest("code", {"a.md": ["e"]}, [1, 2]))
    assert not loaded.matches(build_cache.Manifest("autre", {"a.md": ["d"]}, [1, 2]))
    assert not loaded.matches(build_cache.Manifest("code", {"a.md": ["d"]}, [1, 3]))
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]  # no scratch file left
    (tmp_path / "manifest.json").write_text('{"format": 1, "code": "code"}', "utf-8")
    assert build_cache.Manifest.load(tmp_path) is None
    (tmp_path / "manifest.json").write_text('{"format": 2, "inconnu": 1}', "utf-8")
    assert build_cache.Manifest.load(tmp_path) is None
    (tmp_path / "manifest.json").write_text("{tronqué", "utf-8")
    assert build_cache.Manifest.load(tmp_path) is None
    assert build_cache.Manifest.load(tmp_path / "absent") is None


def test_a_cache_file_is_used_only_under_the_key_it_was_saved_with(tmp_path):
    path = tmp_path / "sous-dossier" / "read.pickle"
    build_cache.save_pickle(path, "clé", {"a.md": ("d", "<p>Un</p>")})
    assert build_cache.load_pickle(path, "clé") == {"a.md": ("d", "<p>Un</p>")}
    assert build_cache.load_pickle(path, "autre clé") == {}
    path.write_bytes(path.read_bytes()[:10])  # cut short by a crash
    assert build_cache.load_pickle(path, "clé") == {}
    assert build_cache.load_pickle(tmp_path / "absent.pickle", "clé") == {}


def test_the_record_of_output_trees_is_read_back_only_from_this_format(tmp_path):
    build_cache.save_trees(tmp_path, {"12": {"a/index.html": ["k", 3, 4]}})
    assert build_cache.load_trees(tmp_path) == {"12": {"a/index.html": ["k", 3, 4]}}
    (tmp_path / "trees.json").write_text('{"format": 1, "12": {}}', "utf-8")
    assert build_cache.load_trees(tmp_path) == {}
    (tmp_path / "trees.json").write_text("{tronqué", "utf-8")
    assert build_cache.load_trees(tmp_path) == {}
    assert build_cache.load_trees(tmp_path / "absent") == {}


def test_the_spare_tree_keeps_only_the_pages_its_record_vouches_for(tmp_path):
    spare = tmp_path / "spare"
    for name, text in {
        "a/index.html": "<p>A</p>",
        "b/index.html": "<p>B</p>",
        "c/index.html": "<p>C</p>",
        "feeds/all.atom.xml": "<feed/>",
    }.items():
        (spare / name).parent.mkdir(parents=True, exist_ok=True)
        (spare / name).write_text(text, "utf-8")
    record = build_cache.tree_record(spare, {"a/index.html": "ka", "b/index.html": "kb", "x": "k"})
    assert sorted(record) == ["a/index.html", "b/index.html"]  # x: no such file
    assert record["a/index.html"][:2] == ["ka", 8]
    (spare / "b" / "index.html").write_text("<p>B modifié</p>", "utf-8")  # not as recorded
    assert build_cache.prepare_spare(spare, record) == {"a/index.html": "ka"}
    assert sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*") if p.is_file()) == [
        "a/index.html"
    ]


def test_removing_pages_no_longer_built_removes_the_folders_they_leave_empty(tmp_path):
    root = tmp_path / "output"
    for name in ("blog/2024/billet/index.html", "blog/index.html", "offre/index.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("<p>x</p>", "utf-8")
    build_cache.remove_pages(root, ["blog/2024/billet/index.html", "offre/index.html", "absent"])
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        "blog",
        "blog/index.html",
    ]
    build_cache.remove_pages(root, ["blog/index.html"])
    assert root.is_dir()
    assert list(root.iterdir()) == []


def test_the_code_key_changes_with_the_code_and_not_with_compiled_files(tmp_path, monkeypatch):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text('SITENAME = "A"\n', "utf-8")
    theme, plugins = tmp_path / "theme", tmp_path / "plugins"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "base.html").write_text("<html></html>", "utf-8")
    (plugins / "un").mkdir(parents=True)
    (plugins / "un" / "plugin.py").write_text("X = 1\n", "utf-8")
    monkeypatch.setattr(build_cache, "installed_packages", lambda: ["paquet-1.0.dist-info"])

    def key(**overrides):
        return build_cache.code_key(settings, theme, [plugins], overrides)

    first = key()
    (plugins / "un" / "__pycache__").mkdir()
    (plugins / "un" / "__pycache__" / "plugin.cpython-311.pyc").write_bytes(b"\0")
    (plugins / "un" / "vieux.pyc").write_bytes(b"\0")
    assert key() == first
    assert key(RELATIVE_URLS=True) != first
    (plugins / "un" / "plugin.py").write_text("X = 2\n", "utf-8")
    second = key()
    assert second != first
    (theme / "templates" / "base.html").write_text("<html lang=fr></html>", "utf-8")
    third = key()
    assert third != second
    (tmp_path / "publishconf.py").write_text("from pelicanconf import *\n", "utf-8")
    assert key() != third  # publishconf.py beside the settings file counts too
    monkeypatch.setattr(build_cache, "installed_packages", lambda: ["paquet-2.0.dist-info"])
    assert key() != third


def test_installed_packages_are_named_with_their_versions(tmp_path, monkeypatch):
    (tmp_path / "paquet-1.0.dist-info").mkdir()
    (tmp_path / "ancien-0.9.egg-info").mkdir()
    (tmp_path / "module.py").write_text("", "utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "absent")])
    assert build_cache.installed_packages() == ["ancien-0.9.egg-info", "paquet-1.0.dist-info"]


def test_the_output_folder_is_known_by_its_inode_and_none_before_the_first_build(tmp_path):
    assert build_cache.output_identity(tmp_path / "output") is None
    (tmp_path / "output").mkdir()
    identity = build_cache.output_identity(tmp_path / "output")
    assert identity[0] == (tmp_path / "output").stat().st_ino


def test_pages_to_render_are_rendered_on_every_core_only_when_there_are_enough(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 4)
    site = Site(tmp_path)
    for number in range(18):  # more than one batch of 16 pages for a worker
        site.write(f"pages/p{number:02d}.md", page(f"Page {number}", "Texte.\n", chapo="Chapô."))
    site.write("articles/un-billet.md", page("Un billet", "Texte du billet.\n", chapo="Chapô."))
    first = site.build(jobs=2)
    assert first.ok, site.log
    rendered = {k: v for k, v in cache_counts(first).items() if k.startswith("render")}
    assert rendered == {"rendered in workers": 19}, first.cache  # none rendered here
    assert cache_counts(first)["read in workers"] == 19  # the post too
    # A post is rendered with the post template (its date), not as a page.
    assert site.html("blog/un-billet/index.html").count('<time datetime="2024-05-01">') == 1
    # Five edited pages: enough for the workers; the other pages come from the caches.
    for number in range(5):
        site.write(f"pages/p{number:02d}.md", page(f"Page {number}", "Revu.\n", chapo="Chapô."))
    second = site.build(jobs=2)
    assert second.ok, site.log
    rendered = {k: v for k, v in cache_counts(second).items() if k.startswith("render")}
    assert rendered == {"rendered in workers": 5, "render cached": 14}, second.cache
    assert "Revu." in site.html("p04/index.html")
    # One edited page: below the threshold, rendered here without starting workers.
    site.write("pages/p10.md", page("Page 10", "Encore revu.\n", chapo="Chapô."))
    third = site.build(jobs=2)
    assert third.ok, site.log
    rendered = {
        k: v for k, v in cache_counts(third).items() if k.startswith("render") or k == "kept"
    }
    assert rendered == {"rendered": 1, "render cached": 5, "kept": 13}, third.cache
    assert "Encore revu." in site.html("p10/index.html")


@pytest.mark.parametrize(
    ("dashes", "expected"),
    [
        # Pelican's TYPOGRIFY_DASHES: "--" is an em dash by default; "oldschool" makes
        # "--" an en dash and "---" an em dash; "oldschool_inverted" the other way round.
        ("default", "<p>deux &#8212; trois</p>"),
        ("oldschool", "<p>deux &#8211; trois &#8212; fin</p>"),
        ("oldschool_inverted", "<p>deux &#8212; trois &#8211; fin</p>"),
    ],
)
def test_pages_read_in_workers_get_pelican_s_typogrify_dashes(dashes, expected):
    settings = {
        "TYPOGRIFY_DASHES": dashes,
        "TYPOGRIFY_IGNORE_TAGS": [],
        "TYPOGRIFY_OMIT_FILTERS": ["amp", "caps", "initial_quotes", "widont"],
    }
    text = "<p>deux -- trois</p>" if dashes == "default" else "<p>deux -- trois --- fin</p>"
    assert parallel.typogrify_filter(settings)(text) == expected


def flag_filter(text: str) -> str:
    """A theme filter that warns about what it shows (as a plugin's filter might)."""
    logging.getLogger("tests.theme").warning("titre signalé : %s", text)
    return text


def warning_theme(site: Site, tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ page.title|signale }}</p>\n", "utf-8")
    site.overrides = {
        "THEME_TEMPLATES_OVERRIDES": [str(templates)],
        "JINJA_FILTERS": {"signale": flag_filter},
    }


def test_a_warning_logged_while_rendering_is_printed_at_every_build(site, tmp_path):
    warning_theme(site, tmp_path)
    assert site.build().ok
    assert site.log.count("titre signalé : Gamma") == 1
    site.write("pages/alpha.md", page("Alpha", "Texte changé.\n", nav_order="1", chapo="A."))
    assert site.build().ok  # Gamma did not change, but its warning is printed again
    assert site.log.count("titre signalé : Gamma") == 1
    assert not site.build(strict=True).ok


def test_warnings_logged_while_rendering_in_worker_processes_are_printed_once(site, tmp_path):
    warning_theme(site, tmp_path)
    for number in range(1, 21):  # enough pages to render in the process pool
        site.write(f"pages/p{number}.md", page(f"Page {number}", "Texte.\n", chapo="Chapô."))
    # A real file, as stderr is: what a forked worker would print there shows up too.
    with (tmp_path / "build.log").open("w", encoding="utf-8") as stream:
        result = build(
            site.settings,
            overrides={
                "PATH": str(site.content),
                "OUTPUT_PATH": str(site.output),
                "CACHE_PATH": str(tmp_path / "cache"),
                **site.overrides,
            },
            stream=stream,
            jobs=2,
        )
    log = (tmp_path / "build.log").read_text(encoding="utf-8")
    assert result.ok
    assert log.count("titre signalé : Page 20") == 1
    assert sum(log.count(f"titre signalé : Page {n}\n") for n in range(1, 21)) == 20


def test_typogrify_dashes_given_on_the_command_line_are_pelican_s_too():
    # `pelican -e TYPOGRIFY_DASHES='"oldschool_inverted"'` parses JSON: a new string
    # object, equal to the name but not the same object as the one written here.
    dashes = "".join(["oldschool", "_inverted"])
    settings = {
        "TYPOGRIFY_DASHES": dashes,
        "TYPOGRIFY_IGNORE_TAGS": [],
        "TYPOGRIFY_OMIT_FILTERS": ["amp", "caps", "initial_quotes", "widont"],
    }
    assert parallel.typogrify_filter(settings)("<p>deux -- trois --- fin</p>") == (
        "<p>deux &#8212; trois &#8211; fin</p>"
    )


def session_build(folder: Path, content: dict, render=None):
    """One build's session: started, given the pages `render` maps to their HTML, finished;
    then what its render cache keeps for the next build."""
    session = parallel.BuildSession("code", content, folder, True, 1)
    readers = SimpleNamespace(readers={"md": None})
    session.start({"PATH": str(folder / "content"), "SITENAME": "Essai"}, readers)
    for name in render or {}:
        cached = session.old_renders.get(name)
        if cached and cached[0] == "clé":  # unchanged: the render cache serves it
            session.renders[name] = cached
        else:
            session.renders[name] = ("clé", render[name], session.generation)
    session.finish(True)
    saved = build_cache.load_pickle(folder / "render.pickle", session.cache_key)
    return {name: entry[1] for name, entry in saved.items() if name != parallel.GENERATION}


def test_a_rendered_page_stays_in_the_render_cache_for_two_builds_then_goes(tmp_path):
    html = {"alpha/index.html": "<p>Alpha</p>"}
    assert session_build(tmp_path, {}, html) == html  # rendered
    assert session_build(tmp_path, {}, html) == html  # from the cache, one build later
    # Two builds after it was rendered the spare tree holds it: the cache lets it go,
    # so a page served from the cache build after build does not grow it for ever.
    assert session_build(tmp_path, {}, html) == {}
    assert session_build(tmp_path, {}) == {}


def test_an_image_s_new_size_reaches_what_templates_may_show_but_a_page_s_text_does_not(
    tmp_path,
):
    def key(content):
        session = parallel.BuildSession("code", content, tmp_path, True, 1)
        session.cache_key = "clé"
        return session.shared_key({"SITENAME": "Essai"})

    before = key({"pages/alpha.md": ["texte"], "images/photo.png": [1200, 10]})
    assert key({"pages/alpha.md": ["texte"], "images/photo.png": [2400, 10]}) != before
    assert key({"pages/alpha.md": ["texte"], "images/photo.png": [1200, 20]}) != before
    assert key({"pages/alpha.md": ["revu"], "images/photo.png": [1200, 10]}) == before


def test_files_read_ahead_are_the_sources_after_as_before_a_static_folder(tmp_path):
    session = parallel.BuildSession("code", {}, tmp_path, True, 2)
    session.content = {
        "articles/billet.md": ["a"],
        "images/photo.png": [1200, 10],
        "pages/alpha.md": ["b"],
        "pages/notes.txt": ["c"],
    }
    readers = SimpleNamespace(readers={"md": None})
    settings = {"PATH": str(tmp_path), "STATIC_PATHS": ["images"]}
    assert session.candidates(settings, readers) == [
        str((tmp_path / "articles" / "billet.md").resolve()),
        str((tmp_path / "pages" / "alpha.md").resolve()),
    ]


def test_files_read_ahead_are_those_either_generator_reads_as_pelican_excludes_them(tmp_path):
    session = parallel.BuildSession("code", {}, tmp_path, True, 2)
    session.content = {
        "_posts/2016-05-01-billet.md": ["a"],
        "_drafts/brouillon.md": ["b"],
        "accompagnement/atelier.md": ["c"],
        "brouillons-perso/note.md": ["d"],
        "wp-content/uploads/lisez-moi.md": ["e"],
    }
    readers = SimpleNamespace(readers={"md": None})
    # As Pelican completes this site's settings: each generator's folders in the other's
    # excludes, the owner's own folder left out of pages.
    settings = {
        "PATH": str(tmp_path),
        "STATIC_PATHS": ["wp-content"],
        "ARTICLE_PATHS": ["_posts", "_drafts"],
        "ARTICLE_EXCLUDES": [""],
        "PAGE_PATHS": [""],
        "PAGE_EXCLUDES": ["wp-content", "brouillons-perso", "_posts", "_drafts"],
    }
    assert session.candidates(settings, readers) == [
        str((tmp_path / relative).resolve())
        for relative in (
            "_drafts/brouillon.md",
            "_posts/2016-05-01-billet.md",
            "accompagnement/atelier.md",
        )
    ]


def test_posts_are_planned_as_blog_pages_and_pages_are_not():
    post = SimpleNamespace(save_as="blog/billet/index.html", template="article", category="c")
    other = SimpleNamespace(save_as="blog/autre/index.html", template="article", category="c")
    articles = ArticlesGenerator.__new__(ArticlesGenerator)
    articles.translations, articles.articles = [], [post]
    articles.hidden_translations, articles.hidden_articles = [], [other]
    articles.drafts_translations, articles.drafts = [], []
    articles.get_template = lambda name: name
    alpha = SimpleNamespace(save_as="alpha/index.html", template="page")
    pages = PagesGenerator.__new__(PagesGenerator)
    pages.translations, pages.pages, pages.hidden_translations = [], [alpha], []
    pages.hidden_pages, pages.draft_translations, pages.draft_pages = [], [], []
    pages.get_template = lambda name: name
    plan = parallel.plan_renders([articles, pages])
    # As Pelican's ArticlesGenerator writes them: blog=True for every post.
    assert plan == [
        ("blog/billet/index.html", "article", {"article": post, "category": "c", "blog": True}),
        ("blog/autre/index.html", "article", {"article": other, "category": "c", "blog": True}),
        ("alpha/index.html", "page", {"page": alpha}),
    ]


def test_a_one_job_build_renders_every_page_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 4)
    site = Site(tmp_path)
    for number in range(6):
        site.write(f"pages/p{number}.md", page(f"Page {number}", "Texte.\n", chapo="Chapô."))
    result = site.build(jobs=1)
    assert result.ok, site.log
    assert result.cache.endswith(" 6 rendered"), result.cache


def test_a_page_written_with_another_page_as_extra_argument_shows_its_new_title(
    tmp_path, monkeypatch
):
    # A plugin may write a page with keyword arguments of its own, here the page it
    # points to: the render key does not follow those, so such a page is rendered.
    environment = jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": "{{ page.title }} : voir {{ voir.title }}"})
    )
    template = environment.get_template("page.html")
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path / "content")}
    readers = SimpleNamespace(readers={"md": None})
    for build_number, title in enumerate(["Bêta", "Bêta revue"]):
        session = parallel.BuildSession("code", {}, tmp_path / "cache", True, 1)
        monkeypatch.setattr(parallel, "SESSION", session)
        session.start(settings, readers)
        alpha = Page("Texte.", {"title": "Alpha"}, settings=settings)
        beta = Page("Texte.", {"title": title}, settings=settings)
        output = tmp_path / f"sortie{build_number}"
        writer = parallel.SessionWriter(str(output), settings)
        writer.write_file("alpha/index.html", template, {}, page=alpha, voir=beta)
        session.finish(True)
        assert (output / "alpha" / "index.html").read_text("utf-8") == f"Alpha : voir {title}"


def test_posts_of_one_date_are_listed_alike_whatever_order_python_reads_files_in(project):
    # Pelican walks content/ into a set: its order changes with each process's hash seed.
    for number in range(8):
        (project / "content" / "_posts").mkdir(exist_ok=True)
        (project / "content" / "_posts" / f"billet-{number}.md").write_text(
            page(f"Billet {number}", "Texte.\n", chapo="Chapô."), encoding="utf-8"
        )
    listings = []
    for seed in ("1", "2", "3"):
        run_build(project, "--ignore-cache", env={"PYTHONHASHSEED": seed})
        html = (project / "output" / "blog" / "index.html").read_text("utf-8")
        listings.append(re.findall(r"/blog/(billet-\d)/", html))
    assert listings[0] == [f"billet-{number}" for number in range(8)]
    assert listings[1] == listings[0]
    assert listings[2] == listings[0]


def test_a_post_s_summary_made_from_its_body_follows_each_edit_of_the_body(tmp_path):
    # Pelican's summary of a post without lead (its first 50 words, in the publish
    # build's feed) is kept between builds, keyed by the body it was made from.
    site = Site(tmp_path, ROOT / "publishconf.py")
    words = " ".join(f"mot{number}" for number in range(80))
    site.write("_posts/2024-05-01-billet.md", page("Billet", f"Premières nouvelles {words}.\n"))
    assert site.build().ok, site.log
    assert "Premières nouvelles mot0" in feed_summary(site)
    site.write("_posts/2024-05-01-billet.md", page("Billet", f"Dernières nouvelles {words}.\n"))
    assert site.build().ok, site.log
    assert "Dernières nouvelles mot0" in feed_summary(site)
    assert parallel.SESSION is None
    assert pelican.contents.truncate_html_words is parallel.PELICAN_TRUNCATE  # put back


def test_a_build_puts_back_what_it_found_in_place_of_pelican_s_functions(site, monkeypatch):
    def stand_in(s, num, end_text="…"):
        return "résumé de test"

    monkeypatch.setattr(pelican.contents, "truncate_html_words", stand_in)
    assert site.build().ok, site.log
    assert pelican.contents.truncate_html_words is stand_in


def feed_summary(site: Site) -> str:
    feed = BeautifulSoup(site.html("feeds/all.atom.xml"), "xml")
    return feed.find("entry").find("summary").get_text()


def test_generators_are_given_their_files_by_name_and_pelican_s_walk_is_put_back(site):
    files = parallel.InOrder({"pages/zeta.md", "pages/alpha.md", "_posts/billet.md"})
    assert list(files) == ["_posts/billet.md", "pages/alpha.md", "pages/zeta.md"]
    assert files | {"images/photo.png"} == {  # the static generator's union is a set
        "_posts/billet.md",
        "pages/alpha.md",
        "pages/zeta.md",
        "images/photo.png",
    }
    assert site.build().ok, site.log
    assert pelican.generators.Generator.get_files is parallel.PELICAN_GET_FILES
