"""The Grading page driven like a teacher would, on a real encrypted demo workspace."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from sqlalchemy import select

from app.core.changes import Changes
from app.grading import exam_store
from app.grading.synthetic import blank_page, fill_page
from app.store.models import Assignment, AuditEntry, Score
from app.ui.grading.page import GradingPage
from app.ui.grading.setup import PrintDialog
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui

KEY = "ABCDABCDAB"


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    ctx = AppContext(workspace=demo_workspace)
    p = GradingPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 780)
    p.show()
    return p


def _create_exam(page, qtbot, title: str = "Unit 3 Quiz") -> int:  # type: ignore[no-untyped-def]
    page.select_exam(None)
    page.setup.title.setText(title)
    page.setup.questions.setValue(10)
    page.setup.choices.setValue(4)
    qtbot.mouseClick(page.setup.create_button, Qt.MouseButton.LeftButton)
    assert page.exam_id is not None
    grid = page.setup.grid
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClicks(grid, KEY.lower())  # a letter fills the cell and moves down
    page.setup.save_key()
    info = exam_store.load_exam(page.ctx.workspace, page.exam_id)
    assert [info.key.versions[""][q].correct for q in range(1, 11)] == [[c] for c in KEY]
    return page.exam_id


def test_exam_sheet_scan_keyboard_review_gradebook_and_audit(page, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ws = page.ctx.workspace
    exam_id = _create_exam(page, qtbot)
    info = exam_store.load_exam(ws, exam_id)
    roster = exam_store.roster(ws, info.section_id)

    # Personalised sheets for the class: one page per student, the first one is roster[0]'s.
    dialog = PrintDialog(page.selection, exam_id)
    assert dialog.pages == len(roster) and not dialog.preview.pixmap().isNull()
    doc = pdfium.PdfDocument(dialog.pdf)
    assert len(doc) == len(roster)
    assert roster[0].name in doc[0].get_textpage().get_text_range()
    img = doc[0].render(scale=150 / 72, grayscale=True).to_numpy()
    doc.close()
    img = np.ascontiguousarray(img[:, :, 0] if img.ndim == 3 else img)
    dialog.close()

    # The student answers (question 2 wrong, question 4 barely marked) and it is scanned.
    answers = {q: [KEY[q - 1]] for q in range(1, 11)}
    answers[2] = ["D"]
    kinds = {q: "fill" for q in answers}
    kinds[4] = "light"
    fill_page(img, info.template, 1, 150.0, np.random.default_rng(5), kinds, answers, pencil=False)
    scan = tmp_path / "scan-001.png"
    cv2.imwrite(str(scan), img)
    assert page.scan.start([str(scan)])
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=30000)
    assert page.scan.table.rowCount() == 1

    # Scores go into the gradebook (provisional while question 4 waits for review).
    page.tabs.setCurrentWidget(page.results)
    assert "Not in the gradebook yet: 1 score(s) waiting" in page.results.summary.text()
    asked = []

    def choose(_parent, _title, _label, items, current, _editable):  # type: ignore[no-untyped-def]
        asked.append(items)
        return items[current], True

    monkeypatch.setattr("app.ui.grading.results.QInputDialog.getItem", choose)
    with qtbot.waitSignal(page.ctx.events.changed, timeout=5000) as blocker:
        qtbot.mouseClick(page.results.publish_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [Changes.EXAMS | Changes.GRADEBOOK]
    assignment_id = exam_store.load_exam(ws, exam_id).assignment_id
    with ws.read() as s:
        sc = s.scalars(select(Score).where(Score.assignment_id == assignment_id)).one()
        assert (sc.student_id, sc.points, sc.incomplete) == (roster[0].id, 8.0, True)
        assert s.get(Assignment, assignment_id).origin == "omr"
        assert s.get(Assignment, assignment_id).category.name == "Tests"  # chosen in "Exam & key", asked again
    assert asked and asked[0][0].startswith("Homework")
    assert "1 provisional" in page.results.summary.text() and not page.results.publish_button.isVisible()

    # Review with the keyboard: the doubtful question 4 is shown for roster[0]; C, Enter.
    page.tabs.setCurrentWidget(page.review)
    review = page.review
    assert [(i.kind, i.question) for i in review.items] == [("answer", 4)]
    assert review.who.text() == roster[0].name
    assert review.view.focus_rect is not None  # zoomed on the question
    qtbot.keyClick(review, Qt.Key.Key_B)
    assert review.pending == ["B"]
    qtbot.keyClick(review, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert review.pending == ["B", "C"]
    # A click on bubble A of question 4 chooses A.
    from app.ui.grading.widgets import map_point

    page_row = review._page_cache[review.current.page_id]
    bubble_a = next(f for f in info.template.questions() if f.number == 4).bubbles[0]
    x, y = map_point(np.array(page_row.result.homography), bubble_a.x, bubble_a.y)
    where = review.view.view_transform().map(QPointF(x, y)).toPoint()
    qtbot.mouseClick(review.view, Qt.MouseButton.LeftButton, pos=where)
    assert review.pending == ["A"]
    qtbot.keyClick(review, Qt.Key.Key_D)  # change of mind: D, as the student meant
    with qtbot.waitSignal(page.ctx.events.changed, timeout=5000):
        qtbot.keyClick(review, Qt.Key.Key_Return)
    assert review.items == [] and "All clear" in review.count_label.text()

    with ws.read() as s:
        sc = s.scalars(select(Score).where(Score.assignment_id == assignment_id)).one()
        assert (sc.points, sc.incomplete) == (9.0, False)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "omr.review.answer")).one()
        assert entry.details["chosen"] == {"marked": ["D"]} and entry.details["target"] == "q4"
        assert entry.actor == ws.actor

    # Results: one row with the score; the sheet shows with its overlay.
    assert page.results.model.rowCount() == 1
    row = page.results.model.rows[0]
    assert (row.name, row.score, row.percent) == (roster[0].name, 9.0, 90.0)
    page.results.view.selectRow(0)
    assert page.results.sheet.image is not None and page.results.sheet.overlays
    assert "Q4: read" in page.results.decisions.text() and "→ D" in page.results.decisions.text()
    assert any(o.box and o.color.name() == "#8c3cc8" for o in page.results.sheet.overlays)  # framed in purple

    # Dropping question 2 re-scores everything, the gradebook included.
    from app.grading import service

    service.drop_question(ws, exam_id, 2)
    page.data_changed()
    assert page.results.model.rows[0].score == 9.0 and page.results.model.rows[0].max_score == 9.0
    page.tabs.setCurrentWidget(page.analysis)
    assert page.analysis.model.rowCount() == 10

    # The sheet was really roster[1]'s (an ID bubbled wrong): change the student; the
    # gradebook score moves with it.
    from PySide6.QtWidgets import QInputDialog

    page.tabs.setCurrentWidget(page.results)
    page.results.view.selectRow(0)
    other = roster[1]
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a, **k: (f"{other.sort_name} · {other.local_id}", True))
    page.results.change_student()
    assert [r.student_id for r in page.results.model.rows] == [other.id]
    with ws.read() as s:
        scores = s.execute(select(Score.student_id, Score.points).where(Score.assignment_id == assignment_id)).all()
        assert [tuple(x) for x in scores] == [(other.id, 9.0)]


def _frame(sheet: np.ndarray) -> np.ndarray:
    desk = np.full((900, 1200, 3), 60, np.uint8)
    small = cv2.resize(sheet, (620, 802), interpolation=cv2.INTER_AREA)
    desk[40:842, 290:910] = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    return desk


def test_camera_auto_captures_a_steady_sheet_from_an_image_sequence(page, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = page.ctx.workspace
    exam_id = _create_exam(page, qtbot, "Camera quiz")
    info = exam_store.load_exam(ws, exam_id)
    student = exam_store.roster(ws, info.section_id)[3]
    sheet = blank_page(info.template, 1, 150.0)
    answers = {q: [KEY[q - 1]] for q in range(1, 11)}
    fill_page(sheet, info.template, 1, 150.0, np.random.default_rng(9), {q: "fill" for q in answers}, answers,
              student_id=student.local_id, pencil=False)
    frames = [np.full((900, 1200, 3), 60, np.uint8)] * 3 + [_frame(sheet)] * 8
    for i, f in enumerate(frames):
        cv2.imwrite(str(tmp_path / f"frame_{i:03d}.png"), f)
    page.tabs.setCurrentWidget(page.camera)
    page.camera.source.setText(str(tmp_path / "frame_%03d.png"))
    with qtbot.waitSignal(page.camera.captured, timeout=20000) as blocker:
        assert page.camera.start()
    assert page.camera.view.flash > 0 or page.camera.count == 1
    row = exam_store.page(ws, blocker.args[0])
    assert row.scan_id is not None and row.source == "camera 1"
    assert row.student_id == student.id
    qtbot.waitUntil(lambda: not page.camera.running, timeout=10000)  # the sequence ended
    assert page.camera.count == 1


def test_template_builder_snaps_and_reads_a_filled_form(page) -> None:  # type: ignore[no-untyped-def]
    from app.grading.exam_template import draw_sample_form

    b = page.builder
    b.set_form(draw_sample_form())
    s = 150 / 72
    b.kind.setCurrentIndex(0)
    b.rows.setValue(10)
    b.cols.setValue(5)
    b.add_block(QRectF(232 * s, 122 * s, 90 * s, 190 * s))
    assert b.first.value() == 11 and b.template is not None and b.template.question_count() == 10
    b.kind.setCurrentIndex(1)
    b.cols.setValue(6)
    b.add_block(QRectF(66 * s, 122 * s, 104 * s, 174 * s))
    assert b.template.id_digits() == 6
    text = b.test_image(draw_sample_form(filled={1: "B", 3: "E"}, student_id="100007"))
    assert "1B" in text and "3E" in text and "2–" in text and "100007" in text


def test_key_from_a_scanned_key_sheet_and_from_csv_then_scans_dropped_on_the_page(page, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QFileDialog

    ws = page.ctx.workspace
    page.select_exam(None)
    page.setup.title.setText("Key sheet quiz")
    page.setup.questions.setValue(10)
    page.setup.create_button.click()
    info = exam_store.load_exam(ws, page.exam_id)
    # The teacher fills a blank sheet with the answers and scans it.
    sheet = blank_page(info.template, 1, 150.0)
    truth = {q: [KEY[q - 1]] for q in range(1, 11)}
    fill_page(sheet, info.template, 1, 150.0, np.random.default_rng(2), {q: "fill" for q in truth}, truth, pencil=False)
    cv2.imwrite(str(tmp_path / "key.png"), sheet)
    assert page.setup.key_from_scan_file(str(tmp_path / "key.png")) == []
    assert [page.setup.grid.item(r, 0).text() for r in range(10)] == list(KEY)
    # Or from a CSV: question 3 becomes "B or D" with partial credit for A.
    (tmp_path / "key.csv").write_text("question,answer,points,partial\n3,B;D,2,A=0.5\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "key.csv"), ""))
    page.setup.key_from_csv()
    assert page.setup.grid.item(2, 0).text() == "BD" and page.setup.grid.item(2, 2).text() == "A=0.5"
    assert page.setup.save_key()
    item = exam_store.load_exam(ws, page.exam_id).key.versions[""][3]
    assert (item.correct, item.points, item.partial) == (["B", "D"], 2.0, {"A": 0.5})

    # A folder of scans dropped on the page is read in the background.
    folder = tmp_path / "scans"
    folder.mkdir()
    student = exam_store.roster(ws, info.section_id)[5]
    answers = dict(truth)
    answers[3] = ["A"]  # half of question 3's two points
    img = blank_page(info.template, 1, 150.0)
    fill_page(img, info.template, 1, 150.0, np.random.default_rng(4), {q: "fill" for q in answers}, answers,
              student_id=student.local_id, pencil=False)
    cv2.imwrite(str(folder / "a.jpg"), img)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    assert page.tabs.currentWidget() is page.scan
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=30000)
    [result] = page.results.model.rows
    assert (result.student_id, result.score, result.max_score) == (student.id, 10.0, 11.0)


def test_cancel_stops_a_batch(page, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _create_exam(page, qtbot, "Cancelled batch")
    info = exam_store.load_exam(page.ctx.workspace, page.exam_id)
    for i in range(2):
        cv2.imwrite(str(tmp_path / f"s{i}.png"), blank_page(info.template, 1, 150.0))
    assert page.scan.start([str(tmp_path)])
    qtbot.mouseClick(page.scan.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=30000)
    assert "Cancelled" in page.scan.progress_label.text()
    assert page.scan.table.rowCount() < 2


def test_template_builder_detects_a_district_form_and_verifies_a_filled_scan(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Load a blank third-party form (PDF), let the builder find everything, renumber a
    block, test on a filled scan: the verification score and the overlay are shown."""
    import os

    from app.grading.synthetic_forms import designs, make_form_page, render_pdf

    d = next(x for x in designs() if x.name == "district-L")
    pdf = tmp_path / "district.pdf"
    pdf.write_bytes(render_pdf(d))
    b = page.builder
    page.tabs.setCurrentWidget(b)
    from app.grading.builder import load_blank

    b.set_form(*load_blank(pdf))
    b.detect()
    assert b.template is not None and b.template.registration.method == "corners"
    assert b.template.question_count() == 100 and b.template.id_digits() == 9
    assert b.block_list.count() == 8 and "letter grid" in b.block_list.item(0).text()
    shots = os.environ.get("TEACHERDESK_SCREENSHOTS")
    if shots:
        page.resize(1300, 900)
        b.grab().save(os.path.join(shots, "grading-template-builder.png"))
    last = b.block_list.count() - 1
    b.block_list.setCurrentRow(last)
    b.renumber_first.setValue(101)
    b.renumber_selected()
    assert "questions 101-125" in b.block_list.item(last).text()
    b.renumber_first.setValue(76)
    b.renumber_selected()
    sp = make_form_page(d, np.random.default_rng(5), "photocopy", dpi=150)
    text = b.test_image(sp.image)
    assert "8 of 8 blocks confirmed" in text and "(100%)" in text, text
    assert "corner marks (L)" in text
    if shots:
        b.grab().save(os.path.join(shots, "grading-template-builder-test.png"))


