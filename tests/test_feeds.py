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
