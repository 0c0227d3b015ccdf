"""Calendar events as use cases: what the CLI and the app's Calendar page both call.

Each function takes the workspace and plain arguments, runs one transaction with one
audit entry and returns a :class:`~app.core.changes.Done` — its result and what changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.scheduling.counselor import CATEGORIES, Occurrence
from app.scheduling.counselor_store import add_event, agenda
from app.scheduling.counselor_store import counselor_report as counselor_report
from app.scheduling.ical_export import school_tzid
from app.scheduling.ical_import import CalendarRead, DaysOff
from app.store import Workspace, audit
from app.store.models import Staff
from app.store.models.calendar import CalendarEvent

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CATEGORY_KEYS = tuple(c.key for c in CATEGORIES)


class CalendarEditError(UserFacingError):
    """An event the calendar cannot take (no title, ends before it starts, no such event)."""

    exit_code = 2


@dataclass(frozen=True)
class EventForm:
    """One event or weekly series as a person enters it (local wall-clock times)."""

    title: str = ""
    category: str = "individual_planning"
    day: dt.date = dt.date.today()
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(9, 30)
    all_day: bool = False
    weekly: bool = False
    until: dt.date | None = None
    skip_days_off: bool = True
    reminder_minutes: int = 0
    location: str = ""
    student_ids: tuple[int, ...] = ()


def check_event(form: EventForm) -> None:
    """The one set of checks for an event, whoever enters it."""
    if not form.title.strip():
        raise CalendarEditError(_("An event needs a title."))
    if form.category not in CATEGORY_KEYS:
        raise CalendarEditError(_("'{category}' is not an event category.").format(category=form.category),
                                fix=_("Use one of: {category_keys}.").format(category_keys=', '.join(CATEGORY_KEYS)))
    if not form.all_day and form.end <= form.start:
        raise CalendarEditError(_("'{title}' ends ({end:%H:%M}) before it starts ({start:%H:%M}).").format(title=form.title, end=form.end, start=form.start),
                                fix=_("Give an end time after the start time."))
    if form.until is not None and form.until < form.day:
        raise CalendarEditError(_("'{title}' repeats until {until}, before its first day {day}.").format(title=form.title, until=form.until, day=form.day))
    if form.reminder_minutes < 0:
        raise CalendarEditError(_("A reminder cannot be a negative number of minutes."))


def save_event(ws: Workspace, form: EventForm, *, owner_staff_id: int | None,
               event_id: int | None = None) -> Done[int]:
    """Add an event (``event_id`` None) or replace one; returns the stored event's id."""
    check_event(form)
    start = dt.datetime.combine(form.day, dt.time() if form.all_day else form.start)
    end = (dt.datetime.combine(form.day + dt.timedelta(days=1), dt.time()) if form.all_day
           else dt.datetime.combine(form.day, form.end))
    with ws.session() as s:
        if owner_staff_id is not None and s.get(Staff, owner_staff_id) is None:
            raise CalendarEditError(_("There is no staff member with id {owner_staff_id}.").format(owner_staff_id=owner_staff_id),
                                    fix=_("See 'teacherdesk staff list'."))
        if event_id is not None:
            old = s.get(CalendarEvent, event_id)
            if old is None:
                raise CalendarEditError(_("There is no calendar event {event_id}.").format(event_id=event_id))
            s.delete(old)
            s.flush()
        row = add_event(
            s, title=form.title.strip(), start=start, end=end, owner_staff_id=owner_staff_id,
            category=form.category, tzid=school_tzid(s), all_day=form.all_day,
            rrule=f"FREQ=WEEKLY;BYDAY={WEEKDAYS[form.day.weekday()]}" if form.weekly else "",
            repeat_until=form.until,
            alarms_minutes=[form.reminder_minutes] if form.reminder_minutes else [],
            student_ids=list(form.student_ids), location=form.location, skip_days_off=form.skip_days_off,
        )
        audit.record(s, ws.actor, "calendar.save_event", "calendar_event", row.id, title=form.title,
                     **({"replaces": event_id} if event_id is not None else {}))
        return Done(row.id, Changes.CALENDAR)


