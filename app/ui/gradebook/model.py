"""The gradebook grid: students x assignments over plain rows, with running averages.

Rows are the class's students plus a last "Class average" row; columns are the student,
the running grade (percent and letter) and one column per assignment. Edits go through a
``save`` callback (one transaction each, audited by the store) and the averages update
at once. Work the grade leaves out (weighted mode, no weighted category) is shown as
"not counted", a score's note as a corner mark and in its tooltip.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.core import l10n
from app.core.stored_text import localized
from app.reports.gradebook import (
    Mark,
    StudentGrade,
    assignment_average,
    not_counted,
    student_grade,
    year_student_grade,
)
from app.reports.gradebook_service import CellError, Grid, parse_cell, toggle_flag

AnyIndex = QModelIndex | QPersistentModelIndex
Change = tuple[int, int, Mark]  # assignment id, student id, new mark
FIXED_COLUMNS = 2  # student, average

MISSING_BG = QColor("#F8D7DA")
EXCUSED_BG = QColor("#E2E3E5")
LATE_BG = QColor("#FFE5C2")
INCOMPLETE_BG = QColor("#FFF3CD")
FOOTER_BG = QColor("#EEF2F6")
LEFT_FG = QColor("#7A808A")  # students who left the class: shown on request, greyed, read-only
NOT_COUNTED_FG = QColor("#6C757D")
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # the score's note text, for the corner mark
HEADER_WRAP = 14  # characters per header line: titles wrap instead of being cut off
HEADER_LINES = 3


def wrap_title(title: str) -> str:
    """An assignment title over at most three short lines (the last one elided with …)."""
    lines = textwrap.wrap(title, HEADER_WRAP, break_long_words=True) or [""]
    if len(lines) > HEADER_LINES:
        lines = lines[:HEADER_LINES]
        lines[-1] = lines[-1][: HEADER_WRAP - 1].rstrip() + "…"
    return "\n".join(lines)


def points_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def mark_text(mark: Mark | None) -> str:
    """How a cell reads: '9', '8 L', 'M', 'X', '5 I'."""
    if mark is None:
        return ""
    flags = "".join(letter for letter, on in (
        ("M", mark.missing), ("L", mark.late), ("X", mark.excused), ("I", mark.incomplete)) if on)
    text = points_text(mark.points)
    return f"{text} {flags}".strip() if text and flags else text or flags


class GradebookModel(QAbstractTableModel):
    error = Signal(str)
    notice = Signal(str)  # what an edit did besides the number (a flag kept or cleared)

    def __init__(self, save: Callable[[list[Change]], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._save = save
        self.grid: Grid | None = None
        self._grades: dict[int, StudentGrade] = {}
        self.notes: dict[tuple[int, int], str] = {}  # (assignment id, student id) -> note
        self.not_counted: set[int] = set()  # assignment ids the grade leaves out

    # --- data -------------------------------------------------------------------------

    def set_grid(self, grid: Grid | None, notes: dict[tuple[int, int], str] | None = None) -> None:
        self.beginResetModel()
        self.grid = grid
        self._grades = {}
        self.notes = dict(notes or {})
        self.not_counted = set()
        if grid is not None:
            sec = grid.section
            self.not_counted = not_counted(sec.assignments, sec.categories, sec.policy)
            for student in grid.students:
                self._recompute(student.id)
        self.endResetModel()

    def _recompute(self, student_id: int) -> None:
        assert self.grid is not None
        sec = self.grid.section
        marks = self.grid.marks.get(student_id, {})
        if self.grid.term_id is None:  # the whole year: terms weighted, not points pooled
            self._grades[student_id] = year_student_grade(sec.assignments, sec.categories, marks, sec.policy)[0]
        else:
            self._grades[student_id] = student_grade(sec.assignments, sec.categories, marks, sec.policy)

    def grade(self, student_id: int) -> StudentGrade | None:
        return self._grades.get(student_id)

    def note_at(self, row: int, column: int) -> str:
        student, assignment = self.student_for_row(row), self.assignment_for_column(column)
        if student is None or assignment is None:
            return ""
        return self.notes.get((assignment.id, student.id), "")

    def set_note(self, row: int, column: int, text: str) -> None:
        student, assignment = self.student_for_row(row), self.assignment_for_column(column)
        if student is None or assignment is None:
            return
        if text:
            self.notes[(assignment.id, student.id)] = text
        else:
            self.notes.pop((assignment.id, student.id), None)
        self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def breakdown(self, student_id: int) -> str:
        """The grade's parts, one line each; work left out says so."""
        grade = self._grades.get(student_id)
        if grade is None or self.grid is None:
            return ""
        lines = []
        weighted = self.grid.section.policy.mode == "weighted"
        for cat in grade.categories:
            name = cat.name or self.tr("No category")
            value = l10n.percent(cat.percent)  # "85.5%" / "85,5%": the app's language
            if not cat.counts:
                lines.append(self.tr("%1: %2 (not counted in the grade)").replace("%1", name).replace("%2", value))
            elif weighted and cat.weight:
                lines.append(f"{name} ({cat.weight:g}%): {value}")
            else:
                lines.append(f"{name}: {value}")
        return "\n".join(lines)

    def assignment_for_column(self, column: int) -> Any:
        if self.grid is None or column < FIXED_COLUMNS:
            return None
        index = column - FIXED_COLUMNS
        assignments = self.grid.section.assignments
        return assignments[index] if index < len(assignments) else None

    def student_for_row(self, row: int) -> Any:
        if self.grid is None or row >= len(self.grid.students):
            return None
        return self.grid.students[row]

    def mark_at(self, row: int, column: int) -> Mark | None:
        student, assignment = self.student_for_row(row), self.assignment_for_column(column)
        if student is None or assignment is None or self.grid is None:
            return None
        return self.grid.marks.get(student.id, {}).get(assignment.id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        return len(self.grid.students) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        return FIXED_COLUMNS + len(self.grid.section.assignments)

    def _average_text(self, student_id: int) -> str:
        grade = self._grades.get(student_id)
        if grade is None or grade.percent is None:
            return "—"
        return f"{l10n.percent(grade.percent)}  {grade.letter}"

    def _footer(self, column: int) -> str:
        assert self.grid is not None
        if column == 0:
            return self.tr("Class average")
        current = [s for s in self.grid.students if s.active]  # the class as it is now
        if column == 1:
            values = [g.percent for s in current if (g := self._grades.get(s.id)) and g.percent is not None]
            return l10n.percent(sum(values) / len(values)) if values else "—"
        assignment = self.assignment_for_column(column)
        marks = [self.grid.marks.get(s.id, {}).get(assignment.id) for s in current]
        avg = assignment_average(assignment, marks, self.grid.section.policy)
        return "" if avg is None else l10n.percent(avg, decimals=0)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        row, column = index.row(), index.column()
        footer = row == len(self.grid.students)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._footer(column) if footer else self._cell_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column, footer)
        if role == Qt.ItemDataRole.FontRole and (footer or column <= 1):
            font = QFont()
            font.setBold(footer or column == 1)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column, footer)
        if role == NOTE_ROLE and not footer:
            return self.note_at(row, column) or None
        if role == Qt.ItemDataRole.ToolTipRole and not footer:
            return self._cell_tooltip(row, column)
        return None

    def _cell_text(self, row: int, column: int) -> str:
        assert self.grid is not None
        student = self.grid.students[row]
        if column == 0:
            return student.name if student.active else self.tr("%1 (left)").replace("%1", student.name)
        if column == 1:
            return self._average_text(student.id)
        return mark_text(self.mark_at(row, column))

    def _foreground(self, row: int, column: int, footer: bool) -> QBrush | None:
        assert self.grid is not None
        if not footer and not self.grid.students[row].active:
            return QBrush(LEFT_FG)  # left the class: greyed, whatever the column
        return self._not_counted_brush(column)

    def _background(self, row: int, column: int, footer: bool) -> QBrush | None:
        if footer or column == 1:
            return QBrush(FOOTER_BG)
        mark = self.mark_at(row, column)
        if mark is None:
            return None
        for on, color in ((mark.missing, MISSING_BG), (mark.excused, EXCUSED_BG),
                          (mark.incomplete, INCOMPLETE_BG), (mark.late, LATE_BG)):
            if on:
                return QBrush(color)
        return None

    def _not_counted_brush(self, column: int) -> QBrush | None:
        assignment = self.assignment_for_column(column)
        return QBrush(NOT_COUNTED_FG) if assignment is not None and assignment.id in self.not_counted else None

    def _cell_tooltip(self, row: int, column: int) -> str | None:
        """The grade's breakdown on the Grade column; flags, "not counted" and the note on a score."""
        assert self.grid is not None
        if not self.grid.students[row].active and column != 1:
            return self.tr("Left this class. Their grades are kept and shown for reference; they cannot be "
                           "changed here.")
        if column == 1:
            return self.breakdown(self.grid.students[row].id) or None
        if column < FIXED_COLUMNS:
            return None
        mark = self.mark_at(row, column) or Mark()
        words = [w for w, on in ((self.tr("missing"), mark.missing), (self.tr("late"), mark.late),
                                 (self.tr("excused"), mark.excused), (self.tr("incomplete"), mark.incomplete)) if on]
        lines = [", ".join(words)] if words else []
        if self._not_counted_brush(column) is not None:
            lines.append(self.tr("Not counted in the grade: this work has no category with a weight."))
        note = self.note_at(row, column)
        if note:
            lines.append(self.tr("Note: %1").replace("%1", localized(note)))
        return "\n".join(lines) or None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_text(section)
        if role == Qt.ItemDataRole.ForegroundRole and section >= FIXED_COLUMNS:
            return self._not_counted_brush(section)
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIXED_COLUMNS:
            return self._header_tooltip(section)
        return None

    def _header_text(self, section: int) -> str | None:
        if section == 0:
            return self.tr("Student")
        if section == 1:
            return self.tr("Grade")
        a = self.assignment_for_column(section)
        if a is None:
            return None
        mark = " ★" if a.extra_credit else ""
        origin = " " + self.tr("(scan)") if a.origin == "omr" else ""
        points = points_text(a.points_possible) + " " + self.tr("pts")
        if a.id in self.not_counted:
            points += " · " + self.tr("not counted")
        return f"{wrap_title(a.title)}{origin}{mark}\n{points}"

    def _header_tooltip(self, section: int) -> str | None:
        assert self.grid is not None
        a = self.assignment_for_column(section)
        if a is None:
            return None
        cats = {c.id: c.name for c in self.grid.section.categories}
        parts = [a.title, self.tr("Category: %1").replace("%1", cats.get(a.category_id, "—"))]
        extras = ((a.due_date is not None, self.tr("Due: %1").replace("%1", a.due_date.isoformat() if a.due_date else "")),
                  (a.origin == "omr", self.tr("From a scanned bubble-sheet exam")),
                  (a.extra_credit, self.tr("Extra credit")),
                  (a.id in self.not_counted, self.tr("Not counted in the grade: give it a category with a weight "
                                                     "(Edit assignment…) to count it.")))
        parts.extend(text for on, text in extras if on)
        return "\n".join(parts)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.grid is not None and index.column() >= FIXED_COLUMNS and index.row() < len(self.grid.students) \
                and self.grid.students[index.row()].active:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    # --- edits ------------------------------------------------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        current = self.mark_at(index.row(), index.column())
        text = str(value or "")
        if text.strip() == mark_text(current):
            return False
        try:
            mark = parse_cell(text, current)
        except CellError as exc:
            self.error.emit(str(exc))
            return False
        student = self.student_for_row(index.row())
        assignment = self.assignment_for_column(index.column())
        saved = self.apply([(assignment.id, student.id, mark)])
        if saved and current is not None:
            self._tell_flags(student.name, current, mark)
        return saved

    def _tell_flags(self, name: str, before: Mark, after: Mark) -> None:
        """A number typed over a flag: say what became of the flag, never drop it unseen."""
        kept = [f"{letter} ({word})" for letter, word, was, now in (
            ("L", self.tr("late"), before.late, after.late),
            ("X", self.tr("excused"), before.excused, after.excused),
            ("I", self.tr("incomplete"), before.incomplete, after.incomplete)) if was and now]
        parts = []
        if before.missing and not after.missing:
            parts.append(self.tr("%1: the missing flag was removed (the work came in).").replace("%1", name))
        if kept and after.points is not None and after.points != before.points:
            text = self.tr("%1: the score is saved and kept %2; press the letter again to remove it.")
            parts.append(text.replace("%1", name).replace("%2", ", ".join(kept)))
            if after.excused:
                parts.append(self.tr("An excused score does not count in the grade."))
        if parts:
            self.notice.emit(" ".join(parts))

    def toggle(self, indexes: list[QModelIndex], flag: str) -> bool:
        changes = []
        for index in indexes:
            if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
                continue
            student = self.student_for_row(index.row())
            assignment = self.assignment_for_column(index.column())
            changes.append((assignment.id, student.id, toggle_flag(self.mark_at(index.row(), index.column()), flag)))
        return self.apply(changes)

    def clear(self, indexes: list[QModelIndex]) -> bool:
        changes = []
        for index in indexes:
            if self.flags(index) & Qt.ItemFlag.ItemIsEditable and self.mark_at(index.row(), index.column()):
                changes.append((self.assignment_for_column(index.column()).id,
                                self.student_for_row(index.row()).id, Mark()))
        return self.apply(changes)

    def paste(self, top: int, left: int, text: str) -> tuple[int, list[str]]:
        """Paste tab/newline text (a spreadsheet column or block) from a cell down/right.

        Returns (cells changed, problems); valid cells are saved together, bad ones named.
        """
        if self.grid is None:
            return 0, []
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        changes: list[Change] = []
        problems: list[str] = []
        for dr, line in enumerate(lines):
            row = top + dr
            student = self.student_for_row(row)
            if student is None:
                problems.append(self.tr("%1 more rows than students were left out").replace("%1", str(len(lines) - dr)))
                break
            if not student.active:
                problems.append(self.tr("%1 left the class; their grades were not changed").replace("%1", student.name))
                continue
            for dc, cell in enumerate(line.split("\t")):
                assignment = self.assignment_for_column(left + dc)
                if assignment is None:
                    continue
                current = self.mark_at(row, left + dc)
                try:
                    mark = parse_cell(cell, current)
                except CellError as exc:
                    problems.append(f"{student.name}: {exc}")
                    continue
                if mark != (current or Mark()):
                    changes.append((assignment.id, student.id, mark))
        self.apply(changes)
        return len(changes), problems

    def apply(self, changes: list[Change]) -> bool:
        if self.grid is not None:  # a departed student's grades are read-only, whatever the path
            left = {s.id for s in self.grid.students if not s.active}
            changes = [c for c in changes if c[1] not in left]
        if not changes or self.grid is None:
            return False
        try:
            self._save(changes)
        except Exception as exc:  # a failed save must not leave the grid showing unsaved grades
            self.error.emit(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        touched = set()
        for assignment_id, student_id, mark in changes:
            marks = self.grid.marks.setdefault(student_id, {})
            if mark.is_blank and not mark.late:
                marks.pop(assignment_id, None)
            else:
                marks[assignment_id] = mark
            touched.add(student_id)
        for student_id in touched:
            self._recompute(student_id)
        last_row = len(self.grid.students)
        self.dataChanged.emit(self.index(0, 1), self.index(last_row, self.columnCount() - 1))
        return True
