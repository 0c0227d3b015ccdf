"""Typed change notices: what a use case changed, as a flag set.

Every service function returns a :class:`Changes` value with its result. The GUI's
operation runner emits it once after the commit; each page declares the flags it depends
on and refreshes when one of them is in the notice. No free-string topics.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Generic, TypeVar


class Changes(enum.Flag):
    NONE = 0
    SCHOOL = enum.auto()  # school name, time zone, year, terms, bell times, holidays
    ROSTER = enum.auto()  # students, classes, staff, guardians, enrollments
    GRADEBOOK = enum.auto()  # assignments, categories, scores, attendance, comments
    EXAMS = enum.auto()  # exams, keys, scans, review decisions
    CALENDAR = enum.auto()  # calendar events, counselor events
    CONFERENCES = enum.auto()  # conference days, requests, bookings
    TIMETABLE = enum.auto()  # timetable inputs and solved timetables
    SETTINGS = enum.auto()  # workspace settings that are not school data
    WORKSPACE = enum.auto()  # a different workspace file (restore, open)

    ALL = SCHOOL | ROSTER | GRADEBOOK | EXAMS | CALENDAR | CONFERENCES | TIMETABLE | SETTINGS | WORKSPACE


T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a use case returns: its result and what it changed.

    The CLI prints ``value``; the GUI's operation runner emits ``changes`` once, after the
    transaction committed, so every page showing that data refreshes.
    """

    value: T
    changes: Changes = Changes.NONE
