"""Dates and times as people type them, in their own language's habits.

A US teacher types "3/4", "March 4", "Mar 4 2026" or "3:30pm"; a Spanish-speaking one
"4/3/2026", "4 de marzo", "4 mar" or "15:30"; anyone may type "2026-03-04". The locale
(Babel/CLDR data) decides whether "3/4" is the 3rd of April or March 4 and supplies the
month names and the AM/PM words; English month names and ISO dates are read in every
locale. A text that is not a date raises :class:`DateTextError` naming what was typed
and how to write it; nothing is guessed silently: a date without a year is the nearest
one to ``today`` and the caller shows what was understood (:func:`date_words`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_date_format

from app.core.errors import UserFacingError
from app.core.i18n import _


class DateTextError(UserFacingError, ValueError):
    """Typed text that is not a date or a time."""

    exit_code = 2


_RELATIVE = {"today": 0, "hoy": 0, "tomorrow": 1, "manana": 1, "yesterday": -1, "ayer": -1,
             "pasado manana": 2, "day after tomorrow": 2}
_FILLER = {"de", "del", "the", "of", "el"}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?")
_TIME = re.compile(r"(\d{1,2})(?:[:h.]?(\d{2}))?h?")


def _fold(text: str) -> str:
    """Lower case, accents and dots off, one space between words: 'Mié., 4 de Marzo' -> 'mie 4 de marzo'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace(",", " ").replace(".", " ").split())


