"""Locale formatting for reports (Babel): dates, percents and numbers in the family's language.

The catalog language comes from ``app.i18n`` ("es-MX" reads the ``es`` catalog); the
number and date formats keep the region, so "es-US" prints 85.5 and "es" prints 85,5.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent


@lru_cache(maxsize=32)
def babel_locale(language: str) -> Locale:
    tag = (language or "en").replace("-", "_")
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(tag.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


def date_long(day: dt.date | None, language: str) -> str:
    return format_date(day, format="long", locale=babel_locale(language)) if day else ""


def date_medium(day: dt.date | None, language: str) -> str:
    return format_date(day, format="medium", locale=babel_locale(language)) if day else ""


def date_short_axis(day: dt.date, language: str) -> str:
    """A chart tick in the locale's own order: 'Sep 8' / '8 sept'."""
    return format_skeleton("MMMd", day, locale=babel_locale(language))


def percent(value: float | None, language: str, decimals: int = 1) -> str:
    if value is None:
        return "—"
    pattern = "#,##0." + "0" * decimals + "%" if decimals else "#,##0%"
    return format_percent(value / 100.0, format=pattern, locale=babel_locale(language))


def number(value: float, language: str, decimals: int = 1) -> str:
    if float(value).is_integer():
        return format_decimal(value, format="#,##0", locale=babel_locale(language))
    pattern = "#,##0." + "#" * decimals
    return format_decimal(value, format=pattern, locale=babel_locale(language))
