"""FET's modes other than the official one (mornings-afternoons, block planning, terms)
change what a "day" of the file is, and with it what rules such as "min hours daily" mean.
The solver does not model them: it reads every rule as in the official mode, says so, and
never calls a file impossible on that reading. FET 5's builds for those modes wrote no
``<Mode>``; their version ("5.27.3-ma9") names the build, and FET 6 opens them in its mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.scheduling.timetable import Problem, read_fet, solve, write_fet
from app.scheduling.timetable.coverage import coverage
from app.scheduling.timetable.fet import warnings_for
from app.scheduling.timetable.model import Activity, StudentsSet
from tests.scheduling.test_timetable_fet import FET_EXAMPLES, _fet_cl, needs_fet
from tests.scheduling.test_timetable_place import _c


@pytest.mark.parametrize(("version", "mode"), [
    ("6.8.5", "Official"), ("5.41.0", "Official"), ("5.27.3-ma9", "Mornings_Afternoons"),
    ("5.27.3-algeria29", "Mornings_Afternoons"), ("5.27.3-morocco8-omar-ben-ali", "Mornings_Afternoons"),
    ("5.44.2-bp", "Block_Planning"), ("5.42.2-mathmake-snapshot-15-jan-2020-15_00", "Terms"),
])
def test_the_mode_of_a_fet_5_file_comes_from_the_build_that_wrote_it(version: str, mode: str) -> None:
    assert Problem(fet_version=version).mode == mode


def half_days(version: str = "5.27.3-ma9") -> Problem:
    """One real day as FET's mornings-afternoons mode writes it (a morning and an
    afternoon, two "days" of the file), one class with two one-hour lessons and "at least
    2 hours daily, no empty day". FET reads "daily" as the real day here: both lessons in
    the morning keep it. Read as in the official mode every half day needs 2 hours, which
    two lessons cannot give."""
    p = Problem(name="half days", fet_version=version, days=["Mon morning", "Mon afternoon"],
                hours=["1", "2", "3"], subjects=["X"], teachers=["T"])
    p.years = [StudentsSet("C", "year", 10)]
    p.activities = [Activity(k, ["T"], "X", ["C"]) for k in (1, 2)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     _c("StudentsMinHoursDaily", Minimum_Hours_Daily=["2"], Allow_Empty_Days=["false"])]
    return p


def test_rules_impossible_as_read_in_another_mode_are_not_called_impossible(tmp_path: Path) -> None:
    p = half_days()
    cov = coverage(p)
    assert cov.other_mode and not cov.complete and cov.n_types == 0
    assert "mornings-afternoons mode was not modelled" in cov.sentence()
    assert any("mornings-afternoons mode, which the solver does not model" in w for w in warnings_for(p))
    result = solve(p, time_limit=10, workers=1)
    assert result.status == "infeasible_as_read" and not result.solved
    assert result.exit_code == 3  # not 2: nothing was proven about the file as FET reads it
    assert "may still find one" in result.headline() and "No timetable exists" not in result.headline()
    assert result.diagnosis is not None
    assert not any("Relax or deactivate" in line for line in result.diagnosis.explanation)
    # The same file in the official mode is impossible, and said to be.
    official = half_days("6.8.5")
    assert solve(official, time_limit=10, workers=1, diagnose_on_failure=False).status == "infeasible"


def test_the_mode_survives_a_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "again.fet"
    write_fet(half_days(), out, [])
    assert read_fet(out).mode == "Mornings_Afternoons"


@needs_fet
def test_an_example_file_fet_places_is_not_called_impossible(tmp_path: Path) -> None:
    """FET's own example (a mornings-afternoons school from Algeria, written by FET 5's
    build for that mode, its timetable locked in): fet-cl places it, while the rules read
    as in the official mode leave none (its students' "min 2 hours daily, no empty day"
    breaks on free afternoons)."""
    path = FET_EXAMPLES / "FET-5-mornings-afternoons/Algeria/2-by-Benahmed-Abdelkrim/abc_test_15_data_and_timetable.fet"
    assert "Simulation successful" in _fet_cl(path, tmp_path / "out", seconds=20)
    p = read_fet(path)
    assert p.mode == "Mornings_Afternoons"
    result = solve(p, time_limit=30, workers=1, diagnose_on_failure=False)
    assert result.status in ("infeasible_as_read", "timeout") and result.exit_code == 3
