"""Parent-teacher conferences as use cases: what the CLI and the Conferences page both call.

Scheduling is one function with one set of checks (:func:`plan_schedule`): the app runs
it off the UI thread and then :func:`save_schedule` on its single writer; the CLI calls
:func:`schedule_conferences`, which does both. Every write is one transaction with one
audit entry and returns a :class:`~app.core.changes.Done`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.progress import IsCancelled, Progress
from app.scheduling import conferences_store as store

# What the Conferences page reads (its public API; the store's writers stay private).
from app.scheduling.conference_board import BoardMeeting as BoardMeeting
from app.scheduling.conference_board import DayBoard as DayBoard
from app.scheduling.conference_board import day_board as day_board
from app.scheduling.conferences import ConferencePlan, ScheduleResult
from app.scheduling.conferences_store import day_spec as day_spec
from app.scheduling.conferences_store import load_bookings as load_bookings
from app.scheduling.conferences_store import load_plan as load_plan
from app.scheduling.conferences_store import teacher_room as teacher_room
from app.store import Workspace, audit
from app.store.models.calendar import ConferenceDay, SchoolDayOff


class ConferenceError(UserFacingError):
    """A conference setup the scheduler cannot use (no day, no requests, bad times)."""

    exit_code = 2


@dataclass(frozen=True)
class DayForm:
    """One conference day or evening as a person enters it."""

    label: str = "Conferences"
    date: dt.date = dt.date.today()
    start: dt.time = dt.time(15, 30)
    end: dt.time = dt.time(19, 30)
    slot_minutes: int = 15
    passing_minutes: int = 5
    break_start: dt.time | None = dt.time(17, 30)
    break_end: dt.time | None = dt.time(17, 50)
    max_consecutive: int = 6
    walk_minutes: int = 3


@dataclass(frozen=True)
class DayRow:
    id: int
    label: str
    date: dt.date
    start: str
    end: str
    slot_minutes: int
    slots: int


def check_day(form: DayForm) -> None:
    if form.end <= form.start:
        raise ConferenceError(_("The day ends ({end:%H:%M}) before it starts ({start:%H:%M}).").format(end=form.end, start=form.start))
    if not 5 <= form.slot_minutes <= 120:
        raise ConferenceError(_("A meeting of {slot_minutes} minutes is not possible.").format(slot_minutes=form.slot_minutes),
                              fix=_("Use 5 to 120 minutes per meeting."))
    if form.passing_minutes < 0 or form.walk_minutes < 0 or form.max_consecutive < 1:
        raise ConferenceError(_("Passing time and walking time cannot be negative, and at least one "
                              "meeting in a row must be allowed."))
    if (form.break_start is None) != (form.break_end is None):
        raise ConferenceError(_("A break needs both a start and an end."))
    if form.break_start is not None and form.break_end is not None:
        if form.break_end <= form.break_start:
            raise ConferenceError(_("The break ends before it starts."))
        if form.break_start < form.start or form.break_end > form.end:
            raise ConferenceError(_("The break is outside the day's hours."))
    minutes = (dt.datetime.combine(form.date, form.end) - dt.datetime.combine(form.date, form.start)).seconds // 60
    if minutes < form.slot_minutes:
        raise ConferenceError(_("The day is shorter than one meeting."))


def add_day(ws: Workspace, form: DayForm) -> Done[int]:
    """Add a conference day; refuses a day off and times that cannot hold a meeting."""
    check_day(form)
    breaks = ([[f"{form.break_start:%H:%M}", f"{form.break_end:%H:%M}"]]
              if form.break_start and form.break_end else [])
    with ws.session() as s:
        off = s.scalars(select(SchoolDayOff).where(
            SchoolDayOff.start_date <= form.date, SchoolDayOff.end_date >= form.date)).first()
        if off is not None:
            raise ConferenceError(_("{date} is a day off ({name}).").format(date=form.date.isoformat(), name=off.name), fix=_("Choose another date."))
        row = ConferenceDay(label=form.label.strip() or "Conferences", date=form.date,
                            start_time=f"{form.start:%H:%M}", end_time=f"{form.end:%H:%M}",
                            slot_minutes=form.slot_minutes, passing_minutes=form.passing_minutes, breaks=breaks,
                            max_consecutive=form.max_consecutive, walk_minutes=form.walk_minutes)
        s.add(row)
        s.flush()
        audit.record(s, ws.actor, "conferences.add_day", "conference_day", row.id, date=form.date.isoformat(),
                     label=row.label)
        return Done(row.id, Changes.CONFERENCES | Changes.CALENDAR)


def list_days(ws: Workspace) -> list[DayRow]:
    with ws.read() as s:
        return [DayRow(d.id, d.label, d.date, d.start_time, d.end_time, d.slot_minutes,
                       len(store.day_spec(d).slots()))
                for d in s.scalars(select(ConferenceDay).order_by(ConferenceDay.date))]


def move_day(ws: Workspace, day_id: int, new_date: dt.date) -> Done[dt.date]:
    """Move a conference day (a snow day): every booking keeps its slot on the new date."""
    with ws.session() as s:
        try:
            store.move_day(s, day_id, new_date, actor=ws.actor)
        except ValueError as exc:
            raise ConferenceError(str(exc)) from None
    return Done(new_date, Changes.CONFERENCES | Changes.CALENDAR)


def delete_day(ws: Workspace, day_id: int) -> Done[str]:
    """Delete a conference day with its bookings (requests stay, to be scheduled again)."""
    with ws.session() as s:
        day = s.get(ConferenceDay, day_id)
        if day is None:
            raise ConferenceError(_("There is no conference day {day_id}.").format(day_id=day_id))
        label = f"{day.label} {day.date.isoformat()}"
        s.delete(day)
        audit.record(s, ws.actor, "conferences.delete_day", "conference_day", day_id, label=label)
    return Done(label, Changes.CONFERENCES | Changes.CALENDAR)


def invite_all(ws: Workspace) -> Done[int]:
    """A request for every teacher of every family's children; returns how many were added."""
    with ws.session() as s:
        added = store.requests_from_classes(s)
        if added:
            audit.record(s, ws.actor, "conferences.invite_all", "conference_request", "", added=added)
    return Done(added, Changes.CONFERENCES if added else Changes.NONE)


