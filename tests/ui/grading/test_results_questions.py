"""Results: a student's answers question by question (read value, key, decision) beside a
zoomable scan; a clean double mark is shown as a double mark, not as the right answer."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from app.grading import exam_store
from app.grading.synthetic import blank_page, fill_page
from app.ui.grading.page import GradingPage
from app.ui.grading.widgets import GREEN, RED
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui
KEY = "ABCDABCDAB"


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    p = GradingPage(AppContext(workspace=demo_workspace))
    qtbot.addWidget(p)
    p.resize(1300, 760)
    p.show()
    return p


def test_per_question_view_with_zoom_and_a_double_mark(page, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.select_exam(None)
    page.setup.title.setText("Double marks")
    page.setup.questions.setValue(10)
    page.setup.choices.setValue(4)
    qtbot.mouseClick(page.setup.create_button, Qt.MouseButton.LeftButton)
    grid = page.setup.grid
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClicks(grid, KEY.lower())
    assert page.setup.save_key()
    ws = page.ctx.workspace
    info = exam_store.load_exam(ws, page.exam_id)
    student = exam_store.roster(ws, info.section_id)[3]
    answers = {q: [KEY[q - 1]] for q in range(1, 11)}
    answers[2] = ["B", "C"]  # the right answer B and a wrong C, both cleanly filled
    answers[5] = ["C"]  # plainly wrong (key A)
    img = blank_page(info.template, 1, 150.0)
    fill_page(img, info.template, 1, 150.0, np.random.default_rng(3), {q: "fill" for q in answers}, answers,
              student_id=student.local_id, pencil=False)
    cv2.imwrite(str(tmp_path / "s.png"), img)
    assert page.scan.start([str(tmp_path / "s.png")])
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=30000)

    results = page.results
    page.tabs.setCurrentWidget(results)
    results.refresh()
    row = next(i for i, r in enumerate(results.model.rows) if r.student_id == student.id)
    results.view.selectRow(results.proxy.mapFromSource(results.model.index(row, 0)).row())
    lines = {q.number: q for q in results.question_model.rows}
    assert len(lines) == 10
    assert (lines[1].read, lines[1].key, lines[1].points) == ("A", "A", "1 / 1")
    assert lines[2].read == "B + C (double mark)" and lines[2].outcome == "double mark"
    assert results.question_model.index(1, 5).data() == "double mark"
    assert (lines[5].read, lines[5].key, lines[5].outcome) == ("C", "A", "wrong")

    # Clicking question 2 zooms the scan onto it; its two marks are both red, none green.
    results.questions.selectRow(1)
    sheet = results.sheet
    focus = sheet.focus_rect
    assert focus is not None and focus.height() < sheet.image.height() / 5
    in_row = [o for o in sheet.overlays if not o.box and focus.adjusted(-5, -5, 5, 5).contains(o.rect.center())]
    assert sum(1 for o in in_row if o.color == RED) >= 2
    assert not any(o.color == GREEN for o in in_row)
    zoomed = sheet.view_transform().m11()
    results.show_whole_page()
    assert sheet.focus_rect is None and sheet.view_transform().m11() < zoomed
    # The mouse wheel zooms the whole page too.
    before = sheet.view_transform().m11()
    center = QPointF(sheet.width() / 2, sheet.height() / 2)
    sheet.wheelEvent(QWheelEvent(center, sheet.mapToGlobal(center), QPoint(0, 0), QPoint(0, 240),
                                 Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                 Qt.ScrollPhase.NoScrollPhase, False))
    assert sheet.view_transform().m11() > before * 1.4
