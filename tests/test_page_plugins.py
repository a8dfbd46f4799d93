"""Page plugins run once per page change: in the reading workers, or from the cache (issue 21).

What the `content_object_init` plugins changed on a page is recorded where the
page was made and applied in the building process only to the very same page;
plugins that fill tables outside the page still run there at every build.
"""

from __future__ import annotations

import functools
import gc
import io
import logging
import os

import pytest
from bs4 import BeautifulSoup
from pelican import signals
from pelican.contents import Page
from pelican.settings import DEFAULT_CONFIG
from PIL import Image
from test_build_cache import Site, cache_counts, tree

from conftest import page
from sitetools import parallel
from yaml_markdown.reader import plain_date


def a_page(body: str = "<p>Texte.</p>", **metadata) -> Page:
    settings = {**DEFAULT_CONFIG, "PATH": "/site/content"}
    metadata = {"title": "Essai", **metadata}
    return Page(body, metadata=metadata, settings=settings, source_path="/site/content/essai.md")


def lead_and_warning(content) -> None:
    content._content = content._content.replace("Texte", "Texte revu")
    content.metadata["summary"] = "Le résumé."
    content.chapo = "Le chapô."
    logging.getLogger("essai").warning("le chapô manque")


def test_a_record_applied_to_the_same_page_gives_what_the_plugins_gave(caplog):
    with caplog.at_level(logging.WARNING):
        record = parallel.record_plugins(a_page(), [lead_and_warning], "clé")
    assert record is not None
    assert record[0] == "clé"
    fresh = a_page()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        parallel.apply_record(fresh, record)
    assert fresh._content == "<p>Texte revu.</p>"
    assert fresh.metadata["summary"] == "Le résumé."
    assert fresh.chapo == "Le chapô."
    assert fresh.metadata["title"] == "Essai"  # untouched metadata stays
    assert [r.getMessage().endswith("le chapô manque") for r in caplog.records] == [True]


def test_a_metadata_key_a_plugin_removes_is_removed_by_its_record():
    def drop_description(content):
        del content.metadata["description"]

    record = parallel.record_plugins(a_page(description="Ancien"), [drop_description], "clé")
    fresh = a_page(description="Ancien")
    parallel.apply_record(fresh, record)
    assert "description" not in fresh.metadata


def test_a_plugin_leaving_a_value_that_cannot_travel_is_not_recorded():
    def leave_a_lock(content):
        import threading  # noqa: PLC0415

        content.verrou = threading.Lock()

    assert parallel.record_plugins(a_page(), [leave_a_lock], "clé") is None


def test_the_page_key_changes_with_the_body_an_attribute_or_the_images_only():
    key = parallel.page_key(a_page(), "images v1")
    assert parallel.page_key(a_page(), "images v1") == key
    assert parallel.page_key(a_page("<p>Autre.</p>"), "images v1") != key
    assert parallel.page_key(a_page(lang="en"), "images v1") != key
    assert parallel.page_key(a_page(), "images v2") != key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-05-01 09:30:00", (2016, 5, 1, 9, 30, 0)),
        ("2016-05-01", (2016, 5, 1, 0, 0, 0)),
        ("2016-05-01T09:30", (2016, 5, 1, 9, 30, 0)),
        (" 2016-05-01 ", (2016, 5, 1, 0, 0, 0)),
    ],
)
def test_plain_dates_are_read_as_pelican_reads_them(text, expected):
    value = plain_date("date", text)
    fields = (value.year, value.month, value.day, value.hour, value.minute, value.second)
    assert fields == expected
    assert value.tzinfo is None
    assert type(value).__name__ == "SafeDatetime"  # Pelican's, for its templates


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("date", "2016-05-01 09:30:00+02:00"),  # a zone: dateutil's own zone objects
        ("date", "1 mai 2016"),
        ("date", "2016-02-30"),  # no such day: Pelican's error names the file
        ("slug", "2016-05-01"),
    ],
)
def test_other_dates_are_left_to_pelican(name, text):
    assert plain_date(name, text) is None


