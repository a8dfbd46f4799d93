"""The one place that writes a content object's body, for every plugin of this site.

Lives in yaml_markdown because that plugin is always loaded first, so the
others can import it (Pelican does not put plugins/ on the import path).

Pelican 4.12 has no public setter: assigning `.content` or `.summary` does
nothing, and both are memoized on first read. Plugins that rewrite a page on
`content_object_init` (before anything has read it) call these instead of
touching the private attribute themselves.
"""

from __future__ import annotations

from blinker import signal


def body_of(content) -> str:
    return content._content or ""


def replace_body(content, html: str) -> None:
    content._content = html


# Sent by the live-reload worker (sitetools/worker.py) after it re-read one page on
# its fast path, with the generators of the last full build: plugins that change
# pages on `all_generators_finalized` redo their work for that one page.
content_refreshed = signal("votrecoachweb.content_refreshed")


def changes_only_the_page(receiver):
    """Mark a `content_object_init` receiver whose only effect is on the page it is
    given (its body, attributes and metadata, and the warnings it logs), computed
    from that page, the settings and the files under content/.

    Builds run marked receivers where a file is read (another process) and keep
    what they changed with the read cache (sitetools/parallel.py). Any receiver
    left unmarked (one that fills a table elsewhere, a third party's) runs in the
    building process at every build, after the marked ones.
    """
    receiver.changes_only_the_page = True
    return receiver
