"""Give rendered export HTML the structure WordPress showed (pure functions on a soup).

- Markdown left raw inside HTML blocks (`<td>**x**</td>`, `<p style>[a](u)</p>`)
  is rendered, reference links included: Python-Markdown does not look inside
  raw HTML, while the exporter wrote Markdown there.
- Line breaks: WordPress's autop turned every single newline between two pieces
  of inline content into `<br />`; a raw-HTML block of the body (whatever the
  exporter generation) gets the same, block by block.
- `div.wp-caption` / `dl.wp-caption` become `<figure>` + `<figcaption>`.
- `<li>` outside any list gets a `<ul>`; empty headings go; headings are
  renumbered so the body's top level is `<h2>` under the page's `<h1>`.
- `lang="php"` on `<code>`/`<pre>` (not a language tag) becomes `class="language-php"`.
- Code placeholders (see code.py) stand alone, never inside a paragraph.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

from .code import PLACEHOLDER_FIND
from .walk import child_tags, has_class, inside, strings, tags

RAW = {"pre", "code", "script", "style", "textarea", "kbd", "samp"}
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "img",
    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "font", "label",
}  # fmt: skip
MARKDOWN_INLINE = re.compile(
    r"\*\*\S|__\S|(?<![\w*\\])\*[^\s*]|(?<![\w\\])_[^\s_]|\[[^\]\n]+\]\(|\[[^\]\n]+\]\[|`[^`\n]+`"
)
REFERENCE = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\S+.*$", re.M)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NEWLINE = re.compile("\n")


def reference_definitions(body: str) -> str:
    """The body's Markdown reference definitions (`[1]: url`), for snippets rendered apart."""
    return "\n".join(match.group(0).strip() for match in REFERENCE.finditer(body))


def render_inline_markdown(
    soup: BeautifulSoup, root, render: Callable[[str], str], references: str = ""
) -> None:
    for node in strings(root, MARKDOWN_INLINE):
        if type(node) is not NavigableString:
            continue  # comments, CDATA
        if inside(node, RAW):
            continue
        text = str(node)
        if not text.strip():
            continue
        snippet = html.escape(text.strip(), quote=False)
        rendered = render(snippet + ("\n\n" + references if references else "")).strip()
        match = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
        if match is None:
            continue  # it became blocks (a list, a heading): not inline Markdown after all
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        fragment = BeautifulSoup(f"<div>{lead}{match.group(1)}{trail}</div>", "html.parser").div
        for child in list(fragment.contents):
            node.insert_before(child.extract())
        node.extract()


def is_inline(node) -> bool:
    if isinstance(node, NavigableString):
        return bool(node.strip())
    return isinstance(node, Tag) and node.name in INLINE


def neighbour(node, forward: bool):
    sibling = node.next_sibling if forward else node.previous_sibling
    while isinstance(sibling, NavigableString) and not sibling.strip() and "\n" not in sibling:
        sibling = sibling.next_sibling if forward else sibling.previous_sibling
    return sibling


def add_line_breaks(soup: BeautifulSoup, root) -> None:
    """A newline between two pieces of inline content becomes <br> (WordPress's autop)."""
    for node in strings(root, NEWLINE):
        if type(node) is not NavigableString or inside(node, RAW):
            continue
        if node.parent is None or node.parent.name in {"ul", "ol", "table", "tbody", "thead", "tr"}:
            continue
        pieces = str(node).split("\n")
        if len(pieces) < 2:
            continue
        before, after = neighbour(node, False), neighbour(node, True)
        new = []
        for index, piece in enumerate(pieces):
            new.append(piece)
            if index == len(pieces) - 1:
                break
            left = "".join(pieces[: index + 1]).strip() or (
                is_inline(before) and getattr(before, "name", None) != "br"
            )
            right = "".join(pieces[index + 1 :]).strip() or is_inline(after)
            new.append("\n<br>" if left and right else "\n")
        if "\n<br>" not in new:
            continue
        chunks = "".join(new).split("\n<br>")
        for position, chunk in enumerate(chunks):
            if position:
                node.insert_before(soup.new_tag("br"))
            node.insert_before(NavigableString(("\n" if position else "") + chunk))
        node.extract()


def wrap_bare_inline(soup: BeautifulSoup, root) -> None:
    """Text and inline tags directly in the body go in a paragraph, as autop put them."""
    run: list = []

    def flush() -> None:
        if any(is_inline(node) for node in run):
            paragraph = soup.new_tag("p")
            run[0].insert_before(paragraph)
            for node in run:
                paragraph.append(node.extract())
        run.clear()

    for child in list(root.children):
        continues_run = run and (
            (isinstance(child, Tag) and child.name == "br")
            or (isinstance(child, NavigableString) and not child.strip())
        )
        if is_inline(child) or continues_run:
            run.append(child)
        else:
            flush()
    flush()
    for paragraph in child_tags(root, "p"):
        while paragraph.contents and not str(paragraph.contents[-1]).strip():
            paragraph.contents[-1].extract()


