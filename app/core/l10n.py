"""Locale formatting without Qt (Babel): dates, times, numbers and percentages.

Every function takes the language explicitly (a family's language for documents) or,
when it is left out, the process-wide language of :mod:`app.core.i18n` (the CLI's
``LANG``, the app's chosen language). The region is kept: "en"/"en-US" prints 3:30 PM and
85.5%, "es" prints 15:30 and 85,5 %, "es-US" prints 15:30 and 85.5 %.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from app.core.i18n import get_locale

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported by the functions that use it: importing babel.dates looks up the
# computer's time zone (a few hundredths of a second), and every command imports this
# module through its parser, also the ones that never format a date.

CLOCK_24H = frozenset({"es"})
"""Languages shown with a 24-hour clock whatever their region's habit (es-US prints 15:30):
what Spanish-speaking staff asked for; US English keeps 3:30 PM."""


@lru_cache(maxsize=32)
def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale for 'es', 'es-MX', 'en_US.UTF-8' (English, US, when unknown)."""
    from babel import Locale, UnknownLocaleError

    tag = (language or get_locale() or "en_US").split(".")[0].replace("-", "_")
    if tag.lower() == "en":
        tag = "en_US"
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(tag.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en_US")


def _locale(language: str | None) -> Locale:
    return babel_locale(language or get_locale())


def date_long(day: dt.date | None, language: str | None = None) -> str:
    """'September 8, 2025' / '8 de septiembre de 2025'."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_locale(language)) if day else ""


def date_medium(day: dt.date | None, language: str | None = None) -> str:
    """'Sep 8, 2025' / '8 sept 2025'."""
    from babel.dates import format_date

    return format_date(day, format="medium", locale=_locale(language)) if day else ""


def date_short(day: dt.date | None, language: str | None = None) -> str:
    """'9/8/25' / '8/9/25'."""
    from babel.dates import format_date

    return format_date(day, format="short", locale=_locale(language)) if day else ""


def date_weekday(day: dt.date | None, language: str | None = None) -> str:
    """'Mon, Sep 8' / 'lun, 8 sept': a day in a calendar or a list."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMEd", day, locale=_locale(language)) if day else ""


def date_short_axis(day: dt.date, language: str | None = None) -> str:
    """A chart tick in the locale's own order: 'Sep 8' / '8 sept'."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=_locale(language))


def time_short(moment: dt.time | dt.datetime | None, language: str | None = None) -> str:
    """'3:30 PM' in US English, '15:30' in Spanish: the locale's own clock."""
    from babel.dates import format_time

    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = moment.time()
    loc = _locale(language)
    pattern = "H:mm" if loc.language in CLOCK_24H else "short"
    # CLDR puts a narrow no-break space before AM/PM; a plain one prints on every console
    return format_time(moment, format=pattern, locale=loc).replace("\u202f", " ").replace("\xa0", " ")


def time_range(start: dt.time | dt.datetime, end: dt.time | dt.datetime, language: str | None = None) -> str:
    """'3:30 PM – 3:50 PM' / '15:30–15:50'."""
    loc = _locale(language)
    sep = "–" if loc.language in CLOCK_24H else " – "
    return f"{time_short(start, language)}{sep}{time_short(end, language)}"


def datetime_short(moment: dt.datetime | None, language: str | None = None) -> str:
    """'Sep 8, 2025, 3:30 PM' / '8 sept 2025, 15:30'."""
    from babel.dates import format_date

    if moment is None:
        return ""
    loc = _locale(language)
    return f"{format_date(moment.date(), format='medium', locale=loc)}, {time_short(moment, language)}"


def datetime_medium(moment: dt.datetime | None, language: str | None = None) -> str:
    """Babel's medium date-time of the locale (seconds shown)."""
    from babel.dates import format_datetime

    return format_datetime(moment, format="medium", locale=_locale(language)) if moment else ""


def percent(value: float | None, language: str | None = None, decimals: int = 1) -> str:
    """``percent(85.5)`` -> '85.5%' / '85,5 %'; ``None`` -> '—'. ``value`` is in 0-100."""
    from babel.numbers import format_percent

    if value is None:
        return "—"
    pattern = "#,##0." + "0" * decimals + "%" if decimals else "#,##0%"
    return format_percent(value / 100.0, format=pattern, locale=_locale(language))


def number(value: float, language: str | None = None, decimals: int = 1) -> str:
    """'1,234.5' / '1.234,5' (integers without decimals)."""
    from babel.numbers import format_decimal

    if float(value).is_integer():
        return format_decimal(value, format="#,##0", locale=_locale(language))
    pattern = "#,##0." + "#" * decimals
    return format_decimal(value, format=pattern, locale=_locale(language))


def integer(value: int, language: str | None = None) -> str:
    """'1,234' / '1.234'."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0", locale=_locale(language))