def event_form(ws: Workspace, event_id: int) -> tuple[EventForm, int | None]:
    """A stored event as a form (to edit it) and its owner's staff id."""
    with ws.read() as s:
        row = s.get(CalendarEvent, event_id)
        if row is None:
            raise CalendarEditError(_("There is no calendar event {event_id}.").format(event_id=event_id))
        return EventForm(
            title=row.title, category=row.category, day=row.start_local.date(), start=row.start_local.time(),
            end=row.end_local.time(), all_day=row.all_day, weekly=bool(row.rrule), until=row.repeat_until,
            skip_days_off=row.skip_days_off,
            reminder_minutes=int(row.alarms_minutes[0]) if row.alarms_minutes else 0,
            location=row.location, student_ids=tuple(row.student_ids),
        ), row.owner_staff_id


def delete_event(ws: Workspace, event_id: int) -> Done[str]:
    """Delete an event with every occurrence; returns its title."""
    with ws.session() as s:
        row = s.get(CalendarEvent, event_id)
        if row is None:
            raise CalendarEditError(_("There is no calendar event {event_id}.").format(event_id=event_id))
        title = row.title
        s.delete(row)
        audit.record(s, ws.actor, "calendar.delete_event", "calendar_event", event_id, title=title)
    return Done(title, Changes.CALENDAR)


def skip_date(ws: Workspace, event_id: int, day: dt.date) -> Done[bool]:
    """Leave one date out of a weekly series; False (nothing changed) for a one-off event."""
    with ws.session() as s:
        row = s.get(CalendarEvent, event_id)
        if row is None:
            raise CalendarEditError(_("There is no calendar event {event_id}.").format(event_id=event_id))
        if not row.rrule:
            return Done(False, Changes.NONE)
        row.exdates = sorted({*row.exdates, day.isoformat()})
        audit.record(s, ws.actor, "calendar.skip_date", "calendar_event", event_id, date=day.isoformat())
    return Done(True, Changes.CALENDAR)


def list_events(ws: Workspace, owner_staff_id: int | None, start: dt.date, end: dt.date) -> list[Occurrence]:
    """Occurrences from ``start`` up to (not including) ``end`` of one person's events."""
    with ws.read() as s:
        return agenda(s, owner_staff_id, start, end)


def preview_calendar(ws: Workspace, path: Path, *, start: dt.date | None = None,
                     end: dt.date | None = None) -> CalendarRead:
    """What importing ``path`` would bring in: every event with its categories and
    transparency, the suggested days off and the events that will be skipped. Writes nothing."""
    from app.scheduling.ical_import import read_calendar

    if not Path(path).exists():
        raise CalendarEditError(_("No such file."), file=path)
    today = dt.date.today()
    with ws.read() as s:
        tzid = school_tzid(s)
    return read_calendar(Path(path).read_bytes(), name=Path(path).name, start=start or today - dt.timedelta(days=365),
                         end=end or today + dt.timedelta(days=365), tzid=tzid)


@dataclass(frozen=True)
class ImportResult:
    days_off: int
    busy: int
    events: int
    updated: int
    lines: tuple[str, ...] = ()  # the summary, events skipped (file, line, reason) and notes


def import_calendar(ws: Workspace, path: Path, *, staff_id: int | None, mode: str = "auto",
                    start: dt.date | None = None, end: dt.date | None = None,
                    days_off: DaysOff = None) -> Done[ImportResult]:
    """Read an .ics file into the workspace (days off, busy time, school events). Only the
    events ``days_off`` marks (keys/UIDs from :func:`preview_calendar`, or a predicate)
    become days off; broken events are skipped and listed in ``lines``."""
    from app.scheduling.ical_import import import_ics

    if not Path(path).exists():
        raise CalendarEditError(_("No such file."), file=path)
    today = dt.date.today()
    with ws.session() as s:
        summary = import_ics(s, Path(path), start=start or today - dt.timedelta(days=365),
                             end=end or today + dt.timedelta(days=365), mode=mode, staff_id=staff_id,
                             tzid=school_tzid(s), days_off=days_off)
        result = ImportResult(summary.days_off, summary.busy, summary.events, summary.updated,
                              tuple(summary.lines(Path(path).name)))
        audit.record(s, ws.actor, "calendar.import", "calendar_event", "", file=Path(path).name,
                     days_off=result.days_off, busy=result.busy, events=result.events, updated=result.updated,
                     skipped=len(summary.skipped))
    # Days off move lessons and conference days too.
    return Done(result, Changes.CALENDAR | Changes.SCHOOL)

