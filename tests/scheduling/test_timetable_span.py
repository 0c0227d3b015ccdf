"""FET's max span per day (teachers and students): from the first lesson of a day to the
end of its last, breaks and not-available hours inside included, at most N hours; a
teacher's rule may let one day a week be an hour longer. Read from FET files, checked
(our checker and the independent one), held by the placement (plain and compiled), the
min-conflicts search and the time model, and FET accepts the timetables we lock."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.scheduling.timetable import Placement, Problem, solve, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.model import Activity, StudentsSet
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.rule_checks import (
    fet_cl_on_locked,
    min_conflicts_whole,
    solved_and_checked,
    three_classes,
)
from tests.scheduling.test_timetable_fet import needs_fet
from tests.scheduling.test_timetable_place import _c, random_school, whole_and_blind
from tests.scheduling.timetable_checker import check


def teacher_span(name: str, span: int, plus_one: bool, weight: float = 100):  # type: ignore[no-untyped-def]
    return _c("TeacherMaxSpanPerDay", weight, Teacher_Name=[name], Max_Span=[str(span)],
              Allow_One_Day_Exception_of_Plus_One=["true" if plus_one else "false"])


def spans(seed: int) -> Problem:
    """A random school (see test_timetable_place) whose teachers' days span at most four
    hours, one day a week five (FET's German example has such rules for 13 teachers), and
    whose students' days span at most five hours."""
    p = random_school(seed)
    rng = random.Random(f"{seed}: spans")
    p.constraints.append(_c("TeachersMaxSpanPerDay", Max_Span=["4"], Allow_One_Day_Exception_of_Plus_One=["true"]))
    p.constraints.append(teacher_span(rng.choice(p.teachers), 3, False))
    p.constraints.append(_c("StudentsMaxSpanPerDay", Max_Span=["5"]))
    return p


def _one_teacher(where: list[tuple[int, int]], span: int, plus_one: bool) -> tuple[Problem, list[Placement]]:
    """One teacher, one lesson per class at the given (day, hour)s, two days of six hours."""
    p = Problem(name="span", days=["Mon", "Tue"], hours=[str(h) for h in range(1, 7)], subjects=["X"],
                teachers=["T"])
    p.years = [StudentsSet(f"S{k}", "year", 10) for k in range(len(where))]
    p.activities = [Activity(k + 1, ["T"], "X", [f"S{k}"]) for k in range(len(where))]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     _c("BreakTimes", Number_of_Break_Times=["1"], Break_Time=[{"Day": "Mon", "Hour": "2"}]),
                     teacher_span("T", span, plus_one)]
    return p, [Placement(k + 1, d, h, "") for k, (d, h) in enumerate(where)]


@pytest.mark.parametrize(("where", "span", "plus_one", "broken"), [
    ([(0, 0), (0, 2)], 3, False, 0),  # hours 1-3: three hours
    ([(0, 0), (0, 3)], 3, False, 1),  # hours 1-4: four, the break inside counts (as fet-cl 6.8.5)
    ([(0, 0), (0, 3)], 3, True, 0),  # one day may be an hour longer
    ([(0, 0), (0, 3), (1, 0), (1, 3)], 3, True, 1),  # but only one
    ([(0, 0), (0, 4)], 3, True, 1),  # and only one hour
])
def test_the_checker_counts_days_as_fet_does(where: list[tuple[int, int]], span: int, plus_one: bool,
                                             broken: int, tmp_path: Path) -> None:
    p, pls = _one_teacher(where, span, plus_one)
    ev = evaluate(compile_rules(p), pls)
    assert sum(v.count for v in ev.hard) == broken, [v.message for v in ev.hard]
    fet = tmp_path / "span.fet"
    write_fet(p, fet)
    rows = [(pl.activity_id, p.days[pl.day], p.hours[pl.hour], "") for pl in pls]
    assert bool(check(fet, rows)) == bool(broken)


def test_hard_rules_are_modelled_and_soft_ones_reported() -> None:
    p, _pls = _one_teacher([(0, 0)], 3, False)
    assert coverage(p).complete
    assert [ld.kind for ld in compile_rules(p).loads] == ["max_span"]
    p.constraints[-1].weight = 90  # FET accepts this type at 100 % only
    assert coverage(p).not_considered == {"TeacherMaxSpanPerDay": 1}
    assert not compile_rules(p).loads


def test_the_time_model_proves_a_day_too_short_and_solves_a_long_enough_one() -> None:
    """Four lessons of one teacher on one day of six hours, one of them fixed at the first
    hour and one at the last: a span of five cannot hold, six can."""
    for span, status in ((5, "infeasible"), (6, "")):
        p, _pls = _one_teacher([(0, 0)] * 4, span, False)
        p.days = ["Mon"]
        p.constraints = p.constraints[:2] + p.constraints[3:]  # no break
        p.constraints += [_c("ActivityPreferredStartingTime", Activity_Id=["1"], Preferred_Day=["Mon"],
                             Preferred_Hour=["1"], Permanently_Locked=["false"]),
                          _c("ActivityPreferredStartingTime", Activity_Id=["2"], Preferred_Day=["Mon"],
                             Preferred_Hour=["6"], Permanently_Locked=["false"])]
        result = solve(p, time_limit=6, workers=1, diagnose_on_failure=False)
        if status:
            assert result.status == status
        else:
            assert result.solved and result.evaluation is not None and result.evaluation.hard_ok


def test_the_placement_keeps_the_rules(tmp_path: Path) -> None:
    """Schools placed whole keep the rules (our checker and the independent one, see
    placed_whole); a placement blind to them breaks them on some of the same schools."""

    def blind(rules) -> None:  # type: ignore[no-untyped-def]
        rules.loads[:] = [ld for ld in rules.loads if ld.kind != "max_span"]

    complete, broken_blind = whole_and_blind(spans, blind, tmp_path)
    assert complete >= 10 and broken_blind >= 3, (complete, broken_blind)


def test_the_min_conflicts_search_counts_them() -> None:
    """A timetable the min-conflicts search calls free of conflicts keeps the rules too."""
    assert min_conflicts_whole(spans) >= 3


def test_a_solve_keeps_the_rules_by_the_independent_checker(tmp_path: Path) -> None:
    assert solved_and_checked(spans, tmp_path) >= 2


def _valid_school(seed: int) -> Problem:
    """Three classes, four teachers, a break (see rule_checks.three_classes); every
    teacher's day at most four hours long (one day five; the first teacher's every day),
    every class's at most five."""
    p = three_classes(seed, "Spans")
    p.constraints += [_c("TeachersMaxSpanPerDay", Max_Span=["4"], Allow_One_Day_Exception_of_Plus_One=["true"]),
                      teacher_span("T1", 4, False), _c("StudentsMaxSpanPerDay", Max_Span=["5"])]
    return p


@needs_fet
def test_fet_accepts_our_locked_timetable_with_span_rules(tmp_path: Path) -> None:
    """A school with the three kinds of span rule, solved and locked: fet-cl generates it
    at once, and the independent checker agrees."""
    assert "Simulation successful" in fet_cl_on_locked(_valid_school(1), tmp_path)
