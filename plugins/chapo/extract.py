"""Find the lead ("chapo") of a page's HTML and take it out of the body (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

BLOCKS = {"p", "ul", "ol", "blockquote", "figure", "table", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Extraction:
    lead: str  # block HTML (<p>…</p>…), "" when the page has none
    body: str
    problems: list[str] = field(default_factory=list)


def has_class(tag: Tag, classes: set[str]) -> bool:
    return bool(classes.intersection(tag.get("class") or []))


def drop_class(tag: Tag, classes: set[str]) -> None:
    remaining = [c for c in tag.get("class") or [] if c not in classes]
    if remaining:
        tag["class"] = remaining
    else:
        del tag["class"]


def lead_html(element: Tag) -> str:
    """The lead's content as paragraphs, without the wrapper, classes or styles."""
    for tag in element.find_all(True):
        tag.attrs.pop("style", None)
    if element.name == "p":
        return f"<p>{element.decode_contents().strip()}</p>"
    # Unwrap nested wrappers (div.chapo > div > p) down to block content.
    for inner in element.find_all("div"):
        inner.unwrap()
    children = [
        c for c in element.contents if not (isinstance(c, NavigableString) and not c.strip())
    ]
    if children and all(isinstance(c, Tag) and c.name in BLOCKS for c in children):
        return "".join(str(c) for c in children)
    return f"<p>{element.decode_contents().strip()}</p>"


def split_at_more(element: Tag) -> str:
    """Cut the lead at a `<!--more-->` inside it; return what came after, as HTML.

    WordPress authors ended the lead with <!--more--> and often forgot to close
    its block: what follows the marker is the body, not the lead.
    """
    more = element.find(string=lambda s: isinstance(s, Comment) and s.strip() == "more")
    if more is None:
        return ""
    moved: list[str] = []
    node = more
    while node is not element:
        parent = node.parent
        for sibling in list(node.next_siblings):
            moved.append(str(sibling.extract()))
        node = parent
    more.extract()
    return "".join(moved).strip()


def is_at_top(element: Tag, soup: BeautifulSoup) -> bool:
    for node in soup.descendants:
        if node is element:
            return True
        if isinstance(node, NavigableString) and node.strip() and element not in node.parents:
            return False
    return True


TOP_TAG = re.compile(r"\s*<(div|p)\b[^>]*\bclass=[\"']([^\"']*)[\"'][^>]*>")


def split_top_lead(html: str, classes: set[str]) -> tuple[str, str] | None:
    """(lead element, rest) when the page opens with the only lead block, else None.

    The common case (a WordPress page) then parses a few hundred characters
    instead of the whole body; anything less simple takes the full path.
    """
    match = TOP_TAG.match(html)
    if not match or not classes.intersection(match.group(2).split()):
        return None
    name, depth = match.group(1), 0
    for tag in re.finditer(rf"<(/?){name}\b[^>]*>", html[match.start(1) - 1 :]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = match.start(1) - 1 + tag.end()
            rest = html[end:]
            if any(c in rest for c in classes):
                return None  # another lead block further down: full path
            return html[:end], rest.strip()
    return None


def extract_chapo(html: str, classes: set[str] | frozenset[str]) -> Extraction:
    classes = set(classes)
    if not any(name in html for name in classes):
        return Extraction("", html)  # most pages: no need to parse
    top = split_top_lead(html, classes)
    if top is not None:
        element = BeautifulSoup(top[0], "html.parser").find(True)
        after_more = split_at_more(element)
        lead = lead_html(element) if element.get_text(strip=True) else ""
        body = f"{after_more}\n{top[1]}".strip() if after_more else top[1]
        return Extraction(lead, body, [] if lead else ["empty lead block removed"])
    soup = BeautifulSoup(html, "html.parser")
    classes = set(classes)
    found = [tag for tag in soup.find_all(True) if has_class(tag, classes)]
    found = [tag for tag in found if not any(has_class(p, classes) for p in tag.parents)]
    if not found:
        return Extraction("", html)
    first, others = found[0], found[1:]
    problems = []
    for other in others:
        drop_class(other, classes)  # stays in the body as ordinary text
    if others:
        problems.append(
            f"{len(found)} lead blocks: the first is the lead, the others stay in the body"
        )
    if not is_at_top(first, soup):
        problems.append("the lead was not at the top of the page; it is shown at the top")
    after_more = split_at_more(first)
    if after_more:
        first.insert_after(BeautifulSoup(after_more, "html.parser"))
    first.extract()
    lead = lead_html(first)
    if not first.get_text(strip=True):
        problems.append("empty lead block removed")
        lead = ""
    return Extraction(lead, str(soup).strip(), problems)
