"""Code samples in an exported body, whatever plugin wrote them (pure functions).

WordPress sites showed code through syntax-highlighter plugins, each with its
own markup: `<pre class="brush: php">` holding `<br />` (SyntaxHighlighter),
`<pre class="lang:php decode:true">` (Crayon), `<pre lang="php">` (WP-Syntax),
`[sourcecode language="css"]`, `[php]`, `[css]` (SyntaxHighlighter Evolved),
`[pastacode lang="php" manual="…"]`, Gutenberg blocks `<!-- wp:…code… {json} -->`.
Each sample is taken out of the body before anything else touches it (Markdown,
autop and shortcodes would mangle code) and leaves a placeholder; after the
body is rendered and cleaned, the placeholder becomes
`<pre><code class="language-x">` holding the code as text, real newlines included.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from dataclasses import dataclass
from urllib.parse import unquote

from .edits import Edited

PLACEHOLDER = "wpxcodesample{}x"
PLACEHOLDER_FIND = re.compile(r"wpxcodesample(\d+)x")
# Shortcodes of SyntaxHighlighter Evolved and its look-alikes; a closing tag is required.
CODE_SHORTCODES = (
    "sourcecode|source|code|php|css|html|xml|js|javascript|jscript|python|py|bash|shell|sql|"
    "java|cpp|csharp|ruby|perl|powershell|json|yaml|plain|text|go|swift|diff"
)
SHORTCODE_SAMPLE = re.compile(
    rf"\\?\[(?P<name>{CODE_SHORTCODES})(?P<attrs>(?:\s[^\]]*?)?)\\?\]"
    r"(?P<code>.*?)\\?\[/(?P=name)\\?\]",
    re.S | re.I,
)
PASTACODE = re.compile(
    r"\[pastacode\b(?P<attrs>[^\]]*?)(?:/\]|\](?:(?P<code>.*?)\[/pastacode\])?)", re.S | re.I
)
GUTENBERG_CODE = re.compile(
    r"<!--\s*wp:(?P<name>[\w/-]*code[\w/-]*)(?P<json>\s+\{.*?\})?\s*-->"
    r"(?P<inner>.*?)<!--\s*/wp:(?P=name)\s*-->",
    re.S | re.I,
)
PRE = re.compile(r"<pre\b(?P<attrs>[^>]*)>(?P<code>.*?)</pre\s*>", re.S | re.I)
CODE_BLOCK = re.compile(r"<code\b(?P<attrs>[^>]*)>(?P<code>[^<]*\n[^<]*)</code\s*>", re.S | re.I)
FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+#.-]*)[^\n]*\n(?P<code>.*?)^(?P=fence)[ \t]*$",
    re.S | re.M,
)
# Tags a highlighter or an editor put inside code; other "<…>" is code text (`<?php`).
CODE_MARKUP = re.compile(
    r"</?(?:code|span|b|strong|i|em|u|font|a|mark|del|ins|small|sub|sup|div|tt|var|samp|kbd)"
    r"\b[^<>]*>",
    re.I,
)
BREAK = re.compile(r"<br\s*/?>[ \t]*\n?|</?p\b[^<>]*>\n?", re.I)
LANGUAGE_IN_ATTRS = (
    re.compile(r"""\blang(?:uage)?\s*=\s*["']?([\w+#.-]+)""", re.I),
    re.compile(r"""data-enlighter-language\s*=\s*["']?([\w+#.-]+)""", re.I),
    re.compile(r"\blang:([\w+#.-]+)", re.I),
    re.compile(r"\bbrush:\s*([\w+#.-]+)", re.I),
    re.compile(r"\b(?:language|lang)-([\w+#.-]+)", re.I),
)
JSON_LANGUAGE_KEYS = ("language", "lang", "langType", "mode", "languageSlug")
ALIASES = {
    "js": "javascript",
    "jscript": "javascript",
    "py": "python",
    "shell": "bash",
    "sh": "bash",
    "c#": "csharp",
    "c++": "cpp",
    "plain": "",
    "text": "",
    "sourcecode": "",
    "source": "",
    "code": "",
    "htmlmixed": "html",
    "text/x-php": "php",
}


@dataclass(frozen=True)
class CodeProblem:
    line: int  # in the original body
    message: str


def language_name(value: str | None) -> str:
    name = (value or "").strip().strip("\"'").lower()
    name = ALIASES.get(name, name)
    return re.sub(r"[^a-z0-9+#-]", "", name).replace("+", "p").replace("#", "sharp")


def language_from_attrs(attrs: str) -> str:
    for pattern in LANGUAGE_IN_ATTRS:
        match = pattern.search(attrs or "")
        if match:
            return language_name(match.group(1))
    return ""


