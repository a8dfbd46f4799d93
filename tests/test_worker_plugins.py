"""The live-reload fast path gives an edited page what a full build gives it (issue 12/17)."""

from __future__ import annotations

import io

from conftest import ROOT, page
from sitetools.worker import SiteWorker


def test_fast_edit_of_a_child_page_keeps_its_url_links_and_checks(tmp_path):
    content = tmp_path / "content"
    (content / "parent").mkdir(parents=True)
    (content / "parent.md").write_text(
        "---\nid: 20\ntitle: Parent\nguid: http://votrecoachweb.com/?page_id=20\nlayout: page\n"
        "---\nTexte du parent.\n",
        "utf-8",
    )
    child = content / "parent" / "enfant.md"
    child.write_text(page("Enfant", "Premier texte.\n", chapo="'Chapô.'"), "utf-8")
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    log = io.StringIO()
    worker = SiteWorker(str(ROOT / "pelicanconf.py"), overrides=overrides, stream=log)
    assert worker.rebuild().ok

    body = "Voir [le parent](http://votrecoachweb.com/?page_id=20).\n\n"
    body += "Écrivez le texte de la page ici.\n"
    child.write_text(page("Enfant", body, chapo="'Chapô.'"), "utf-8")
    outcome = worker.rebuild(str(child))
    assert (outcome.mode, outcome.ok) == ("fast", True)
    html = (tmp_path / "output" / "parent" / "enfant" / "index.html").read_text("utf-8")
    assert 'href="/parent/"' in html
    assert "enfant.md:8: warning: la page contient encore le texte d’exemple" in log.getvalue()
