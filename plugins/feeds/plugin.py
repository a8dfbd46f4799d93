"""No feed while there is nothing to list, so that an unchanged site builds unchanged.

Hooks `feed_written`: a feed without any entry is removed at once (before
precompression), since its `<updated>` date would be the build time and every
deploy would send it again. A feed with entries takes its dates from them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)


def is_empty(feed) -> bool:
    return feed.num_items() == 0


def remove_empty_feed(path, context=None, feed=None) -> None:
    if feed is not None and is_empty(feed):
        written = Path(path)
        written.unlink(missing_ok=True)
        if written.parent.is_dir() and not any(written.parent.iterdir()):
            written.parent.rmdir()
        logger.debug("feeds: %s has no entry, not written", written.name)


def register() -> None:
    signals.feed_written.connect(remove_empty_feed)
