"""Conference scheduler: real solver output checked by an independent rule checker."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from app.scheduling.conferences import (
    Absence,
    Booking,
    ConferencePlan,
    DaySpec,
    InterpreterSpec,
    RequestSpec,
    TeacherSpec,
    check_move,
    schedule,
)

DAY = DaySpec(id=1, date=dt.date(2026, 11, 18), start=dt.time(16), end=dt.time(18), slot_minutes=15,
              passing_minutes=5, breaks=(), max_consecutive=6, walk_minutes=3)


def rule_breaks(plan: ConferencePlan, bookings: list[Booking]) -> list[str]:
    """Written separately from the solver: slot times recomputed, every rule re-checked."""
    days = {d.id: d for d in plan.days}
    req = {r.id: r for r in plan.requests}
    teachers = {t.id: t for t in plan.teachers}
    problems = []
    times = {}
    for b in bookings:
        d = days[b.day_id]
        s = dt.datetime.combine(d.date, d.start) + b.slot * dt.timedelta(minutes=d.slot_minutes + d.passing_minutes)
        times[b.request_id] = (s, s + dt.timedelta(minutes=d.slot_minutes))
    for b in bookings:
        r, (s, e) = req[b.request_id], times[b.request_id]
        if r.earliest and s.time() < r.earliest or r.latest and e.time() > r.latest:
            problems.append(f"{r.id} outside window")
        for a in teachers[r.teacher_id].absences:
            if a.day_id == b.day_id and s.time() < a.end and a.start < e.time():
                problems.append(f"{r.id} while teacher away")
        if r.interpreter and b.interpreter_id is None:
            problems.append(f"{r.id} without interpreter")
    for b1 in bookings:
        for b2 in bookings:
            if b1.request_id >= b2.request_id:
                continue
            r1, r2 = req[b1.request_id], req[b2.request_id]
            (s1, e1), (s2, e2) = times[r1.id], times[r2.id]
            overlap = s1 < e2 and s2 < e1
            if overlap and r1.teacher_id == r2.teacher_id:
                problems.append(f"teacher double-booked {r1.id} {r2.id}")
            if overlap and b1.interpreter_id and b1.interpreter_id == b2.interpreter_id:
                problems.append(f"interpreter double-booked {r1.id} {r2.id}")
            if r1.family_id == r2.family_id:
                if overlap:
                    problems.append(f"family double-booked {r1.id} {r2.id}")
                room1, room2 = teachers[r1.teacher_id].room, teachers[r2.teacher_id].room
                walk = 0 if room1 == room2 else plan.walk.get((room1, room2), plan.walk.get((room2, room1), DAY.walk_minutes))
                gap = max(s2 - e1, s1 - e2)
                if not overlap and gap < dt.timedelta(minutes=walk):
                    problems.append(f"no walking time {r1.id} {r2.id}")
    per_teacher = defaultdict(set)
    for b in bookings:
        per_teacher[(req[b.request_id].teacher_id, b.day_id)].add(b.slot)
    for (tid, did), slots in per_teacher.items():
        run = 0
        for k in range(0, 40):
            run = run + 1 if k in slots else 0
            if run > (teachers[tid].max_consecutive or days[did].max_consecutive):
                problems.append(f"teacher {tid} too many in a row")
    return problems


def family_slots(plan: ConferencePlan, bookings: list[Booking], family: int) -> list[int]:
    req = {r.id: r for r in plan.requests}
    return sorted(b.slot for b in bookings if req[b.request_id].family_id == family)


@pytest.mark.parametrize("cp_sat", [False, True])
def test_family_with_three_children_meets_back_to_back(cp_sat: bool) -> None:
    teachers = [TeacherSpec(i, f"T{i}", room=str(100 + i)) for i in range(1, 5)]
    requests = [RequestSpec(i, family_id=1, family_name="Nguyễn", teacher_id=i, student_ids=(i,)) for i in (1, 2, 3)]
    # Other families keep the teachers busy at different times.
    rid = 10
    for fam in range(2, 8):
        for t in (1, 2, 3, 4):
            if (fam + t) % 2 == 0:
                rid += 1
                requests.append(RequestSpec(rid, family_id=fam, family_name=f"F{fam}", teacher_id=t))
    plan = ConferencePlan([DAY], teachers, requests)
    result = schedule(plan, use_cp_sat=cp_sat, time_limit=3)
    assert result.unplaced == [] and rule_breaks(plan, result.bookings) == []
    slots = family_slots(plan, result.bookings, 1)
    assert len(slots) == 3 and slots[-1] - slots[0] == 2  # three consecutive slots


def test_long_walk_leaves_a_slot_between_rooms() -> None:
    teachers = [TeacherSpec(1, "A", room="101"), TeacherSpec(2, "B", room="Portable 9")]
    requests = [RequestSpec(1, 1, "Ørsted", 1), RequestSpec(2, 1, "Ørsted", 2)]
    plan = ConferencePlan([DAY], teachers, requests, walk={("101", "Portable 9"): 8})
    result = schedule(plan, time_limit=2)
    assert result.placed == 2 and rule_breaks(plan, result.bookings) == []
    slots = family_slots(plan, result.bookings, 1)
    assert slots[1] - slots[0] == 2  # 5 min passing < 8 min walk: one slot between, no more


def test_teacher_absent_half_the_evening() -> None:
    away = TeacherSpec(1, "Away", room="101", absences=(Absence(1, dt.time(16), dt.time(17)),))
    plan = ConferencePlan([DAY], [away], [
        RequestSpec(1, 1, "Early", 1, latest=dt.time(17, 0)),
        RequestSpec(2, 2, "Any", 1),
        RequestSpec(3, 3, "Any2", 1),
    ])
    result = schedule(plan, time_limit=2)
    assert rule_breaks(plan, result.bookings) == []
    assert {b.request_id for b in result.bookings} == {2, 3}
    assert all(b.slot >= 3 for b in result.bookings)  # 17:00 is slot 3
    (left,) = result.unplaced
    assert left.request_id == 1 and left.code == "teacher_away"
    assert "away" in left.reason


def test_more_requests_than_slots_says_who_is_left_out_and_why() -> None:
    teacher = TeacherSpec(1, "Popular", room="101")
    day = DaySpec(id=1, date=DAY.date, start=dt.time(16), end=dt.time(17), slot_minutes=15, passing_minutes=5)
    assert len(day.slots()) == 3
    requests = [RequestSpec(i, i, f"Family {i}", 1, priority=2 if i == 5 else 1) for i in range(1, 6)]
    plan = ConferencePlan([day], [teacher], requests)
    result = schedule(plan, time_limit=2)
    assert result.placed == 3 and len(result.unplaced) == 2
    assert 5 in {b.request_id for b in result.bookings}  # the priority request is in
    for u in result.unplaced:
        assert u.code == "teacher_full"
        assert "fully booked" in u.reason
    assert rule_breaks(plan, result.bookings) == []


def test_interpreters_are_never_double_booked() -> None:
    teachers = [TeacherSpec(i, f"T{i}", room=str(100 + i)) for i in range(1, 4)]
    interp = [InterpreterSpec(1, "Ana", "es")]
    requests = [RequestSpec(i, i, f"F{i}", i, language="es", interpreter=True, latest=dt.time(16, 40))
                for i in range(1, 4)]
    requests.append(RequestSpec(4, 4, "Vietnamese family", 1, language="vi", interpreter=True))
    plan = ConferencePlan([DAY], teachers, requests, interp)
    result = schedule(plan, time_limit=2)
    assert rule_breaks(plan, result.bookings) == []
    placed_es = [b for b in result.bookings if b.request_id <= 3]
    assert len(placed_es) == 2  # two slots end by 16:40, one interpreter
    assert len({b.slot for b in placed_es}) == 2 and all(b.interpreter_id == 1 for b in placed_es)
    reasons = {u.request_id: u for u in result.unplaced}
    assert reasons[4].code == "no_interpreter" and "Vietnamese interpreter" in reasons[4].reason
    left_es = [u for u in result.unplaced if u.request_id <= 3]
    assert len(left_es) == 1 and "interpreter" in left_es[0].reason


def test_max_consecutive_meetings() -> None:
    teacher = TeacherSpec(1, "Tired", room="101", max_consecutive=2)
    requests = [RequestSpec(i, i, f"F{i}", 1) for i in range(1, 7)]
    plan = ConferencePlan([DAY], [teacher], requests)
    result = schedule(plan, time_limit=2)
    assert rule_breaks(plan, result.bookings) == []
    assert result.placed == 4  # 6 slots with at most 2 in a row: X X _ X X _
    assert any(u.code == "capacity" and "break" in u.reason for u in result.unplaced)


def test_manual_move_checks_conflicts() -> None:
    teachers = [TeacherSpec(1, "A", room="101"), TeacherSpec(2, "B", room="102")]
    requests = [RequestSpec(1, 1, "F1", 1), RequestSpec(2, 2, "F2", 1), RequestSpec(3, 1, "F1", 2)]
    plan = ConferencePlan([DAY], teachers, requests)
    bookings = [Booking(1, 1, 0), Booking(2, 1, 1), Booking(3, 1, 1)]
    assert check_move(plan, bookings, 2, 1, 0) == ["the teacher already meets F1 then"]
    assert check_move(plan, bookings, 3, 1, 0) == ["the family has another meeting then"]
    assert check_move(plan, bookings, 2, 1, 5) == []
    assert check_move(plan, bookings, 2, 1, 99) == ["there is no such slot"]


def test_breaks_are_left_out_of_the_slots() -> None:
    day = DaySpec(id=1, date=DAY.date, start=dt.time(16), end=dt.time(18), breaks=((dt.time(16, 45), dt.time(17, 5)),))
    starts = [s.time() for s, _e in day.slots()]
    assert starts == [dt.time(16), dt.time(16, 20), dt.time(17, 5), dt.time(17, 25), dt.time(17, 45)]
