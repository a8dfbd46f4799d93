"""Where a lead block ("chapo") of an exported body ends (pure functions).

Old WordPress themes marked the lead with `<div class="chapo">` and editors
often left it open: `<!--more-->`, a stray `</p>`, then `<div class="texte">`
opening while the lead is still unclosed. A browser (and every HTML parser)
would then put the whole article in the lead. WordPress cut the post at
`<!--more-->` on listings, and that is where the author meant the lead to stop:
the lead ends at `<!--more-->` when that comes inside it, or else, when it is
never closed, before the first block that opens after it at its own level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .edits import Edited

DEFAULT_LEAD_CLASSES = ("chapo", "chapeau")
TOKEN = re.compile(r"<!--\s*more\s*-->|<(/?)([A-Za-z][\w-]*)\b[^>]*?(/?)>", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Blocks that cannot be the content of a lead paragraph: they start the body.
BODY_BLOCKS = {"div", "section", "article", "table", "h1", "h2", "h3", "h4", "h5", "h6", "form"}


@dataclass(frozen=True)
class Lead:
    tag: str  # div, p or section
    label: str  # <div class="chapo surlignable">, for messages
    line: int


@dataclass(frozen=True)
class LeadProblem:
    line: int
    message: str


def lead_opening(text: str, classes) -> re.Match | None:
    names = "|".join(re.escape(c) for c in classes)
    pattern = rf"""<(div|p|section)\b[^>]*\bclass\s*=\s*["'][^"']*\b(?:{names})\b[^"']*["'][^>]*>"""
    return re.search(pattern, text, re.I)


def close_lead(source: Edited, classes=DEFAULT_LEAD_CLASSES) -> tuple[Edited, list[LeadProblem]]:
    """The body with its lead closed where it ends, and a problem when it was left open."""
    opening = lead_opening(source.text, classes)
    if opening is None:
        return source, []
    lead = Lead(opening.group(1).lower(), lead_label(opening), source.line_at(opening.start()))
    stack = [lead.tag]
    for token in TOKEN.finditer(source.text, opening.end()):
        closing, name = token.group(1), (token.group(2) or "").lower()
        if not name:  # <!--more--> while the lead is open: it ends here
            return end_lead_at_more(source, token, stack, lead)
        if name in VOID or token.group(3):
            continue
        if not closing:
            stack.append(name)
        elif name in stack:
            while stack and stack.pop() != name:
                pass
            if not stack:
                return source, []  # closed where the author closed it
    return end_lead_before_body_block(source, opening, lead)


def end_lead_before_body_block(source: Edited, opening: re.Match, lead: Lead):
    """A lead never closed ends before the first body block opening at its own level."""
    level = [lead.tag]
    for token in TOKEN.finditer(source.text, opening.end()):
        closing, name = token.group(1), (token.group(2) or "").lower()
        if not name or name in VOID or token.group(3):
            continue
        if closing:
            if name in level[1:]:
                while level[1:] and level.pop() != name:
                    pass
            continue
        if len(level) == 1 and name in BODY_BLOCKS and has_text_before(source.text, opening, token):
            edited = source.replace_spans([(token.start(), token.start(), f"</{lead.tag}>\n\n")])
            message = f"the lead {lead.label} is never closed: it ends where <{name}> opens"
            return edited, [LeadProblem(lead.line, message)]
        level.append(name)
    return source, [LeadProblem(lead.line, f"the lead {lead.label} is never closed")]


def has_text_before(text: str, opening: re.Match, token: re.Match) -> bool:
    return bool(re.sub(r"<[^>]*>|\s", "", text[opening.end() : token.start()]))


def lead_label(opening: re.Match) -> str:
    classes = re.search(r"""class\s*=\s*["']([^"']*)""", opening.group(0), re.I)
    return f'<{opening.group(1).lower()} class="{classes.group(1).strip()}">'


def end_lead_at_more(source: Edited, more: re.Match, stack: list[str], lead: Lead):
    """Close what is open at <!--more--> and drop the closing tags that come later for it."""
    closers = "".join(f"</{name}>" for name in reversed(stack))
    spans = [(more.start(), more.end(), f"\n\n{closers}\n\n")]
    opened_after: list[str] = []
    for token in TOKEN.finditer(source.text, more.end()):
        closing, name = token.group(1), (token.group(2) or "").lower()
        if not name or name in VOID or token.group(3):
            continue
        if not closing:
            opened_after.append(name)
        elif name in opened_after:
            while opened_after.pop() != name:
                pass
        elif name in stack:  # the author's own closing tag, already written at <!--more-->
            spans.append((token.start(), token.end(), ""))
            while stack.pop() != name:
                pass
            if not stack:
                break
    problems = []
    if stack:
        problems.append(
            LeadProblem(lead.line, f"the lead {lead.label} is never closed: it ends at <!--more-->")
        )
    return source.replace_spans(spans), problems
