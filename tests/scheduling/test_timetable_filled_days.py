"""Daily-hours rules of someone whose days have no gap and no late start: a day's hours
count with the holes they will have to fill.

A class with no gaps and no late start that has a lesson at the fifth hour will have
lessons at the four hours before it, so for "at most five hours a day" and "at least four
hours a day" that day already counts five. FET's generator counts a day so; placing
without it, the search fills days it can never finish (FET's Italian example
simpler-Italian: 8-21 s to a first timetable, 0.1-0.3 s with it). Both placers, the
plain-Python one and the kernel's loop, are checked on the same hand-made moves.
"""

from __future__ import annotations

from app.scheduling.timetable import Problem, StudentsSet
from app.scheduling.timetable import kernel as k
from app.scheduling.timetable.model import Activity
from app.scheduling.timetable.place import Placer
from app.scheduling.timetable.rules import FILLED_FROM_START, FILLED_HOLES, compile_rules
from tests.scheduling.test_timetable_place import _c

H = 6


def _class(*rules: tuple[str, dict[str, list[str]]], lessons: int = 8) -> Problem:
    """One class, two days of six hours, one-hour lessons each with its own teacher."""
    p = Problem(name="filled", days=["Mon", "Tue"], hours=[str(h) for h in range(1, H + 1)], subjects=["X"],
                teachers=[f"T{n}" for n in range(lessons)])
    p.years = [StudentsSet("C", "year", 10)]
    p.activities = [Activity(n + 1, [f"T{n}"], "X", ["C"]) for n in range(lessons)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True)]
    p.constraints += [_c(ctype, **params) for ctype, params in rules]
    return p


NO_GAPS = ("StudentsMaxGapsPerWeek", {"Max_Gaps": ["0"]})
EARLY = ("StudentsEarlyMaxBeginningsAtSecondHour", {"Max_Beginnings_At_Second_Hour": ["0"]})
MAX_3 = ("StudentsMaxHoursDaily", {"Maximum_Hours_Daily": ["3"]})
MIN_2 = ("StudentsMinHoursDaily", {"Minimum_Hours_Daily": ["2"], "Allow_Empty_Days": ["true"]})


def _both(p: Problem, seed: int, placed: dict[int, int]) -> tuple[Placer, list[int], list[int]]:
    """The plain placer and the kernel's state, each with lessons ``placed`` (id -> slot)."""
    pl = Placer(compile_rules(p), {}, seed)
    net = k.pack_net(pl, 300)
    run = k.new_run(net, len(pl.occ), pl.n_phys, seed)
    for aid, t in placed.items():
        pl.put(pl.index[aid], t, -1)
        k.put(net, run, pl.index[aid], t, k.FREE)
    return pl, net, run


def _kernel_out(pl: Placer, net: list[int], run: list[int]) -> set[int]:
    return {pl.acts[run[run[k.RA_outl] + q]].id for q in range(run[k.OUTN])}


def test_the_rules_of_a_person_with_no_gaps_and_no_late_start_are_marked() -> None:
    rules = compile_rules(_class(NO_GAPS, EARLY, MAX_3, MIN_2))
    filled = {ld.kind: ld.filled for ld in rules.loads}
    assert filled["max_hours_daily"] == filled["min_hours_daily"] == FILLED_HOLES | FILLED_FROM_START
    assert {ld.kind: ld.filled for ld in compile_rules(_class(NO_GAPS, MAX_3)).loads}["max_hours_daily"] == FILLED_HOLES
    # A gaps allowance of one, or no such rule at all: the day counts its lessons only.
    one_gap = ("StudentsMaxGapsPerWeek", {"Max_Gaps": ["1"]})
    assert all(ld.filled == 0 for ld in compile_rules(_class(one_gap, MAX_3)).loads)
    assert all(ld.filled == 0 for ld in compile_rules(_class(MAX_3, MIN_2)).loads)


def test_a_lesson_past_the_daily_maximum_is_refused_on_an_empty_day() -> None:
    """At most three hours, no late start: the fourth hour would make a day of four."""
    for seed in range(5):
        pl, net, run = _both(_class(NO_GAPS, EARLY, MAX_3), seed, {})
        i = pl.index[1]
        assert pl.conflicts(i, 3) is None
        assert not k.conflicts(net, run, i, 3, 1 << 30)
        assert pl.conflicts(i, 2) == (set(), [-1])  # the third hour is fine
        assert k.conflicts(net, run, i, 2, 1 << 30)


def test_a_day_too_long_with_its_holes_gives_up_its_last_lesson() -> None:
    """Lessons at Monday's first, second and fifth hours, at most three hours, no gaps:
    a lesson at the third hour leaves a day of five counting the hole at the fourth. The
    day's last lesson goes (not the first: no late start), and the day is three hours."""
    for seed in range(5):
        pl, net, run = _both(_class(NO_GAPS, EARLY, MAX_3), seed, {2: 0, 3: 1, 4: 4})
        i = pl.index[1]
        found = pl.conflicts(i, 2)
        assert found is not None and found[0] == {pl.index[4]}
        assert k.conflicts(net, run, i, 2, 1 << 30)
        assert _kernel_out(pl, net, run) == {4}


def test_with_late_starts_allowed_the_first_lesson_may_go_instead() -> None:
    """No gaps, but a late start is allowed: with the new lesson last, the first goes."""
    for seed in range(5):
        pl, net, run = _both(_class(NO_GAPS, MAX_3), seed, {2: 0, 3: 1})
        i = pl.index[1]
        found = pl.conflicts(i, 3)  # a hole at the third hour: 1, 2, (3), 4 = four
        assert found is not None and found[0] == {pl.index[2]}
        assert k.conflicts(net, run, i, 3, 1 << 30)
        assert _kernel_out(pl, net, run) == {2}


def test_a_daily_minimum_counts_the_holes_a_day_must_fill_too() -> None:
    """Four lessons, at least two hours on a day with lessons, no gaps: Monday has the
    first and third hours (one hole), and a lesson placed on Tuesday needs one more
    there. Each rule alone is met (one hour left, one to fill); together they need two.
    The search takes a lesson out of Monday to make the hours fit, where before it
    accepted a timetable it could never finish."""
    for seed in range(5):
        p = _class(NO_GAPS, MIN_2, lessons=4)
        pl, net, run = _both(p, seed, {2: 0, 3: 2})
        i = pl.index[1]
        found = pl.conflicts(i, H)  # Tuesday's first hour
        assert found is not None and found[0] & {pl.index[2], pl.index[3]}
        assert k.conflicts(net, run, i, H, 1 << 30)
        assert _kernel_out(pl, net, run) & {2, 3}
