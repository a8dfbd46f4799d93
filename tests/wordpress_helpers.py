"""Test helper: every word of an exported body reaches the page, in order."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from wordpress_export.code import CODE_SHORTCODES
from wordpress_export.shortcodes import FORMS, LAYOUT

MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]\n]*\]")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.M)
# Shortcode syntax is not text: known names, closers, and any tag with attributes.
SHORTCODE_TAG = re.compile(
    r"\\?\[/[A-Za-z][\w-]*\\?\]|\[(?:caption|wp_caption|embed|gallery|video|audio)\b[^\]]*\]"
    rf"|\\?\[(?:{CODE_SHORTCODES})\b[^\]]*\]"
    r"|\[[A-Za-z][\w-]*\s[^\]]*=[^\]]*\]"
    rf"|\[(?:{LAYOUT.pattern}|{FORMS.pattern})\]"
)
COMMENT = re.compile(r"<!--.*?-->|&lt;!--.*?--&gt;", re.S)
WORD = re.compile(r"[^\W_]+")  # "_" is Markdown emphasis, not part of a word


def words(html: str) -> list[str]:
    return WORD.findall(BeautifulSoup(html, "lxml").get_text(" "))


def source_words(body: str) -> list[str]:
    body = REFERENCE_DEFINITION.sub(" ", COMMENT.sub(" ", body))
    return words(MARKDOWN_LINK_TARGET.sub("] ", SHORTCODE_TAG.sub(" ", body)))


def assert_words_kept(body: str, rendered: str, removed: tuple[str, ...] = ()) -> None:
    """The body's words are a subsequence of the page's words, except `removed` ones."""
    gone = {word for phrase in removed for word in WORD.findall(phrase)}
    expected = [w for w in source_words(body) if w not in gone]
    found = iter(words(rendered))
    missing = [w for w in expected if not any(w == f for f in found)]
    assert not missing, f"words lost or out of order, from {missing[:5]}"
