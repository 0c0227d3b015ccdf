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
    or the locale's own short format. None when it is not a time."""
    import re

    raw = text.strip()
    if not raw:
        return None
    loc = locale or QLocale()
    for fmt in (loc.timeFormat(QLocale.FormatType.ShortFormat), loc.timeFormat(QLocale.FormatType.LongFormat)):
        q = loc.toTime(raw, fmt)
        if q.isValid():
            return dt.time(q.hour(), q.minute())
    am, pm = loc.amText().casefold().replace(".", ""), loc.pmText().casefold().replace(".", "")
    folded = raw.casefold().replace(".", "").replace(" ", "")
    suffix = ""
    for word, tag in ((am, "am"), (pm, "pm"), ("am", "am"), ("pm", "pm"), ("a", "am"), ("p", "pm")):
        if word and folded.endswith(word):
            folded, suffix = folded[: -len(word)], tag
            break
    m = re.fullmatch(r"(\d{1,2})(?:[:h.]?(\d{2}))?", folded)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.time(hour, minute)
