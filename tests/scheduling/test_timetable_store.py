"""Timetables in the encrypted workspace: tables exist, save/load/update round trip."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from app.scheduling.timetable import Placement, read_fet
from app.scheduling.timetable.store import (
    delete_timetable,
    lessons_for,
    list_timetables,
    load_timetable,
    save_timetable,
    update_timetable,
)

SAMPLE = Path(__file__).parent / "data" / "riverside-grade7.fet"


def test_new_workspace_has_timetable_tables(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    names = set(inspect(empty_workspace.engine).get_table_names())
    assert {"timetable", "timetable_placement"} <= names


def test_save_update_load(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    problem = read_fet(SAMPLE)
    tid = save_timetable(ws, problem, [Placement(1, 0, 0, "Room 102")], source="riverside-grade7.fet")
    loaded, placements = load_timetable(ws, tid)
    assert loaded.activities == problem.activities and loaded.constraints == problem.constraints
    assert placements == [Placement(1, 0, 0, "Room 102", False)]
    update_timetable(ws, tid, placements=[Placement(1, 2, 1, "Room 101", True), Placement(2, 3, 0)],
                     status="partial", penalty=7)
    _p, placements = load_timetable(ws, tid)
    assert placements == [Placement(1, 2, 1, "Room 101", True), Placement(2, 3, 0, "", False)]
    row = list_timetables(ws)[0]
    assert (row.status, row.penalty, row.n_placed, row.n_activities) == ("partial", 7, 2, 35)
    lesson = lessons_for(ws, tid)[0]
    assert (lesson.day_name, str(lesson.start), str(lesson.end), lesson.subject, lesson.teachers) == (
        "Wednesday", "08:55:00", "09:45:00", "Math", ["Ms Alvarez"])
    delete_timetable(ws, tid)
    assert list_timetables(ws) == [] and lessons_for(ws) == []


def test_timetable_from_the_workspace_classes(demo_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.timetable import solve, write_fet
    from app.scheduling.timetable.from_workspace import problem_from_workspace
    from tests.scheduling.timetable_checker import check

    problem = problem_from_workspace(demo_workspace, lessons_per_week=4)
    assert len(problem.activities) == 4 * len(problem.groups) > 0
    # Students appear by id only, never by name.
    assert all(s.name.startswith("student ") for s in problem.subgroups)
    result = solve(problem, time_limit=20)
    assert result.solved
    fet = tmp_path / "classes.fet"
    write_fet(problem, fet)
    rows = [(pl.activity_id, problem.days[pl.day], problem.hours[pl.hour], pl.room) for pl in result.placements]
    assert check(fet, rows) == []
    tid = save_timetable(demo_workspace, problem, result.placements)
    lessons = lessons_for(demo_workspace, tid)
    assert len(lessons) == len(problem.activities)
    assert all(lesson.start is not None and lesson.teachers for lesson in lessons)
