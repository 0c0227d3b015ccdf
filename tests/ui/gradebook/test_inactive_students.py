"""Students who left a class: hidden by default, shown on request greyed and read-only,
their grades kept and out of the class average."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.store.models import Enrollment, Score
from app.ui.gradebook.model import FIXED_COLUMNS, LEFT_FG
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
    return widget


def _leave(page) -> tuple[int, str, dict[int, float | None]]:  # type: ignore[no-untyped-def]
    """The first student with scores leaves the shown class; returns id, name and their points."""
    ws = page.ctx.workspace
    section_id = int(page.class_box.currentData())
    student = next(st for st in page.grid.students if page.grid.marks.get(st.id))
    with ws.session() as s:
        for e in s.scalars(select(Enrollment).where(Enrollment.section_id == section_id,
                                                    Enrollment.student_id == student.id)):
            e.active = False
    with ws.read() as s:
        ids = [a.id for a in page.grid.section.assignments]
        points = {sc.assignment_id: sc.points for sc in s.scalars(
            select(Score).where(Score.student_id == student.id, Score.assignment_id.in_(ids)))}
    page.reload()
    return student.id, student.name, points


def test_left_students_are_hidden_then_shown_greyed_and_read_only(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model = page.model
    student_id, name, points = _leave(page)
    assert points
    assert student_id not in {st.id for st in page.grid.students}
    average_before = model.data(model.index(model.rowCount() - 1, 1))

    page.show_left.setChecked(True)
    ids = [st.id for st in page.grid.students]
    assert student_id in ids
    row = ids.index(student_id)
    assert row == len(ids) - 1  # after the current class
    shown = model.data(model.index(row, 0))
    assert name in shown and shown != name  # marked as having left
    column = next(FIXED_COLUMNS + i for i, a in enumerate(page.grid.section.assignments) if a.id in points)
    assert model.data(model.index(row, column))  # their grade is visible
    assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
    brush = model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color() == LEFT_FG
    assert model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    # The class average is the current class's, with or without them on screen.
    assert model.data(model.index(model.rowCount() - 1, 1)) == average_before
    # Their grades are kept and cannot be changed here, by typing, pasting or any edit path.
    assert not model.setData(model.index(row, column), "1")
    changed, problems = model.paste(row, column, "1")
    assert changed == 0 and problems and name in problems[0]
    assignment_id = model.assignment_for_column(column).id
    assert not model.apply([(assignment_id, student_id, model.mark_at(row, column).__class__(points=0.0))])
    with page.ctx.workspace.read() as s:
        kept = s.scalars(select(Score).where(Score.student_id == student_id,
                                             Score.assignment_id == assignment_id)).one()
    assert kept.points == points[assignment_id]
    # Attendance and comments list the class as it is now.
    assert student_id not in {st.id for st in page.attendance._students}
    assert student_id not in {st.id for st in page.comments._students}

    page.show_left.setChecked(False)
    assert student_id not in {st.id for st in page.grid.students}
