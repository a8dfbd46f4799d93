"""Rewrite an exported body in passes while keeping track of its original lines (pure).

Each pass replaces some spans of the text (a code sample by a placeholder, a
Word comment by nothing…). A problem found later, in the rewritten text, must
still be reported at the line of the file the owner will open: `Edited` keeps,
for every pass, which lines became which, and maps a line back through them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Region:
    new_first: int  # 1-based lines in the text after the pass
    new_last: int
    old_first: int  # 1-based lines in the text before the pass
    old_last: int


@dataclass
class Edited:
    text: str
    passes: list[list[Region]] = field(default_factory=list)

    def original_line(self, line: int) -> int:
        """The line of the original body that line `line` of the current text comes from."""
        for regions in reversed(self.passes):
            line = map_back(regions, line)
        return line

    def line_at(self, offset: int) -> int:
        return self.original_line(self.text.count("\n", 0, offset) + 1)

    def sub(self, pattern: re.Pattern, replace: Callable[[re.Match], str]) -> Edited:
        """Replace every match of `pattern` by `replace(match)`, recording the lines."""
        spans = []
        for match in pattern.finditer(self.text):
            replacement = replace(match)
            if replacement != match.group(0):
                spans.append((match.start(), match.end(), replacement))
        return self.replace_spans(spans)

    def replace_spans(self, spans: list[tuple[int, int, str]]) -> Edited:
        """Replace sorted, non-overlapping (start, end, replacement) spans."""
        if not spans:
            return self
        parts, regions, last = [], [], 0
        new_line = old_line = 1
        for start, end, replacement in spans:
            before = self.text[last:start]
            old_line += before.count("\n")
            new_line += before.count("\n")
            old_span, new_span = self.text.count("\n", start, end), replacement.count("\n")
            regions.append(Region(new_line, new_line + new_span, old_line, old_line + old_span))
            old_line += old_span
            new_line += new_span
            parts += [before, replacement]
            last = end
        parts.append(self.text[last:])
        return Edited("".join(parts), [*self.passes, regions])


def map_back(regions: list[Region], line: int) -> int:
    previous = None
    for region in regions:
        if region.new_first > line:
            break
        previous = region
    if previous is None:
        return line
    if line <= previous.new_last:
        return min(previous.old_first + (line - previous.new_first), previous.old_last)
    return previous.old_last + (line - previous.new_last)
