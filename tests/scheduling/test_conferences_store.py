"""Conferences against a real (encrypted, demo) workspace: requests from classes,
a saved schedule, a snow day, imported busy time and exports."""

from __future__ import annotations

import datetime as dt

import icalendar
from sqlalchemy import select

from app.scheduling.conferences import schedule, verify
from app.scheduling.conferences_store import (
    load_bookings,
    load_plan,
    move_booking,
    move_day,
    requests_from_classes,
    save_result,
)
from app.scheduling.counselor_store import add_event
from app.scheduling.ical_export import Target, export_calendar
from app.store.models import Guardian
from app.store.models.calendar import ConferenceDay, ConferenceInterpreter, ConferenceRequest


def _setup(ws) -> int:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        for old in s.scalars(select(ConferenceDay)).all():  # a demo day, if the demo made one
            s.delete(old)
        day = ConferenceDay(label="Fall", date=dt.date(2026, 11, 18), start_time="15:30", end_time="19:30",
                            slot_minutes=15, passing_minutes=5, breaks=[["17:30", "17:50"]],
                            max_consecutive=6, walk_minutes=3)
        s.add(day)
        s.add_all([ConferenceInterpreter(name="Ana Torres", language="es"),
                   ConferenceInterpreter(name="Minh Pham", language="vi"),
                   ConferenceInterpreter(name="Omar Haddad", language="ar")])
        s.flush()
        added = requests_from_classes(s)
        assert added > 0
        return day.id