@dataclass(frozen=True)
class Planned:
    """A solved schedule, not yet saved, and the plan it was solved from."""

    plan: ConferencePlan
    result: ScheduleResult


def plan_schedule(ws: Workspace, time_limit: float = 5.0, *, start_over: bool = False,
                  progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Planned:
    """Read the requests and solve (reads only, so it may run off the UI thread).

    By default the meetings already booked stay where they are and only the rest are
    placed; ``start_over`` places everything again except meetings moved by hand."""
    from app.scheduling.conferences import schedule

    if progress:
        progress(0.01, _("Loading requests"))
    with ws.read() as s:
        plan = store.load_plan(s)
        keep = [b for b in store.load_bookings(s) if b.manual or not start_over]
    if not plan.days:
        raise ConferenceError(_("There is no conference day yet."),
                              fix=_("Add one on the Conferences page or with 'teacherdesk conferences day add'."))
    if not plan.requests:
        raise ConferenceError(_("There are no conference requests."),
                              fix=_("Invite families first (Invite all, or --invite-all)."))
    result = schedule(plan, keep=keep, time_limit=time_limit, progress=progress, cancelled=cancelled)
    return Planned(plan, result)


def booked_count(ws: Workspace) -> int:
    """How many meetings are booked now (the app asks whether to keep them)."""
    from sqlalchemy import func

    from app.store.models.calendar import ConferenceBooking

    with ws.read() as s:
        return int(s.scalar(select(func.count()).select_from(ConferenceBooking)) or 0)


def summary(result: ScheduleResult) -> str:
    """One sentence on what a scheduling run did, for the status bar and the terminal."""
    if result.kept:
        text = _("Kept {kept} meetings already booked and placed {new} more; {placed} of {requests} requests "
                 "are booked.").format(kept=result.kept, new=result.newly_placed, placed=result.placed,
                                       requests=result.requests)
        if result.moved:
            text += " " + _("{moved} earlier meetings no longer fitted and were placed again.").format(moved=result.moved)
        return text
    return _("Placed {placed} of {requests} requests.").format(placed=result.placed, requests=result.requests)


def save_schedule(ws: Workspace, planned: Planned) -> Done[ScheduleResult]:
    """Replace the bookings with a solved schedule (which holds the ones it kept)."""
    with ws.session() as s:
        store.save_result(s, planned.result, actor=ws.actor)
    return Done(planned.result, Changes.CONFERENCES | Changes.CALENDAR)


def schedule_conferences(ws: Workspace, time_limit: float = 5.0, *, invite: bool = False,
                         start_over: bool = False, progress: Progress | None = None,
                         cancelled: IsCancelled | None = None) -> Done[Planned]:
    """Invite (optionally), solve and save: the whole use case in one call."""
    changes = invite_all(ws).changes if invite else Changes.NONE
    planned = plan_schedule(ws, time_limit, start_over=start_over, progress=progress, cancelled=cancelled)
    changes |= save_schedule(ws, planned).changes
    return Done(planned, changes)


def move_meeting(ws: Workspace, request_id: int, day_id: int, slot: int, *, force: bool = False) -> Done[list[str]]:
    """Move one meeting by hand; returns the conflicts and moves only when there are none
    (or ``force``)."""
    with ws.session() as s:
        conflicts = store.move_booking(s, request_id, day_id, slot, force=force, actor=ws.actor)
    moved = force or not conflicts
    return Done(conflicts, Changes.CONFERENCES | Changes.CALENDAR if moved else Changes.NONE)


def set_teacher_away(ws: Workspace, staff_id: int, day_id: int, start: dt.time, end: dt.time) -> Done[None]:
    with ws.session() as s:
        try:
            store.set_teacher_away(s, staff_id, day_id, start, end)
        except ValueError as exc:
            raise ConferenceError(str(exc)) from None
        audit.record(s, ws.actor, "conferences.teacher_away", "staff", staff_id, day_id=day_id,
                     start=f"{start:%H:%M}", end=f"{end:%H:%M}")
    return Done(None, Changes.CONFERENCES)


def set_family_window(ws: Workspace, guardian_id: int, earliest: dt.time | None,
                      latest: dt.time | None) -> Done[int]:
    with ws.session() as s:
        try:
            n = store.set_family_window(s, guardian_id, earliest, latest)
        except ValueError as exc:
            raise ConferenceError(str(exc)) from None
        audit.record(s, ws.actor, "conferences.family_window", "guardian", guardian_id,
                     earliest=f"{earliest:%H:%M}" if earliest else "", latest=f"{latest:%H:%M}" if latest else "")
    return Done(n, Changes.CONFERENCES)


def add_interpreter(ws: Workspace, name: str, language: str) -> Done[int]:
    with ws.session() as s:
        try:
            row = store.add_interpreter(s, name, language)
        except ValueError as exc:
            raise ConferenceError(str(exc)) from None
        audit.record(s, ws.actor, "conferences.add_interpreter", "conference_interpreter", row.id,
                     name=row.name, language=row.language)
        return Done(row.id, Changes.CONFERENCES)
