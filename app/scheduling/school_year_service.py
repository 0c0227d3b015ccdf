"""The school year as use cases: its dates, terms, holidays and bell times.

Without these the calendar invents a year and a bell schedule; with them, lessons fall
on the school's real periods, stop at the end of term and skip its holidays. The CLI
(`teacherdesk year ...`) and the Settings page's School year screen both call these
functions; every write is one transaction with an audit entry and returns a Done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.scheduling.school_calendar import BELLS_KEY, DEFAULT_BELLS, add_day_off, load_bells
from app.store import Workspace, audit
from app.store.models import School, SchoolYear, Setting, Term
from app.store.models.calendar import SchoolDayOff


class SchoolYearError(UserFacingError):
    """A year, term, holiday or bell time the calendar cannot use."""

    exit_code = 2


@dataclass(frozen=True)
class TermRow:
    id: int
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class HolidayRow:
    id: int
    name: str
    start: dt.date
    end: dt.date
    kind: str


@dataclass(frozen=True)
class Bell:
    period: str
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class YearSetup:
    """Everything the setup screen shows; ``bells_are_default`` when none were set."""

    year_id: int | None
    name: str
    start: dt.date | None
    end: dt.date | None
    terms: list[TermRow]
    holidays: list[HolidayRow]
    bells: list[Bell]
    bells_are_default: bool


def _current_year(s: Session) -> SchoolYear | None:
    return s.scalars(select(SchoolYear).order_by(SchoolYear.start_date.desc(), SchoolYear.id.desc())).first()


def year_setup(ws: Workspace) -> YearSetup:
    with ws.read() as s:
        year = _current_year(s)
        terms = [TermRow(t.id, t.name, t.start_date, t.end_date) for t in (year.terms if year else [])]
        holidays = [HolidayRow(d.id, d.name, d.start_date, d.end_date, d.kind)
                    for d in s.scalars(select(SchoolDayOff).order_by(SchoolDayOff.start_date))]
        saved = load_bells(s)
    bells = saved or DEFAULT_BELLS
    rows = [Bell(p, a, b) for p, (a, b) in sorted(bells.items(), key=lambda kv: (kv[1][0], kv[0]))]
    return YearSetup(year.id if year else None, year.name if year else "", year.start_date if year else None,
                     year.end_date if year else None, terms, holidays, rows, saved is None)


def set_year(ws: Workspace, name: str, start: dt.date, end: dt.date) -> Done[int]:
    """Set the current school year's name and dates (created on first use)."""
    if end <= start:
        raise SchoolYearError(_("The school year ends ({end}) before it starts ({start}).").format(end=end, start=start))
    if (end - start).days > 400:
        raise SchoolYearError(_("A school year from {start} to {end} is longer than a year.").format(start=start, end=end),
                              fix=_("Check the years of both dates."))
    with ws.session() as s:
        year = _current_year(s)
        if year is None:
            school = s.scalars(select(School).order_by(School.id)).first()
            if school is None:
                school = School(name="")
                s.add(school)
                s.flush()
            year = SchoolYear(school_id=school.id, name="", start_date=start, end_date=end)
            s.add(year)
        outside = [t.name for t in year.terms if t.start_date < start or t.end_date > end]
        if outside:
            raise SchoolYearError(_("The terms {outside} would fall outside {start} to {end}.").format(outside=', '.join(outside), start=start, end=end),
                                  fix=_("Change or delete those terms first."))
        year.name = name.strip() or f"{start.year}–{end.year}"
        year.start_date, year.end_date = start, end
        s.flush()
        audit.record(s, ws.actor, "school.year", "school_year", year.id, name=year.name,
                     start=start.isoformat(), end=end.isoformat())
        return Done(year.id, Changes.SCHOOL | Changes.CALENDAR)


def add_term(ws: Workspace, name: str, start: dt.date, end: dt.date) -> Done[int]:
    """Add a term (semester, quarter) inside the school year; terms may not overlap."""
    if not name.strip():
        raise SchoolYearError(_("A term needs a name, e.g. Fall or Quarter 1."))
    if end < start:
        raise SchoolYearError(_("The term {name} ends ({end}) before it starts ({start}).").format(name=name.strip(), end=end, start=start))
    with ws.session() as s:
        year = _current_year(s)
        if year is None:
            raise SchoolYearError(_("There is no school year yet."),
                                  fix=_("Set it first (Settings ▸ School year, or 'teacherdesk year set')."))
        if start < year.start_date or end > year.end_date:
            raise SchoolYearError(_("The term {name} ({start} to {end}) is outside the school year ({start_date} to {end_date}).").format(name=name.strip(), start=start, end=end, start_date=year.start_date, end_date=year.end_date))
        for t in year.terms:
            if t.parent_id is None and t.start_date <= end and start <= t.end_date:
                raise SchoolYearError(_("The term {name} overlaps {name2} ({start_date} to {end_date}).").format(name=name.strip(), name2=t.name, start_date=t.start_date, end_date=t.end_date))
        term = Term(school_year_id=year.id, name=name.strip(), kind="term", start_date=start, end_date=end)
        s.add(term)
        s.flush()
        audit.record(s, ws.actor, "school.add_term", "term", term.id, name=term.name,
                     start=start.isoformat(), end=end.isoformat())
        return Done(term.id, Changes.SCHOOL | Changes.CALENDAR)


