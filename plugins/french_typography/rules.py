"""French typography for HTML text (pure functions): spaces, quotes, apostrophes, ellipses.

Only text between tags changes; tags, attribute values and the content of the
elements in PROTECTED_TAGS are copied as they are. Within text, the spans in
PROTECTED_PATTERNS (URLs, e-mail addresses, emoticons) are copied as they are
too. Applying it twice gives the same result as applying it once.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
NBSP = "\u00a0"  # no-break space: before :, after n°, between a number and its unit

# Never touched, each with a test in tests/test_french_typography.py.
PROTECTED_TAGS = ("pre", "code", "kbd", "samp", "script", "style", "textarea")
PROTECTED_PATTERNS = {
    "url": r"\b(?:https?|ftp)://[^\s<>\"]+|\bwww\.[^\s<>\"]+",
    "email": r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",
    "emoticon": r"(?<!\w)(?:[:;]-?[()DPpOo3|/\\]|\^\^|<3)(?!\w)",
}
# Times (10:30) and ratios (16:9) are digits on both sides of ":": the rules
# below only act on ":" after a space or a letter, so they stay as written.

UNITS = r"(?:%|‰|€|\$|£|°C|°|km|cm|mm|m|kg|mg|g|h|min|s|ms|Mo|Go|Ko|To|px|ans?|jours?|mois)"
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);")
SPACE_ENTITIES = {"&nbsp;": NBSP, "&#160;": NBSP, "&#xa0;": NBSP, "&#xA0;": NBSP}
QUOTE_ENTITIES = {"&quot;": '"', "&#34;": '"', "&#39;": "'", "&apos;": "'"}
SPACES = f"[ \\t\\n{NBSP}{NNBSP}\u2009]"
PROTECTED = re.compile("|".join(f"(?:{p})" for p in PROTECTED_PATTERNS.values()))
PLACEHOLDER = "\ue000"  # private-use characters stand in for protected spans

DOUBLE_QUOTE = re.compile(r'["“”]|&quot;|&#34;')

RULES = [
    # Quotes (made « » by convert_quotes) get narrow no-break spaces inside.
    (re.compile(rf"«{SPACES}*"), f"«{NNBSP}"),
    (re.compile(rf"{SPACES}*»"), f"{NNBSP}»"),
    (re.compile(r"'"), "’"),
    (re.compile(r"\.\.\.|\. \. \."), "…"),
    # High punctuation: a narrow no-break space before ; ! ? and a no-break space before :
    (re.compile(rf"(?<=[\w»)…\]]){SPACES}*(?=[;!?])"), NNBSP),
    (re.compile(rf"{SPACES}+(?=[;!?])"), NNBSP),
    (re.compile(rf"(?<=[\w»)\]]){SPACES}*:(?={SPACES}|$)"), f"{NBSP}:"),
    (re.compile(rf"{SPACES}+:"), f"{NBSP}:"),
    # Numbers: 10 %, 5 km, 20 € and n° 5 never break across lines.
    (re.compile(rf"(?<=\d){SPACES}*(?=%|‰)"), NBSP),
    (re.compile(rf"(?<=\d){SPACES}+(?={UNITS}\b|€|\$|£)"), NBSP),
    (re.compile(rf"\b([nN]°){SPACES}*(?=\d)"), rf"\1{NBSP}"),
]


def convert_quotes(text: str, is_open: bool) -> tuple[str, bool]:
    """Double quotes to « », alternating across the document's text runs.

    “ and ” say which they are; a straight quote opens when the last one closed.
    """

    def replace(match: re.Match) -> str:
        nonlocal is_open
        mark = match.group(0)
        is_open = mark == "“" or (mark != "”" and not is_open)
        return "«" if is_open else "»"

    return DOUBLE_QUOTE.sub(replace, text), is_open


def frenchify_text(text: str) -> str:
    """Apply the rules to one run of text (no tags), leaving protected spans alone."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group(0))
        return PLACEHOLDER

    for entity, char in {**SPACE_ENTITIES, **QUOTE_ENTITIES}.items():
        text = text.replace(entity, char)
    entities: list[str] = []
    text = ENTITY.sub(lambda m: entities.append(m.group(0)) or "\ue001", text)
    text = PROTECTED.sub(hide, text)
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    for value in kept:
        text = text.replace(PLACEHOLDER, value, 1)
    for value in entities:
        text = text.replace("\ue001", value, 1)
    return text


def frenchify_html(html: str) -> str:
    """French typography in every text run of `html` outside protected elements."""
    parts = TOKEN.split(html)
    protected_depth = 0
    quote_open = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            match = TAG_NAME.match(part)
            if match and match.group(2).lower() in PROTECTED_TAGS and not part.endswith("/>"):
                protected_depth += -1 if match.group(1) else 1
                protected_depth = max(protected_depth, 0)
        elif part and not protected_depth:
            quoted, quote_open = convert_quotes(part, quote_open)
            parts[index] = frenchify_text(quoted)
    return "".join(parts)