def test_template_builder_on_a_two_page_form_with_named_grids(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A two-page blank PDF gives one template with two pages; the teacher names the grids
    in the app and tests a filled scan of page 2."""
    import os

    from app.grading.builder import load_blank_pages
    from app.grading.synthetic_forms import make_form_page, render_pdf, two_page_design

    d = two_page_design()
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(render_pdf(d))
    b = page.builder
    page.tabs.setCurrentWidget(page.builder_scroll)
    b.set_pages(*load_blank_pages(pdf))
    b.detect()
    assert b.template is not None and b.template.pages == 2 and b.page_box.count() == 2
    rows = {b.block_list.item(i).text(): i for i in range(b.block_list.count())}
    course = next(i for t, i in rows.items() if "page 2: ID grid" in t)
    b.block_list.setCurrentRow(course)
    b.grid_name.setCurrentIndex(b.grid_name.findData("course_id"))
    b.name_selected()
    last = next(i for t, i in rows.items() if "letter grid" in t)
    b.block_list.setCurrentRow(last)
    b.grid_name.setCurrentIndex(b.grid_name.findData("last_name"))
    b.name_selected()
    assert "'course_id'" in b.block_list.item(course).text() and "'last_name'" in b.block_list.item(last).text()
    assert set(b.template.grid_labels()) == {"last_name", "course_id"}
    b.block_list.setCurrentRow(last)
    b.grid_name.setEditText("Homeroom")
    b.name_selected()
    assert "'homeroom'" in b.block_list.item(last).text()
    b.grid_name.setCurrentIndex(b.grid_name.findData("last_name"))
    b.name_selected()
    b.page_box.setCurrentIndex(1)
    assert b.page == 2 and b.form is b.forms[1]
    shots = os.environ.get("TEACHERDESK_SCREENSHOTS")
    if shots:
        from PySide6.QtWidgets import QApplication

        page.resize(1366, 768)
        page.show()
        QApplication.processEvents()
        b.block_list.setCurrentRow(course)
        b.block_list.scrollToItem(b.block_list.item(course))
        QApplication.processEvents()
        page.grab().save(os.path.join(shots, "grading-template-builder-pages.png"))
    sp = make_form_page(d, np.random.default_rng(6), "scan", dpi=150, page=2)
    text = b.test_image(sp.image)
    assert "4 of 4 blocks confirmed" in text and "(100%)" in text, text
    assert f"course_id: {sp.texts['course_id']}" in text  # type: ignore[attr-defined]
