"""FET's min resting hours (teachers and students): from the end of a day's last lesson to
the start of the next day's first, at least N hours (the rest of the day and the next
day's first hours, breaks included, as fet-cl 6.8.5 counts them; "circular": from the
week's last day to its first too). Read from FET files, checked (our checker and the
independent one), held by the placement (plain and compiled), the min-conflicts search
and the time model, and FET accepts the timetables we lock."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, solve, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, StudentsSet
from app.scheduling.timetable.place import place_all
from app.scheduling.timetable.rules import compile_rules, rests_broken
from tests.scheduling.rule_checks import (
    fet_cl_on_locked,
    min_conflicts_whole,
    solved_and_checked,
    three_classes,
)
from tests.scheduling.test_timetable_fet import needs_fet
from tests.scheduling.test_timetable_place import _c, random_school, whole_and_blind
from tests.scheduling.timetable_checker import check


def teacher_rest(name: str, hours: int, circular: bool, weight: float = 100):  # type: ignore[no-untyped-def]
    return _c("TeacherMinRestingHours", weight, Teacher_Name=[name], Minimum_Resting_Hours=[str(hours)],
              Circular=["true" if circular else "false"])


def rests(seed: int) -> Problem:
    """A random school (see test_timetable_place) whose teachers rest at least three hours
    between days (a lesson at the last hour means none before the third the next day), one
    of them four around the week's end too, and whose students rest at least two."""
    p = random_school(seed)
    rng = random.Random(f"{seed}: rests")
    p.constraints.append(_c("TeachersMinRestingHours", Minimum_Resting_Hours=["3"], Circular=["false"]))
    p.constraints.append(teacher_rest(rng.choice(p.teachers), 4, True))
    p.constraints.append(_c("StudentsMinRestingHours", Minimum_Resting_Hours=["2"], Circular=["false"]))
    return p


def _one_teacher(where: list[tuple[int, int]], hours: int, circular: bool) -> tuple[Problem, list[Placement]]:
    """One teacher, one lesson per class at the given (day, hour)s, three days of six
    hours, a break at Monday's last hour."""
    p = Problem(name="rest", days=["Mon", "Tue", "Wed"], hours=[str(h) for h in range(1, 7)], subjects=["X"],
                teachers=["T"])
    p.years = [StudentsSet(f"S{k}", "year", 10) for k in range(len(where))]
    p.activities = [Activity(k + 1, ["T"], "X", [f"S{k}"]) for k in range(len(where))]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     _c("BreakTimes", Number_of_Break_Times=["1"], Break_Time=[{"Day": "Mon", "Hour": "6"}]),
                     teacher_rest("T", hours, circular)]
    return p, [Placement(k + 1, d, h, "") for k, (d, h) in enumerate(where)]


# Each case checked with fet-cl 6.8.5 on the same school locked (refused or generated).
@pytest.mark.parametrize(("where", "hours", "circular", "broken"), [
    ([(0, 4), (1, 0)], 1, False, 0),  # Monday's break hour is rest
    ([(0, 4), (1, 0)], 2, False, 1),
    ([(1, 4), (2, 1)], 3, False, 1),  # one hour after, one before: two
    ([(1, 4), (2, 2)], 3, False, 0),
    ([(0, 0), (2, 0)], 6, False, 0),  # Tuesday free: a whole day's rest
    ([(2, 5), (0, 0)], 2, False, 0),  # Wednesday to Monday counts only when circular
    ([(2, 5), (0, 0)], 2, True, 1),
    ([(0, 4), (1, 0), (1, 5), (2, 0)], 2, False, 2),  # each night once
])
def test_the_checker_counts_nights_as_fet_does(where: list[tuple[int, int]], hours: int, circular: bool,
                                               broken: int, tmp_path: Path) -> None:
    p, pls = _one_teacher(where, hours, circular)
    ev = evaluate(compile_rules(p), pls)
    assert sum(v.count for v in ev.hard) == broken, [v.message for v in ev.hard]
    fet = tmp_path / "rest.fet"
    write_fet(p, fet)
    rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], "") for pl in pls]
    assert len(check(fet, rows)) == broken


