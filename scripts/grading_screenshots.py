"""Screenshots of the Grading page on a fresh demo workspace with a graded exam.

    uv run python scripts/grading_screenshots.py [--out docs/screenshots] [--students 24]

Runs offscreen. Builds a demo workspace in a temp folder, creates an exam, prints its
sheets, fills them with synthetic marks (app.grading.synthetic: a few faint marks, one
mis-keyed question, one sheet with an ID that is not in the class), reads them through
the real page (scan with progress, camera on an image sequence), and writes
docs/screenshots/grading-*.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = 20
KEY = "BDACBADCCBADBCDABCAD"
MISKEYED = 7  # the key says KEY[6]; what was taught (and strong students answer) is "B"


def _sheets(template, roster, n, folder: Path):  # type: ignore[no-untyped-def]
    import cv2
    import numpy as np

    from app.grading.synthetic import blank_page, degrade, fill_page

    rng = np.random.default_rng(42)
    for i, st in enumerate(roster[:n]):
        ability = 0.45 + 0.5 * (i % 9) / 8
        answers, kinds = {}, {}
        for q in range(1, QUESTIONS + 1):
            right = "B" if q == MISKEYED else KEY[q - 1]
            answers[q] = [right] if rng.random() < ability else [str(rng.choice([c for c in "ABCD" if c != right]))]
            kinds[q] = "light" if rng.random() < 0.02 else "fill"
        if i == 4:
            answers[12], kinds[12] = [], "blank"
        img = blank_page(template, 1, 150.0)
        sid = "999123" if i == n - 1 else st.local_id
        fill_page(img, template, 1, 150.0, rng, kinds, answers, student_id=sid, pencil=bool(i % 2))
        img = degrade(img, "scan", rng, 150.0)
        cv2.imwrite(str(folder / f"scan-{i + 1:03d}.png"), img)


def _accept_input_dialog(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    for widget in app.topLevelWidgets():
        if isinstance(widget, QInputDialog) and widget.isVisible():
            widget.accept()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--students", type=int, default=24)
    parser.add_argument("--language", default="", help="e.g. es: the app in Spanish, files es-grading-*.png")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="td-grading-shots-"))
    os.environ.setdefault("TEACHERDESK_HOME", str(tmp / "home"))
    from PySide6.QtCore import QRectF, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.grading import exam_store
    from app.grading.exam_template import draw_sample_form
    from app.scheduling.demo import build_demo
    from app.ui.grading.setup import PrintDialog
    from app.ui.shell.context import AppContext
    from app.ui.shell.launch import configure_settings
    from app.ui.shell.main_window import MainWindow

    configure_settings()
    if args.language:
        from app.ui.i18n.language import install_translators

        install_translators(app, args.language)
    ws = build_demo(tmp / "demo.tdw", students=75, keyless=True).workspace
    window = MainWindow(AppContext(workspace=ws))
    window.show()
    window.resize(1366, 768)  # a common school laptop screen
    page = window.show_page("grading")
    args.out.mkdir(parents=True, exist_ok=True)

    def settle(n: int = 8) -> None:
        for _ in range(n):
            app.processEvents()

    def shot(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle()
        target = args.out / f"{args.language + '-' if args.language else ''}grading-{name}.png"
        (widget or window).grab().save(str(target))
        print(target)

    # Set up: a 20-question exam and its key, typed into the grid.
    page.select_exam(None)
    page.setup.title.setText("Unit 3 Quiz: Ratios")
    page.setup.questions.setValue(QUESTIONS)
    page.setup.choices.setValue(4)
    page.setup.create_exam()
    grid = page.setup.grid
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    from PySide6.QtTest import QTest

    QTest.keyClicks(grid, KEY.lower())
    grid.setCurrentCell(9, 0)
    QTest.keyClick(grid, Qt.Key.Key_D, Qt.KeyboardModifier.ShiftModifier)  # 10: B or D
    grid.item(14, 2).setText("A=0.5")  # partial credit
    page.setup.save_key()
    grid.setCurrentCell(3, 0)
    shot("setup")

    dialog = PrintDialog(page.selection, page.exam_id, window)
    dialog.resize(560, 760)
    dialog.show()
    shot("print", dialog)
    dialog.close()

    info = exam_store.load_exam(ws, page.exam_id)
    roster = exam_store.roster(ws, info.section_id)
    folder = tmp / "scans"
    folder.mkdir()
    _sheets(info.template, roster, args.students, folder)

    # Scan: a real batch on every core; the screenshot is taken halfway.
    page.tabs.setCurrentWidget(page.scan)
    page.scan.start([str(folder)])
    while page.scan.busy and page.scan.added < args.students // 2:
        settle(1)
    shot("scan")
    while page.scan.busy:
        settle(1)
    page.tabs.setCurrentWidget(page.results)
    # Publishing asks for the gradebook category; the script takes the proposed one.
    QTimer.singleShot(300, lambda: _accept_input_dialog(app))
    page.results.publish()

    # Review: the first doubtful answer, a choice pending.
    page.tabs.setCurrentWidget(page.review)
    review = page.review
    first = next((n for n, it in enumerate(review.items) if it.kind == "answer"), 0)
    review.queue.setCurrentRow(first)
    shot("review")
    student = next((n for n, it in enumerate(review.items) if it.kind == "student"), None)
    if student is not None:
        review.queue.setCurrentRow(student)
        review.student_box.setText("ram")
        shot("review-student")

    # Clear the first answer with the keyboard, then look at that sheet in Results.
    page.tabs.setCurrentWidget(page.review)
    review.queue.setCurrentRow(first)
    decided = review.items[first].student_name
    QTest.keyClick(review, Qt.Key.Key_B)
    QTest.keyClick(review, Qt.Key.Key_Return)
    page.tabs.setCurrentWidget(page.results)
    model, proxy = page.results.model, page.results.proxy
    row = next(i for i, r in enumerate(model.rows) if r.name == decided)
    page.results.view.selectRow(proxy.mapFromSource(model.index(row, 0)).row())
    shot("results")
    # The same sheet zoomed on the question the teacher decided.
    lines = page.results.question_model.rows
    decided_row = next((i for i, q in enumerate(lines) if q.decision), 0)
    page.results.questions.selectRow(decided_row)
    shot("results-question")
    page.tabs.setCurrentWidget(page.analysis)
    shot("analysis")

    # The scores in the Gradebook page (another page of the app, built over Assignment/Score).
    try:
        book = window.show_page("gradebook")
        book.class_box.setCurrentIndex(max(book.class_box.findData(info.section_id), 0))
        settle()
        model = book.table.model()
        for col in range(model.columnCount()):
            if "Unit 3 Quiz" in str(model.headerData(col, Qt.Orientation.Horizontal)):
                book.table.scrollTo(model.index(0, col))
                book.table.setCurrentIndex(model.index(0, col))
        shot("gradebook")
    except Exception as exc:  # the gradebook page is another feature's; never block these screens
        print(f"gradebook screenshot skipped: {exc}")
    window.show_page("grading")

    # Camera: an image sequence of a sheet held up in front of the laptop.
    import cv2
    import numpy as np

    from app.grading.synthetic import blank_page

    frames = tmp / "camera"
    frames.mkdir()
    sheet = blank_page(info.template, 1, 110.0)
    for i in range(150):
        desk = np.full((720, 960, 3), (70, 80, 90), np.uint8)
        small = cv2.resize(sheet, (440, 570))
        desk[70:640, 260:700] = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
        cv2.imwrite(str(frames / f"frame_{i:03d}.png"), desk)
    page.tabs.setCurrentWidget(page.camera)
    page.camera.source.setText(str(frames / "frame_%03d.png"))
    page.camera.start()
    while page.camera.running and (page.camera.count < 1 or page.camera.view.flash > 0):
        settle(1)
    shot("camera")
    page.camera.stop()

    # Template builder: a district form, two blocks snapped, a filled scan read back.
    page.tabs.setCurrentWidget(page.builder)
    b = page.builder
    b.set_form(draw_sample_form())
    s = 150 / 72
    b.add_block(QRectF(232 * s, 122 * s, 90 * s, 190 * s))
    b.add_block(QRectF(342 * s, 122 * s, 90 * s, 190 * s))
    b.kind.setCurrentIndex(1)
    b.cols.setValue(6)
    b.add_block(QRectF(66 * s, 122 * s, 104 * s, 174 * s))
    # The next block being dragged: questions 21-25.
    b.kind.setCurrentIndex(0)
    b.rows.setValue(5)
    b.cols.setValue(5)
    b.labels.setText("ABCDE")
    b.view.selection = QRectF(452 * s, 124 * s, 90 * s, 88 * s)
    b.view.update()
    shot("template")
    b.add_block(b.view.selection)
    b.test_image(draw_sample_form(filled={1: "B", 2: "D", 3: "A", 11: "E"}, student_id="100042"))
    shot("template-test")
    window.close()
    ws.close()


if __name__ == "__main__":
    main()
