"""An open Calendar page follows the Timetable page: after a solve, a teacher's week
shows the new lessons at once (typed change notices, no free-string topics)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.changes import Changes
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


def _lessons(page) -> list[tuple[dt.date, dt.time | None, str]]:  # type: ignore[no-untyped-def]
    from app.scheduling.counselor import category

    label = category("class").label
    return sorted((r.day, r.start, r.title) for r in page.model.rows if r.category == label)


def test_calendar_shows_new_lessons_right_after_a_solve(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.counselor_store import agenda
    from app.scheduling.school_calendar import weekly_lessons
    from app.store.models import SectionTeacher, Staff
    from app.ui.calendar.page import CalendarPage
    from app.ui.timetable.page import TimetablePage

    ctx = AppContext(demo_workspace)
    calendar = CalendarPage(ctx)
    timetable = TimetablePage(ctx)
    qtbot.addWidget(calendar)
    qtbot.addWidget(timetable)
    with demo_workspace.read() as s:
        teacher = s.scalars(select(Staff).join(SectionTeacher, SectionTeacher.staff_id == Staff.id)
                            .where(Staff.role == "teacher").order_by(Staff.id)).first()
        assert teacher is not None
        assert weekly_lessons(s)[1] == "sections"  # no timetable yet: lessons from the classes' periods
    calendar.owner.setCurrentIndex(calendar.owner.findData(teacher.id))
    # A school week, so every weekday has its lessons.
    calendar.show_week_of(dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday()))
    before = _lessons(calendar)
    assert before, "the demo teacher teaches classes"

    notices: list[Changes] = []
    ctx.events.changed.connect(notices.append)
    assert timetable.build_from_classes() is not None
    timetable.time_limit.setValue(5)
    timetable.solve()
    qtbot.waitUntil(lambda: timetable.task is None, timeout=60_000)
    assert timetable.last_result.solved

    # The calendar was not touched by the test: it refreshed on the TIMETABLE notice.
    assert any(n & Changes.TIMETABLE for n in notices) and all(isinstance(n, Changes) for n in notices)
    with demo_workspace.read() as s:
        assert weekly_lessons(s)[1] == "timetable"
        start = calendar.monday
        expected = sorted((o.start.date(), o.start.time(), o.title)
                          for o in agenda(s, teacher.id, start, start + dt.timedelta(days=28))
                          if o.category == "class" and isinstance(o.start, dt.datetime))
    after = _lessons(calendar)
    assert after == expected
    assert after != before  # the solver moved lessons away from the classes' own periods
