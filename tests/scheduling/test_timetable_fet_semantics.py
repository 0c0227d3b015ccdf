"""Rules counted as FET counts them, where a different reading made schools FET solves
impossible for the placer (FET's own examples: vmg-20180901b-2, Hungary).

- A teacher's home room is for the activities of that teacher alone: a lesson taught by
  two teachers with different home rooms is not bound to either.
- "Early" (max beginnings at the second hour) counts the hours before a day's first
  lesson that are not breaks and not hours the students are unavailable (FET's "first
  gaps"): students unavailable at the first hour start early at the second.
"""

from __future__ import annotations

from pathlib import Path

from app.scheduling.timetable import Placement, Problem, Room, StudentsSet, write_fet
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, Constraint
from app.scheduling.timetable.place import Placer, place_all
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.timetable_checker import check


def _c(ctype: str, weight: float = 100, space: bool = False, **params: list) -> Constraint:  # type: ignore[type-arg]
    return Constraint(ctype, weight, True, dict(params), space)


def _school() -> Problem:
    p = Problem(name="FET semantics")
    p.days = ["Mon", "Tue", "Wed"]
    p.hours = ["07:00", "08:00", "09:00", "10:00", "11:00"]
    p.teachers = ["Ann", "Bob", "Cem"]
    p.subjects = ["Math", "Art"]
    p.years = [StudentsSet("Y7", "year", 20)]
    p.rooms = [Room("R1", 30), Room("R2", 30), Room("R3", 30)]
    return p


def test_a_teachers_home_room_binds_only_the_lessons_of_that_teacher_alone() -> None:
    p = _school()
    p.activities = [Activity(1, ["Ann"], "Math", ["Y7"]), Activity(2, ["Ann", "Bob"], "Art", ["Y7"]),
                    Activity(3, ["Bob"], "Math", ["Y7"])]
    p.constraints = [_c("TeacherHomeRoom", space=True, Teacher=["Ann"], Room=["R1"]),
                     _c("TeacherHomeRoom", space=True, Teacher=["Bob"], Room=["R2"])]
    rules = compile_rules(p)
    assert rules.rooms[1].rooms == ["R1"] and rules.rooms[1].needs_room
    assert rules.rooms[3].rooms == ["R2"] and rules.rooms[3].needs_room
    assert not rules.rooms[2].needs_room  # not bound to R1 and R2 at once (no room at all)
    placed = place_all(rules, {}, time_limit=2.0)
    assert not placed.unplaced
    assert placed.rooms[1] == "R1" and placed.rooms[3] == "R2"


