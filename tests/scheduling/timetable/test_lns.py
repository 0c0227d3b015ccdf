"""Large-neighbourhood search around a timetable (lns.py): it never makes the penalty
worse, never breaks a hard rule (by the checker and by the independent checker that
reads the written files), keeps locked lessons where they are, stops at its deadline
and on cancel, and finds the better timetable where one is known to exist."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from app.scheduling.timetable import (
    Activity,
    Constraint,
    Placement,
    Problem,
    StudentsSet,
    solve,
    write_csv,
    write_fet,
)
from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.generate import generate_school
from app.scheduling.timetable.lns import LnsResult, improve_lns
from app.scheduling.timetable.place import place_all
from app.scheduling.timetable.rules import compile_rules
from app.scheduling.timetable.solver import _Build, _placements, assign_rooms
from tests.scheduling.test_timetable_penalty import random_school, random_timetable
from tests.scheduling.timetable_checker import check, read_rows


def run_lns(p: Problem, placements: list[Placement], seconds: float, locks: dict[int, Placement] | None = None,
            **kw: object) -> tuple[LnsResult, list[tuple[list[Placement], Evaluation]]]:
    rules = compile_rules(p)
    locks = locks or {}
    build = _Build(rules, locks, symmetry=False)
    build.minimize()
    seen: list[tuple[list[Placement], Evaluation]] = []
    out = improve_lns(build, locks, placements, evaluate(rules, placements), assign_rooms,
                      deadline=time.monotonic() + seconds,
                      on_better=lambda pl, ev: seen.append((pl, ev)), **kw)  # type: ignore[arg-type]
    return out, seen


def independently_valid(p: Problem, placements: list[Placement], tmp_path: Path) -> list[str]:
    fet, csv = tmp_path / "school.fet", tmp_path / "result.csv"
    write_fet(p, fet)
    write_csv(p, placements, csv)
    return check(fet, read_rows(csv))


def spread_school() -> tuple[Problem, list[Placement]]:
    """Three lessons that want different days, a teacher who wants Mondays off, and a
    timetable that puts all three on Monday: 0 is reachable, the start costs 3×95 + 3×50."""
    p = Problem(name="Spread", days=["Mon", "Tue", "Wed", "Thu", "Fri"], hours=["1", "2", "3", "4"])
    p.teachers, p.subjects = ["T1", "T2"], ["Math", "Art"]
    p.groups = [StudentsSet("G1", "group", 20)]
    p.activities = [Activity(i, ["T1"], "Math", ["G1"], group_id=1) for i in (1, 2, 3)]
    p.activities.append(Activity(4, ["T2"], "Art", ["G1"]))
    p.constraints = [
        Constraint("MinDaysBetweenActivities", 95, params={"Activity_Id": ["1", "2", "3"], "MinDays": ["1"],
                                                              "Consecutive_If_Same_Day": ["false"]}),
        Constraint("TeacherNotAvailableTimes", 50, params={
            "Teacher": ["T1"], "Not_Available_Time": [{"Day": "Mon", "Hour": h} for h in p.hours]}),
    ]
    start = [Placement(1, 0, 0), Placement(2, 0, 1), Placement(3, 0, 2), Placement(4, 0, 3)]
    return p, start


def test_finds_the_known_better_timetable_and_proves_it(tmp_path: Path) -> None:
    p, start = spread_school()
    rules = compile_rules(p)
    assert evaluate(rules, start).penalty == 3 * 95 + 3 * 50
    out, seen = run_lns(p, start, 20)
    assert out.evaluation.penalty == 0
    assert out.proven or out.evaluation.penalty == 0
    assert seen and seen[-1][1].penalty == 0
    assert evaluate(rules, out.placements).hard_ok
    assert independently_valid(p, out.placements, tmp_path) == []


@pytest.mark.parametrize("seed", range(12))
def test_never_worse_never_breaks_a_hard_rule(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    p = random_school(rng)
    start = random_timetable(p, rng)
    rules = compile_rules(p)
    before = evaluate(rules, start)
    out, seen = run_lns(p, start, 3, seed=seed)
    penalties = [before.penalty] + [ev.penalty for _pl, ev in seen]
    assert all(b < a for a, b in zip(penalties, penalties[1:], strict=False)), penalties
    assert out.evaluation.penalty <= before.penalty
    for placements, ev in [*seen, (out.placements, out.evaluation)]:
        again = evaluate(rules, placements)  # what was reported is what the checker says
        assert again.hard_ok and again.penalty == ev.penalty
        assert sorted(pl.activity_id for pl in placements) == sorted(a.id for a in p.activities)
    assert independently_valid(p, out.placements, tmp_path) == []


def test_locked_lessons_stay_where_they_are() -> None:
    p, start = spread_school()
    locks = {1: Placement(1, 0, 0, locked=True), 2: Placement(2, 0, 1, locked=True)}
    start = [locks.get(pl.activity_id, pl) for pl in start]
    out, _seen = run_lns(p, start, 10, locks=locks)
    where = {pl.activity_id: (pl.day, pl.hour) for pl in out.placements}
    assert where[1] == (0, 0) and where[2] == (0, 1)
    # Only lesson 3 could leave Monday: 1 pair too close and 2 Monday hours remain.
    assert out.evaluation.penalty == 95 + 2 * 50


def _generated() -> tuple[Problem, list[Placement]]:
    p = generate_school(12, 150, seed=3)
    rules = compile_rules(p)
    placed = place_all(rules, {}, time_limit=30)
    assert not placed.unplaced
    return p, _placements(p, placed.starts, placed.rooms, {})


def test_stops_at_its_deadline() -> None:
    p, start = _generated()
    t0 = time.monotonic()
    out, _seen = run_lns(p, start, 1.5)
    assert time.monotonic() - t0 < 1.5 + 1.0
    assert out.neighbourhoods >= 1
    assert evaluate(compile_rules(p), out.placements).hard_ok


def test_cancel_stops_it_and_keeps_the_best() -> None:
    p, start = _generated()
    t0 = time.monotonic()
    out, _seen = run_lns(p, start, 60, cancelled=lambda: time.monotonic() - t0 > 0.8)
    # On a fast machine the search may prove the best timetable before the cancel comes.
    assert out.cancelled or out.proven
    assert time.monotonic() - t0 < 0.8 + 1.5
    rules = compile_rules(p)
    assert evaluate(rules, out.placements).hard_ok
    assert out.evaluation.penalty <= evaluate(rules, start).penalty


def test_a_cancel_before_the_first_round_keeps_the_start() -> None:
    p, start = _generated()
    t0 = time.monotonic()
    out, seen = run_lns(p, start, 60, cancelled=lambda: True)
    assert out.cancelled and not out.proven and not seen
    assert time.monotonic() - t0 < 1.5
    assert out.evaluation.penalty == evaluate(compile_rules(p), start).penalty


def test_solve_reports_each_better_timetable_live() -> None:
    """Through solve(): the first timetable, then every improvement, ending at the result."""
    p, _start = spread_school()
    seen: list[int] = []
    result = solve(p, time_limit=10, workers=1, on_solution=lambda pen, _s: seen.append(pen))
    assert result.solved and result.penalty == 0
    assert seen and seen[-1] == 0
    assert all(b <= a for a, b in zip(seen, seen[1:], strict=False))


def test_cancel_during_improvement_keeps_the_best_timetable() -> None:
    """Cancel once a first timetable is shown: solve() stops soon and returns the best so far."""
    p, _start = _generated()
    seen: list[int] = []
    t_first: list[float] = []

    def on_solution(penalty: int, _seconds: float) -> None:
        seen.append(penalty)
        t_first.append(time.monotonic())

    result = solve(p, time_limit=120, workers=1, on_solution=on_solution,
                   cancelled=lambda: bool(t_first) and time.monotonic() - t_first[0] > 1.0)
    assert result.solved and result.evaluation is not None and result.evaluation.hard_ok
    assert result.wall_s < 60
    assert result.penalty == min(seen) == evaluate(compile_rules(p), result.placements).penalty


def test_presolve_choice_follows_the_cheaper_way() -> None:
    from app.scheduling.timetable.lns import _Presolve

    learner = _Presolve(random.Random(1))
    # Each way is tried once before choosing.
    assert learner.pick() is False
    learner.record(False, 0.5, 50, True)  # 0.01 s per lesson without presolve
    assert learner.pick() is True
    learner.record(True, 2.0, 50, False)  # ran out of time with it
    picks = [learner.pick() for _ in range(200)]
    assert picks.count(False) > 150
    for _ in range(10):
        learner.record(True, 0.1, 50, True)  # presolve became much cheaper
    assert [learner.pick() for _ in range(200)].count(True) > 150
