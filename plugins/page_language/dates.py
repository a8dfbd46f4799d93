"""Dates and locale names in a page's language, from Babel's CLDR data (pure functions).

Babel carries its own month names, so a machine without the fr_FR system locale
(most CI machines and build hosts) still writes "1er mai 2016", never "Sun 01 May 2016".
"""

from __future__ import annotations

import datetime
import functools

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date

FALLBACK_LANG = "fr"


def language_of(lang: str | None, default: str = FALLBACK_LANG) -> str:
    """The primary language subtag in lower case: "en-GB" -> "en"; empty -> `default`."""
    text = str(lang or "").strip().replace("_", "-")
    return text.split("-")[0].lower() or default


@functools.lru_cache(maxsize=256)  # Babel parses its locale data anew on each call
def known_language(lang: str | None) -> bool:
    try:
        Locale.parse(language_of(lang))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def format_day(value: datetime.date, lang: str | None = FALLBACK_LANG) -> str:
    """A date as a reader of `lang` writes it: "1er mai 2016", "12 mai 2016", "May 1, 2016"."""
    # By its calendar day: two datetimes of one instant in two zones are equal, and
    # may fall on two days.
    return format_calendar_day(value.year, value.month, value.day, lang)


@functools.lru_cache(maxsize=4096)  # Babel's format_date costs a tenth of a millisecond
def format_calendar_day(year: int, month: int, day: int, lang: str | None) -> str:
    value = datetime.date(year, month, day)
    language = language_of(lang)
    if not known_language(language):
        language = FALLBACK_LANG
    if language == "fr":
        # French writes the first day of a month as an ordinal: "1er mai", then "2 mai".
        ordinal = "1er" if day == 1 else str(day)
        return f"{ordinal} {format_date(value, 'MMMM y', locale='fr')}"
    return format_date(value, format="long", locale=language)


@functools.lru_cache(maxsize=256)  # called by every page's template: same few answers
def og_locale(lang: str | None) -> str:
    """OpenGraph's language_TERRITORY form: fr -> fr_FR, en -> en_US (CLDR likely subtags)."""
    text = str(lang or "").strip().replace("-", "_")
    try:
        locale = Locale.parse(text or FALLBACK_LANG)
    except (ValueError, UnknownLocaleError):
        return og_locale(FALLBACK_LANG)
    if not locale.territory:
        locale = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language
