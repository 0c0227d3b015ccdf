"""A solved timetable becomes the weekly lessons of the school calendar and its .ics."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.scheduling.school_calendar import weekly_lessons
from app.scheduling.timetable.from_workspace import problem_from_workspace
from app.scheduling.timetable.solver import solve
from app.scheduling.timetable.store import save_timetable
from app.store.models import Section


def test_solved_timetable_feeds_the_calendar(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.read() as s:
        before, source = weekly_lessons(s)
    assert source == "sections" and before

    problem = problem_from_workspace(ws, lessons_per_week=4)
    result = solve(problem, time_limit=30, workers=1)
    assert result.solved
    save_timetable(ws, problem, result.placements, status="solved", penalty=result.penalty)

    with ws.read() as s:
        lessons, source = weekly_lessons(s)
        sections = {sec.id: sec for sec in s.scalars(select(Section))}
        assert source == "timetable"
        assert len(lessons) == len(result.placements)
        for lesson in lessons:
            sec = sections[lesson.section_id]
            assert lesson.title == sec.name
            assert lesson.teacher_ids and lesson.student_ids
            assert lesson.term_end == sec.term.end_date
            assert lesson.start < lesson.end and lesson.start >= dt.time(8, 0)
        # one class meets four times a week, on four different days
        first = next(iter(sections))
        days = sorted(lesson.weekday for lesson in lessons if lesson.section_id == first)
        assert len(days) == 4 and len(set(days)) == 4
