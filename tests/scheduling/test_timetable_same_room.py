"""FET's "activities same room if consecutive": two of the listed lessons on one day, one
starting as the other ends, are in the same room (a break between them parts them, as
fet-cl 6.8.5 counts it). Read from FET files, checked (our checker and the independent
one), held by the room assignment and the placement (plain and compiled), and FET accepts
the timetables we lock."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, Room, StudentsSet
from app.scheduling.timetable.rules import compile_rules
from app.scheduling.timetable.solver import assign_rooms
from tests.scheduling.rule_checks import fet_cl_on_locked, solved_and_checked, three_classes
from tests.scheduling.test_timetable_fet import needs_fet
from tests.scheduling.test_timetable_place import _c, random_school, whole_and_blind
from tests.scheduling.timetable_checker import check

TYPE = "ActivitiesSameRoomIfConsecutive"


def same_room(ids: list[int], weight: float = 100):  # type: ignore[no-untyped-def]
    return _c(TYPE, weight, space=True, Number_of_Activities=[str(len(ids))], Activity_Id=[str(i) for i in ids])


def same_rooms(seed: int) -> Problem:
    """A random school (see test_timetable_place: rooms in overlapping pools) where the
    lab lessons, and one teacher's lessons, keep their room when one follows another."""
    p = random_school(seed)
    rng = random.Random(f"{seed}: same room")
    p.constraints.append(same_room([a.id for a in p.activities if a.subject == "Lab"]))
    teacher = rng.choice(p.teachers)
    p.constraints.append(same_room([a.id for a in p.activities if teacher in a.teachers]))
    return p


def _two_lessons(brk: bool = False) -> Problem:
    """Two lessons of two teachers and two classes, each in R1 or R2, one day of four
    hours (with a break at the second with ``brk``)."""
    p = Problem(name="same room", days=["Mon", "Tue"], hours=["1", "2", "3", "4"], subjects=["X"],
                teachers=["T", "U"])
    p.years = [StudentsSet("S", "year", 10), StudentsSet("Q", "year", 10)]
    p.rooms = [Room("R1", 30), Room("R2", 30)]
    p.activities = [Activity(1, ["T"], "X", ["S"]), Activity(2, ["U"], "X", ["Q"])]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     _c("SubjectPreferredRooms", space=True, Subject=["X"], Number_of_Preferred_Rooms=["2"],
                        Preferred_Room=["R1", "R2"]),
                     same_room([1, 2])]
    if brk:
        p.constraints.append(_c("BreakTimes", Number_of_Break_Times=["1"], Break_Time=[{"Day": "Mon", "Hour": "2"}]))
    return p


# Each case checked with fet-cl 6.8.5 on the same school locked (refused or generated).
@pytest.mark.parametrize(("where", "brk", "broken"), [
    ([(0, 0, "R1"), (0, 1, "R2")], False, 1),
    ([(0, 0, "R1"), (0, 1, "R1")], False, 0),
    ([(0, 1, "R1"), (0, 0, "R2")], False, 1),  # either first
    ([(0, 0, "R1"), (0, 2, "R2")], False, 0),  # an hour apart
    ([(0, 0, "R1"), (0, 2, "R2")], True, 0),  # a break between parts them
    ([(0, 3, "R1"), (1, 0, "R2")], False, 0),  # the next morning is not right after
])
def test_the_checker_counts_as_fet_does(where: list[tuple[int, int, str]], brk: bool, broken: int,
                                        tmp_path: Path) -> None:
    p = _two_lessons(brk)
    pls = [Placement(k + 1, d, h, r) for k, (d, h, r) in enumerate(where)]
    ev = evaluate(compile_rules(p), pls)
    assert len(ev.hard) == broken and all(v.room for v in ev.hard), [v.message for v in ev.hard]
    fet = tmp_path / "same.fet"
    write_fet(p, fet)
    rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in pls]
    assert len(check(fet, rows)) == broken


def test_hard_rules_are_modelled_and_soft_ones_reported() -> None:
    p = _two_lessons()
    assert coverage(p).complete and len(compile_rules(p).same_room) == 1
    p.constraints[-1].weight = 90  # FET accepts this type at 100 % only
    assert coverage(p).not_considered == {TYPE: 1}
    assert not compile_rules(p).same_room


def test_the_room_assignment_keeps_lessons_that_follow_each_other_together() -> None:
    """Times fixed one after the other: R2 is the one room both may have; with no room in
    common no assignment exists, and the assignment says so."""
    p = _two_lessons()
    p.constraints[2:3] = [_c("ActivityPreferredRooms", space=True, Activity_Id=["1"], Preferred_Room=["R1", "R2"]),
                          _c("ActivityPreferredRooms", space=True, Activity_Id=["2"], Preferred_Room=["R2", "R3"])]
    p.rooms.append(Room("R3", 30))
    rooms, ok = assign_rooms(compile_rules(p), {1: 0, 2: 1}, {})
    assert ok and rooms == {1: "R2", 2: "R2"}
    p.constraints[3] = _c("ActivityPreferredRooms", space=True, Activity_Id=["2"], Preferred_Room=["R3"])
    assert assign_rooms(compile_rules(p), {1: 0, 2: 1}, {})[1] is False
    assert assign_rooms(compile_rules(p), {1: 0, 2: 2}, {})[1]  # an hour apart: free to differ


def test_the_placement_keeps_the_rules(tmp_path: Path) -> None:
    """Schools placed whole keep both rules (our checker and the independent one, see
    placed_whole); a placement blind to them breaks them on some of the same schools."""
    complete, broken_blind = whole_and_blind(same_rooms, lambda rules: rules.same_room.clear(), tmp_path)
    assert complete >= 10 and broken_blind >= 5, (complete, broken_blind)


def test_a_solve_keeps_the_rules_by_the_independent_checker(tmp_path: Path) -> None:
    assert solved_and_checked(same_rooms, tmp_path) >= 2


def _valid_school(seed: int) -> Problem:
    """Three classes, four teachers (see rule_checks.three_classes), three rooms any
    lesson may use; each class keeps its room from one lesson to the next."""
    p = three_classes(seed, "Same room")
    p.rooms = [Room(f"R{k}", 30) for k in range(1, 4)]
    p.constraints += [_c("SubjectPreferredRooms", space=True, Subject=["X"], Number_of_Preferred_Rooms=["3"],
                         Preferred_Room=["R1", "R2", "R3"]),
                      *(same_room([a.id for a in p.activities if a.students == [f"C{k}"]]) for k in range(3))]
    return p


@needs_fet
def test_fet_accepts_our_locked_timetable(tmp_path: Path) -> None:
    """Solved and locked: fet-cl generates it at once, and the independent checker agrees."""
    assert "Simulation successful" in fet_cl_on_locked(_valid_school(1), tmp_path)
