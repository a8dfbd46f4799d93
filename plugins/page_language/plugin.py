"""A page's own language: its dates in that language, and template helpers.

The site is French (DEFAULT_LANG); a page with `lang: en` in its front matter is
an English page at its usual URL (pelicanconf.py sets the *_LANG_URL settings
to the normal ones and turns translation grouping off), with `<html lang="en">`,
`og:locale` en_US, English dates, and no French spacing (plugins/french_typography
skips it).

Hooks `content_object_init` to replace Pelican's `locale_date` and
`locale_modified` (made with strftime and the system locale, so English on a
machine without fr_FR) by Babel's, in the page's language; and `generator_init`
to give templates the `date_in(lang)` filter and the `og_locale(lang)` function.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Article, Page

from yaml_markdown.contents import changes_only_the_page

from .dates import format_day, og_locale


@changes_only_the_page
def localize_dates(content) -> None:
    if not isinstance(content, Page | Article):
        return  # static files have no dates to show
    lang = getattr(content, "lang", None) or content.settings.get("DEFAULT_LANG")
    if getattr(content, "date", None) is not None:
        content.locale_date = format_day(content.date, lang)
    if getattr(content, "modified", None) is not None:
        content.locale_modified = format_day(content.modified, lang)


def add_template_helpers(generator) -> None:
    generator.env.filters["date_in"] = format_day
    generator.env.globals["og_locale"] = og_locale


def register() -> None:
    signals.content_object_init.connect(localize_dates)
    signals.generator_init.connect(add_template_helpers)
