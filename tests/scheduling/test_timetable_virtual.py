"""FET's virtual rooms: a lesson in one takes a real room of each of its sets, all
different and free; the virtual room itself is never booked. Read and written as FET
does, checked (our checker and the independent one), held by the room assignment and a
whole solve, and locked in FET files with their real rooms so that FET accepts them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, Room, read_fet, solve, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.fet import read_csv, write_csv
from app.scheduling.timetable.model import Activity, StudentsSet
from app.scheduling.timetable.rules import Rules, compile_rules
from app.scheduling.timetable.solver import assign_rooms
from app.scheduling.timetable.virtual import capacity, fill, fits, match
from tests.scheduling.test_timetable_fet import FET_EXAMPLES, _fet_cl, needs_fet
from tests.scheduling.test_timetable_place import _c, random_school, whole_and_blind
from tests.scheduling.timetable_checker import check, read_real, read_rows


def _school(n: int = 4) -> Problem:
    """Two days of four hours; real rooms A–D; virtual room V (sets {A, B} and {C, D}) and
    W (sets {A} and {C}); ``n`` lessons, each of its own teacher and class, all in V."""
    p = Problem(name="virtual", days=["Mon", "Tue"], hours=["1", "2", "3", "4"], subjects=["X"])
    p.teachers = [f"T{i}" for i in range(1, n + 1)]
    p.years = [StudentsSet(f"S{i}", "year", 10) for i in range(1, n + 1)]
    p.rooms = [Room(r, 30) for r in "ABCD"] + [Room("V", 60, virtual=True, real_sets=[["A", "B"], ["C", "D"]]),
                                               Room("W", 60, virtual=True, real_sets=[["A"], ["C"]])]
    p.activities = [Activity(i, [f"T{i}"], "X", [f"S{i}"]) for i in range(1, n + 1)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     *(_c("ActivityPreferredRoom", space=True, Activity_Id=[str(i)], Room=["V"]) for i in range(1, n + 1))]
    return p


def _room(p: Problem, aid: int, room: str) -> None:
    for c in p.constraints:
        if c.type == "ActivityPreferredRoom" and c.one("Activity_Id") == str(aid):
            c.params["Room"] = [room]


def _judged(p: Problem, week: list[Placement], tmp_path: Path) -> tuple[list[str], list[str]]:
    """Our checker's hard messages and the independent checker's, real rooms as ours fills them."""
    rules = compile_rules(p)
    ev = evaluate(rules, week)
    fet = tmp_path / "v.fet"
    write_fet(p, fet)
    filled = fill(rules, week)
    rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room) for pl in filled]
    real = {pl.activity_id: list(pl.real_rooms) for pl in filled if pl.real_rooms}
    return [v.message for v in ev.hard], check(fet, rows, real)


def test_matching_takes_one_room_of_each_set_all_different() -> None:
    assert match([["A", "B"], ["A"]], [["A", "B"], ["A"]]) == ("B", "A")  # the first set gives way
    assert match([["A"], ["A"]], [["A"], ["A"]]) is None
    assert fits([["A", "B"], ["C", "D"]], ["D", "A"]) == ("A", "D")  # FET keeps them as a set
    assert fits([["A", "B"], ["C", "D"]], ["A", "B"]) is None
    assert fits([["A", "B"], ["C", "D"]], ["A"]) is None
    assert capacity([["A", "B"], ["C", "D"]]) == 2 and capacity([["A"], ["C"]]) == 1


def test_two_lessons_share_a_virtual_room_when_its_real_rooms_suffice(tmp_path: Path) -> None:
    p = _school()
    together = [Placement(1, 0, 0, "V"), Placement(2, 0, 0, "V"), Placement(3, 0, 1, "V"), Placement(4, 1, 0, "V")]
    assert _judged(p, together, tmp_path) == ([], [])
    three = [Placement(1, 0, 0, "V"), Placement(2, 0, 0, "V"), Placement(3, 0, 0, "V"), Placement(4, 1, 0, "V")]
    ours, theirs = _judged(p, three, tmp_path)
    assert len(ours) == 1 and "virtual room V" in ours[0]
    assert theirs  # the third lesson cannot have real rooms of its own


def test_a_lesson_in_a_real_room_takes_it_from_the_virtual_room(tmp_path: Path) -> None:
    p = _school(2)
    _room(p, 2, "W")
    _room(p, 1, "A")
    clash = [Placement(1, 0, 0, "A"), Placement(2, 0, 0, "W")]
    ours, theirs = _judged(p, clash, tmp_path)
    assert len(ours) == 1 and "virtual room W" in ours[0] and theirs
    # Both lessons show it: the one without real rooms and the one holding them.
    assert evaluate(compile_rules(p), clash).hard[0].activity_ids == [2, 1]
    assert _judged(p, [Placement(1, 0, 1, "A"), Placement(2, 0, 0, "W")], tmp_path) == ([], [])
    # Real rooms given (a file's, a user's) are taken as given: A twice is a double booking.
    given = [Placement(1, 0, 0, "B"), Placement(2, 0, 0, "V", real_rooms=("B", "C"))]
    _room(p, 1, "B")
    _room(p, 2, "V")
    ev = evaluate(compile_rules(p), given)
    assert [v.message for v in ev.hard] == ["Room B is double-booked on Mon 1 (activities 1, 2)"]
    unfit = evaluate(compile_rules(p), [Placement(1, 0, 1, "B"), Placement(2, 0, 0, "V", real_rooms=("C", "D"))])
    assert len(unfit.hard) == 1 and "not one room of each" in unfit.hard[0].message


def test_closed_real_rooms_are_left_out_or_cost_their_weight(tmp_path: Path) -> None:
    p = _school(1)
    p.constraints.append(_c("RoomNotAvailableTimes", space=True, Room=["A"],
                            Not_Available_Time=[{"Day": "Mon", "Hour": "1"}]))
    rules = compile_rules(p)
    week = [Placement(1, 0, 0, "V")]
    assert fill(rules, week)[0].real_rooms == ("B", "C")
    assert _judged(p, week, tmp_path) == ([], [])
    _room(p, 1, "W")  # W has no room but A in its first set
    ours, theirs = _judged(p, week, tmp_path)
    assert ours and theirs
    p.constraints[-2].weight = 50  # a soft wish: A is taken, at its cost per hour
    ev = evaluate(compile_rules(p), week)
    assert ev.hard_ok and ev.penalty == 50


def test_locked_real_rooms_are_kept_and_checked() -> None:
    p = _school(1)
    p.constraints[-1].params |= {"Number_of_Real_Rooms": ["2"], "Real_Room": ["B", "D"]}
    rules = compile_rules(p)
    assert fill(rules, [Placement(1, 0, 0, "V")])[0].real_rooms == ("B", "D")
    ev = evaluate(rules, [Placement(1, 0, 0, "V", real_rooms=("A", "C"))])
    assert [v.cid for v in ev.hard] == [len(p.constraints) - 1]
    assert "must be in real rooms B, D" in ev.hard[0].message


def test_room_assignment_keeps_real_rooms_free() -> None:
    """Lesson 1 may be in A or B; lesson 2 in W (real rooms A and C) at the same hour: only
    B leaves W its real rooms. With lesson 1 bound to A there is no assignment."""
    p = _school(2)
    p.constraints = [c for c in p.constraints if c.one("Activity_Id") != "1"]
    p.constraints.append(_c("ActivityPreferredRooms", space=True, Activity_Id=["1"], Preferred_Room=["A", "B"]))
    _room(p, 2, "W")
    rules = compile_rules(p)
    rooms, ok = assign_rooms(rules, {1: 0, 2: 0}, {})
    assert ok and rooms == {1: "B", 2: "W"}
    assert evaluate(rules, [Placement(1, 0, 0, "B"), Placement(2, 0, 0, "W")]).hard_ok
    p.constraints.append(_c("ActivityPreferredRoom", space=True, Activity_Id=["1"], Room=["A"]))
    assert assign_rooms(compile_rules(p), {1: 0, 2: 0}, {}) == ({}, False)


def test_files_and_csv_keep_the_real_rooms(tmp_path: Path) -> None:
    p = _school(2)
    path = tmp_path / "v.fet"
    write_fet(p, path)
    again = read_fet(path)
    assert [(r.name, r.virtual, r.real_sets) for r in again.rooms] == [(r.name, r.virtual, r.real_sets) for r in p.rooms]
    assert coverage(again).complete  # virtual rooms are modelled now
    week = [Placement(1, 0, 0, "V"), Placement(2, 0, 0, "V")]
    csv = tmp_path / "week.csv"
    write_csv(p, week, csv)  # real rooms chosen as the checker chooses them
    assert [pl.real_rooms for pl in read_csv(p, csv)] == [("A", "C"), ("B", "D")]
    assert check(path, read_rows(csv), read_real(csv)) == []
    locked = tmp_path / "locked.fet"
    write_fet(p, locked, week, lock_all=True)
    rooms = [(c.one("Room"), c.many("Real_Room")) for c in read_fet(locked).constraints
             if c.type == "ActivityPreferredRoom" and c.one("Permanently_Locked") == "true"]
    assert rooms == [("V", ["A", "C"]), ("V", ["B", "D"])]


def test_a_solve_shares_a_virtual_room_and_gives_real_rooms(tmp_path: Path) -> None:
    """Four lessons at one hour (same starting time) in V, which holds two at once: none;
    two of them: a timetable, with real rooms the independent checker accepts."""
    p = _school(4)
    p.constraints.append(_c("ActivitiesSameStartingTime", Number_of_Activities=["4"], Activity_Id=["1", "2", "3", "4"]))
    assert not solve(p, time_limit=5, workers=1, diagnose_on_failure=False).solved
    p.constraints[-1].params = {"Number_of_Activities": ["2"], "Activity_Id": ["1", "2"]}
    result = solve(p, time_limit=10, workers=1, diagnose_on_failure=False)
    assert result.solved and result.coverage.complete
    assert result.placements[0].day * 4 + result.placements[0].hour == result.placements[1].day * 4 + result.placements[1].hour
    csv, fet = tmp_path / "out.csv", tmp_path / "v.fet"
    write_csv(p, result.placements, csv)
    write_fet(p, fet)
    assert check(fet, read_rows(csv), read_real(csv)) == []


@needs_fet
def test_fet_accepts_our_locked_timetable_with_virtual_rooms(tmp_path: Path) -> None:
    """FET's Spanish school (20 virtual rooms): its locked week solved and locked again with
    our real rooms; fet-cl generates it at once (it could not before real rooms were kept)."""
    matches = sorted(FET_EXAMPLES.rglob("SPAIN_20-21-locked.fet"))
    if not matches or shutil.which("fet-cl") is None:
        pytest.skip("SPAIN_20-21-locked.fet is not in this fet-data")
    problem = read_fet(matches[0])
    assert coverage(problem).complete
    result = solve(problem, time_limit=20, workers=2)
    assert result.solved and result.evaluation is not None and result.evaluation.hard_ok
    locked = tmp_path / "locked.fet"
    write_fet(problem, locked, result.placements, lock_all=True)
    assert "Simulation successful" in _fet_cl(locked, tmp_path / "out", seconds=30)


def annex(seed: int) -> Problem:
    """A random school (see test_timetable_place) whose Lab lessons are taught in a
    virtual room, Annex: one of R0 and R1 with one of R2 and R3 — the rooms other
    subjects' lessons are taught in directly."""
    p = random_school(seed)
    p.rooms.append(Room("Annex", 80, virtual=True, real_sets=[["R0", "R1"], ["R2", "R3"]]))
    for c in p.constraints:
        if c.type == "SubjectPreferredRooms" and c.one("Subject") == "Lab":
            c.params["Preferred_Room"] = ["Annex"]
    return p


