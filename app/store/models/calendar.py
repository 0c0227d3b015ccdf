"""Tables for calendars and conferences: school days off, calendar events (counselor
meetings, test dates, deadlines, imported busy times) and parent-teacher conferences.

Times that repeat or that people meet at are kept as *local wall-clock* values plus the
school's IANA zone (``tzid``), because a weekly group at 10:00 stays at 10:00 across a
daylight-saving change; UTC is computed only when an instant is needed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, utcnow


def new_uid() -> str:
    return uuid.uuid4().hex


class SchoolDayOff(Base):
    """A holiday, break or other non-school day (inclusive date range)."""

    __tablename__ = "school_day_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="holiday")  # holiday|break|non_school_day
    source: Mapped[str] = mapped_column(String(200), default="manual")  # manual | import:<file>
    uid: Mapped[str] = mapped_column(String(255), default=new_uid)


class CalendarEvent(Base):
    """One event or a recurring series on someone's calendar."""

    __tablename__ = "calendar_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True, default=new_uid)
    owner_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(40), default="other")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    # Local wall-clock start/end in ``tzid`` (naive on purpose, see the module docstring).
    start_local: Mapped[dt.datetime] = mapped_column(DateTime)
    end_local: Mapped[dt.datetime] = mapped_column(DateTime)
    tzid: Mapped[str] = mapped_column(String(64), default="America/Los_Angeles")
    # "" (single) or an RFC 5545 RRULE value without UNTIL, e.g. "FREQ=WEEKLY;BYDAY=TU".
    rrule: Mapped[str] = mapped_column(String(200), default="")
    repeat_until: Mapped[dt.date | None] = mapped_column(Date)
    skip_days_off: Mapped[bool] = mapped_column(Boolean, default=True)
    exdates: Mapped[list[Any]] = mapped_column(JSON, default=list)  # ISO dates skipped by hand
    alarms_minutes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # minutes before start
    student_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    busy: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(200), default="manual")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ConferenceDay(Base):
    """One conference day or evening: a time window cut into slots."""

    __tablename__ = "conference_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[str] = mapped_column(String(5))  # "HH:MM" local
    end_time: Mapped[str] = mapped_column(String(5))
    slot_minutes: Mapped[int] = mapped_column(Integer, default=15)
    passing_minutes: Mapped[int] = mapped_column(Integer, default=5)
    breaks: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [["17:30", "18:00"], ...]
    max_consecutive: Mapped[int] = mapped_column(Integer, default=6)
    walk_minutes: Mapped[int] = mapped_column(Integer, default=3)


class ConferenceTeacher(Base):
    """A teacher's room and absences for conferences (absences per day, local times)."""

    __tablename__ = "conference_teacher"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    room: Mapped[str] = mapped_column(String(50), default="")
    # [{"day_id": 1, "start": "16:00", "end": "18:00"}, ...]
    unavailable: Mapped[list[Any]] = mapped_column(JSON, default=list)


class ConferenceInterpreter(Base):
    __tablename__ = "conference_interpreter"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(20))
    unavailable: Mapped[list[Any]] = mapped_column(JSON, default=list)


class ConferenceRequest(Base):
    """A family asks to meet one teacher (about one or more of their children)."""

    __tablename__ = "conference_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("guardian.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    student_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    day_id: Mapped[int | None] = mapped_column(ForeignKey("conference_day.id", ondelete="SET NULL"))
    earliest: Mapped[str] = mapped_column(String(5), default="")  # "" = no limit
    latest: Mapped[str] = mapped_column(String(5), default="")  # latest end time
    language: Mapped[str] = mapped_column(String(20), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    uid: Mapped[str] = mapped_column(String(255), default=new_uid)


class ConferenceBooking(Base):
    """A placed request. Stored as (day, slot) so moving a day's date keeps it."""

    __tablename__ = "conference_booking"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("conference_request.id", ondelete="CASCADE"), unique=True
    )
    day_id: Mapped[int] = mapped_column(ForeignKey("conference_day.id", ondelete="CASCADE"))
    slot_index: Mapped[int] = mapped_column(Integer)
    interpreter_id: Mapped[int | None] = mapped_column(
        ForeignKey("conference_interpreter.id", ondelete="SET NULL")
    )
    manual: Mapped[bool] = mapped_column(Boolean, default=False)

    request: Mapped[ConferenceRequest] = relationship()