def _early_school(unavailable_first_hour: bool) -> Problem:
    p = _school()
    p.activities = [Activity(k, [p.teachers[k % 3]], "Math", ["Y7"]) for k in range(1, 10)]
    p.constraints = [_c("StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=["0"]),
                     _c("StudentsMaxGapsPerWeek", Max_Gaps=["0"])]
    if unavailable_first_hour:
        p.constraints.append(_c("StudentsSetNotAvailableTimes", Students=["Y7"],
                                Not_Available_Time=[{"Day": d, "Hour": "07:00"} for d in p.days]))
    return p


def test_early_starts_skip_hours_the_students_are_not_available() -> None:
    p = _early_school(True)
    rules = compile_rules(p)
    # Three lessons a day from 08:00: early by FET's count (07:00 is not available).
    ok = [Placement(k, (k - 1) // 3, 1 + (k - 1) % 3, "") for k in range(1, 10)]
    assert evaluate(rules, ok).hard_ok
    # Monday from 09:00: one hour before it the students could have had a lesson.
    late = [Placement(k, (k - 1) // 3, 2 + (k - 1) % 3 if k <= 3 else 1 + (k - 1) % 3, "") for k in range(1, 10)]
    ev = evaluate(rules, late)
    assert [v.cid for v in ev.hard] == [0]
    # Without the not-available hour, starting at 08:00 is a late start.
    assert not evaluate(compile_rules(_early_school(False)), ok).hard_ok
    assert evaluate(compile_rules(_early_school(False)), [Placement(pl.activity_id, pl.day, pl.hour - 1, "")
                                                          for pl in ok]).hard_ok


def test_placement_starts_each_day_at_the_first_hour_the_students_are_available(tmp_path: Path) -> None:
    for unavailable in (True, False):
        p = _early_school(unavailable)
        rules = compile_rules(p)
        placed = place_all(rules, {}, time_limit=2.0)
        assert not placed.unplaced, unavailable
        H = p.n_hours
        result = [Placement(aid, t // H, t % H, placed.rooms.get(aid, "")) for aid, t in placed.starts.items()]
        assert evaluate(rules, result).hard_ok
        first = {d: min(t % H for t in placed.starts.values() if t // H == d) for d in range(p.n_days)}
        assert set(first.values()) == {1 if unavailable else 0}
        fet = tmp_path / f"early{unavailable}.fet"
        write_fet(p, fet)
        rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in result]
        assert check(fet, rows) == []


def test_a_lesson_with_one_possible_start_counts_as_there_for_gap_rules() -> None:
    """Teacher Ann may have no gaps; lesson 1 can only be on Monday at 11:00 (the last
    hour). Lesson 2 at 07:00 on Monday would leave three gap hours that no lesson could
    fill (lesson 1 cannot move there), so the placer refuses it; at 10:00 it is fine."""
    p = _school()
    p.activities = [Activity(1, ["Ann"], "Math", ["Y7"]), Activity(2, ["Ann"], "Art", [])]
    p.constraints = [_c("TeacherMaxGapsPerWeek", Teacher_Name=["Ann"], Max_Gaps=["0"]),
                     _c("ActivityPreferredStartingTime", Activity_Id=["1"], Preferred_Day=["Mon"],
                        Preferred_Hour=["11:00"])]
    pl = Placer(compile_rules(p), {})
    two = pl.index[2]
    assert pl.conflicts(two, 0) is None
    assert pl.conflicts(two, 3) == (set(), [-1])
    assert pl.conflicts(two, p.n_hours) == (set(), [-1])  # Tuesday 07:00: no gap with lesson 1
    placed = place_all(compile_rules(p), {}, time_limit=2.0)
    assert not placed.unplaced and placed.starts[1] == 4


def test_a_students_filter_binds_the_activities_of_every_set_sharing_its_students(tmp_path: Path) -> None:
    """"Activities of students Y7 may only start at 07:00-08:00" binds, in FET, the
    activities of Y7's groups and subgroups too (FET refused a timetable of its Sacred
    Heart College 2007 example that placed a subgroup's lesson elsewhere: "Activity with
    id=676 has no allowed slot"), and not a year that shares no students with it."""
    p = _school()
    p.years = [StudentsSet("Y7", "year", 20, ["Y7a"]), StudentsSet("Y8", "year", 20)]
    p.groups = [StudentsSet("Y7a", "group", 10, ["Y7a1"])]
    p.subgroups = [StudentsSet("Y7a1", "subgroup", 5)]
    p.activities = [Activity(1, ["Ann"], "Art", ["Y7"]), Activity(2, ["Bob"], "Art", ["Y7a"]),
                    Activity(3, ["Cem"], "Art", ["Y7a1"]), Activity(4, ["Ann"], "Art", ["Y8"])]
    early = [{"Preferred_Starting_Day": d, "Preferred_Starting_Hour": h} for d in p.days for h in p.hours[:2]]
    p.constraints = [_c("ActivitiesPreferredStartingTimes", Students_Name=["Y7"], Subject_Name=["Art"],
                        Preferred_Starting_Time=early)]
    rules = compile_rules(p)
    bound = {r.aid for r in rules.start_rules}
    assert bound == {1, 2, 3}  # Y8 shares no students with Y7
    # The independent checker reads it the same way: a subgroup's lesson at 10:00 breaks it.
    fet = tmp_path / "filter.fet"
    write_fet(p, fet)
    ok = [(1, "Mon", "07:00", ""), (2, "Tue", "07:00", ""), (3, "Wed", "08:00", ""), (4, "Mon", "10:00", "")]
    assert check(fet, ok) == []
    late = [(1, "Mon", "07:00", ""), (2, "Tue", "07:00", ""), (3, "Wed", "10:00", ""), (4, "Mon", "10:00", "")]
    assert check(fet, late) != []
    assert not evaluate(rules, [Placement(a, d, h) for a, d, h in ((1, 0, 0), (2, 1, 0), (3, 2, 1), (4, 0, 3))]).hard
    assert evaluate(rules, [Placement(a, d, h) for a, d, h in ((1, 0, 0), (2, 1, 0), (3, 2, 3), (4, 0, 3))]).hard


def test_interval_days_are_counted_per_subgroup_over_the_interval_fet_reads(tmp_path: Path) -> None:
    """Students interval max days, as fet-cl 6.8.5 reads it: the hours from
    ``Interval_Start_Hour`` up to, not including, ``Interval_End_Hour`` (an empty end is
    the end of the day), a day counting when a lesson overlaps them, for each subgroup of
    the set. The checker, the independent checker and the placement agree."""
    p = _school()
    p.years = [StudentsSet("Y7", "year", 20, ["Y7a", "Y7b"])]
    p.groups = [StudentsSet("Y7a", "group", 10), StudentsSet("Y7b", "group", 10)]
    p.activities = [Activity(1, ["Ann"], "Math", ["Y7a"], 2), Activity(2, ["Bob"], "Math", ["Y7a"]),
                    Activity(3, ["Cem"], "Art", ["Y7b"]), Activity(4, ["Cem"], "Art", ["Y7b"])]
    p.constraints = [_c("StudentsSetIntervalMaxDaysPerWeek", Students=["Y7"], Interval_Start_Hour=["09:00"],
                        Interval_End_Hour=[""], Max_Days_Per_Week=["1"])]
    rules = compile_rules(p)
    fet = tmp_path / "interval.fet"
    write_fet(p, fet)

    def judged(week: list[tuple[int, int, int]]) -> tuple[bool, bool]:
        rows = [(a, p.days[d], p.hours[h], "") for a, d, h in week]
        return evaluate(rules, [Placement(a, d, h) for a, d, h in week]).hard_ok, check(fet, rows) == []

    # Y7a: the two-hour lesson at 08:00-09:00 (overlapping the interval) on Monday, the
    # other at 10:00 on Tuesday: two days. Y7b: 09:00 on Monday, 08:00 on Tuesday: one.
    assert judged([(1, 0, 1), (2, 1, 3), (3, 0, 2), (4, 1, 1)]) == (False, False)
    # Y7a's long lesson at 07:00-08:00 (ending before the interval): one day each.
    assert judged([(1, 0, 0), (2, 1, 3), (3, 0, 2), (4, 1, 1)]) == (True, True)
    # Only 09:00 to 10:00 (the end hour 10:00 not in it): Y7a's 10:00 lesson is outside.
    p.constraints[0].params["Interval_End_Hour"] = ["10:00"]
    rules = compile_rules(p)
    write_fet(p, fet)
    assert judged([(1, 0, 1), (2, 1, 3), (3, 0, 2), (4, 1, 1)]) == (True, True)
    # The placement never puts a subgroup in the interval on two days.
    p.constraints[0].params["Interval_End_Hour"] = [""]
    placed = place_all(compile_rules(p), {}, time_limit=2.0)
    assert not placed.unplaced
    H = p.n_hours
    week = [(aid, t // H, t % H) for aid, t in placed.starts.items()]
    rules = compile_rules(p)
    write_fet(p, fet)
    assert judged(week) == (True, True)
