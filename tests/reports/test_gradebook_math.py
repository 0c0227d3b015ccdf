"""Gradebook arithmetic against cases computed by hand (the working is in each comment)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.reports.gradebook import (
    AssignmentDef,
    CategoryDef,
    Mark,
    assignment_average,
    for_term,
    letter_for,
    round_half_up,
    running_grades,
    standards_level,
    student_grade,
    year_grade,
)
from app.reports.policy import SIMPLE_SCALE, GradingPolicy

HW = CategoryDef(1, "Homework", weight=40, drop_lowest=0)
TESTS = CategoryDef(2, "Tests", weight=60)


def a(id_: int, cat: int | None, possible: float = 10, **kw) -> AssignmentDef:  # noqa: ANN003
    return AssignmentDef(id_, f"A{id_}", points_possible=possible, category_id=cat, **kw)


def test_weighted_categories() -> None:
    # Homework: 8/10 + 6/10 = 14/20 = 70 %.  Tests: 45/50 = 90 %.
    # 0.40 * 70 + 0.60 * 90 = 28 + 54 = 82.0 % -> B- (80 <= 82 < 83).
    assignments = [a(1, 1), a(2, 1), a(3, 2, 50)]
    marks = {1: Mark(8), 2: Mark(6), 3: Mark(45)}
    grade = student_grade(assignments, [HW, TESTS], marks, GradingPolicy())
    assert grade.percent == pytest.approx(82.0)
    assert grade.letter == "B-"
    by_name = {c.name: c for c in grade.categories}
    assert by_name["Homework"].percent == pytest.approx(70.0)
    assert by_name["Tests"].percent == pytest.approx(90.0)


def test_weights_renormalise_over_graded_categories() -> None:
    # Only homework graded so far (70 %): the grade is 70 %, not 0.4 * 70 = 28 %.
    assignments = [a(1, 1), a(2, 1), a(3, 2, 50)]
    grade = student_grade(assignments, [HW, TESTS], {1: Mark(8), 2: Mark(6)}, GradingPolicy())
    assert grade.percent == pytest.approx(70.0)
    assert grade.letter == "C-"


def test_total_points_mode() -> None:
    # (8 + 6 + 45) / (10 + 10 + 50) = 59 / 70 = 84.2857 % -> B
    assignments = [a(1, 1), a(2, 1), a(3, 2, 50)]
    marks = {1: Mark(8), 2: Mark(6), 3: Mark(45)}
    grade = student_grade(assignments, [HW, TESTS], marks, GradingPolicy(mode="points"))
    assert grade.percent == pytest.approx(59 / 70 * 100)
    assert grade.letter == "B"


def test_missing_counts_zero_or_is_left_out() -> None:
    # Points mode, 9/10 and a missing 10-pointer.
    # zero:    9 / 20 = 45 %.   exclude: 9 / 10 = 90 %.
    assignments = [a(1, None), a(2, None)]
    marks = {1: Mark(9), 2: Mark(missing=True)}
    zero = student_grade(assignments, [], marks, GradingPolicy(mode="points", missing="zero"))
    left_out = student_grade(assignments, [], marks, GradingPolicy(mode="points", missing="exclude"))
    assert zero.percent == pytest.approx(45.0)
    assert left_out.percent == pytest.approx(90.0)
    assert zero.missing == [2] and left_out.missing == [2]


def test_excused_and_blank_are_left_out() -> None:
    # 7/10 counted; excused and blank 10-pointers ignored -> 70 %.
    assignments = [a(1, None), a(2, None), a(3, None)]
    marks = {1: Mark(7), 2: Mark(excused=True)}
    grade = student_grade(assignments, [], marks, GradingPolicy(mode="points"))
    assert grade.percent == pytest.approx(70.0)
    assert grade.missing == []


def test_late_penalty_is_percent_of_points_possible() -> None:
    # 20-point assignment, 18 earned, late, 10 % penalty: 18 - 0.10 * 20 = 16 -> 80 %.
    # A late 1/20 with the same penalty: 1 - 2 = -1, floored at 0 -> 0 %.
    policy = GradingPolicy(mode="points", late_penalty_percent=10)
    grade = student_grade([a(1, None, 20)], [], {1: Mark(18, late=True)}, policy)
    assert grade.percent == pytest.approx(80.0)
    floored = student_grade([a(1, None, 20)], [], {1: Mark(1, late=True)}, policy)
    assert floored.percent == pytest.approx(0.0)


def test_incomplete_counts_points_entered_or_waits() -> None:
    # Incomplete with 5/10 entered counts 5/10; incomplete with nothing is left out.
    # 5 + 10 = 15 / 20 = 75 %.
    assignments = [a(1, None), a(2, None), a(3, None)]
    marks = {1: Mark(5, incomplete=True), 2: Mark(10), 3: Mark(incomplete=True)}
    grade = student_grade(assignments, [], marks, GradingPolicy(mode="points"))
    assert grade.percent == pytest.approx(75.0)


def test_drop_lowest_picks_the_best_result_not_the_lowest_percent() -> None:
    # Homework drop 1: scores 1/2 (50 %), 90/100 (90 %), 10/20 (50 %).
    # Drop 1/2:  (90 + 10) / 120 = 83.33 %.   Drop 10/20: (1 + 90) / 102 = 89.22 %.
    # Drop 90/100: 11/22 = 50 %.  Best is dropping the 10/20 (id 3), although
    # 1/2 has the same percent: dropping by percent alone would be wrong.
    hw = CategoryDef(1, "Homework", weight=100, drop_lowest=1)
    assignments = [a(1, 1, 2), a(2, 1, 100), a(3, 1, 20)]
    marks = {1: Mark(1), 2: Mark(90), 3: Mark(10)}
    grade = student_grade(assignments, [hw], marks, GradingPolicy())
    assert grade.categories[0].dropped == [3]
    assert grade.percent == pytest.approx(91 / 102 * 100)


def test_drop_lowest_keeps_at_least_one_and_can_drop_a_missing_zero() -> None:
    # Drop 2 with two scores: only one can go. 4/10 and missing (0/10): drop the zero -> 40 %.
    hw = CategoryDef(1, "Homework", weight=100, drop_lowest=2)
    grade = student_grade([a(1, 1), a(2, 1)], [hw], {1: Mark(4), 2: Mark(missing=True)}, GradingPolicy())
    assert grade.categories[0].dropped == [2]
    assert grade.percent == pytest.approx(40.0)


def test_extra_credit_adds_to_earned_only() -> None:
    # Homework 8/10 and 7/10 plus a 3-point extra-credit item (3 earned): (15 + 3) / 20 = 90 %.
    # Tests 40/50 = 80 %. Weighted: 0.4 * 90 + 0.6 * 80 = 36 + 48 = 84 % -> B.
    assignments = [a(1, 1), a(2, 1), a(3, 1, 3, extra_credit=True), a(4, 2, 50)]
    marks = {1: Mark(8), 2: Mark(7), 3: Mark(3), 4: Mark(40)}
    grade = student_grade(assignments, [HW, TESTS], marks, GradingPolicy())
    assert grade.percent == pytest.approx(84.0)
    assert grade.letter == "B"


def test_uncategorised_extra_credit_adds_percent_points_in_weighted_mode() -> None:
    # Tests 40/50 = 80 % (only graded category); 2 bonus points on the grade -> 82 %.
    assignments = [a(1, 2, 50), a(2, None, 2, extra_credit=True)]
    grade = student_grade(assignments, [HW, TESTS], {1: Mark(40), 2: Mark(2)}, GradingPolicy())
    assert grade.percent == pytest.approx(82.0)


def test_letters_with_plus_minus_and_school_rounding() -> None:
    policy = GradingPolicy()
    # 89.95 rounds (half up, 1 decimal) to 90.0 -> A-; 89.94 -> 89.9 -> B+.
    assert round_half_up(89.95, 1) == 90.0
    assert letter_for(89.95, policy) == "A-"
    assert letter_for(89.94, policy) == "B+"
    assert letter_for(97.0, policy) == "A+"
    assert letter_for(59.99, policy) == "D-"  # 59.99 -> 60.0
    assert letter_for(12.0, policy) == "F"
    assert letter_for(None, policy) == ""


def test_custom_cutoffs() -> None:
    # A school with A >= 94, B >= 85, C >= 75, D >= 65 (a common 10-point variant).
    policy = GradingPolicy(scale=[("D", 65), ("A", 94), ("F", 0), ("B", 85), ("C", 75)])
    assert policy.scale[0] == ("A", 94.0)  # sorted highest first
    assert letter_for(93.9, policy) == "B"
    assert letter_for(74.96, policy) == "C"  # 74.96 -> 75.0
    assert letter_for(64.0, policy) == "F"
    assert letter_for(80, GradingPolicy(scale=list(SIMPLE_SCALE))) == "B"


def test_standards_based_marks() -> None:
    # Standard 1 (mean): 3/4 and 4/4 -> (3 + 4) / 2 = 3.5 -> mark 4.
    # Standard 2 (mean): 2/4 and 1/4 -> 1.5 -> mark 2.
    # Overall: (3.5 + 1.5) / 2 = 2.5 -> mark 3.
    s1, s2 = CategoryDef(1, "Reads closely", 50), CategoryDef(2, "Writes arguments", 50)
    assignments = [a(1, 1, 4), a(2, 1, 4), a(3, 2, 4), a(4, 2, 4)]
    marks = {1: Mark(3), 2: Mark(4), 3: Mark(2), 4: Mark(1)}
    grade = student_grade(assignments, [s1, s2], marks, GradingPolicy(standards_based=True))
    assert [c.standards_mark for c in grade.categories] == [3.5, 1.5]
    assert [standards_level(c.standards_mark) for c in grade.categories] == [4, 2]
    assert grade.standards_mark == pytest.approx(2.5)
    assert standards_level(grade.standards_mark) == 3
    # Most recent evidence: standard 2's latest (id 4, due later) is 1/4 -> 1.0.
    dated = [a(3, 2, 4, due_date=dt.date(2026, 9, 1)), a(4, 2, 4, due_date=dt.date(2026, 9, 8))]
    recent = student_grade(dated, [s2], marks, GradingPolicy(standards_based=True, standards_method="recent"))
    assert recent.categories[0].standards_mark == pytest.approx(1.0)


def test_term_and_year_grades() -> None:
    # Term 1: A1 9/10 -> 90 %. Term 2: A2 7/10 -> 70 %. A3 (no term) 10/10 counts in both:
    # term 1 = 19/20 = 95 %, term 2 = 17/20 = 85 %.
    # Year with weights T1 = 1, T2 = 3: (95 + 3 * 85) / 4 = 350 / 4 = 87.5 %.
    assignments = [a(1, None, term_id=1), a(2, None, term_id=2), a(3, None)]
    marks = {1: Mark(9), 2: Mark(7), 3: Mark(10)}
    policy = GradingPolicy(mode="points", term_weights={"2": 3})
    t1 = student_grade(for_term(assignments, [1]), [], marks, policy).percent
    t2 = student_grade(for_term(assignments, [2]), [], marks, policy).percent
    assert t1 == pytest.approx(95.0) and t2 == pytest.approx(85.0)
    assert year_grade({1: t1, 2: t2}, policy) == pytest.approx(87.5)
    assert year_grade({1: None}, policy) is None


def test_assignment_average() -> None:
    # 20-point quiz: 18, 10, missing (zero), excused -> (90 + 50 + 0) / 3 = 46.67 %.
    quiz = a(1, None, 20)
    marks = [Mark(18), Mark(10), Mark(missing=True), Mark(excused=True), None]
    assert assignment_average(quiz, marks, GradingPolicy()) == pytest.approx(140 / 3)
    # Missing left out: (90 + 50) / 2 = 70 %.
    assert assignment_average(quiz, marks, GradingPolicy(missing="exclude")) == pytest.approx(70.0)


def test_running_grades_follow_due_dates() -> None:
    # 1 Sep: 5/10 -> 50 %. 8 Sep: (5 + 10) / 20 = 75 %.
    d1, d2 = dt.date(2026, 9, 1), dt.date(2026, 9, 8)
    assignments = [a(1, None, due_date=d1), a(2, None, due_date=d2)]
    points = running_grades(assignments, [], {1: Mark(5), 2: Mark(10)}, GradingPolicy(mode="points"))
    assert points == [(d1, pytest.approx(50.0)), (d2, pytest.approx(75.0))]


def test_policy_json_round_trip_keeps_unknown_keys() -> None:
    policy = GradingPolicy.from_json({"missing": "exclude", "late_penalty_percent": 5, "future": 1})
    assert policy.missing == "exclude" and policy.late_penalty_percent == 5
    again = GradingPolicy.from_json(policy.to_json())
    assert again == policy and again.to_json()["future"] == 1
    assert GradingPolicy.from_json({}) == GradingPolicy()
    with pytest.raises(ValueError):
        GradingPolicy.from_json({"missing": "half"})


def test_year_student_grade_weights_terms_not_points() -> None:
    # Term 1: one 100-point test, 60/100 -> 60 %. Term 2: one 10-point quiz, 10/10 -> 100 %.
    # Pooled points would be 70/110 = 63.6 %; the year grade averages the terms:
    # (60 + 100) / 2 = 80 % -> B-. With term 2 weighted 3: (60 + 3 * 100) / 4 = 90 % -> A-.
    from app.reports.gradebook import year_student_grade

    assignments = [a(1, None, 100, term_id=1), a(2, None, 10, term_id=2)]
    marks = {1: Mark(60), 2: Mark(10)}
    grade, terms = year_student_grade(assignments, [], marks, GradingPolicy(mode="points"))
    assert terms == {1: pytest.approx(60.0), 2: pytest.approx(100.0)}
    assert grade.percent == pytest.approx(80.0) and grade.letter == "B-"
    weighted, _ = year_student_grade(assignments, [], marks, GradingPolicy(mode="points", term_weights={"2": 3}))
    assert weighted.percent == pytest.approx(90.0) and weighted.letter == "A-"
    single, none = year_student_grade(assignments[:1], [], marks, GradingPolicy(mode="points"))
    assert single.percent == pytest.approx(60.0) and none == {}


@pytest.mark.parametrize("seed", range(6))
def test_trend_percent_agrees_with_student_grade_on_random_gradebooks(seed: int) -> None:
    """The lean trend path and the full grade must never disagree (random classes:
    weights, drops, extra credit, missing, excused, late, both modes)."""
    import random

    from app.reports.gradebook import count_score, percent_only

    rng = random.Random(seed)
    cats = [CategoryDef(i, f"C{i}", weight=rng.choice([0, 10, 25, 40]), drop_lowest=rng.choice([0, 0, 1, 2]))
            for i in range(1, 4)]
    assignments = [
        AssignmentDef(i, f"A{i}", points_possible=rng.choice([5, 10, 20, 100]),
                      category_id=rng.choice([1, 2, 3, None, 99]), extra_credit=rng.random() < 0.1,
                      due_date=dt.date(2026, 9, 1) + dt.timedelta(days=7 * (i // 2)))
        for i in range(1, 16)
    ]
    for mode in ("weighted", "points"):
        policy = GradingPolicy(mode=mode, missing=rng.choice(["zero", "exclude"]), late_penalty_percent=10)
        marks = {}
        for a in assignments:
            roll = rng.random()
            if roll < 0.1:
                marks[a.id] = Mark(missing=True)
            elif roll < 0.15:
                marks[a.id] = Mark(excused=True)
            elif roll < 0.9:
                marks[a.id] = Mark(round(rng.uniform(0, 1.05) * a.points_possible, 1), late=rng.random() < 0.1)
        category_of = {a.id: a.category_id for a in assignments}
        for cut in range(1, len(assignments) + 1):
            prefix = assignments[:cut]
            full = student_grade(prefix, cats, marks, policy).percent
            counted = [c for a in prefix if (c := count_score(a, marks.get(a.id), policy)) is not None]
            lean = percent_only(counted, category_of, cats, policy)
            assert (full is None and lean is None) or lean == pytest.approx(full), (mode, cut)