def normalized_attrs(text: str) -> str:
    """Attributes as written, with the quotes WordPress's texturizer made typographic."""
    text = html.unescape(text or "")
    return re.sub(r"[\u00a0\u202f]", " ", text).translate(str.maketrans("«»“”″„", '""""""'))


def code_text(markup: str) -> str:
    """The code a highlighter's markup showed: <br /> as newlines, tags gone, entities decoded."""
    text = BREAK.sub("\n", markup)
    text = CODE_MARKUP.sub("", text)
    # Decoded once, as the browser (or Crayon's decode:true) did: "&amp;rarr;" shows "&rarr;".
    text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\u00a0", " ")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return textwrap.dedent("\n".join(line.rstrip() for line in lines))


def code_html(code: str, language: str) -> str:
    classes = f' class="language-{language}"' if language else ""
    return f"<pre><code{classes}>{html.escape(code, quote=False)}</code></pre>"


class Samples:
    """Collects the samples found in one body; each pass returns the placeholder to put."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.problems: list[CodeProblem] = []
        self.current = Edited("")  # the text the running pass reads, for line numbers

    def keep(self, code: str, language: str, match: re.Match) -> str:
        self.blocks.append(code_html(code, language))
        token = PLACEHOLDER.format(len(self.blocks) - 1)
        # A block of its own, whatever surrounds it (a <p>, a line of text).
        return f"\n\n{token}\n\n"

    def gutenberg(self, match: re.Match) -> str:
        language = ""
        try:
            settings = json.loads(match.group("json") or "{}")
        except ValueError:
            settings = {}
        if isinstance(settings, dict):
            for key in JSON_LANGUAGE_KEYS:
                if isinstance(settings.get(key), str):
                    language = language_name(settings[key].split("/")[-1].replace("x-", ""))
                    break
        pre = PRE.search(match.group("inner"))
        if pre is None:
            return match.group(0)  # no sample inside: the comments go with the others
        language = language or language_from_attrs(pre.group("attrs"))
        return self.keep(code_text(pre.group("code")), language, match)

    def pre(self, match: re.Match) -> str:
        attrs = match.group("attrs")
        return self.keep(code_text(match.group("code")), language_from_attrs(attrs), match)

    def shortcode(self, match: re.Match) -> str:
        name = match.group("name").lower()
        attrs = normalized_attrs(match.group("attrs"))
        language = language_from_attrs(attrs) or language_name(name)
        return self.keep(code_text(match.group("code")), language, match)

    def pastacode(self, match: re.Match) -> str:
        attrs = normalized_attrs(match.group("attrs"))
        values = dict(
            (m.group(1).lower(), m.group(2).strip())
            for m in re.finditer(r'([\w-]+)\s*=\s*"([^"]*)"', attrs)
        )
        language = language_name(values.get("lang"))
        if match.group("code") and match.group("code").strip():
            return self.keep(code_text(match.group("code")), language, match)
        if values.get("manual"):
            return self.keep(code_text(html.escape(unquote(values["manual"]))), language, match)
        provider = values.get("provider") or "another site"
        self.problems.append(
            CodeProblem(
                self.current.line_at(match.start()),
                f"code sample hosted on {provider} (pastacode) not migrated",
            )
        )
        return "\n" * match.group(0).count("\n")

    def block_code(self, match: re.Match) -> str:
        return self.keep(
            code_text(match.group("code")), language_from_attrs(match.group("attrs")), match
        )

    def fence(self, match: re.Match) -> str:
        lines = match.group("code").rstrip("\n")
        self.blocks.append(code_html(lines, language_name(match.group("lang"))))
        return f"\n\n{PLACEHOLDER.format(len(self.blocks) - 1)}\n\n"


def extract_code_samples(source: Edited) -> tuple[Edited, Samples]:
    """The body with each code sample replaced by a placeholder, and the samples."""
    samples = Samples()
    passes = (
        (FENCE, samples.fence),
        (GUTENBERG_CODE, samples.gutenberg),
        (SHORTCODE_SAMPLE, samples.shortcode),
        (PASTACODE, samples.pastacode),
        (PRE, samples.pre),
        (CODE_BLOCK, samples.block_code),
    )
    for pattern, replace in passes:
        samples.current = source
        source = source.sub(pattern, replace)
    return source, samples


def restore_code_samples(html_text: str, blocks: list[str]) -> str:
    """Put each sample back where its placeholder is, as a block of its own."""

    def block(match: re.Match) -> str:
        index = int(match.group(1))
        return blocks[index] if index < len(blocks) else match.group(0)

    html_text = re.sub(r"<p>\s*(wpxcodesample\d+x)\s*</p>", r"\1", html_text)
    return PLACEHOLDER_FIND.sub(block, html_text)
