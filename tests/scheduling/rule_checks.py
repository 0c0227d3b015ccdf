"""What the tests of each modelled FET rule type check the same way: the min-conflicts
search keeps the rules, solves pass the independent checker, and fet-cl accepts a solved
school locked. The school generators are each test file's own."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from app.scheduling.timetable import Problem, solve, write_fet
from app.scheduling.timetable.construct import construct
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.fet import write_csv
from app.scheduling.timetable.model import Activity, StudentsSet
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.test_timetable_fet import _fet_cl
from tests.scheduling.test_timetable_place import _c, placements
from tests.scheduling.timetable_checker import check, read_rows


def min_conflicts_whole(make: Callable[[int], Problem], seeds: int = 12) -> int:
    """How many of the schools ``make(seed)`` the min-conflicts search calls free of
    conflicts; each of those timetables is asserted to break no hard rule (rooms are
    assigned afterwards: only their rules may be broken)."""
    whole = 0
    for seed in range(seeds):
        p = make(seed)
        rules = compile_rules(p)
        found = construct(rules, {}, time_limit=2.0, seed=seed)
        if found.conflicts == 0:
            whole += 1
            assert [v.message for v in evaluate(rules, placements(p, found.starts, {})).hard if not v.room] == []
    return whole


def solved_and_checked(make: Callable[[int], Problem], tmp_path: Path, seeds: range = range(3, 9)) -> int:
    """How many of the schools ``make(seed)`` solve (some random schools have no
    timetable at all); each solved one is asserted to pass the independent checker."""
    checked = 0
    for seed in seeds:
        p = make(seed)
        result = solve(p, time_limit=10, workers=1, diagnose_on_failure=False)
        if result.solved:
            _check_independently(p, result.placements, tmp_path)
            checked += 1
    return checked


def fet_cl_on_locked(p: Problem, tmp_path: Path) -> str:
    """Solve ``p`` (every rule modelled), check the timetable independently, lock it into
    the file and hand that to fet-cl: its output."""
    result = solve(p, time_limit=10, workers=1, diagnose_on_failure=False)
    assert result.solved and result.coverage.complete
    _check_independently(p, result.placements, tmp_path)
    locked = tmp_path / "locked.fet"
    write_fet(p, locked, result.placements, lock_all=True)
    return _fet_cl(locked, tmp_path / "out", seconds=30)


def three_classes(seed: int, name: str, n_teachers: int = 4, brk: bool = True) -> Problem:
    """A school fet-cl reads, for a rule type's own rules to be added: three classes of
    twenty one-hour lessons, ``n_teachers`` teachers sharing them at random, five days of
    six hours (with a break at Wednesday's third with ``brk``)."""
    rng = random.Random(seed)
    p = Problem(name=f"{name} {seed}", days=["Mon", "Tue", "Wed", "Thu", "Fri"], hours=[str(h) for h in range(1, 7)],
                subjects=["X"], teachers=[f"T{k}" for k in range(1, n_teachers + 1)])
    p.years = [StudentsSet(f"C{k}", "year", 20) for k in range(3)]
    teachers = [p.teachers[n % n_teachers] for n in range(60)]
    rng.shuffle(teachers)
    p.activities = [Activity(1 + n, [teachers[n]], "X", [f"C{n // 20}"]) for n in range(60)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True)]
    if brk:
        p.constraints.append(_c("BreakTimes", Number_of_Break_Times=["1"], Break_Time=[{"Day": "Wed", "Hour": "3"}]))
    return p


def _check_independently(p: Problem, placed: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    csv, fet = tmp_path / "out.csv", tmp_path / "s.fet"
    write_csv(p, placed, csv)
    write_fet(p, fet)
    assert check(fet, read_rows(csv)) == []
