"""Gradebook arithmetic: scores and a class policy in, percents, letters and marks out.

Pure functions over plain dataclasses (no database, no Qt), so every rule is testable by
hand. The rules, in the order they apply to one score:

1. Excused: left out entirely. Not yet scored (no points, no flag): left out.
2. Missing: 0 points if the policy says "zero", else left out. A score with points
   entered and the missing flag still set counts as missing (the flag wins) — the
   teacher clears the flag when the work comes in.
3. Incomplete: counts the points entered so far; with no points it is left out.
4. Late: loses ``late_penalty_percent`` of the points possible, never below 0.
5. Extra credit: its points add to the earned side only (of its category, or of the
   total in points mode); uncategorised extra credit in weighted mode adds its points
   straight to the final percent ("2 bonus points on the grade").
6. Drop lowest N per category: the N scores whose removal gives the best category
   percent (exact search, as Canvas does; greedy by percent when the search is huge).
   At least one score always stays.
7. Weighted mode: sum(weight x category percent) / sum(weights of categories that have
   any counted score). Points mode: total earned / total possible.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from app.reports.policy import STANDARDS_LEVELS, GradingPolicy

_EXACT_DROP_LIMIT = 5000  # combinations searched exactly before falling back to greedy


@dataclass(frozen=True)
class CategoryDef:
    id: int
    name: str
    weight: float = 0.0  # percent of the grade
    drop_lowest: int = 0


@dataclass(frozen=True)
class AssignmentDef:
    id: int
    title: str
    points_possible: float = 100.0
    category_id: int | None = None
    due_date: dt.date | None = None
    extra_credit: bool = False
    term_id: int | None = None
    origin: str = "manual"


@dataclass(frozen=True)
class Mark:
    """One student's entry for one assignment (the flags of ``Score``)."""

    points: float | None = None
    missing: bool = False
    late: bool = False
    excused: bool = False
    incomplete: bool = False

    @property
    def is_blank(self) -> bool:
        return self.points is None and not (self.missing or self.excused or self.incomplete)


@dataclass(frozen=True)
class Counted:
    """A score as it counts toward the grade after the policy."""

    assignment_id: int
    earned: float
    possible: float  # 0 for extra credit
    extra_credit: bool = False

    @property
    def percent(self) -> float:
        return 100.0 * self.earned / self.possible if self.possible else 0.0


@dataclass
class CategoryResult:
    category_id: int | None
    name: str
    weight: float
    earned: float = 0.0
    possible: float = 0.0
    percent: float | None = None
    counted: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    standards_mark: float | None = None
    counts: bool = True  # False: weighted mode leaves it out (no category with a weight)


@dataclass
class StudentGrade:
    percent: float | None
    letter: str
    categories: list[CategoryResult]
    missing: list[int]  # assignment ids flagged missing
    earned: float = 0.0
    possible: float = 0.0
    standards_mark: float | None = None

    @property
    def display(self) -> str:
        return self.letter if self.percent is not None else "—"


