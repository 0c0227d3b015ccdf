"""One teacher's story told twice — on the command line and in the app — with the same end.

Publish an exam, change a score and the column's category by hand in the gradebook,
re-key a question, scan one more sheet, publish again: in both faces the hand edits
survive every step, the sheet still in review stays provisional, and the two
workspaces end with the same gradebook column.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import cv2
import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.grading.layout import design_sheet
from app.store import open_workspace
from app.store.keys import Sidecar
from app.store.models import Assignment, Score, Section, Student
from app.store.models.exams import Exam
from tests.grading.exam_helpers import marked_sheet

pytestmark = pytest.mark.gui

KEY = "ABCDABCDAB"
TITLE = "Unit 4 Test"


def _copy(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    shutil.copyfile(Sidecar.path_for(src), Sidecar.path_for(dest))
    return dest


def _class(ws: Any) -> tuple[int, str, list[tuple[int, str]]]:
    with ws.read() as s:
        section = next(sec for sec in s.scalars(select(Section).order_by(Section.id)) if len(sec.enrollments) >= 4)
        kids = sorted((e.student.id, e.student.local_id) for e in section.enrollments if e.end_date is None)
        return section.id, section.code or section.name, kids[:4]


def _answers(who: int) -> dict[int, list[str]]:
    answers = {q: [KEY[q - 1]] for q in range(1, 11)}
    if who == 1:
        answers[2], answers[3] = ["D"], ["A"]
    if who == 3:
        answers[10] = ["C"]
    return answers


def _sheet(template: Any, folder: Path, who: int, local_id: str) -> Path:
    folder.mkdir(exist_ok=True)
    light = {4} if who == 2 else set()  # a faint mark: this sheet waits for review
    path = folder / f"sheet-{who}.png"
    cv2.imwrite(str(path), marked_sheet(template, _answers(who), student_id=local_id, light=light, seed=40 + who))
    return path


def _state(ws: Any) -> dict[str, Any]:
    """The exam's gradebook column as a teacher sees it, by student ID."""
    with ws.read() as s:
        exam = s.scalars(select(Exam).where(Exam.title == TITLE)).one()
        a = s.get(Assignment, exam.assignment_id)
        assert a is not None
        scores = {s.get(Student, sc.student_id).local_id: (sc.points, sc.incomplete)
                  for sc in s.scalars(select(Score).where(Score.assignment_id == a.id))}
        return {"category": a.category.name if a.category else None, "points_possible": a.points_possible,
                "title": a.title, "scores": scores}


def _hand_edits_in_the_gradebook_app(qtbot: Any, monkeypatch: pytest.MonkeyPatch, ws: Any, section_id: int,
                                     student_id: int) -> None:
    """In the app's gradebook: type 9.5 for one student, move the exam's column to Quizzes."""
    # (the command line does the same with `grades set` and `grades assignment --category`)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from app.ui.gradebook.dialogs import AssignmentDialog
    from app.ui.gradebook.model import FIXED_COLUMNS
    from app.ui.gradebook.page import GradebookPage
    from app.ui.shell.context import AppContext

    page = GradebookPage(AppContext(ws))
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    with ws.read() as s:
        exam = s.scalars(select(Exam).where(Exam.title == TITLE)).one()
        column_id = exam.assignment_id
        term_id = s.get(Assignment, column_id).term_id
    page.select(section_id, term_id)
    model, table = page.model, page.table
    column = next(c for c in range(FIXED_COLUMNS, model.columnCount())
                  if (a := model.assignment_for_column(c)) is not None and a.id == column_id)
    row = next(r for r in range(model.rowCount()) if (st := model.student_for_row(r)) and st.id == student_id)
    table.setFocus()
    table.setCurrentIndex(model.index(row, column))
    qtbot.keyClicks(table, "9")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)

    def choose_quizzes(dialog: AssignmentDialog) -> int:
        dialog.category.setCurrentIndex(dialog.category.findText("Quizzes", Qt.MatchFlag.MatchStartsWith))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignmentDialog, "exec", choose_quizzes)
    table.setCurrentIndex(model.index(row, column))
    page.edit_assignment()
    page.close()