# --- builds ----------------------------------------------------------------------
def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def image_size(html: str) -> tuple[str, str]:
    img = BeautifulSoup(html, "lxml").find("main").find("img")
    return img["width"], img["height"]


@pytest.fixture
def site(tmp_path) -> Site:
    site = Site(tmp_path)
    site.write("pages/alpha.md", page("Alpha", "![Atelier](/images/atelier.jpg)\n", chapo="A."))
    site.write("pages/beta.md", page("Beta", "Texte.\n", chapo="B."))
    (site.content / "images").mkdir(parents=True)
    (site.content / "images" / "atelier.jpg").write_bytes(jpeg(1600, 900))
    return site


def test_page_plugins_of_unchanged_pages_come_from_the_cache(site):
    assert site.build().ok, site.log
    alpha = site.html("alpha/index.html")
    site.write("pages/beta.md", page("Beta", "Texte revu.\n", chapo="B."))
    result = site.build()
    assert result.ok, site.log
    assert cache_counts(result)["plugins cached"] == 1  # alpha's; beta changed
    assert site.html("alpha/index.html") == alpha
    assert "Texte revu." in site.html("beta/index.html")


def test_an_image_s_new_size_reaches_the_page_whose_plugins_came_from_the_cache(site):
    assert site.build().ok, site.log
    assert image_size(site.html("alpha/index.html")) == ("1600", "900")
    (site.content / "images" / "atelier.jpg").write_bytes(jpeg(1200, 800))
    result = site.build()
    assert result.ok, site.log
    assert "plugins cached" not in cache_counts(result)
    assert image_size(site.html("alpha/index.html")) == ("1200", "800")


def test_image_copies_of_a_page_from_the_cache_are_written_at_every_build(site):
    # responsive_images notes each page's copies in its own tables (note_media, unmarked):
    # it runs at each build, else the copies of a page taken from the cache would be missing.
    copy = "images/atelier-800w.webp"
    assert site.build().ok, site.log
    for number in range(3):  # every output tree the builds alternate between
        site.write("pages/beta.md", page("Beta", f"Texte {number}.\n", chapo="B."))
        result = site.build()
        assert result.ok, site.log
        assert cache_counts(result)["plugins cached"] == 1
        assert (site.output / copy).is_file(), number


def test_page_plugins_run_in_the_workers_give_the_one_process_site(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 4)
    sites = []
    for name in ("one", "two"):
        site = Site(tmp_path / name)
        for number in range(10):
            body = f"Texte {number}.\n\n![Atelier](/images/atelier.jpg)\n"
            site.write(f"pages/p{number}.md", page(f"Page {number}", body, chapo="Chapô."))
        lead_twice = '<div class="chapo">\nDans le corps.\n</div>\n\nTexte.\n'
        site.write("pages/deux-chapos.md", page("Deux", lead_twice, chapo="Devant."))
        (site.content / "images").mkdir(parents=True)
        (site.content / "images" / "atelier.jpg").write_bytes(jpeg(1600, 900))
        sites.append(site)
    single = sites[0].build(jobs=1, ignore_cache=True)
    pooled = sites[1].build(jobs=2, ignore_cache=True)
    assert single.ok and pooled.ok, sites[1].log
    assert cache_counts(pooled)["plugins in workers"] == 11
    assert tree(sites[0].output) == tree(sites[1].output)
    # The lead plugin's warning, made in a worker, printed once by the building process.
    twice = [line for line in pooled.warnings if "deux-chapos.md" in line]
    assert len(twice) == 1, pooled.warnings
    assert twice[0].endswith("lead given twice (front matter and body): front matter wins")
    assert [line.replace(str(sites[1].root), "") for line in twice] == [
        line.replace(str(sites[0].root), "") for line in single.warnings if "deux-chapos" in line
    ]