def delete_term(ws: Workspace, term_id: int) -> Done[str]:
    """Delete a term; classes in it keep their data and lose only the term link."""
    with ws.session() as s:
        term = s.get(Term, term_id)
        if term is None:
            raise SchoolYearError(_("There is no term {term_id}.").format(term_id=term_id), fix=_("See 'teacherdesk year show'."))
        name = term.name
        s.delete(term)
        audit.record(s, ws.actor, "school.delete_term", "term", term_id, name=name)
    return Done(name, Changes.SCHOOL | Changes.CALENDAR | Changes.ROSTER)


def add_holiday(ws: Workspace, name: str, start: dt.date, end: dt.date | None = None,
                kind: str = "holiday") -> Done[int]:
    """A holiday, break or other day without school (inclusive dates)."""
    if not name.strip():
        raise SchoolYearError(_("A holiday needs a name, e.g. Thanksgiving break."))
    if kind not in ("holiday", "break", "non_school_day"):
        raise SchoolYearError(_("'{kind}' is not a kind of day off.").format(kind=kind), fix=_("Use holiday, break or non_school_day."))
    with ws.session() as s:
        try:
            row = add_day_off(s, name.strip(), start, end, kind=kind)
        except ValueError as exc:
            raise SchoolYearError(str(exc)) from None
        s.flush()
        audit.record(s, ws.actor, "school.add_holiday", "school_day_off", row.id, name=row.name,
                     start=row.start_date.isoformat(), end=row.end_date.isoformat())
        return Done(row.id, Changes.SCHOOL | Changes.CALENDAR | Changes.GRADEBOOK)


def delete_holiday(ws: Workspace, holiday_id: int) -> Done[str]:
    with ws.session() as s:
        row = s.get(SchoolDayOff, holiday_id)
        if row is None:
            raise SchoolYearError(_("There is no holiday {holiday_id}.").format(holiday_id=holiday_id), fix=_("See 'teacherdesk year show'."))
        name = row.name
        s.delete(row)
        audit.record(s, ws.actor, "school.delete_holiday", "school_day_off", holiday_id, name=name)
    return Done(name, Changes.SCHOOL | Changes.CALENDAR | Changes.GRADEBOOK)


def _hhmm(text: str) -> dt.time:
    """'7:45' or '07:45' (24-hour); ValueError otherwise."""
    hour, sep, minute = text.strip().partition(":")
    if not sep or not hour.isdigit() or not minute.isdigit() or len(minute) != 2:
        raise ValueError(text)
    return dt.time(int(hour), int(minute))


def parse_bells(items: list[str]) -> list[Bell]:
    """'1=08:00-08:50' items (period=start-end, 24-hour) as bells; a clear error otherwise."""
    out = []
    for item in items:
        period, sep, times = item.partition("=")
        start, dash, end = times.partition("-")
        try:
            if not sep or not dash or not period.strip():
                raise ValueError
            out.append(Bell(period.strip(), _hhmm(start), _hhmm(end)))
        except ValueError:
            raise SchoolYearError(_("'{item}' is not a bell time.").format(item=item), fix=_("Write PERIOD=START-END, e.g. 1=08:00-08:50.")
                                  ) from None
    return out


def set_bells(ws: Workspace, bells: list[Bell]) -> Done[int]:
    """Replace the bell schedule: every period's start and end (no overlaps)."""
    if not bells:
        raise SchoolYearError(_("Give at least one period's times."))
    seen: set[str] = set()
    ordered = sorted(bells, key=lambda b: b.start)
    for b in ordered:
        if b.end <= b.start:
            raise SchoolYearError(_("Period {period} ends ({end:%H:%M}) before it starts ({start:%H:%M}).").format(period=b.period, end=b.end, start=b.start))
        if b.period in seen:
            raise SchoolYearError(_("Period {period} is given twice.").format(period=b.period))
        seen.add(b.period)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start < a.end:
            raise SchoolYearError(_("Periods {period} and {period2} overlap ({end:%H:%M} > {start:%H:%M}).").format(period=a.period, period2=b.period, end=a.end, start=b.start))
    value = {"periods": [[b.period, f"{b.start:%H:%M}", f"{b.end:%H:%M}"] for b in ordered]}
    with ws.session() as s:
        row = s.get(Setting, BELLS_KEY)
        if row is None:
            s.add(Setting(key=BELLS_KEY, value=value))
        else:
            row.value = value
        audit.record(s, ws.actor, "school.bells", "setting", BELLS_KEY, periods=len(ordered))
    return Done(len(ordered), Changes.SCHOOL | Changes.CALENDAR)
