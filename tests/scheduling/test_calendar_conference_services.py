"""Calendar and conference services: the one set of checks, audit entries and Changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.changes import Changes
from app.scheduling import conference_service as conf
from app.scheduling.calendar_service import (
    CalendarEditError,
    EventForm,
    delete_event,
    event_form,
    list_events,
    save_event,
    skip_date,
)
from app.store.models import AuditEntry
from app.store.models.calendar import ConferenceBooking
from app.store.roster_service import add_staff

MONDAY = dt.date(2027, 3, 1)


def test_event_add_edit_skip_delete(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    counselor = add_staff(ws, given_name="Ana", family_name="Rivera", role="counselor").value
    form = EventForm(title="Grief group", category="group", day=MONDAY, start=dt.time(10), end=dt.time(10, 45),
                     weekly=True, until=MONDAY + dt.timedelta(weeks=3))
    done = save_event(ws, form, owner_staff_id=counselor)
    assert done.changes == Changes.CALENDAR
    days = [o.start.date() for o in list_events(ws, counselor, MONDAY, MONDAY + dt.timedelta(weeks=5))
            if isinstance(o.start, dt.datetime)]
    assert days == [MONDAY + dt.timedelta(weeks=i) for i in range(4)]
    assert skip_date(ws, done.value, MONDAY + dt.timedelta(weeks=1)).value is True
    assert len(list_events(ws, counselor, MONDAY, MONDAY + dt.timedelta(weeks=5))) == 3
    loaded, owner = event_form(ws, done.value)
    assert owner == counselor and loaded.title == "Grief group" and loaded.weekly
    moved = save_event(ws, EventForm(title="Grief group", category="group", day=MONDAY, start=dt.time(11),
                                     end=dt.time(11, 45)), owner_staff_id=counselor, event_id=done.value)
    occurrences = list_events(ws, counselor, MONDAY, MONDAY + dt.timedelta(weeks=5))
    assert [(o.start.date(), o.start.time()) for o in occurrences if isinstance(o.start, dt.datetime)] == [
        (MONDAY, dt.time(11))]  # replaced: one event at the new time, the series gone
    assert skip_date(ws, moved.value, MONDAY).value is False  # a one-off has no dates to skip
    assert delete_event(ws, moved.value).value == "Grief group"
    assert list_events(ws, counselor, MONDAY, MONDAY + dt.timedelta(weeks=5)) == []
    with ws.read() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-4:] == ["calendar.save_event", "calendar.skip_date", "calendar.save_event",
                            "calendar.delete_event"]


@pytest.mark.parametrize(("form", "message"), [
    (EventForm(title=" "), "needs a title"),
    (EventForm(title="X", start=dt.time(10), end=dt.time(9)), "ends .09:00. before it starts"),
    (EventForm(title="X", category="party"), "not an event category"),
    (EventForm(title="X", day=MONDAY, weekly=True, until=MONDAY - dt.timedelta(days=1)), "repeats until"),
])
def test_event_checks(empty_workspace, form: EventForm, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CalendarEditError, match=message):
        save_event(empty_workspace, form, owner_staff_id=None)
    with pytest.raises(CalendarEditError, match="no staff member with id 999"):
        save_event(empty_workspace, EventForm(title="X"), owner_staff_id=999)


def test_conference_day_checks(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with pytest.raises(conf.ConferenceError, match="ends .17:00. before it starts"):
        conf.add_day(ws, conf.DayForm(date=MONDAY, start=dt.time(18), end=dt.time(17)))
    with pytest.raises(conf.ConferenceError, match="outside the day"):
        conf.add_day(ws, conf.DayForm(date=MONDAY, break_start=dt.time(12), break_end=dt.time(12, 30)))
    with pytest.raises(conf.ConferenceError, match="no conference day yet"):
        conf.plan_schedule(ws)
    day = conf.add_day(ws, conf.DayForm(date=MONDAY, label="Spring"))
    assert day.changes & Changes.CONFERENCES
    assert [(d.id, d.label, d.slots) for d in conf.list_days(ws)] == [(day.value, "Spring", 11)]
    with pytest.raises(conf.ConferenceError, match="no conference requests"):
        conf.plan_schedule(ws)
    with pytest.raises(conf.ConferenceError, match="no conference day 99"):
        conf.move_day(ws, 99, MONDAY)


def test_schedule_is_one_use_case_and_keeps_manual_moves(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    day = conf.add_day(ws, conf.DayForm(date=dt.date(2026, 11, 18), label="Fall")).value
    done = conf.schedule_conferences(ws, 1.0, invite=True)
    result = done.value.result
    assert done.changes & Changes.CONFERENCES and result.placed > 0
    with ws.read() as s:
        assert s.scalar(select(func.count(ConferenceBooking.id))) == result.placed
        booking = s.scalars(select(ConferenceBooking)).first()
        request_id, slot = booking.request_id, booking.slot_index
    free = next(k for k in range(11) if k != slot)
    moved = conf.move_meeting(ws, request_id, day, free, force=True)
    assert moved.changes & Changes.CONFERENCES
    again = conf.schedule_conferences(ws, 1.0)  # a re-run keeps the hand-placed meeting
    assert any(b.request_id == request_id and b.slot == free and b.manual for b in again.value.result.bookings)
    assert conf.invite_all(ws).changes == Changes.NONE  # everyone already invited


def test_timetable_service_audits_in_the_same_transaction(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling import timetable_service
    from app.scheduling.timetable.generate import generate_school
    from app.scheduling.timetable.model import Placement

    ws = empty_workspace
    problem = generate_school(2, 20, seed=3)
    done = timetable_service.add_timetable(ws, problem, source="sample")
    assert done.changes == Changes.TIMETABLE | Changes.CALENDAR
    first = problem.active_activities()[0]
    timetable_service.save_placements(ws, done.value, [Placement(first.id, 0, 0, "")], status="partial")
    timetable_service.remove_timetable(ws, done.value)
    with ws.read() as s:
        rows = [(e.action, e.entity_id, e.details) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "timetable").order_by(AuditEntry.id))]
    assert [r[0] for r in rows] == ["timetable.add", "timetable.save", "timetable.delete"]
    assert rows[1][2]["lessons"] == 1 and rows[1][2]["status"] == "partial"
