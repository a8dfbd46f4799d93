"""Front matter mistakes in plain words, at their line and column (pure functions).

YAML's own messages ("mapping values are not allowed in this context") are
jargon for a French sentence with a colon in it. Hand-written pages get a
French sentence saying what to do; exports (files the owner did not write)
and anything unforeseen get English, with YAML's words kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

EXPORT_KEYS = re.compile(r"^(guid|post_title)[ \t]*:", re.M)
PLAIN_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(?![\"'|>\[{&*!])(\S.*)$")


@dataclass(frozen=True)
class Explanation:
    line: int  # 1-based line in the file
    column: int | None  # 1-based
    message: str


def written_by_hand(block: str) -> bool:
    return EXPORT_KEYS.search(block) is None


def key_at(lines: list[str], index: int) -> str:
    """The top-level key whose value spans line `index` of the block."""
    for line in reversed(lines[: index + 1]):
        match = re.match(r"^([A-Za-z_][\w-]*)[ \t]*:", line)
        if match:
            return match.group(1)
    return ""


def invisible_character(error: yaml.reader.ReaderError, block: str, first_line: int) -> Explanation:
    """YAML refuses a control character (pasted from a word processor) without a line:
    find it in the block. (`position` counts bytes with the C loader, characters without.)"""
    character = error.character if isinstance(error.character, str) else chr(error.character)
    offset = max(block.find(character), 0)
    start = block.rfind("\n", 0, offset) + 1
    line, column = first_line + block.count("\n", 0, offset), offset - start + 1
    code = ord(character)
    if written_by_hand(block):
        message = f"un caractère invisible (U+{code:04X}) dans l’en-tête : supprimez-le"
    else:
        message = f"front matter holds a control character (U+{code:04X}) YAML refuses: remove it"
    return Explanation(line, column, message)


def explain_yaml_error(error: yaml.YAMLError, block: str, first_line: int) -> Explanation:
    if isinstance(error, yaml.reader.ReaderError):
        return invisible_character(error, block, first_line)
    marks = [getattr(error, n, None) for n in ("context_mark", "problem_mark")]
    marks = [m for m in marks if m is not None]
    lines = block.split("\n")
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    index = min(mark.line, len(lines) - 1) if mark else 0
    column = mark.column + 1 if mark else None
    if written_by_hand(block):
        key = key_at(lines, index)
        if "\t" in lines[index] and ("\\t" in problem or "tab" in problem):
            return Explanation(
                first_line + index,
                lines[index].index("\t") + 1,
                "une tabulation dans l’en-tête : remplacez-la par des espaces",
            )
        if "mapping values are not allowed" in problem:
            return Explanation(
                first_line + index,
                column,
                f"la valeur de « {key} » contient « : » : mettez toute la valeur entre "
                f'guillemets, par exemple {key}: "…"',
            )
        if "found unexpected end of stream" in problem or "while scanning a quoted" in str(error):
            start = marks[0] if marks else mark
            return Explanation(
                first_line + min(start.line, len(lines) - 1),
                start.column + 1,
                "des guillemets ouverts ne sont jamais fermés : ajoutez le guillemet de fin",
            )
    # The earliest mark is where the broken construct starts (an unclosed quote
    # or bracket), which is the line to fix; a mark may also point past the end.
    first = min(marks, key=lambda m: (m.line, m.column)) if marks else None
    last = block.count("\n")
    line = first_line + min(first.line if first else 0, last)
    column = first.column + 1 if first else None
    if first and first.line > last:  # past the end: point at the end of the last line
        column = max(len(lines[-1]), 1)
    if getattr(error, "context", None):
        problem = f"{error.context}: {problem}"
    if written_by_hand(block):
        return Explanation(
            line,
            column,
            f"l’en-tête n’est pas lisible ({problem}) : une valeur qui contient « : », "
            "« # », « [ » ou des guillemets se met entre guillemets",
        )
    return Explanation(line, column, f"front matter is not valid YAML: {problem}")


def comment_cuts_value(block: str, first_line: int) -> Explanation | None:
    """`title: Le #1 du web` reads as "Le": YAML takes ` #` for a comment, silently."""
    if not written_by_hand(block):
        return None
    for index, line in enumerate(block.split("\n")):
        match = PLAIN_VALUE.match(line)
        if match and " #" in match.group(2):
            key = match.group(1)
            return Explanation(
                first_line + index,
                line.index(" #") + 2,
                f"le texte de « {key} » après « # » serait ignoré : mettez toute la valeur "
                f'entre guillemets, par exemple {key}: "…"',
            )
    return None
