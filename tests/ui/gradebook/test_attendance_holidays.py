"""A holiday set up for the school year, followed through what a teacher sees: the
attendance grid shows it as a day without school that takes no mark, "Mark all present"
refuses it, its marks count in no total or report, and the calendar has no lesson on it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.reports import gradebook_store as store
from app.reports.data import load_reports
from app.scheduling.school_year_service import add_holiday
from app.store.models import AttendanceRecord
from app.ui.gradebook.attendance import DAY_OFF_TEXT
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    from app.ui.gradebook.page import GradebookPage

    widget = GradebookPage(AppContext(demo_workspace))
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.tabs.setCurrentWidget(widget.attendance)
    return widget


def _records(ws, day: dt.date) -> dict[int, str]:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return {r.student_id: r.status for r in s.scalars(select(AttendanceRecord).where(
            AttendanceRecord.date == day, AttendanceRecord.section_id.is_(None)))}


def _show_day(tab, day: dt.date) -> int:  # type: ignore[no-untyped-def]
    tab.month.setCurrentIndex(next(i for i in range(tab.month.count())
                                   if tuple(tab.month.itemData(i)) == (day.year, day.month)))
    return 1 + tab.model.days.index(day)


def test_a_holiday_is_shown_not_taken_and_not_counted(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    ws, tab = page.ctx.workspace, page.attendance
    days = [d for d in tab._days if d not in tab.model.days_off]
    assert len(days) > 3, "the demo's term has school days up to today"
    day = days[-2]
    student = tab._students[0]
    # An absence taken before the school declared the day off...
    store.save_attendance(ws, "t", student.id, day, "absent")
    page.ctx.events.notify(store.Changes.GRADEBOOK)
    with ws.read() as s:
        before = load_reports(s, issued=dt.date.today())
    absent_before = {r.student_id: r.attendance.absent for r in before.reports}
    # ...then Settings ▸ School year: "Storm day" with no school.
    done = add_holiday(ws, "Storm day", day, kind="non_school_day")
    page.ctx.events.notify(done.changes)

    taken = _records(ws, day)
    assert taken[student.id] == "absent"
    column = _show_day(tab, day)
    header = str(tab.model.headerData(column, Qt.Orientation.Horizontal))
    assert header.endswith("off")
    assert tab.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        "No school: Storm day"
    assert tab.model.index(0, column).data() == DAY_OFF_TEXT
    assert not tab.model.flags(tab.model.index(0, column)) & Qt.ItemFlag.ItemIsSelectable

    # Typing A on the day takes no mark and says why.
    tab.table.setFocus()
    other = tab._students[1]
    tab.table.setCurrentIndex(tab.model.index(1, column))
    qtbot.keyClick(tab.table, Qt.Key.Key_A if taken.get(other.id) != "absent" else Qt.Key.Key_P)
    assert _records(ws, day) == taken
    assert "No school on" in tab.result.text() and "Storm day" in tab.result.text()

    # "Mark all present" with the day chosen refuses too.
    tab.result.setText("")
    tab.mark_all_present()
    assert _records(ws, day) == taken
    assert "Storm day" in tab.result.text()

    # The term totals in the grid do not count the old absence any more.
    absent_column = 1 + len(tab.model.days) + 1
    row = next(i for i, s in enumerate(tab.model.students) if s.id == student.id)
    totals = store.attendance_totals(_all_marks(ws, student.id))
    assert int(tab.model.index(row, absent_column).data()) == totals["absent"] - 1

    # Progress reports leave it out of the figures.
    with ws.read() as s:
        after = load_reports(s, issued=dt.date.today())
    absent_after = {r.student_id: r.attendance.absent for r in after.reports}
    assert absent_after[student.id] == absent_before[student.id] - 1

    # The core refuses a mark on the day for the command line as well.
    with pytest.raises(store.AttendanceError, match="Storm day"):
        store.save_attendance(ws, "t", other.id, day, "present")
    store.save_attendance(ws, "t", student.id, day, None)  # clearing the old mark stays possible
    assert student.id not in _records(ws, day)


def _all_marks(ws, student_id: int) -> dict[dt.date, str]:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return {r.date: r.status for r in s.scalars(select(AttendanceRecord).where(
            AttendanceRecord.student_id == student_id, AttendanceRecord.section_id.is_(None)))}


def test_calendar_lessons_skip_a_holiday_added_in_setup(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import SectionTeacher
    from app.ui.calendar.page import CalendarPage

    ws = demo_workspace
    page = CalendarPage(AppContext(ws))
    qtbot.addWidget(page)
    with ws.read() as s:
        teacher_id = s.scalars(select(SectionTeacher.staff_id)).first()
    page.owner.setCurrentIndex(page.owner.findData(teacher_id))
    monday = page.monday
    page.show_week_of(monday)
    lesson_days = {r.day for r in page.model.rows if r.category == "Class (timetable)"}
    day = max(lesson_days)
    done = add_holiday(ws, "Storm day", day, kind="non_school_day")
    page.ctx.events.notify(done.changes)
    page.show_week_of(monday)
    assert day not in {r.day for r in page.model.rows if r.category == "Class (timetable)"}
    assert any(r.kind == "day_off" and r.day == day for r in page.model.rows)