def captions_to_figures(soup: BeautifulSoup, root) -> None:
    for box in tags(root, {"div", "dl", "p"}):
        if not has_class(box, "wp-caption".__eq__):
            continue
        image = box.find("a", recursive=True)
        if image is None or image.find("img") is None:
            image = box.find("img")
        caption = box.find(class_=["wp-caption-text", "wp-caption-dd"])
        figure = soup.new_tag("figure")
        if image is not None:
            figure.append(image.extract())
        if caption is not None and caption.get_text(strip=True):
            figcaption = soup.new_tag("figcaption")
            for child in list(caption.contents):
                figcaption.append(child.extract())
            figure.append(figcaption)
        rest = box.get_text(" ", strip=True)
        box.replace_with(figure)
        if rest:  # any other text of the box stays, after the figure
            paragraph = soup.new_tag("p")
            paragraph.string = rest
            figure.insert_after(paragraph)


def wrap_orphan_items(soup: BeautifulSoup, root) -> None:
    for item in tags(root, {"li"}):
        if item.parent is None or item.parent.name in {"ul", "ol", "menu"}:
            continue
        group = [item]
        sibling = item.next_sibling
        while sibling is not None:
            if isinstance(sibling, NavigableString) and not sibling.strip():
                sibling = sibling.next_sibling
                continue
            if isinstance(sibling, Tag) and sibling.name == "li":
                group.append(sibling)
                sibling = sibling.next_sibling
                continue
            break
        if item.parent.name == "p":  # autop wrapped the items in a paragraph
            paragraph = item.parent
            if all(
                (isinstance(c, Tag) and c.name in {"li", "br"}) or not str(c).strip()
                for c in paragraph.contents
            ):
                paragraph.unwrap()
        listing = soup.new_tag("ul")
        group[0].insert_before(listing)
        for member in group:
            listing.append(member.extract())
    for listing in tags(root, {"ul"}):
        for br in child_tags(listing, "br"):
            br.decompose()


def remove_empty_headings(root) -> None:
    for heading in tags(root, HEADINGS):
        if not heading.get_text(strip=True) and heading.find("img") is None:
            heading.decompose()


def shift_headings(root) -> None:
    """Renumber so the top level is h2 and no level is skipped, keeping their order."""
    headings = tags(root, HEADINGS)
    levels = sorted({int(h.name[1]) for h in headings})
    mapping = {level: min(2 + rank, 6) for rank, level in enumerate(levels)}
    for heading in headings:
        heading.name = f"h{mapping[int(heading.name[1])]}"


def code_language_classes(root) -> None:
    for tag in tags(root, {"code", "pre"}):
        if not tag.has_attr("lang"):
            continue
        language = re.sub(r"[^a-z0-9+#-]", "", tag["lang"].lower())
        del tag["lang"]
        if language:
            tag["class"] = [*(tag.get("class") or []), f"language-{language}"]


def isolate_code_placeholders(soup: BeautifulSoup, root) -> None:
    """`<p>text wpxcodesample0x more</p>` → `<p>text</p><p>wpxcodesample0x</p><p>more</p>`."""
    for node in strings(root, PLACEHOLDER_FIND):
        paragraph = node.parent
        if paragraph is None or paragraph.name != "p":
            continue
        text = str(node)
        match = PLACEHOLDER_FIND.search(text)
        before, after = text[: match.start()], text[match.end() :]
        following = list(node.next_siblings)
        if before:
            node.replace_with(NavigableString(before))
        else:  # an empty string left last would hide a trailing <br> from the loop below
            node.extract()
        alone = soup.new_tag("p")
        alone.string = match.group(0)
        rest = soup.new_tag("p")
        if after.strip():
            rest.append(NavigableString(after))
        for sibling in following:
            rest.append(sibling.extract())
        paragraph.insert_after(alone)
        alone.insert_after(rest)
        for part in (paragraph, rest):
            while (
                part.contents
                and isinstance(part.contents[-1], Tag)
                and part.contents[-1].name == "br"
            ):
                part.contents[-1].decompose()
            while (
                part.contents
                and isinstance(part.contents[0], Tag)
                and part.contents[0].name == "br"
            ):
                part.contents[0].decompose()
            if not part.get_text(strip=True) and part.find(True) is None:
                part.decompose()
        if rest.parent is not None and PLACEHOLDER_FIND.search(rest.get_text()):
            isolate_code_placeholders(soup, rest)


def drop_word_classes(root) -> None:
    """Word's MsoNormal & co. style nothing on this site."""
    for tag in tags(root):
        if not has_class(tag, lambda name: name.startswith("Mso")):
            continue
        classes = [c for c in tag["class"] if not c.startswith("Mso")]
        if classes:
            tag["class"] = classes
        else:
            del tag["class"]


def restructure(
    soup: BeautifulSoup,
    root,
    render_inline: Callable[[str], str] | None = None,
    references: str = "",
) -> None:
    """Every structural fix above, in the order they depend on each other."""
    if render_inline is not None:
        render_inline_markdown(soup, root, render_inline, references)
    add_line_breaks(soup, root)
    captions_to_figures(soup, root)
    wrap_bare_inline(soup, root)
    wrap_orphan_items(soup, root)
    remove_empty_headings(root)
    shift_headings(root)
    code_language_classes(root)
    drop_word_classes(root)
    isolate_code_placeholders(soup, root)