def round_half_up(value: float, decimals: int = 1) -> float:
    """School rounding (89.95 -> 90.0), not banker's rounding."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def letter_for(percent: float | None, policy: GradingPolicy) -> str:
    if percent is None:
        return ""
    rounded = round_half_up(percent, policy.decimals)
    for letter, cut in policy.scale:
        if rounded >= cut:
            return letter
    return policy.scale[-1][0]


def standards_level(mark: float | None) -> int | None:
    """A 0-4 average to a whole 1-4 mark (3.5 and up is 4, and so on)."""
    if mark is None:
        return None
    for level, cut in STANDARDS_LEVELS:
        if mark >= cut:
            return level
    return 1


def weighted_categories(categories: Sequence[CategoryDef], policy: GradingPolicy) -> set[int]:
    """The categories that count toward a weighted grade (empty: the grade falls back to points)."""
    if policy.mode != "weighted" or policy.standards_based:
        return set()
    return {c.id for c in categories if c.weight > 0}


def not_counted(
    assignments: Sequence[AssignmentDef], categories: Sequence[CategoryDef], policy: GradingPolicy
) -> set[int]:
    """Assignments that cannot change the grade: in weighted mode, once any category has a
    weight, work with no category (or in a category weighted 0) is left out. Uncategorised
    extra credit still adds to the final percent, so it counts. The grid and the report
    say "not counted" for these instead of dropping them silently."""
    weighted = weighted_categories(categories, policy)
    if not weighted:
        return set()
    known = {c.id for c in categories}
    out = set()
    for a in assignments:
        if a.category_id in weighted:
            continue
        if a.extra_credit and a.category_id not in known:
            continue
        out.add(a.id)
    return out


def _mark_not_counted(results: Sequence[CategoryResult], weighted_ids: set[int]) -> None:
    """Once a category has a weight, the others (and work with none) do not count;
    uncategorised extra credit alone (no points possible) still adds its bonus."""
    if not weighted_ids:
        return
    for r in results:
        r.counts = r.category_id in weighted_ids or (r.category_id is None and not r.possible)


def count_score(assignment: AssignmentDef, mark: Mark | None, policy: GradingPolicy) -> Counted | None:
    """How one score counts, or None if it is left out (rules 1-5 of the module doc)."""
    if mark is None or mark.excused:
        return None
    possible = 0.0 if assignment.extra_credit else float(assignment.points_possible)
    if mark.missing:
        if policy.missing == "exclude" or assignment.extra_credit:
            return None
        return Counted(assignment.id, 0.0, possible)
    if mark.points is None:
        return None  # blank, or incomplete with nothing entered yet
    earned = float(mark.points)
    if mark.late and policy.late_penalty_percent:
        earned = max(0.0, earned - policy.late_penalty_percent / 100.0 * assignment.points_possible)
    return Counted(assignment.id, earned, possible, assignment.extra_credit)


def _ratio(items: Iterable[Counted]) -> tuple[float, float]:
    earned = possible = 0.0
    for item in items:
        earned += item.earned
        possible += item.possible
    return earned, possible


def choose_drops(regular: Sequence[Counted], extra: Sequence[Counted], n: int) -> list[Counted]:
    """The ``n`` regular scores whose removal leaves the best percent (at least one stays)."""
    n = min(n, len(regular) - 1)
    if n <= 0:
        return []
    extra_earned = sum(item.earned for item in extra)
    earned_all, possible_all = _ratio(regular)

    def kept_percent(dropped: Sequence[Counted]) -> float:
        possible = possible_all - sum(d.possible for d in dropped)
        if possible <= 0:
            return -math.inf
        return (earned_all - sum(d.earned for d in dropped) + extra_earned) / possible

    if math.comb(len(regular), n) <= _EXACT_DROP_LIMIT:
        best = max(itertools.combinations(regular, n), key=kept_percent)
        return list(best)
    return sorted(regular, key=lambda item: item.percent)[:n]


def _standards_value(items: Sequence[Counted], assignments: Mapping[int, AssignmentDef], method: str) -> float | None:
    regular = [item for item in items if item.possible]
    if not regular:
        return None
    on_four = [(assignments[item.assignment_id], 4.0 * item.earned / item.possible) for item in regular]
    if method == "highest":
        return max(value for _a, value in on_four)
    if method == "recent":
        dated = sorted(on_four, key=lambda pair: (pair[0].due_date or dt.date.min, pair[0].id))
        return dated[-1][1]
    return sum(value for _a, value in on_four) / len(on_four)


def student_grade(
    assignments: Sequence[AssignmentDef],
    categories: Sequence[CategoryDef],
    marks: Mapping[int, Mark],
    policy: GradingPolicy,
    with_letter: bool = True,
) -> StudentGrade:
    """One student's grade for the given assignments (filter by term beforehand)."""
    missing = [
        a.id for a in assignments
        if (mark := marks.get(a.id)) is not None and mark.missing and not mark.excused
    ]
    scored = [(a, count_score(a, marks.get(a.id), policy)) for a in assignments]
    return _grade(scored, categories, policy, missing, with_letter)