def test_an_unmarked_receiver_runs_in_the_building_process_at_every_build(tmp_path, monkeypatch):
    # A third party's plugin knows nothing of workers or caches: it sees every page, here.
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 4)
    calls = tmp_path / "calls.txt"

    def remember_title(content):
        with calls.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {content.title}\n")

    site = Site(tmp_path / "site")
    for number in range(6):
        site.write(f"pages/p{number}.md", page(f"Page {number}", "Texte.\n", chapo="C."))
    signals.content_object_init.connect(remember_title)
    try:
        first = site.build(jobs=2)
        site.write("pages/p0.md", page("Page 0", "Texte revu.\n", chapo="C."))
        second = site.build(jobs=2)
    finally:
        signals.content_object_init.disconnect(remember_title)
    assert first.ok and second.ok, site.log
    assert cache_counts(first)["plugins in workers"] == 6
    assert cache_counts(second)["plugins cached"] == 5
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(f"{os.getpid()} Page {n}" for n in list(range(6)) * 2)


def test_a_receiver_connected_strongly_still_runs_after_builds(tmp_path):
    seen: list[str] = []
    site = Site(tmp_path)
    site.write("pages/alpha.md", page("Alpha", "Texte.\n", chapo="A."))
    receiver = functools.partial(lambda seen, content: seen.append(content.title), seen)
    signals.content_object_init.connect(receiver, weak=False)  # nothing else holds it
    del receiver
    try:
        for number in range(3):
            site.write("pages/alpha.md", page("Alpha", f"Texte {number}.\n", chapo="A."))
            assert site.build().ok, site.log
            gc.collect()
    finally:
        for receiver in list(signals.content_object_init.receivers_for(object())):
            if isinstance(receiver, functools.partial):
                signals.content_object_init.disconnect(receiver)
    assert seen == ["Alpha", "Alpha", "Alpha"]


def test_a_session_gives_the_page_plugins_back_even_when_stopping_its_workers_fails():
    def mark(content):
        content.marque = True

    signals.content_object_init.connect(mark)
    session = parallel.BuildSession("code", {}, None, False, 2)
    session.started = True
    try:
        parallel.take_over_page_plugins(session)
        assert mark not in list(signals.content_object_init.receivers_for(object()))

        def broken():
            raise KeyboardInterrupt

        session.stop_reading = broken
        with pytest.raises(KeyboardInterrupt):
            session.finish(ok=False)
        receivers = list(signals.content_object_init.receivers_for(object()))
        assert mark in receivers
        assert parallel.run_page_plugins not in receivers
    finally:
        signals.content_object_init.disconnect(mark)


def test_a_record_is_a_copy_that_later_changes_to_the_page_leave_alone():
    def tag(content):
        content.mots = ["conseil"]

    content = a_page()
    record = parallel.record_plugins(content, [tag], "clé")
    content.mots.append("ajouté plus tard")
    fresh = a_page()
    parallel.apply_record(fresh, record)
    assert fresh.mots == ["conseil"]


def test_a_page_changed_on_its_way_to_the_writer_is_rendered_again(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 4)
    site = Site(tmp_path)
    for number in range(6):
        site.write(f"pages/p{number}.md", page(f"Page {number}", "Texte.\n", chapo="C."))
    assert site.build(jobs=2).ok, site.log

    def describe(generator, content):
        content.description = "Décrite en chemin."

    signals.page_generator_write_page.connect(describe)
    try:
        site.write("pages/p0.md", page("Page 0", "Texte revu.\n", chapo="C."))
        assert site.build(jobs=2).ok, site.log
    finally:
        signals.page_generator_write_page.disconnect(describe)
    head = BeautifulSoup(site.html("p3/index.html"), "lxml").find("meta", {"name": "description"})
    assert head["content"] == "Décrite en chemin."
