"""Node selection on BeautifulSoup trees, without bs4's search machinery.

bs4's `find_all`/`find_parent` build a filter object per call and match every
node through it; on export bodies those calls were a third of the migration's
time (profile of 1,000 real-shaped pages). These plain walks select the same
nodes, in document order, as lists (so callers may change the tree meanwhile).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from bs4 import NavigableString, Tag


def tags(root: Tag, names: Collection[str] | None = None) -> list[Tag]:
    """Every tag under `root` (or those named in `names`), in document order."""
    return [
        node
        for node in root.descendants
        if isinstance(node, Tag) and (names is None or node.name in names)
    ]


def tags_where(root: Tag, test: Callable[[Tag], bool]) -> list[Tag]:
    return [node for node in root.descendants if isinstance(node, Tag) and test(node)]


def child_tags(root: Tag, name: str) -> list[Tag]:
    return [node for node in root.children if isinstance(node, Tag) and node.name == name]


def strings(root: Tag, pattern: re.Pattern) -> list[NavigableString]:
    """Every string under `root` (comments included) in which `pattern` is found."""
    return [
        node
        for node in root.descendants
        if isinstance(node, NavigableString) and pattern.search(node)
    ]


def inside(node, names: Collection[str]) -> bool:
    """Whether an ancestor of `node` is one of the tags named in `names`."""
    return any(parent.name in names for parent in node.parents)


def has_class(tag: Tag, test: Callable[[str], bool]) -> bool:
    classes = tag.get("class") or ()
    return any(test(name) for name in (classes.split() if isinstance(classes, str) else classes))
