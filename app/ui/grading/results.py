"""Results (per student, sortable, with the sheet and each question's answer) and item
analysis (with charts).

Choosing a student shows their scan and, under it, every question: what was read, the
key, the teacher's decision, the points. Clicking a question zooms the scan onto it; the
mouse wheel zooms anywhere; "Whole page" goes back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.grading import exams, service
from app.grading.analysis import ItemStats
from app.grading.exams import StudentResult
from app.grading.question_view import QuestionLine, question_lines
from app.ui.common.table_model import Column, RowTableModel, SearchProxy, make_table_view
from app.ui.grading.selection import ExamSelection
from app.ui.grading.widgets import BLUE, ORANGE, BarChart, SheetView, page_overlays


class ResultsTab(QWidget):
    changed = Signal()

    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.info: exams.ExamInfo | None = None
        self.model: RowTableModel[StudentResult] = RowTableModel([
            Column(self.tr("Student"), lambda r: r.name, sort_key=lambda r: r.sort_name.casefold()),
            Column(self.tr("ID"), lambda r: r.local_id),
            Column(self.tr("Version"), lambda r: r.version),
            Column(self.tr("Score"), lambda r: f"{r.score:g} / {r.max_score:g}", align_right=True,
                   sort_key=lambda r: r.score),
            Column(self.tr("Percent"), lambda r: "" if r.percent is None else f"{r.percent:.1f}%", align_right=True,
                   sort_key=lambda r: r.percent if r.percent is not None else -1.0),
            Column(self.tr("Flags"), lambda r: ", ".join(r.flags)),
        ], self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view()
        self.view.setModel(self.proxy)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        for col, width in enumerate((180, 70, 60, 80, 70)):
            self.view.setColumnWidth(col, width)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search students…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.sheet = SheetView()
        self.sheet.placeholder = self.tr("Click a student to see the sheet.")
        self.question_model: RowTableModel[QuestionLine] = RowTableModel([
            Column(self.tr("Q"), lambda q: q.number, align_right=True, sort_key=lambda q: q.number),
            Column(self.tr("Read"), lambda q: q.read),
            Column(self.tr("Key"), lambda q: q.key),
            Column(self.tr("Your decision"), lambda q: q.decision),
            Column(self.tr("Points"), lambda q: q.points, align_right=True),
            Column(self.tr("Result"), lambda q: self._outcome_text(q)),
        ], self)
        self.questions = make_table_view()
        self.questions.setModel(self.question_model)
        self.questions.setSortingEnabled(False)
        self.questions.verticalHeader().setDefaultSectionSize(22)
        self.questions.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.zoom_to_question(cur))
        self.whole_page = QPushButton(self.tr("Whole page"))
        self.whole_page.setToolTip(self.tr("Click a question to zoom on it; the mouse wheel zooms the scan."))
        self.whole_page.clicked.connect(self.show_whole_page)
        self._current: StudentResult | None = None
        self._pages: list[exams.PageRow] = []
        self._shown_page_id: int | None = None
        self.decisions = QLabel()
        self.decisions.setWordWrap(True)
        self.decisions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rekey = QPushButton(self.tr("Re-key a question…"))
        rekey.clicked.connect(self.rekey)
        drop = QPushButton(self.tr("Drop a question…"))
        drop.clicked.connect(self.drop)
        self.publish_button = QPushButton(self.tr("Put scores in the gradebook"))
        self.publish_button.clicked.connect(self.publish)
        export = QPushButton(self.tr("Export…"))
        export.clicked.connect(self.export)
        rematch = QPushButton(self.tr("Change student…"))
        rematch.setToolTip(self.tr("The selected sheet belongs to someone else (an ID bubbled wrong)"))
        rematch.clicked.connect(self.change_student)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(rematch)
        top.addWidget(rekey)
        top.addWidget(drop)
        top.addWidget(export)
        top.addWidget(self.publish_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.view, 1)
        lv.addWidget(self.summary)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        sheet_box = QWidget()
        sv = QVBoxLayout(sheet_box)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.sheet, 1)
        zoom_row = QHBoxLayout()
        zoom_row.addWidget(QLabel(self.tr("Each question (click one to zoom on the scan):")), 1)
        zoom_row.addWidget(self.whole_page)
        sv.addLayout(zoom_row)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(sheet_box)
        right_split.addWidget(self.questions)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 2)
        rv.addWidget(right_split, 1)
        rv.addWidget(self.decisions)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        ws = self.sel.workspace
        exam_id = self.sel.exam_id
        if exam_id is None:
            self.info = None
            self.model.set_rows([])
            self.summary.setText("")
            self.sheet.set_image(None)
            return
        self.info = exams.load_exam(ws, exam_id)
        rows = exams.student_results(ws, exam_id)
        self.model.set_rows(rows)
        if self.view.horizontalHeader().sortIndicatorSection() < 0:
            self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        roster = len(exams.roster(ws, self.info.section_id))
        done = sum(1 for r in rows if r.complete)
        pct = [r.percent for r in rows if r.percent is not None]
        mean = f"{sum(pct) / len(pct):.1f}%" if pct else "–"
        text = self.tr("{0} of {1} students graded ({2} complete) · class average {3}.")
        text = text.replace("{0}", str(len(rows))).replace("{1}", str(roster)).replace("{2}", str(done))
        text = text.replace("{3}", mean)
        self.summary.setText(text + "\n" + self._gradebook_text(service.status(ws, exam_id)))
        # Once published, every change follows on its own: nothing left to press.
        self.publish_button.setVisible(not self.info.assignment_id)

    def _selected(self, _sel: QItemSelection, _old: QItemSelection) -> None:
        idx = self.view.selectionModel().currentIndex()
        self.show_row(idx)

    def _outcome_text(self, q: QuestionLine) -> str:
        words = {"right": self.tr("right"), "wrong": self.tr("wrong"), "partial": self.tr("part credit"),
                 "double mark": self.tr("double mark"), "blank": self.tr("blank"),
                 "to review": self.tr("to review"), "dropped": self.tr("dropped"), "no key": self.tr("no key")}
        text = words.get(q.outcome, q.outcome)
        return f"{text} ({q.note})" if q.note and q.note != "teacher" else text

    def show_row(self, idx: QModelIndex | QPersistentModelIndex) -> None:
        r = self.model.row_at(self.proxy.mapToSource(idx)) if idx.isValid() else None
        if r is None or self.info is None or not r.page_ids:
            return
        self._current = r
        self._pages = [exams.page(self.sel.workspace, pid) for pid in r.page_ids]
        self._shown_page_id = None
        made = exams.decisions(self.sel.workspace, self.info.id, r.page_ids)
        self.question_model.set_rows(question_lines(r.answers, self.info.key.for_version(r.version), made))
        self.questions.resizeColumnsToContents()
        self._show_page(self._pages[0], None)
        self.sheet.caption = f"{r.name} — {r.score:g} / {r.max_score:g}"
        self.decisions.setText(
            self.tr("Your decisions on this sheet (purple):") + "\n" + "\n".join(exams.describe(d) for d in made)
            if made else self.tr("Read as scanned; no decisions on this sheet."))

    def _show_page(self, p: exams.PageRow, question: int | None) -> None:
        if p.scan_id is None or self.info is None:
            return
        if p.id != self._shown_page_id:
            self.sheet.set_image(exams.scan_image(self.sel.workspace, p.scan_id))
            self._shown_page_id = p.id
        overlays, focus = page_overlays(p.result, self.info.template, self.info.key.for_version(p.result.version),
                                        focus=question)
        self.sheet.set_zoom(1.0)
        self.sheet.set_overlays(overlays, focus)

    def zoom_to_question(self, index: QModelIndex) -> None:
        """The scan zoomed onto the chosen question, on the page that holds it."""
        line = self.question_model.row_at(index) if index.isValid() else None
        if line is None or not self._pages:
            return
        page = next((p for p in self._pages if any(a.number == line.number for a in p.result.answers)),
                    self._pages[0])
        self._show_page(page, line.number)

    def show_whole_page(self) -> None:
        if self._pages:
            self.questions.clearSelection()
            self._show_page(self._pages[0], None)

    def selected(self) -> StudentResult | None:
        idx = self.view.selectionModel().currentIndex()
        return self.model.row_at(self.proxy.mapToSource(idx)) if idx.isValid() else None

    def change_student(self) -> None:
        r = self.selected()
        if r is None or self.info is None:
            self.sel.status(self.tr("Select a student's row first."))
            return
        roster = exams.roster(self.sel.workspace, self.info.section_id)
        names = [f"{s.sort_name} · {s.local_id}" for s in roster]
        text, ok = QInputDialog.getItem(self, self.tr("Change student"),
                                        self.tr("Whose sheet is this? (type to search)"), names, 0, True)
        if not ok or text not in names:
            return
        student = roster[names.index(text)]
        for page_id in r.page_ids:
            if self.sel.run(service.match_student, self.info.id, page_id, student.id, actor=self.sel.actor,
                            parent=self, title=self.tr("Change student")) is None:
                break
        self.changed.emit()

    def _ask_question(self, title: str) -> int | None:
        if self.info is None:
            return None
        q, ok = QInputDialog.getInt(self, title, self.tr("Question number:"), 1, 1, self.info.questions)
        return q if ok else None

    def rekey(self) -> None:
        q = self._ask_question(self.tr("Re-key a question"))
        if q is None or self.info is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Re-key a question"),
                                        self.tr("Correct answer(s) for question {0} (e.g. C, or BD for either):")
                                        .replace("{0}", str(q)))
        letters = [c for c in text.upper() if c in self.info.choices]
        if not ok or not letters:
            return
        if self.sel.run(service.rekey_question, self.info.id, q, letters, actor=self.sel.actor, parent=self,
                        title=self.tr("Re-key a question")) is not None:
            self.changed.emit()

    def drop(self) -> None:
        q = self._ask_question(self.tr("Drop a question"))
        if q is None or self.info is None:
            return
        if self.sel.run(service.drop_question, self.info.id, q, actor=self.sel.actor, parent=self,
                        title=self.tr("Drop a question")) is not None:
            self.changed.emit()

    def publish(self) -> None:
        if self.info is None:
            return
        if not self.info.key_complete():
            answer = QMessageBox.question(self, self.tr("Gradebook"),
                                          self.tr("Some questions have no answer in the key. Publish anyway?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        # Published already: bring it up to date; the column keeps the category it has.
        choice = (None, None) if self.info.assignment_id else self._ask_category()
        if choice is None:
            return
        category_id, new_category = choice
        if self.sel.run(service.publish, self.info.id, category_id=category_id, new_category=new_category,
                        actor=self.sel.actor, parent=self, title=self.tr("Gradebook")) is None:
            return
        self.sel.status(self.tr("Scores are in the gradebook; later changes follow on their own."))
        self.changed.emit()

    def _ask_category(self) -> tuple[int | None, str | None] | None:
        """(category id, name of a first category to create), or None if the teacher cancelled."""
        assert self.info is not None
        cats = service.categories(self.sel.workspace, self.info.section_id)
        if not cats:
            none = self.tr("(no category)")
            text, ok = QInputDialog.getItem(
                self, self.tr("Put scores in the gradebook"),
                self.tr("This class has no gradebook categories. Type a name to make this its first "
                        "category (e.g. Tests), or keep “(no category)”:"), [none], 0, True)
            if not ok:
                return None
            return None, (None if text.strip() in ("", none) else text.strip())
        names = [f"{c.name} ({c.weight:g}%)" for c in cats]
        current = next((i for i, c in enumerate(cats) if c.id == self.info.category_id), None)
        if current is None:
            current = next((i for i, c in enumerate(cats) if c.name.casefold() in ("tests", "exams")), 0)
        text, ok = QInputDialog.getItem(
            self, self.tr("Put scores in the gradebook"),
            self.tr("Gradebook category of “{0}” (it counts in the weighted grade through it):")
            .replace("{0}", self.info.title), names, current, False)
        if not ok:
            return None
        return cats[names.index(text)].id, None

    def _gradebook_text(self, st: service.GradebookStatus) -> str:
        """What is in the gradebook and what is pending, in the teacher's words."""
        if not st.published:
            if not st.pending:
                return self.tr("Not in the gradebook yet.")
            return self.tr("Not in the gradebook yet: %n score(s) waiting — press “Put scores in the "
                           "gradebook”.", "", st.pending)
        where = f"“{st.title}”" + (f" ({st.category})" if st.category else "")
        text = self.tr("In the gradebook as {0}: {1} final").replace("{0}", where).replace("{1}", str(st.final))
        if st.provisional:
            text += self.tr(", {0} provisional (marked incomplete until their sheets are reviewed)").replace(
                "{0}", str(st.provisional))
        if st.kept:
            text += self.tr(", {0} kept as you edited them").replace("{0}", str(st.kept))
        text += self.tr(". Later changes follow on their own.")
        if st.unmatched:
            text += " " + self.tr("%n sheet(s) wait for their student (Review).", "", st.unmatched)
        return text

    def export(self) -> None:
        """The results (and item analysis) as an Excel workbook, CSV for Excel or CSV."""
        from app.reports.export_service import TABLE_FORMATS, export_exam
        from app.ui.common.export_dialog import ask_export, system_locale

        if self.info is None:
            return
        chosen = ask_export(self, self.tr("Export results"), f"{self.info.title} results", TABLE_FORMATS)
        if chosen is None:
            return
        path, fmt = chosen
        paths = export_exam(self.sel.workspace, self.info.id, fmt, path, locale=system_locale())
        self.sel.status(self.tr("Exported to {0}").replace("{0}", ", ".join(p.name for p in paths)))