def _grade(
    scored: Sequence[tuple[AssignmentDef, Counted | None]],
    categories: Sequence[CategoryDef],
    policy: GradingPolicy,
    missing: list[int],
    with_letter: bool,
) -> StudentGrade:
    by_id = {a.id: a for a, _c in scored}
    known = {c.id for c in categories}
    groups: dict[int | None, list[Counted]] = {c.id: [] for c in categories}
    groups.setdefault(None, [])
    for assignment, counted in scored:
        if counted is None:
            continue
        key = assignment.category_id if assignment.category_id in known else None
        groups[key].append(counted)

    results: list[CategoryResult] = []
    all_kept: list[Counted] = []
    uncategorised_bonus = 0.0
    names = {c.id: c for c in categories}
    for key, items in groups.items():
        cat = names.get(key) if key is not None else None
        result = CategoryResult(
            key, cat.name if cat else "", cat.weight if cat else 0.0
        )
        regular = [item for item in items if not item.extra_credit]
        extra = [item for item in items if item.extra_credit]
        if key is None and policy.mode == "weighted":
            uncategorised_bonus = sum(item.earned for item in extra)
            extra = []
        dropped = choose_drops(regular, extra, cat.drop_lowest if cat else 0)
        dropped_ids = {id(item) for item in dropped}
        kept = [item for item in regular if id(item) not in dropped_ids] + extra
        result.dropped = [item.assignment_id for item in dropped]
        result.counted = [item.assignment_id for item in kept]
        result.earned, result.possible = _ratio(kept)
        if result.possible:
            result.percent = 100.0 * result.earned / result.possible
        if policy.standards_based:
            result.standards_mark = _standards_value(kept, by_id, policy.standards_method)
        all_kept.extend(kept)
        if key is not None or items:
            results.append(result)

    earned, possible = _ratio(all_kept)
    weighted_ids = weighted_categories(categories, policy)
    _mark_not_counted(results, weighted_ids)
    percent: float | None
    if policy.mode == "points":
        percent = 100.0 * earned / possible if possible else None
    else:
        weighted = [r for r in results if r.category_id is not None and r.percent is not None and r.weight > 0]
        total_weight = sum(r.weight for r in weighted)
        if total_weight:
            percent = sum(r.weight * (r.percent or 0.0) for r in weighted) / total_weight
            percent += uncategorised_bonus
        elif possible and not weighted_ids:
            # No weights set yet: fall back to total points rather than showing nothing.
            percent = 100.0 * earned / possible + uncategorised_bonus
        else:
            percent = None
    standards: float | None = None
    if policy.standards_based:
        values = [r.standards_mark for r in results if r.standards_mark is not None]
        standards = sum(values) / len(values) if values else None
    return StudentGrade(
        percent=percent,
        letter=letter_for(percent, policy) if with_letter else "",
        categories=results,
        missing=missing,
        earned=earned,
        possible=possible,
        standards_mark=standards,
    )


def assignment_average(
    assignment: AssignmentDef, marks: Iterable[Mark | None], policy: GradingPolicy
) -> float | None:
    """The class average on one assignment, in percent of its points possible."""
    percents = []
    for mark in marks:
        counted = count_score(assignment, mark, policy)
        if counted is None or not assignment.points_possible:
            continue
        percents.append(100.0 * counted.earned / assignment.points_possible)
    return sum(percents) / len(percents) if percents else None


def for_term(assignments: Iterable[AssignmentDef], term_ids: Iterable[int] | None) -> list[AssignmentDef]:
    """The assignments of some terms (``None`` = all); an assignment without a term counts in all."""
    if term_ids is None:
        return list(assignments)
    wanted = set(term_ids)
    return [a for a in assignments if a.term_id is None or a.term_id in wanted]


