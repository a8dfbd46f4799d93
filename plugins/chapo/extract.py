"""Find the lead ("chapo") of a page's HTML and take it out of the body (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

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


def is_at_top(element: Tag, soup: BeautifulSoup) -> bool:
    for node in soup.descendants:
        if node is element:
            return True
        if isinstance(node, NavigableString) and node.strip() and element not in node.parents:
            return False
    return True


def extract_chapo(html: str, classes: set[str] | frozenset[str]) -> Extraction:
    if not any(name in html for name in classes):
        return Extraction("", html)  # most pages: no need to parse
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
    first.extract()
    lead = lead_html(first)
    if not first.get_text(strip=True):
        problems.append("empty lead block removed")
        lead = ""
    return Extraction(lead, str(soup).strip(), problems)
