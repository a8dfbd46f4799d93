"""WordPress shortcodes in an exported body, turned into plain HTML (pure functions).

Hand-written because WordPress's own parser is PHP; the grammar is small:
`[name attr="v" …]`, optionally closed by `[/name]`. Bracketed text that has
no attributes and is no known shortcode (`[PDF]`), and Markdown link text
(`[le site](…)`, `[the recycling][1]`, `[1]: …`) are left untouched.
Page-builder and layout shortcodes (`[vc_row]`, `[et_pb_text]`, `[one_half]`,
`[su_note]`…) are unwrapped: WordPress showed their content in columns and
boxes, and the content is what matters. Form shortcodes are removed (the site
has no forms). Code sample shortcodes are handled before, in code.py.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

KNOWN = {"caption", "wp_caption", "embed", "gallery", "video", "audio"}
FORMS = re.compile(
    r"contact-form(?:-7)?|wysija_form|mc4wp_form|gravityforms?|ninja_forms?(?:_display_form)?|"
    r"wpforms|formidable|mailpoet_form|caldera_form|newsletter(?:_form)?|fluentform|"
    r"sibwp_form|yikes-mailchimp|si-contact-form|cforms",
    re.I,
)
# Layout and box shortcodes of page builders and shortcode packs: only their content shows.
LAYOUT = re.compile(
    r"(?:vc|et_pb|su|fusion|av|cs|x|tatsu|themify|fl|mk|us|tm|ux|pb|wpb|kc|sc|bs|ts|ot)_\w+|"
    r"(?:one|two|three|four|five)_(?:half|third|fourth|fifth|sixth)s?(?:_last|_first)?|"
    r"row|column|columns|col|section|container|box|note|highlight|tabs?|accordion|toggle|"
    r"spoiler|alert|callout|dropcap|quote|pullquote|divider|clear|clearfix|space|spacer|"
    r"center|lead|panel|well|fullwidth|full_width|content_box|button|btn",
    re.I,
)
LINK_ATTRIBUTES = ("url", "link", "href")
LAYOUT_MESSAGE = "page-builder shortcodes removed, their content kept (layout not migrated)"
SHORTCODE = re.compile(
    r"\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s+[^\]]*)?)\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.S,
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
VIDEO_URL = re.compile(
    r"^(https?://(?:www\.)?(?:youtube\.com/watch\?\S+|youtu\.be/\S+|vimeo\.com/\d+|"
    r"dailymotion\.com/video/\S+))[ \t]*$",
    re.M,
)
# A wrapper is a block (a column, a box) when no text touches it on its line: a
# shortcode tag or the line's edge on each side, as in "[/one_half][one_half_last]".
TAG_OR_EDGE_BEFORE = re.compile(r"(?:^|\[/?[A-Za-z][\w-]*[^\]\n]*\])[ \t]*$")
TAG_OR_EDGE_AFTER = re.compile(r"[ \t]*(?:$|\[/?[A-Za-z][\w-]*[^\]\n]*\])")
IMG = re.compile(r"<img\b[^>]*>", re.I)
SRC = re.compile(r"""src=["']([^"']+)["']""", re.I)


@dataclass(frozen=True)
class Problem:
    offset: int  # character offset in the body, turned into a line by the caller
    message: str


def parse_attributes(text: str) -> dict[str, str]:
    # The texturizer may have turned quotes into entities or French quotes:
    # id=&#8221;12&#8243;, lang=&nbsp;&raquo;php&nbsp;&raquo;
    text = re.sub(r"[\u00a0\u202f]", " ", html.unescape(text))
    text = text.translate(str.maketrans("”″“«»„", '""""""'))
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in ATTRIBUTE.finditer(text)
    }


def link(url: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(url)}</a>'


def caption(attrs: dict, inner: str) -> str:
    images = IMG.findall(inner)
    linked = re.search(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>", inner, re.I)
    media = linked.group(0) if linked else "".join(images)
    text = inner.replace(media, "") if media else inner
    text = attrs.get("caption") or re.sub(r"<img\b[^>]*>", "", text).strip()
    return f"<figure>{media}<figcaption>{text}</figcaption></figure>"


def gallery(attrs: dict, inner: str) -> str | None:
    sources = SRC.findall(inner or "")
    if not sources:
        return None
    items = "".join(f'<li><img src="{html.escape(s)}" alt=""></li>' for s in sources)
    return f'<ul class="gallery">{items}</ul>'


def expand_one(match: re.Match, depth: int) -> tuple[str, list[Problem]]:
    """(replacement, problems) for one shortcode; problems' offsets relative to the match."""
    name, inner = match.group("name").lower(), match.group("inner")
    attrs = parse_attributes(match.group("attrs") or "")
    if name in {"caption", "wp_caption"}:
        return caption(attrs, inner or ""), []
    if name in {"embed", "video", "audio"}:
        url = (inner or "").strip() or attrs.get("src") or attrs.get("mp4") or attrs.get("url", "")
        if url:
            return link(url), []
    if name == "gallery":
        result = gallery(attrs, inner or "")
        if result:
            return result, []
        ids = attrs.get("ids") or attrs.get("include") or ""
        named = f" (attachments {ids})" if ids else ""
        return "", [Problem(0, f"gallery without images in the export removed{named}")]
    return expand_other(match, name, attrs, depth)


