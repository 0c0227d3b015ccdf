"""Dates and times as the user's locale writes them (3:30 PM in the US, 15:30 in Spain).

QLocale follows the system's regional settings, so a US teacher sees 12-hour times
while the stored values stay ISO.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTime


def time_text(value: dt.time | dt.datetime, locale: QLocale | None = None) -> str:
    t = value.time() if isinstance(value, dt.datetime) else value
    return (locale or QLocale()).toString(QTime(t.hour, t.minute), QLocale.FormatType.ShortFormat)


def date_text(value: dt.date, locale: QLocale | None = None, *, long: bool = False) -> str:
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    loc = locale or QLocale()
    day = QDate(value.year, value.month, value.day)
    if long:
        return loc.toString(day, fmt)
    return f"{loc.dayName(day.dayOfWeek(), QLocale.FormatType.ShortFormat)} {loc.toString(day, fmt)}"


def time_format(locale: QLocale | None = None) -> str:
    """The locale's short time pattern, for QTimeEdit/QDateTimeEdit display formats."""
    return (locale or QLocale()).timeFormat(QLocale.FormatType.ShortFormat)


def parse_time(text: str, locale: QLocale | None = None) -> dt.time | None:
    """A time as people type it: "3:30 PM", "3:30pm", "3pm", "15:30", "1530", "9" (9:00),
    or the locale's own short format (app.core.datetext). None when it is not a time."""
    raw = text.strip()
    if not raw:
        return None
    loc = locale or QLocale()
    for fmt in (loc.timeFormat(QLocale.FormatType.ShortFormat), loc.timeFormat(QLocale.FormatType.LongFormat)):
        q = loc.toTime(raw, fmt)
        if q.isValid():
            return dt.time(q.hour(), q.minute())
    from app.core.datetext import DateTextError
    from app.core.datetext import parse_time as read_time

    try:  # the forms people type ("3pm", "3:30 p. m.", "15h30"), in this locale and English
        return read_time(raw, loc.name())
    except DateTextError:
        return None