def year_grade(term_percents: Mapping[int, float | None], policy: GradingPolicy) -> float | None:
    """The year grade from term grades, weighted by ``policy.term_weights`` (default 1)."""
    total = weight_sum = 0.0
    for term_id, percent in term_percents.items():
        if percent is None:
            continue
        weight = float(policy.term_weights.get(str(term_id), 1.0))
        total += weight * percent
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def running_grades(
    assignments: Sequence[AssignmentDef],
    categories: Sequence[CategoryDef],
    marks: Mapping[int, Mark],
    policy: GradingPolicy,
) -> list[tuple[dt.date, float]]:
    """The grade as it stood after each due date with a score: the points of a trend chart."""
    # Each score is counted once; only the totals are redone per date.
    scored = [(a, count_score(a, marks.get(a.id), policy)) for a in assignments if a.due_date is not None]
    dated = sorted({a.due_date for a, counted in scored if counted is not None and a.due_date is not None})
    points: list[tuple[dt.date, float]] = []
    for day in dated:
        so_far = [c for a, c in scored if c is not None and a.due_date is not None and a.due_date <= day]
        percent = percent_only(so_far, {a.id: a.category_id for a, _c in scored}, categories, policy)
        if percent is not None:
            points.append((day, percent))
    return points


def percent_only(
    counted: Sequence[Counted],
    category_of: Mapping[int, int | None],
    categories: Sequence[CategoryDef],
    policy: GradingPolicy,
) -> float | None:
    """The grade percent alone, by the same rules as ``student_grade`` but without the
    breakdown: the trend chart asks for it once per due date for every student, so it is
    kept lean. ``tests/reports/test_gradebook_math.py`` checks it agrees with
    ``student_grade`` on random gradebooks."""
    by_id = {c.id: c for c in categories}
    regular: dict[int | None, list[Counted]] = {}
    extra: dict[int | None, float] = {}
    for item in counted:
        key = category_of.get(item.assignment_id)
        key = key if key in by_id else None
        if item.extra_credit:
            extra[key] = extra.get(key, 0.0) + item.earned
        else:
            regular.setdefault(key, []).append(item)
    bonus = 0.0
    if policy.mode == "weighted":
        bonus = extra.pop(None, 0.0)
    total_earned = total_possible = 0.0
    weighted_sum = weight_sum = 0.0
    for key in set(regular) | set(extra):
        items = regular.get(key, [])
        extra_earned = extra.get(key, 0.0)
        cat = by_id.get(key) if key is not None else None
        if cat is not None and cat.drop_lowest and len(items) > 1:
            # The category's extra credit takes part in choosing the best drops, as in _grade.
            drops = choose_drops(items, [Counted(-1, extra_earned, 0.0, True)] if extra_earned else [],
                                 cat.drop_lowest)
            gone = {id(d) for d in drops}
            items = [item for item in items if id(item) not in gone]
        earned = sum(item.earned for item in items) + extra_earned
        possible = sum(item.possible for item in items)
        total_earned += earned
        total_possible += possible
        if cat is not None and possible and cat.weight > 0:
            weighted_sum += cat.weight * 100.0 * earned / possible
            weight_sum += cat.weight
    if policy.mode == "points":
        return 100.0 * total_earned / total_possible if total_possible else None
    if weight_sum:
        return weighted_sum / weight_sum + bonus
    if total_possible and not any(c.weight > 0 for c in categories):
        return 100.0 * total_earned / total_possible + bonus
    return None


def year_student_grade(
    assignments: Sequence[AssignmentDef],
    categories: Sequence[CategoryDef],
    marks: Mapping[int, Mark],
    policy: GradingPolicy,
) -> tuple[StudentGrade, dict[int, float | None]]:
    """The year grade when a class spans several terms: each term graded on its own, then
    weighted by ``policy.term_weights`` (not one pool of points). Also returns the term
    grades. Assignments without a term count in every term; with one term or none this
    is ``student_grade``."""
    term_ids = sorted({a.term_id for a in assignments if a.term_id is not None})
    pooled = student_grade(assignments, categories, marks, policy)
    if len(term_ids) < 2:
        return pooled, {}
    by_term = {
        term_id: student_grade(for_term(assignments, [term_id]), categories, marks, policy).percent
        for term_id in term_ids
    }
    percent = year_grade(by_term, policy)
    pooled.percent = percent
    pooled.letter = letter_for(percent, policy)
    return pooled, by_term
