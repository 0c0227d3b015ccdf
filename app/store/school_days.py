"""Which dates are school days: weekdays that are not a holiday, break or other day off.

Attendance (taking it, its totals, report figures) and anything else that counts school
days ask here, so a day the school set up as a holiday (Settings ▸ School year or
`teacherdesk year holiday add`) is never taken, never counted and never an absence.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models.calendar import SchoolDayOff


def days_off(session: Session, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Every date between ``start`` and ``end`` (inclusive) that is a day off, with its name."""
    rows = session.scalars(select(SchoolDayOff).where(
        SchoolDayOff.start_date <= end, SchoolDayOff.end_date >= start).order_by(SchoolDayOff.start_date))
    out: dict[dt.date, str] = {}
    for row in rows:
        day = max(row.start_date, start)
        while day <= min(row.end_date, end):
            out.setdefault(day, row.name)
            day += dt.timedelta(days=1)
    return out


def day_off_name(session: Session, day: dt.date) -> str | None:
    """The name of the holiday or break on ``day``, or None on a day with school."""
    return days_off(session, day, day).get(day)


def school_days(start: dt.date, end: dt.date, off: dict[dt.date, str] | set[dt.date] | None = None) -> list[dt.date]:
    """Monday-to-Friday dates between ``start`` and ``end`` that are not in ``off``."""
    out, day = [], start
    while day <= end:
        if day.weekday() < 5 and day not in (off or ()):
            out.append(day)
        day += dt.timedelta(days=1)
    return out