def test_schedule_demo_school_save_and_snow_day(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    day_id = _setup(ws)
    with ws.read() as s:
        plan = load_plan(s)
        households = len({r.family_id for r in plan.requests})
        # Every request comes from one of the family's children's classes.
        assert all(r.student_ids for r in plan.requests)
    result = schedule(plan, time_limit=2)
    assert verify(plan, result.bookings) == []
    assert result.placed + len(result.unplaced) == len(plan.requests)
    assert households > 20
    # The small demo has one teacher per subject, so demand outruns one evening: every
    # teacher's evening is full and every family left out is told why.
    n_slots = len(plan.days[0].slots())
    per_teacher: dict[int, int] = {}
    wanted: dict[int, int] = {}
    req = {r.id: r for r in plan.requests}
    for r in plan.requests:
        wanted[r.teacher_id] = wanted.get(r.teacher_id, 0) + 1
    for b in result.bookings:
        per_teacher[req[b.request_id].teacher_id] = per_teacher.get(req[b.request_id].teacher_id, 0) + 1
    assert per_teacher == {t: min(n, n_slots) for t, n in wanted.items()}
    assert result.unplaced and all(u.reason for u in result.unplaced)
    with ws.session() as s:
        save_result(s, result)
    with ws.read() as s:
        before = {(b.request_id, b.day_id, b.slot) for b in load_bookings(s)}
        fam = next(r for r in plan.requests if any(b.request_id == r.id for b in result.bookings))
        ics_before = export_calendar(s, Target("family", str(fam.family_id))).data
    with ws.session() as s:
        move_day(s, day_id, dt.date(2026, 11, 19))  # snow on the 18th
    with ws.read() as s:
        after = {(b.request_id, b.day_id, b.slot) for b in load_bookings(s)}
        ics_after = export_calendar(s, Target("family", str(fam.family_id))).data
    assert after == before
    conf = lambda data: sorted(  # noqa: E731
        e.decoded("dtstart") for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        if str(e["summary"]).startswith("Conference"))
    moved = conf(ics_after)
    assert moved and [d - dt.timedelta(days=1) for d in moved] == conf(ics_before)


def test_snow_day_cannot_land_on_a_holiday(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.school_calendar import add_day_off

    ws = demo_workspace
    day_id = _setup(ws)
    with ws.session() as s:
        add_day_off(s, "Thanksgiving", dt.date(2026, 11, 26))
    with ws.session() as s:
        try:
            move_day(s, day_id, dt.date(2026, 11, 26))
        except ValueError as exc:
            assert "Thanksgiving" in str(exc)
        else:
            raise AssertionError("moved onto a holiday")


def test_busy_time_from_calendar_keeps_teacher_free_and_manual_move(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    _setup(ws)
    with ws.read() as s:
        teacher_id = s.scalars(select(ConferenceRequest.staff_id)).first()
    with ws.session() as s:
        add_event(s, title="IEP meeting", owner_staff_id=teacher_id, category="busy",
                  start=dt.datetime(2026, 11, 18, 15, 30), end=dt.datetime(2026, 11, 18, 16, 30))
    with ws.read() as s:
        plan = load_plan(s)
    result = schedule(plan, use_cp_sat=False)
    req = {r.id: r for r in plan.requests}
    slots = plan.days[0].slots()
    for b in result.bookings:
        if req[b.request_id].teacher_id == teacher_id:
            assert slots[b.slot][0].time() >= dt.time(16, 30)
    with ws.session() as s:
        save_result(s, result)
    mine = [b for b in result.bookings if req[b.request_id].teacher_id == teacher_id]
    with ws.session() as s:
        conflicts = move_booking(s, mine[0].request_id, mine[0].day_id, 0)
    assert conflicts and "away" in conflicts[0]


def test_spanish_family_requests_need_an_interpreter(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    _setup(ws)
    with ws.read() as s:
        es = s.scalars(select(Guardian.id).where(Guardian.preferred_language == "es")).all()
        reqs = s.scalars(select(ConferenceRequest).where(ConferenceRequest.guardian_id.in_(es))).all()
    assert reqs and all(r.interpreter_needed and r.language == "es" for r in reqs)


def test_family_window_and_new_interpreter(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.conferences_store import add_interpreter, set_family_window

    ws = demo_workspace
    _setup(ws)
    with ws.session() as s:
        gid = s.scalars(select(ConferenceRequest.guardian_id)).first()
        assert set_family_window(s, gid, dt.time(17, 50), None) > 0
        add_interpreter(s, "Li Wei", "zh")
    with ws.read() as s:
        plan = load_plan(s)
    assert {"es", "vi", "ar", "zh"} == {i.language for i in plan.interpreters}
    result = schedule(plan, use_cp_sat=False)
    slots = plan.days[0].slots()
    req = {r.id: r for r in plan.requests}
    mine = [b for b in result.bookings if req[b.request_id].family_id == gid]
    assert mine and all(slots[b.slot][0].time() >= dt.time(17, 50) for b in mine)


def test_weekly_staff_meeting_blocks_the_conference_evening(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    _setup(ws)  # conference day Wednesday 2026-11-18
    with ws.read() as s:
        teacher_id = s.scalars(select(ConferenceRequest.staff_id)).first()
    with ws.session() as s:
        add_event(s, title="Department meeting", owner_staff_id=teacher_id, category="busy",
                  start=dt.datetime(2026, 9, 2, 15, 30), end=dt.datetime(2026, 9, 2, 16, 30),
                  rrule="FREQ=WEEKLY;BYDAY=WE", repeat_until=dt.date(2027, 5, 26))
    with ws.read() as s:
        plan = load_plan(s)
    teacher = next(t for t in plan.teachers if t.id == teacher_id)
    assert [(a.start, a.end) for a in teacher.absences] == [(dt.time(15, 30), dt.time(16, 30))]


def test_conferences_cli(demo_workspace, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    ws = demo_workspace
    day_id = _setup(ws)
    path = str(ws.path)
    assert main(["conferences", "schedule", "--workspace", path, "--time-limit", "1", "--show", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Placed ") and out.count("left out:") == 3 and "more" in out
    assert main(["conferences", "move-day", "--workspace", path, "--day", str(day_id), "--date", "2026-11-19"]) == 0
    assert main(["conferences", "pdf", "--workspace", path, "--out", str(tmp_path / "pdf")]) == 0
    assert "rooms.pdf" in {p.name for p in (tmp_path / "pdf").iterdir()}
    assert main(["conferences", "move-day", "--workspace", path, "--day", "999", "--date", "2026-11-19"]) == 2  # a day that does not exist: a usage error
    assert "no conference day 999" in capsys.readouterr().err
