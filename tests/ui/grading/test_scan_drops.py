"""Wrong files dropped on the Grading page are refused at once, in one message listing
them; they never become review items, and a .docx inside a dropped folder is named."""

from __future__ import annotations

import cv2
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.grading import exam_store
from app.grading.synthetic import blank_page
from app.ui.grading.page import GradingPage
from app.ui.shell.context import AppContext

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    p = GradingPage(AppContext(workspace=demo_workspace))
    qtbot.addWidget(p)
    p.resize(1200, 780)
    p.show()
    return p


def _drop(page, *paths) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    page.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))


def _exam(page, qtbot) -> int:  # type: ignore[no-untyped-def]
    page.select_exam(None)
    page.setup.title.setText("Drops")
    page.setup.questions.setValue(10)
    page.setup.choices.setValue(4)
    qtbot.mouseClick(page.setup.create_button, Qt.MouseButton.LeftButton)
    assert page.exam_id is not None
    return page.exam_id


def test_wrong_files_are_refused_in_one_message_and_never_queued(page, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exam_id = _exam(page, qtbot)
    info = exam_store.load_exam(page.ctx.workspace, exam_id)
    folder = tmp_path / "scans"
    folder.mkdir()
    cv2.imwrite(str(folder / "a.png"), blank_page(info.template, 1, 150.0))
    (folder / "handout.docx").write_bytes(b"PK\x03\x04 a Word file")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a scan", encoding="utf-8")
    _drop(page, folder, notes)
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=30000)
    message = page.scan.refused_label.text()
    assert "handout.docx" in message and "notes.txt" in message
    assert page.scan.refused_box is not None and "handout.docx" in page.scan.refused_box.text()
    assert page.scan.table.rowCount() == 1  # only the image was read
    pages = exam_store.pages(page.ctx.workspace, exam_id)
    assert [p.source for p in pages] == ["a.png"] or len(pages) == 1
    page.scan.refused_box.close()

    # Only wrong files: nothing is started, the message says why.
    _drop(page, notes)
    assert not page.scan.busy
    assert "notes.txt" in page.scan.refused_label.text()
    assert len(exam_store.pages(page.ctx.workspace, exam_id)) == 1