def test_nights_on_day_masks() -> None:
    assert rests_broken([0b100000, 0b1, 0], 1, 6, False) == [(0, 1, 0)]
    assert rests_broken([0b1, 0, 0b100000], 2, 6, True) == [(2, 0, 0)]
    assert rests_broken([0b1, 0, 0b100000], 2, 6, False) == []
    assert rests_broken([0, 0b1000, 0], 6, 6, True) == []  # one day: no night between days


def test_hard_rules_are_modelled_and_soft_ones_reported() -> None:
    p, _pls = _one_teacher([(0, 0)], 3, False)
    assert coverage(p).complete
    assert [(ld.kind, ld.limit, ld.circular) for ld in compile_rules(p).loads] == [("min_rest", 3, False)]
    p.constraints[-1].weight = 90  # FET accepts this type at 100 % only
    assert coverage(p).not_considered == {"TeacherMinRestingHours": 1}
    assert not compile_rules(p).loads


def test_the_time_model_proves_a_night_too_short_and_solves_a_long_enough_one() -> None:
    """Two days of six hours; one lesson fixed at Monday's last hour, eight more for the
    teacher: a rest of five leaves Tuesday's last hour alone (too few), four two hours."""
    for hours, status in ((5, "infeasible"), (4, "")):
        p, _pls = _one_teacher([(0, 0)] * 8, hours, False)
        p.days = ["Mon", "Tue"]
        p.constraints = p.constraints[:2] + p.constraints[3:]  # no break
        p.constraints.append(_c("ActivityPreferredStartingTime", Activity_Id=["1"], Preferred_Day=["Mon"],
                                Preferred_Hour=["6"], Permanently_Locked=["false"]))
        result = solve(p, time_limit=6, workers=1, diagnose_on_failure=False)
        if status:
            assert result.status == status
        else:
            assert result.solved and result.evaluation is not None and result.evaluation.hard_ok


def test_the_placement_keeps_the_rules(tmp_path: Path) -> None:
    """Schools placed whole keep every rest rule (our checker and the independent one, see
    placed_whole); a placement blind to them breaks them on some of the same schools."""
    complete, broken_blind = whole_and_blind(
        rests, lambda rules: rules.loads.__setitem__(slice(None), [ld for ld in rules.loads if ld.kind != "min_rest"]),
        tmp_path)
    assert complete >= 10 and broken_blind >= 5, (complete, broken_blind)


def test_a_locked_lesson_keeps_the_next_morning_free() -> None:
    """A lesson locked at Monday's fifth hour and a rest of four: Tuesday's first three
    hours are closed to the teacher's other lessons, and all six are placed."""
    p, _pls = _one_teacher([(0, 0)] * 6, 4, False)
    p.days = ["Mon", "Tue"]
    p.constraints.append(_c("ActivityPreferredStartingTime", Activity_Id=["1"], Preferred_Day=["Mon"],
                            Preferred_Hour=["5"], Permanently_Locked=["true"]))
    found = place_all(compile_rules(p), {}, time_limit=0.5, seed=1)
    assert found.starts[1] == 4
    assert not found.unplaced and all(t < 6 or t >= 6 + 3 for t in found.starts.values())


def test_the_min_conflicts_search_counts_them() -> None:
    """A timetable the min-conflicts search calls free of conflicts keeps the rules too."""
    assert min_conflicts_whole(rests) >= 3


def test_a_solve_keeps_the_rules_by_the_independent_checker(tmp_path: Path) -> None:
    assert solved_and_checked(rests, tmp_path) >= 2


def _valid_school(seed: int) -> Problem:
    """Three classes, four teachers, a break (see rule_checks.three_classes); every
    teacher resting at least three hours between days (the first teacher two from Friday
    to Monday too: more would leave fifteen lessons of one teacher no timetable), every
    class two."""
    p = three_classes(seed, "Rests")
    p.constraints += [_c("TeachersMinRestingHours", Minimum_Resting_Hours=["3"], Circular=["false"]),
                      teacher_rest("T1", 2, True),
                      _c("StudentsMinRestingHours", Minimum_Resting_Hours=["2"], Circular=["false"])]
    return p


@needs_fet
def test_fet_accepts_our_locked_timetable_with_rest_rules(tmp_path: Path) -> None:
    """A school with the three kinds of rest rule, solved and locked: fet-cl generates it
    at once, and the independent checker agrees."""
    assert "Simulation successful" in fet_cl_on_locked(_valid_school(1), tmp_path)
