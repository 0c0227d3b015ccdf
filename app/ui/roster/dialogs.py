"""Add/edit dialogs for students and classes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)
from sqlalchemy import select

from app.store.models import Course, Section, Staff, Student, Term
from app.store.roster_service import (
    LANGUAGE_NAMES,
    ClassInput,
    GuardianInput,
    StudentInput,
    save_class,
    save_student,
)
from app.ui.common.language_picker import language_label
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op


class StudentDialog(QDialog):
    """Edit a student and their first guardian (contact and preferred language)."""

    def __init__(self, ctx: AppContext, student_id: int | None = None, parent: QWidget | None = None,
                 *, enroll_in: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workspace = ctx.workspace
        self.student_id = student_id
        self.enroll_in = enroll_in
        self.setWindowTitle(self.tr("Edit student") if student_id else self.tr("Add student"))
        form = QFormLayout(self)
        self.local_id = QLineEdit()
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.preferred = QLineEdit()
        self.pronouns = QComboBox()
        self.pronouns.setEditable(True)
        self.pronouns.addItems(["", "she/her", "he/him", "they/them"])
        self.grade = QComboBox()
        self.grade.setEditable(True)
        self.grade.addItems(["", "K"] + [str(g) for g in range(1, 13)])
        self.guardian_given = QLineEdit()
        self.guardian_family = QLineEdit()
        self.guardian_email = QLineEdit()
        self.guardian_phone = QLineEdit()
        self.language = QComboBox()
        for code in LANGUAGE_NAMES:
            self.language.addItem(f"{language_label(code)} ({code})", code)  # in the UI's language
        form.addRow(self.tr("Student ID"), self.local_id)
        form.addRow(self.tr("First name"), self.given)
        form.addRow(self.tr("Last name"), self.family)
        form.addRow(self.tr("Preferred name"), self.preferred)
        form.addRow(self.tr("Pronouns"), self.pronouns)
        form.addRow(self.tr("Grade"), self.grade)
        form.addRow(QLabel(self.tr("<b>Guardian</b>")))
        form.addRow(self.tr("First name"), self.guardian_given)
        form.addRow(self.tr("Last name"), self.guardian_family)
        form.addRow(self.tr("Email"), self.guardian_email)
        form.addRow(self.tr("Phone"), self.guardian_phone)
        form.addRow(self.tr("Language for letters and reports"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if student_id:
            self._load()

    def _load(self) -> None:
        with self.workspace.read() as s:
            st = s.get(Student, self.student_id)
            if st is None:
                return
            self.local_id.setText(st.local_id)
            self.given.setText(st.given_name)
            self.family.setText(st.family_name)
            self.preferred.setText(st.preferred_name)
            self.pronouns.setCurrentText(st.pronouns)
            self.grade.setCurrentText(st.grade_level)
            if st.guardians:
                g = st.guardians[0].guardian
                self.guardian_given.setText(g.given_name)
                self.guardian_family.setText(g.family_name)
                self.guardian_email.setText(g.email)
                self.guardian_phone.setText(g.phone)
                i = self.language.findData(g.preferred_language)
                if i < 0:
                    self.language.addItem(g.preferred_language, g.preferred_language)
                    i = self.language.count() - 1
                self.language.setCurrentIndex(i)

    def form(self) -> StudentInput:
        guardian = GuardianInput(
            self.guardian_given.text(), self.guardian_family.text(), self.guardian_email.text(),
            self.guardian_phone.text(), str(self.language.currentData() or "en"))
        return StudentInput(self.local_id.text(), self.given.text(), self.family.text(), self.preferred.text(),
                            self.pronouns.currentText(), self.grade.currentText(), guardian)

    def _save(self) -> None:
        done = run_op(self.ctx, save_student, self.form(), self.student_id, enroll_in=self.enroll_in,
                      parent=self, title=self.tr("Student not saved"))
        if done is not None:
            self.student_id = done.value
            self.accept()


class ClassDialog(QDialog):
    def __init__(self, ctx: AppContext, section_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        workspace = self.workspace = ctx.workspace
        self.section_id = section_id
        self.setWindowTitle(self.tr("Edit class") if section_id else self.tr("Add class"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.period = QLineEdit()
        self.room = QLineEdit()
        self.course = QComboBox()
        self.course.setEditable(True)
        self.term = QComboBox()
        self.teacher = QComboBox()
        with workspace.read() as s:
            for c in s.scalars(select(Course).order_by(Course.title)):
                self.course.addItem(c.title, c.id)
            for t in s.scalars(select(Term).order_by(Term.start_date)):
                self.term.addItem(t.name, t.id)
            self.teacher.addItem(self.tr("(none)"), None)
            for st in s.scalars(select(Staff).order_by(Staff.family_name)):
                self.teacher.addItem(st.display_name, st.id)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Course"), self.course)
        form.addRow(self.tr("Term"), self.term)
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("Room"), self.room)
        form.addRow(self.tr("Teacher"), self.teacher)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if section_id:
            self._load()

    def _select(self, combo: QComboBox, data: Any) -> None:
        i = combo.findData(data)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _load(self) -> None:
        with self.workspace.read() as s:
            sec = s.get(Section, self.section_id)
            if sec is None:
                return
            self.name.setText(sec.name)
            self.code.setText(sec.code)
            self.period.setText(sec.period)
            self.room.setText(sec.room)
            self._select(self.course, sec.course_id)
            self._select(self.term, sec.term_id)
            if sec.teachers:
                self._select(self.teacher, sec.teachers[0].staff_id)

    def form(self) -> ClassInput:
        return ClassInput(self.name.text(), self.code.text(), self.period.text(), self.room.text(),
                          self.course.currentText(), self.term.currentData(), self.teacher.currentData())

    def _save(self) -> None:
        done = run_op(self.ctx, save_class, self.form(), self.section_id, parent=self,
                      title=self.tr("Class not saved"))
        if done is not None:
            self.section_id = done.value
            self.accept()
