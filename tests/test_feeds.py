"""Feeds: dates from the content, no feed while there is nothing to list (plugins/feeds)."""

from __future__ import annotations

import time

from conftest import page


def test_publish_without_articles_writes_no_feed(build_site):
    site = build_site({"pages/a.md": page("A", "Texte.\n")}, settings="publishconf.py")
    assert site.result.ok, site.log
    assert not (site.output / "feeds").exists()  # nor its .gz and .br


def test_the_feed_is_the_same_from_one_build_to_the_next(build_site):
    article = "---\ntitle: Un billet\ndate: 2024-03-02 10:00\n---\nTexte.\n"
    first = build_site({"articles/billet.md": article}, settings="publishconf.py")
    assert first.result.ok, first.log
    feed = (first.output / "feeds" / "all.atom.xml").read_bytes()
    assert b"<updated>2024-03-02T10:00:00+01:00</updated>" in feed
    time.sleep(1.1)  # a date taken from the clock would now differ
    again = build_site({"articles/billet.md": article}, settings="publishconf.py")
    assert (again.output / "feeds" / "all.atom.xml").read_bytes() == feed


class Feed:
    """What Pelican passes to `feed_written`: only the entry count matters here."""

    def __init__(self, entries: int) -> None:
        self.entries = entries

    def num_items(self) -> int:
        return self.entries


def test_an_empty_feed_is_removed_and_its_folder_only_once_empty(tmp_path):
    from feeds.plugin import remove_empty_feed  # noqa: PLC0415

    folder = tmp_path / "feeds"
    folder.mkdir()
    for name in ("all.atom.xml", "conseils.atom.xml", "vide.atom.xml"):
        (folder / name).write_text("<feed/>", "utf-8")
    remove_empty_feed(folder / "all.atom.xml", feed=Feed(3))  # has entries: kept
    remove_empty_feed(folder / "conseils.atom.xml")  # not a feed Pelican describes: kept
    remove_empty_feed(folder / "vide.atom.xml", feed=Feed(0))
    assert sorted(p.name for p in folder.iterdir()) == ["all.atom.xml", "conseils.atom.xml"]
    remove_empty_feed(folder / "all.atom.xml", feed=Feed(0))
    remove_empty_feed(folder / "conseils.atom.xml", feed=Feed(0))
    assert not folder.exists()


def test_an_empty_feed_already_gone_is_no_error(tmp_path):
    from feeds.plugin import remove_empty_feed  # noqa: PLC0415

    (tmp_path / "feeds").mkdir()
    remove_empty_feed(tmp_path / "feeds" / "all.atom.xml", feed=Feed(0))
    assert not (tmp_path / "feeds").exists()