def babel_locale(name: str | None) -> Locale:
    """Babel's locale for a name such as 'en_US', 'es-419' or Qt's 'C'; US English when unknown."""
    try:
        return Locale.parse((name or "en_US").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


@lru_cache(maxsize=16)
def _names(locale_name: str) -> tuple[dict[str, int], set[str]]:
    """Folded month names and abbreviations (this locale and English) -> month; weekday words."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    # English and Spanish names are read whatever the locale: a Spanish-speaking teacher on
    # an English Windows types "4 de marzo", and everyone types "March 4".
    for loc in (babel_locale(locale_name), Locale.parse("en_US"), Locale.parse("es")):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    key = _fold(name)
                    months.setdefault(key, number)
                    if width == "wide":
                        for end in range(3, len(key)):
                            months.setdefault(key[:end], number)  # "sep", "sept", "marz"
                for name in loc.days[context][width].values():
                    weekdays.add(_fold(name))
    return months, weekdays


def _day_first(locale_name: str) -> bool:
    """True where the locale writes 4/3/2026 for the 4th of March (es, en_GB, ...)."""
    pattern = get_date_format("short", locale=babel_locale(locale_name)).pattern
    return pattern.find("d") < pattern.find("M")


def _example(locale_name: str) -> str:
    sample = dt.date(2026, 3, 4)
    return format_date(sample, "short", locale=babel_locale(locale_name)).replace("/26", "/2026")


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _build(original: str, year: int | None, month: int, day: int, today: dt.date) -> dt.date:
    """The date, taking the year nearest to ``today`` when none was typed."""
    if not 1 <= month <= 12:
        raise DateTextError(_("'{text}' has no month {month}.").format(text=original, month=month),
                            fix=_("A month is 1 to 12."))
    candidates = [year] if year is not None else [today.year - 1, today.year, today.year + 1]
    found: list[dt.date] = []
    for y in candidates:
        try:
            found.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not found:
        raise DateTextError(_("'{text}': that month has no day {day}.").format(text=original, day=day),
                            fix=_("Check the day of the month."))
    return min(found, key=lambda d: abs((d - today).days))


def _from_words(folded: str, original: str, locale_name: str, today: dt.date) -> dt.date | None:
    """'march 4 2026', '4 de marzo', 'wed mar 4', '4th of march' -> a date; None if no month word."""
    months, weekdays = _names(locale_name)
    month: int | None = None
    numbers: list[str] = []
    for token in folded.split():
        word = re.sub(r"^(\d+)(st|nd|rd|th|o|a|º|ª)$", r"\1", token)
        if word.isdigit():
            numbers.append(word)
        elif word in months and month is None:
            month = months[word]
        elif word in _FILLER or any(w == word or (len(word) <= 4 and w.startswith(word)) for w in weekdays):
            continue  # "Wed, March 4", "4 de marzo"
        else:
            return None
    years = [int(n) for n in numbers if len(n) == 4]
    small = [int(n) for n in numbers if len(n) <= 2]
    if month is None or len(numbers) not in (1, 2):
        return None
    if len(small) == 1 and len(years) == len(numbers) - 1:
        return _build(original, years[0] if years else None, month, small[0], today)
    if len(small) == 2 and len(numbers[1]) == 2:  # "march 4 26": the second is a short year
        return _build(original, 2000 + small[1], month, small[0], today)
    return None


def parse_date(text: str, locale: str | None = "en_US", *, today: dt.date | None = None) -> dt.date:
    """A date as typed: ISO, the locale's numeric order (3/4 or 4/3), month names in the
    locale or English ("March 4", "4 mar", "4 de marzo de 2026"), or today/tomorrow/
    yesterday (hoy/mañana/ayer). A missing year is the one nearest ``today``."""
    today = today or dt.date.today()
    name = str(babel_locale(locale))
    folded = _fold(text)
    if not folded:
        raise DateTextError(_("Type a date."), fix=_("For example {example} or 2026-03-04.").format(
            example=_example(name)))
    if folded in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[folded])
    compact = text.strip()
    if m := _ISO.fullmatch(compact):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise DateTextError(_("'{text}' is not a day of the calendar.").format(text=compact),
                                fix=_("Write year-month-day, e.g. 2026-03-04, and check the day.")) from None
    if m := _NUMERIC.fullmatch(compact):
        first, second = int(m.group(1)), int(m.group(2))
        day, month = (first, second) if _day_first(name) else (second, first)
        try:
            return _build(compact, _full_year(m.group(3)), month, day, today)
        except DateTextError:
            order = _("day/month/year") if _day_first(name) else _("month/day/year")
            raise DateTextError(_("'{text}' is not a date: in this language dates are written {order}.").format(
                text=compact, order=order), fix=_("For example {example}, or 2026-03-04.").format(
                example=_example(name))) from None
    found = _from_words(folded, compact, name, today)
    if found is None:
        raise DateTextError(_("'{text}' is not a date TeacherDesk can read.").format(text=compact),
                            fix=_("Type it like {short}, {long} or 2026-03-04.").format(
                                short=_example(name), long=format_date(dt.date(2026, 3, 4), "long", locale=name)))
    return found


def date_words(day: dt.date, locale: str | None = "en_US") -> str:
    """The date spelled out, to show what was understood: 'Wednesday, March 4, 2026'."""
    return format_date(day, "full", locale=babel_locale(locale))


@lru_cache(maxsize=16)
def _period_words(locale_name: str) -> list[tuple[str, str]]:
    """Folded AM/PM words (the locale's and English), longest first: [('pm', 'pm'), ('p', 'pm'), ...]."""
    words: dict[str, str] = {"am": "am", "pm": "pm", "a": "am", "p": "pm"}
    periods = babel_locale(locale_name).day_periods.get("format", {})
    for width in ("wide", "abbreviated", "narrow"):
        for key in ("am", "pm"):
            value = periods.get(width, {}).get(key)
            if value:
                words.setdefault(_fold(value).replace(" ", ""), key)
    return sorted(words.items(), key=lambda kv: -len(kv[0]))


def _time_examples(locale_name: str) -> str:
    own = format_time(dt.time(15, 30), "short", locale=locale_name)
    return own if own == "15:30" else _("{time} or 15:30").format(time=own)


_NAMED_TIMES = {"noon": dt.time(12), "mediodia": dt.time(12), "midnight": dt.time(0), "medianoche": dt.time(0)}


def parse_time(text: str, locale: str | None = "en_US") -> dt.time:
    """A time as typed: "3:30 PM", "3:30pm", "3pm", "3:30 p. m.", "15:30", "15h30", "1530",
    "9" (9:00), noon/mediodía. Raises DateTextError otherwise."""
    name = str(babel_locale(locale))
    folded = _fold(text).replace(" ", "")
    if not folded:
        raise DateTextError(_("Type a time."), fix=_("For example {examples}.").format(examples=_time_examples(name)))
    if folded in _NAMED_TIMES:
        return _NAMED_TIMES[folded]
    suffix = ""
    for word, tag in _period_words(name):
        if folded.endswith(word) and folded[: -len(word)][-1:].isdigit():
            folded, suffix = folded[: -len(word)], tag
            break
    m = _TIME.fullmatch(folded)
    hour, minute = (int(m.group(1)), int(m.group(2) or 0)) if m else (-1, 0)
    if suffix and 1 <= hour <= 12:
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif suffix:
        hour = -1
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DateTextError(_("'{text}' is not a time TeacherDesk can read.").format(text=text.strip()),
                            fix=_("Type it like {examples}.").format(examples=_time_examples(name)))
    return dt.time(hour, minute)