def test_the_placement_books_the_real_rooms(tmp_path: Path) -> None:
    """Placed whole, such a school keeps every lesson in Annex on two free real rooms (our
    checker and the independent one); a placement that books Annex as a room of its own
    (as it did) leaves some of them without (17 and 6 of 30 when written)."""

    def as_ordinary_room(rules: Rules) -> None:
        rules.virtual = {}

    complete, broken_blind = whole_and_blind(annex, as_ordinary_room, tmp_path)
    assert complete >= 10
    assert broken_blind >= 3


def test_a_real_rooms_grid_and_page_show_the_virtual_rooms_lessons(tmp_path: Path) -> None:
    """As FET's room timetables: room A's grid (on screen, and its printed page) shows the
    lesson of V that takes A, marked with V; the lesson in B does not."""
    import pypdfium2 as pdfium

    from app.scheduling.timetable.pdf import write_timetable_pdf
    from app.scheduling.timetable.views import cell_text, grid

    p = _school(2)
    _room(p, 2, "B")
    week = [Placement(1, 0, 0, "V"), Placement(2, 0, 1, "B")]
    rules = compile_rules(p)
    cells = grid(p, fill(rules, week), "room", "A")
    assert [(c.activity_id, c.through) for row in cells for cell in row for c in cell] == [(1, "V")]
    assert cell_text(cells[0][0][0], "room").splitlines() == ["X", "T1", "S1", "V"]
    assert grid(p, week, "room", "A") == [[[] for _d in p.days] for _h in p.hours]  # no real rooms: none shown
    real = evaluate(rules, week).real_rooms  # the app's page takes them from here
    assert real == {1: ("A", "C")} and grid(p, week, "room", "A", real) == cells
    pdf = tmp_path / "a.pdf"
    write_timetable_pdf(p, week, pdf, kinds=("room",), names=["A"])
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "T1" in text and "T2" not in text


def test_the_time_model_knows_a_virtual_rooms_lessons_take_real_rooms() -> None:
    """Lesson 1 in W (real rooms A and C), lesson 2 in A, both at one time: no timetable,
    and the solve proves it (the time model counts W's lesson in A), rather than running
    out of time on times that leave no rooms."""
    p = _school(2)
    _room(p, 1, "W")
    _room(p, 2, "A")
    p.constraints.append(_c("ActivitiesSameStartingTime", Number_of_Activities=["2"], Activity_Id=["1", "2"]))
    result = solve(p, time_limit=10, workers=1, diagnose_on_failure=False)
    assert result.status == "infeasible"
    _room(p, 2, "B")
    assert solve(p, time_limit=10, workers=1, diagnose_on_failure=False).solved
