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