class HighlightModel(RowTableModel[ItemStats]):
    """Item rows; questions that look mis-keyed are painted red."""

    suspects: dict[int, str] = {}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            row = self.row_at(index)
            if row is not None and row.question in self.suspects:
                return QColor(255, 205, 205)
            return None
        return super().data(index, role)


class Histogram(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[tuple[float, float, int]] = []
        self.title = ""
        self.setMinimumHeight(150)

    def set_bins(self, bins: list[tuple[float, float, int]], title: str) -> None:
        self.bins, self.title = bins, title
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(self.palette().text().color())
        p.drawText(8, 16, self.title)
        if not self.bins:
            p.end()
            return
        left, top, bottom = 10, 40, 20
        w = self.width() - 2 * left
        h = self.height() - top - bottom
        top_n = max(max(b[2] for b in self.bins), 1)
        slot = w / len(self.bins)
        for i, (a, b, n) in enumerate(self.bins):
            bh = h * n / top_n
            p.fillRect(int(left + i * slot + 2), int(top + h - bh), int(slot - 4), int(bh), BLUE)
            if n:
                p.drawText(int(left + i * slot), int(top + h - bh - 16), int(slot), 14,
                           int(Qt.AlignmentFlag.AlignHCenter), str(n))
            p.drawText(int(left + i * slot), int(top + h + 2), int(slot), 16, int(Qt.AlignmentFlag.AlignHCenter),
                       f"{a:g}–{b:g}" if slot > 46 else f"{a:g}")
        p.end()


class AnalysisTab(QWidget):
    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.histogram = Histogram()
        self.model = HighlightModel([
            Column(self.tr("Q"), lambda r: r.question, align_right=True),
            Column(self.tr("Key"), lambda r: "".join(r.correct)),
            Column(self.tr("Difficulty p"), lambda r: "" if r.p is None else f"{r.p:.2f}", align_right=True,
                   sort_key=lambda r: -1.0 if r.p is None else r.p),
            Column(self.tr("Point-biserial"), lambda r: "" if r.point_biserial is None else f"{r.point_biserial:.2f}",
                   align_right=True, sort_key=lambda r: -2.0 if r.point_biserial is None else r.point_biserial),
            Column(self.tr("Upper–lower D"), lambda r: "" if r.upper_lower is None else f"{r.upper_lower:.2f}",
                   align_right=True, sort_key=lambda r: -2.0 if r.upper_lower is None else r.upper_lower),
            Column(self.tr("Answers chosen"), self._counts_text),
            Column(self.tr("Note"), lambda r: self._note(r)),
        ], self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table_view()
        self.table.setModel(self.proxy)
        self.table.setColumnWidth(0, 40)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setColumnWidth(5, 260)
        charts = QHBoxLayout()
        charts.addWidget(self.chart, 3)
        charts.addWidget(self.histogram, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(charts)
        layout.addWidget(self.table, 1)

    def _counts_text(self, r: ItemStats) -> str:
        """"A:1  B:8  blank:1" with the non-letter tallies in the UI's language."""
        words = {"blank": self.tr("blank"), "review": self.tr("to review")}
        return "  ".join(f"{words.get(k, k)}:{v}" for k, v in r.counts.items())

    def _note(self, r: ItemStats) -> str:
        choice = self.model.suspects.get(r.question)
        if choice:
            return self.tr("Check the key: top scorers chose {0}").replace("{0}", choice)
        if r.p is not None and r.p < 0.3:
            return self.tr("hard")
        if r.point_biserial is not None and r.point_biserial < 0.1:
            return self.tr("does not discriminate")
        return ""

    def refresh(self) -> None:
        from app.grading.exam_analysis import exam_analysis

        exam_id = self.sel.exam_id
        if exam_id is None:
            self.model.set_rows([])
            self.summary.setText("")
            return
        ea = exam_analysis(self.sel.workspace, exam_id)
        a = ea.analysis
        self.model.suspects = ea.suspects
        self.model.set_rows(a.items)
        kr = "–" if a.kr20 is None else f"{a.kr20:.2f}"
        mean = "–" if a.mean is None else f"{a.mean:.1f} / {a.max_score:g}"
        sd = "–" if a.sd is None else f"{a.sd:.1f}"
        text = (self.tr("{0} students · mean {1} · SD {2} · reliability KR-20 {3}")
                .replace("{0}", str(a.n_students)).replace("{1}", mean).replace("{2}", sd).replace("{3}", kr))
        if ea.suspects:
            qs = ", ".join(f"Q{q}" for q in sorted(ea.suspects))
            text += "  ·  " + self.tr("Possibly mis-keyed (in red): {0}").replace("{0}", qs)
        self.summary.setText(text)
        labels = [str(i.question) for i in a.items]
        highlight = {n for n, i in enumerate(a.items) if i.question in ea.suspects}
        self.chart.set_data(labels, [
            (self.tr("difficulty p"), BLUE, [i.p for i in a.items]),
            (self.tr("discrimination"), ORANGE, [i.point_biserial for i in a.items]),
        ], lo=-0.5, hi=1.0, highlight=highlight,
            title=self.tr("Per question"), guides=[(0.2, "")])
        self.chart.setToolTip(self.tr("Dashed line: discrimination 0.2 (below it a question says little about "
                                      "who knows the material). Red: the key may be wrong."))
        self.histogram.set_bins(a.distribution, self.tr("Scores"))
