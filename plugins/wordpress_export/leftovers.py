"""Editor leftovers taken out of an exported body before it is rendered (pure functions).

Word pasted conditional comments (`<!--[if gte mso 9]>…<![endif]-->`), some
of them escaped by the editor so that WordPress showed them as text
(`&lt;!--[if !supportLists]--&gt;`); Gutenberg wrote one comment per block
(`<!-- wp:paragraph -->`). Both go before Markdown sees the body: a comment
line inside a paragraph would otherwise split or swallow it. Pathological
nesting (thousands of `<div>`s) is flattened here too, with a message, because
Python-Markdown and the HTML tree builders recurse once per level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .edits import Edited

WORD_CONDITIONAL = re.compile(r"<!--\[if\b[^\]]*\]>.*?<!\[endif\]\s*-->", re.S | re.I)
WORD_MARKER = re.compile(r"<!--\[(?:if\b[^\]]*|endif)\]-->", re.I)
ESCAPED_WORD_MARKER = re.compile(r"&lt;!--\[(?:if\b[^\]]*|endif)\]--&gt;", re.I)
OFFICE_TAG = re.compile(r"</?[ovwxm]:\w+[^>]*>", re.I)
GUTENBERG_COMMENT = re.compile(r"<!--\s*/?wp:[\w/-]+(?:\s+\{.*?\})?\s*/?-->", re.S)
TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)\b[^>]*?(/?)>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
MAX_DEPTH = 100


@dataclass(frozen=True)
class LeftoverProblem:
    line: int  # in the original body
    message: str


def keep_lines(match: re.Match) -> str:
    return "\n" * match.group(0).count("\n")


def remove_editor_leftovers(source: Edited) -> Edited:
    """Word conditional comments and Office tags, escaped Word markers, Gutenberg comments."""
    # Word's leftovers sit inside sentences: their line breaks would split the paragraph
    # (the edit keeps the original line numbers for later messages).
    for pattern in (WORD_CONDITIONAL, WORD_MARKER, ESCAPED_WORD_MARKER, OFFICE_TAG):
        source = source.sub(pattern, lambda _match: "")
    return source.sub(GUTENBERG_COMMENT, keep_lines)


def flatten_deep_nesting(source: Edited, limit: int = MAX_DEPTH) -> tuple[Edited, list]:
    """Drop the tags nested deeper than `limit` (their text stays), with one problem."""
    depth, dropped, first_line, deepest = 0, [], None, 0
    stack: list[bool] = []  # per open element: was its tag dropped?

    def visit(match: re.Match) -> str:
        nonlocal depth, first_line, deepest
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID or self_closing:
            return match.group(0)
        if closing:
            if not stack:
                return match.group(0)
            depth -= 1
            return keep_lines(match) if stack.pop() else match.group(0)
        depth += 1
        deepest = max(deepest, depth)
        too_deep = depth > limit
        stack.append(too_deep)
        if too_deep:
            if first_line is None:
                first_line = source.line_at(match.start())
            dropped.append(name)
            return keep_lines(match)
        return match.group(0)

    edited = source.sub(TAG, visit)
    if not dropped:
        return source, []
    message = (
        f"{deepest} nested tags (<{dropped[0]}>…): more than {limit} levels cannot be "
        f"shown; the {len(dropped)} deepest tags were removed, their text kept"
    )
    return edited, [LeftoverProblem(first_line or 1, message)]
