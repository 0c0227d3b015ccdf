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
    QMessageBox,
    QWidget,
)
from sqlalchemy import select

from app.store import Workspace, audit
from app.store.models import (
    Course,
    Guardian,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
    Term,
)
from app.store.roster_rows import LANGUAGE_NAMES


class StudentDialog(QDialog):
    """Edit a student and their first guardian (contact and preferred language)."""

    def __init__(self, workspace: Workspace, student_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.student_id = student_id
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
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(f"{name} ({code})", code)
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

    def _save(self) -> None:
        local_id, given, family = (w.text().strip() for w in (self.local_id, self.given, self.family))
        if not (local_id and given and family):
            QMessageBox.warning(self, self.tr("Missing information"),
                                self.tr("A student needs an ID, a first name and a last name."))
            return
        with self.workspace.session() as s:
            clash = s.scalar(select(Student).where(Student.local_id == local_id))
            if clash is not None and clash.id != self.student_id:
                QMessageBox.warning(self, self.tr("Student ID in use"),
                                    self.tr("Another student ({0}) already has the ID {1}.")
                                    .replace("{0}", clash.display_name).replace("{1}", local_id))
                return
            st = s.get(Student, self.student_id) if self.student_id else Student(local_id=local_id,
                                                                                 given_name=given, family_name=family)
            assert st is not None
            st.local_id, st.given_name, st.family_name = local_id, given, family
            st.preferred_name = self.preferred.text().strip()
            st.pronouns = self.pronouns.currentText().strip()
            st.grade_level = self.grade.currentText().strip()
            s.add(st)
            s.flush()
            if self.guardian_given.text().strip() or self.guardian_family.text().strip():
                link = st.guardians[0] if st.guardians else None
                g = link.guardian if link else Guardian(given_name="", family_name="")
                g.given_name = self.guardian_given.text().strip()
                g.family_name = self.guardian_family.text().strip()
                g.email = self.guardian_email.text().strip()
                g.phone = self.guardian_phone.text().strip()
                g.preferred_language = str(self.language.currentData() or "en")
                if link is None:
                    s.add(g)
                    s.flush()
                    s.add(StudentGuardian(student_id=st.id, guardian_id=g.id))
            audit.record(s, self.workspace.actor, "edit" if self.student_id else "add", "student", st.id,
                         name=f"{given} {family}")
            self.student_id = st.id
        self.accept()


class ClassDialog(QDialog):
    def __init__(self, workspace: Workspace, section_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
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

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            QMessageBox.warning(self, self.tr("Missing information"), self.tr("A class needs a name."))
            return
        with self.workspace.session() as s:
            sec = s.get(Section, self.section_id) if self.section_id else Section(name=name)
            assert sec is not None
            sec.name, sec.code = name, self.code.text().strip()
            sec.period, sec.room = self.period.text().strip(), self.room.text().strip()
            course_id = self.course.currentData()
            if course_id is None and self.course.currentText().strip():
                course = Course(title=self.course.currentText().strip())
                s.add(course)
                s.flush()
                course_id = course.id
            sec.course_id = course_id
            sec.term_id = self.term.currentData()
            s.add(sec)
            s.flush()
            teacher_id = self.teacher.currentData()
            sec.teachers.clear()
            s.flush()
            if teacher_id is not None:
                sec.teachers.append(SectionTeacher(staff_id=teacher_id, role="primary"))
            audit.record(s, self.workspace.actor, "edit" if self.section_id else "add", "section", sec.id, name=name)
            self.section_id = sec.id
        self.accept()