def test_the_same_story_in_the_cli_and_in_the_app_ends_the_same(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch, demo_workspace_file, tmp_path, capsys) -> None:
    from app.cli import main

    # --- the command line ----------------------------------------------------------------
    cli_path = _copy(demo_workspace_file, tmp_path / "cli.tdw")
    ws = open_workspace(cli_path, daily_backup=False)
    section_id, code, kids = _class(ws)
    ws.close()
    template = design_sheet(10, 4, id_digits=6, title=TITLE)
    template.save(tmp_path / "t.json")
    first = tmp_path / "cli-scans"
    for who in range(3):
        _sheet(template, first, who, kids[who][1])
    key1, key2 = tmp_path / "key1.csv", tmp_path / "key2.csv"
    key1.write_text("question,answer\n" + "".join(f"{q},{KEY[q - 1]}\n" for q in range(1, 11)), encoding="utf-8")
    key2.write_text(key1.read_text(encoding="utf-8").replace("10,B", "10,A"), encoding="utf-8")
    grade = ["grade", "--template", str(tmp_path / "t.json"), "--workspace", str(cli_path),
             "--assignment", TITLE, "--class", code.lower()]
    assert main([*grade[:1], str(first), *grade[1:], "--key", str(key1), "--category", "Tests"]) == 0
    printed = capsys.readouterr().out
    assert "3 page(s) stored" in printed and "1 provisional" in printed
    ws = open_workspace(cli_path, daily_backup=False)
    assert _state(ws)["category"] == "Tests"
    ws.close()
    # The teacher's own edits, from the command line: 9.5 for one student, the column into Quizzes.
    where = ["--workspace", str(cli_path), "--class", code, "--assignment", TITLE]
    assert main(["grades", "set", *where, "--student", kids[1][1], "9,5"]) == 0
    assert main(["grades", "assignment", *where, "--category", "quizzes"]) == 0
    assert main([*grade[:1], str(first), *grade[1:], "--key", str(key2)]) == 0  # re-key: same sheets, new key
    assert "already there; new key" in capsys.readouterr().out
    second = tmp_path / "cli-more"
    _sheet(template, second, 3, kids[3][1])
    assert main([*grade[:1], str(second), *grade[1:]]) == 0  # one more sheet
    assert main([*grade[:1], str(first), str(second), *grade[1:], "--category", "Tests"]) == 0  # again
    printed = capsys.readouterr().out
    assert "1 kept as you edited" in printed and "(Quizzes)" in printed
    ws = open_workspace(cli_path, daily_backup=False)
    cli_state = _state(ws)
    ws.close()

    # --- the app -------------------------------------------------------------------------
    from PySide6.QtCore import Qt

    from app.grading import exam_store
    from app.ui.grading.page import GradingPage
    from app.ui.shell.context import AppContext

    app_path = _copy(demo_workspace_file, tmp_path / "app.tdw")
    ws = open_workspace(app_path, daily_backup=False)
    page = GradingPage(AppContext(ws))
    qtbot.addWidget(page)
    page.resize(1200, 780)
    page.show()
    page.select_class(section_id)
    page.select_exam(None)
    page.setup.title.setText(TITLE)
    page.setup.questions.setValue(10)
    page.setup.choices.setValue(4)
    qtbot.mouseClick(page.setup.create_button, Qt.MouseButton.LeftButton)
    grid = page.setup.grid
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClicks(grid, KEY.lower())
    assert page.setup.save_key()
    exam_id = page.exam_id
    info = exam_store.load_exam(ws, exam_id)
    scans = tmp_path / "app-scans"
    assert page.scan.start([str(_sheet(info.template, scans, who, kids[who][1])) for who in range(3)])
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=60000)
    asked: list[list[str]] = []

    def pick_tests(_parent, _title, _label, items, _current, _editable):  # type: ignore[no-untyped-def]
        asked.append(items)
        return next(i for i in items if i.startswith("Tests")), True

    monkeypatch.setattr("app.ui.grading.results.QInputDialog.getItem", pick_tests)
    page.tabs.setCurrentWidget(page.results)
    page.results.publish()
    assert asked and _state(ws)["category"] == "Tests"

    _hand_edits_in_the_gradebook_app(qtbot, monkeypatch, ws, section_id, kids[1][0])
    page.data_changed()
    assert "1 kept as you edited them" in page.results.summary.text()

    monkeypatch.setattr("app.ui.grading.results.QInputDialog.getInt", lambda *_a, **_k: (10, True))
    monkeypatch.setattr("app.ui.grading.results.QInputDialog.getText", lambda *_a, **_k: ("A", True))
    page.results.rekey()
    assert page.scan.start([str(_sheet(info.template, tmp_path / "app-more", 3, kids[3][1]))])
    qtbot.waitUntil(lambda: not page.scan.busy, timeout=60000)
    page.setup.save_details()  # the "Exam & key" form saved as it shows the exam
    page.results.publish()  # publishing again
    assert len(asked) == 1  # the column's category was asked for once, when it was made
    page.data_changed()
    summary = page.results.summary.text()
    assert "(Quizzes)" in summary and "1 provisional" in summary and "1 kept as you edited them" in summary
    app_state = _state(ws)
    ws.close()

    # --- the same end --------------------------------------------------------------------
    assert app_state == cli_state
    ids = [local for _sid, local in kids]
    assert cli_state["category"] == "Quizzes"  # the teacher's category survived re-key, rescan, republish
    assert cli_state["scores"][ids[1]] == (9.5, False)  # the teacher's 9.5 too
    assert cli_state["scores"][ids[0]] == (9.0, False)  # question 10 re-keyed from B to A
    assert cli_state["scores"][ids[2]][1] is True  # still in review: provisional
    assert cli_state["scores"][ids[3]] == (9.0, False)  # the sheet scanned later is in