def expand_other(match: re.Match, name: str, attrs: dict, depth: int) -> tuple[str, list[Problem]]:
    """Forms go, wrappers (layout or unknown) give their content, the rest stays as text."""
    inner = match.group("inner")
    if FORMS.fullmatch(name):
        return "", [Problem(0, f"form shortcode [{name}] removed: the site has no forms")]
    if inner is not None or LAYOUT.fullmatch(name):
        content, problems = expand_shortcodes(inner or "", depth + 1)
        shift = match.start("inner") - match.start() if inner is not None else 0
        problems = [Problem(p.offset + shift, p.message) for p in problems]
        url = next((attrs[k] for k in LINK_ATTRIBUTES if attrs.get(k)), "")
        if url and content.strip() and "\n" not in content.strip():
            content = f'<a href="{html.escape(url)}">{content.strip()}</a>'
        if inner is not None and stands_alone(match):
            # Its own block, as WordPress showed it: side-by-side columns would
            # otherwise run into one paragraph ("…to the shed.Water").
            content = as_block(content, match)
        message = (
            f"{LAYOUT_MESSAGE}: [{name}]"
            if LAYOUT.fullmatch(name)
            else f"unknown shortcode [{name}] removed, its content kept"
        )
        return content, [Problem(0, message), *problems]
    return match.group(0), [Problem(0, f"unknown shortcode [{name}] kept as text")]


def stands_alone(match: re.Match) -> bool:
    """Whether no text touches a wrapper shortcode on its lines: a block (a column, a
    box), not a highlight inside a sentence."""
    text = match.string
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start : match.start()], text[match.end() : line_end]
    return bool(TAG_OR_EDGE_BEFORE.search(before) and TAG_OR_EDGE_AFTER.match(after))


def as_block(content: str, match: re.Match) -> str:
    """`content` between blank lines, adding only the line breaks the text lacks (the
    next tag, if one follows, adds its own)."""
    before = match.string[: match.start()].rstrip(" \t")
    after = match.string[match.end() :].lstrip(" \t")
    lead = (
        "" if not before or before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    )
    if not after or after.startswith(("\n\n", "[")):
        trail = ""
    else:
        trail = "\n" if after.startswith("\n") else "\n\n"
    return f"{lead}{content.strip()}{trail}"


def is_shortcode(match: re.Match, text: str) -> bool:
    following = text[match.end() : match.end() + 1] if match.group("inner") is None else ""
    if following in {"(", ":"}:
        return False  # Markdown: [text](url), [ref]: url
    if following == "[":  # Markdown [text][ref], unless a shortcode follows: [a][b]
        after = SHORTCODE.match(text, match.end())
        if after is None or not looks_like_shortcode(after):
            return False
    return looks_like_shortcode(match)


def looks_like_shortcode(match: re.Match) -> bool:
    name = match.group("name").lower()
    attrs = (match.group("attrs") or "").strip()
    return (
        name in KNOWN
        or match.group("inner") is not None
        or "=" in attrs
        or (not attrs and LAYOUT.fullmatch(name) is not None)
        or (not attrs and FORMS.fullmatch(name) is not None)
    )


def expand_shortcodes(text: str, depth: int = 0) -> tuple[str, list[Problem]]:
    if depth > 30:  # shortcodes nested deeper than any page builder writes: left as they are
        return text, [Problem(0, "shortcodes nested more than 30 levels deep were kept as text")]
    problems: list[Problem] = []
    parts, last = [], 0
    for match in SHORTCODE.finditer(text):
        if match.start() < last or not is_shortcode(match, text):
            continue
        replacement, found = expand_one(match, depth)
        problems += [Problem(match.start() + p.offset, p.message) for p in found]
        parts += [text[last : match.start()], replacement]
        last = match.end()
    parts.append(text[last:])
    result = "".join(parts)
    if depth == 0:
        result, stray = remove_stray_closers(result, text)
        problems += stray
        result = VIDEO_URL.sub(lambda m: link(m.group(1)), result)
    return result, once_per_message(problems)


STRAY_CLOSER = re.compile(r"\\?\[/(?P<name>[A-Za-z][\w-]*)\\?\]")


def remove_stray_closers(result: str, original: str) -> tuple[str, list[Problem]]:
    """`[/su_highlight]` left without its opening tag: removed, named once."""
    problems = []
    for match in STRAY_CLOSER.finditer(original):
        if match.group(0) in result:
            problems.append(
                Problem(
                    match.start(),
                    f"closing shortcode [/{match.group('name')}] without an opening one removed",
                )
            )
    return STRAY_CLOSER.sub("", result), problems


def once_per_message(problems: list[Problem]) -> list[Problem]:
    """One problem per message: a page built with 40 [vc_column]s gets one line about it."""
    seen, kept, layout = set(), [], []
    for problem in sorted(problems, key=lambda p: p.offset):
        if problem.message.startswith(LAYOUT_MESSAGE):
            name = problem.message.removeprefix(LAYOUT_MESSAGE + ": ")
            if not layout:
                layout.append(problem.offset)
            if name not in layout:
                layout.append(name)
        elif problem.message not in seen:
            seen.add(problem.message)
            kept.append(problem)
    if layout:
        kept.append(Problem(layout[0], f"{LAYOUT_MESSAGE}: {', '.join(layout[1:])}"))
    return sorted(kept, key=lambda p: p.offset)
