"""Single-core savings of the build (issue 21) change no result and leak out of no build.

Their speed is a figure of bench/build_speed.py; these tests hold what they must not change.
"""

from __future__ import annotations

import gc

from pelican.contents import Content

from sitetools.parallel import relative_source_path

PAGE = "---\ntitle: Atelier\n---\n\nUn atelier pour apprendre.\n"


def test_relative_source_path_is_the_path_under_the_content_folder():
    assert relative_source_path("/ici", "/site/content", "/site/content/pages/a.md") == "pages/a.md"
    assert relative_source_path("/ici", "/site/content", "pages/a.md") == "pages/a.md"
    assert relative_source_path("/ici", "/site/content", "/site/images/b.png") == "../images/b.png"
    assert relative_source_path("/ici", "/site/content/", "/site/content/c/d.md") == "c/d.md"


def test_a_build_gives_back_pelicans_own_content_class(build_site):
    pelican_method = Content.get_relative_source_path
    site = build_site({"pages/atelier.md": PAGE})
    assert site.result.ok
    assert Content.get_relative_source_path is pelican_method


def test_a_build_leaves_the_garbage_collector_as_it_found_it(build_site):
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    site = build_site({"pages/atelier.md": PAGE})
    assert site.result.ok
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == frozen


def test_a_failed_build_also_leaves_the_garbage_collector_as_it_found_it(build_site):
    threshold = gc.get_threshold()
    site = build_site({"pages/sans-titre.md": "---\nauthor: x\n---\n\nPas de titre.\n"})
    assert not site.result.ok
    assert gc.get_threshold() == threshold


def test_a_build_keeps_what_its_caller_froze_frozen(build_site):
    gc.freeze()
    try:
        site = build_site({"pages/atelier.md": PAGE})
        assert site.result.ok
        # Frozen objects that die leave the count; an unfreeze empties it.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
