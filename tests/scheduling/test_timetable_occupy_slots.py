"""FET's "activities occupy max time slots from selection": the lessons listed together
take at most N of the selected slots (a slot counts once however many of them are in
it). Read from FET files, checked (our checker and the independent one), held by the
placement (plain and compiled), the min-conflicts search and the time model, and FET
accepts the timetables we lock."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, read_fet, solve, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.fet import write_csv
from app.scheduling.timetable.model import Activity, StudentsSet
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.rule_checks import min_conflicts_whole, solved_and_checked
from tests.scheduling.test_timetable_fet import FET_EXAMPLES, _fet_cl, needs_fet
from tests.scheduling.test_timetable_place import _c, random_school, whole_and_blind
from tests.scheduling.timetable_checker import check, read_rows

TYPE = "ActivitiesOccupyMaxTimeSlotsFromSelection"


def occupy(ids: list[int], slots: list[tuple[str, str]], limit: int, weight: float = 100):  # type: ignore[no-untyped-def]
    return _c(TYPE, weight, Number_of_Activities=[str(len(ids))], Activity_Id=[str(i) for i in ids],
              Number_of_Selected_Time_Slots=[str(len(slots))],
              Selected_Time_Slot=[{"Selected_Day": d, "Selected_Hour": h} for d, h in slots],
              Max_Number_of_Occupied_Time_Slots=[str(limit)])


def selection(seed: int) -> Problem:
    """A random school (see test_timetable_place) with two such rules: five of its lessons
    take at most two of the days' last hours; a teacher's lessons at most three hours of
    Monday and Tuesday."""
    p = random_school(seed)
    rng = random.Random(f"{seed}: selected slots")
    ids = [a.id for a in p.activities]
    last = [(d, p.hours[-1]) for d in p.days]
    p.constraints.append(occupy(rng.sample(ids, 5), last, 2))
    teacher = rng.choice(p.teachers)
    mine = [a.id for a in p.activities if teacher in a.teachers]
    early = [(d, h) for d in p.days[:2] for h in p.hours]
    if mine:
        p.constraints.append(occupy(mine, early, 3))
    return p


def _three_lessons(limit: int) -> Problem:
    """One teacher, three one-hour lessons (each its own class), two days of three hours;
    the three may take at most ``limit`` of the six slots."""
    p = Problem(name="three", days=["Mon", "Tue"], hours=["1", "2", "3"], subjects=["X"], teachers=["T"])
    p.years = [StudentsSet(f"S{i}", "year", 10) for i in (1, 2, 3)]
    p.activities = [Activity(i, ["T"], "X", [f"S{i}"]) for i in (1, 2, 3)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     occupy([1, 2, 3], [(d, h) for d in p.days for h in p.hours], limit)]
    return p


def test_a_slot_counts_once_and_the_checker_names_the_slots() -> None:
    p = _three_lessons(2)
    p.activities[2].teachers = ["U"]  # lesson 3 may share a slot with lesson 1
    p.teachers.append("U")
    rules = compile_rules(p)
    assert len(rules.occupy) == 1 and rules.occupy[0].limit == 2
    shared = [Placement(1, 0, 0, ""), Placement(2, 0, 1, ""), Placement(3, 0, 0, "")]
    assert evaluate(rules, shared).hard_ok
    spread = [Placement(1, 0, 0, ""), Placement(2, 0, 1, ""), Placement(3, 1, 2, "")]
    [v] = evaluate(rules, spread).hard
    assert v.activity_ids == [1, 2, 3] and "Tue 3" in v.message


def test_hard_rules_are_modelled_and_soft_ones_reported() -> None:
    p = _three_lessons(2)
    assert coverage(p).complete
    p.constraints[-1].weight = 90  # FET accepts this type at 100 % only
    assert coverage(p).not_considered == {TYPE: 1}
    assert not compile_rules(p).occupy


def test_the_time_model_proves_too_few_slots_and_solves_enough() -> None:
    """Three lessons of one teacher need three slots: with two allowed no timetable
    exists, and the solver proves it rather than timing out; with three it solves."""
    assert solve(_three_lessons(2), time_limit=4, workers=1, diagnose_on_failure=False).status == "infeasible"
    result = solve(_three_lessons(3), time_limit=10, workers=1, diagnose_on_failure=False)
    assert result.solved and result.coverage.complete and result.evaluation is not None
    assert result.evaluation.hard_ok


def test_the_placement_keeps_the_rules(tmp_path: Path) -> None:
    """Schools placed whole keep both rules (our checker and the independent one, see
    placed_whole); a placement blind to them breaks them on some of the same schools."""
    complete, broken_blind = whole_and_blind(selection, lambda rules: rules.occupy.clear(), tmp_path)
    assert complete >= 10 and broken_blind >= 3, (complete, broken_blind)


def test_the_min_conflicts_search_counts_them() -> None:
    """A timetable the min-conflicts search calls free of conflicts keeps the rules too."""
    assert min_conflicts_whole(selection) >= 3


def test_a_solve_keeps_the_rules_by_the_independent_checker(tmp_path: Path) -> None:
    assert solved_and_checked(selection, tmp_path) >= 2


@needs_fet
def test_fet_accepts_our_locked_timetable_with_selected_slots(tmp_path: Path) -> None:
    """FET's IB school in the Emirates (16 such rules): modelled whole, solved, and our
    locked timetable generated by fet-cl at once."""
    matches = sorted(FET_EXAMPLES.rglob("IBDP-School-2016.fet"))
    if not matches or shutil.which("fet-cl") is None:
        pytest.skip("IBDP-School-2016.fet is not in this fet-data")
    problem = read_fet(matches[0])
    assert coverage(problem).complete and len(compile_rules(problem).occupy) == 16
    result = solve(problem, time_limit=15, workers=2)
    assert result.solved and result.evaluation is not None and result.evaluation.hard_ok
    csv = tmp_path / "out.csv"
    write_csv(problem, result.placements, csv)
    assert check(matches[0], read_rows(csv)) == []
    locked = tmp_path / "locked.fet"
    write_fet(problem, locked, result.placements, lock_all=True)
    assert "Simulation successful" in _fet_cl(locked, tmp_path / "out", seconds=30)
