"""Classes & Students: the roster, searchable and sortable, with add/edit/delete/undo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Changes
from app.store.roster_service import (
    ClassRow,
    DeleteSnapshot,
    StudentRow,
    class_rows,
    delete_class,
    delete_student,
    student_rows,
    undo_delete,
)
from app.ui.common.empty_state import GettingStarted
from app.ui.common.table_model import Column, RowTableModel, SearchProxy, make_table_view
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op

ALL_STUDENTS = -1


class RosterPage(QWidget):
    DEPENDS_ON = Changes.ROSTER | Changes.WORKSPACE
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack: list[DeleteSnapshot] = []
        self.current_section: int | None = None

        self.class_model: RowTableModel[ClassRow] = RowTableModel([
            Column(self.tr("Class"), lambda r: r.name),
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Period"), lambda r: r.period, sort_key=lambda r: (len(r.period), r.period)),
            Column(self.tr("Room"), lambda r: r.room),
            Column(self.tr("Teacher"), lambda r: r.teachers),
            Column(self.tr("Students"), lambda r: r.students, align_right=True),
        ], self)
        self.student_model: RowTableModel[StudentRow] = RowTableModel([
            Column(self.tr("ID"), lambda r: r.local_id),
            Column(self.tr("Last name"), lambda r: r.family_name),
            Column(self.tr("First name"), lambda r: r.given_name),
            Column(self.tr("Preferred"), lambda r: r.preferred_name),
            Column(self.tr("Grade"), lambda r: r.grade_level,
                   sort_key=lambda r: (len(r.grade_level), r.grade_level)),
            Column(self.tr("Pronouns"), lambda r: r.pronouns),
            Column(self.tr("Guardians"), lambda r: r.guardians),
            Column(self.tr("Family language"), lambda r: r.languages),
        ], self)
        self.class_proxy = SearchProxy(self)
        self.class_proxy.setSourceModel(self.class_model)
        self.student_proxy = SearchProxy(self)
        self.student_proxy.setSourceModel(self.student_model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search students and classes (name, ID, teacher, room)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)

        self.class_view = make_table_view()
        self.class_view.setModel(self.class_proxy)
        self.class_view.selectionModel().selectionChanged.connect(self._on_class_selected)
        self.class_view.doubleClicked.connect(lambda _i: self.edit_class())
        self.student_view = make_table_view()
        self.student_view.setModel(self.student_proxy)
        self.student_view.doubleClicked.connect(lambda _i: self.edit_student())

        self.classes_label = QLabel()
        self.students_label = QLabel()
        self.all_button = QPushButton(self.tr("Show all students"))
        self.all_button.clicked.connect(self.show_all_students)

        add_class = QPushButton(self.tr("Add class…"))
        add_class.clicked.connect(self.add_class)
        del_class = QPushButton(self.tr("Delete class"))
        del_class.clicked.connect(self.delete_class)
        add_student = QPushButton(self.tr("Add student…"))
        add_student.clicked.connect(self.add_student)
        edit_student = QPushButton(self.tr("Edit…"))
        edit_student.clicked.connect(self.edit_student)
        self.delete_button = QPushButton(self.tr("Delete student"))
        self.delete_button.clicked.connect(self.delete_student)
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_delete)
        import_button = QPushButton(self.tr("Import roster…"))
        import_button.clicked.connect(self.import_roster)
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self.undo_delete)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.setFocus)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(import_button)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lh = QHBoxLayout()
        lh.addWidget(self.classes_label, 1)
        lh.addWidget(add_class)
        lh.addWidget(del_class)
        lv.addLayout(lh)
        lv.addWidget(self.class_view)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rh = QHBoxLayout()
        rh.addWidget(self.students_label, 1)
        rh.addWidget(self.all_button)
        rh.addWidget(add_student)
        rh.addWidget(edit_student)
        rh.addWidget(self.delete_button)
        rh.addWidget(self.undo_button)
        rv.addLayout(rh)
        rv.addWidget(self.student_view)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        # A fresh workspace says what to do first instead of showing two empty tables.
        self.getting_started = GettingStarted(
            self.tr("Start here: bring in your classes"),
            self.tr("This workspace has no classes or students yet. Import the roster your school's "
                    "system exports (OneRoster, Clever, or a CSV file), or add a class and its "
                    "students by hand. Gradebook, grading and reports fill in from these classes."),
            [(self.tr("Import roster…"), self.import_roster), (self.tr("Add a class…"), self.add_class)])
        self.getting_started.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.getting_started)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        ctx.events.subscribe(self, self.DEPENDS_ON, self._on_changed)
        self.refresh()

    # --- data ---------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.ctx.workspace.read() as s:
            classes = class_rows(s)
            students = student_rows(s, self.current_section)
        self.class_model.set_rows(classes)
        self.student_model.set_rows(students)
        self.class_view.resizeColumnsToContents()
        self.student_view.resizeColumnsToContents()
        self.getting_started.setVisible(not classes and not students)
        self._update_labels()

    def _update_labels(self) -> None:
        self.classes_label.setText(self.tr("<b>Classes</b> ({0})").replace("{0}", str(self.class_proxy.rowCount())))
        if self.current_section is None:
            title = self.tr("<b>All students</b> ({0})")
        else:
            name = next((c.name for c in self.class_model.rows if c.id == self.current_section), "")
            title = self.tr("<b>Students in {1}</b> ({0})").replace("{1}", name)
        self.students_label.setText(title.replace("{0}", str(self.student_proxy.rowCount())))
        self.all_button.setEnabled(self.current_section is not None)

    def _on_changed(self, _changes: Changes) -> None:
        self.refresh()

    def _on_search(self, text: str) -> None:
        self.class_proxy.set_search(text)
        self.student_proxy.set_search(text)
        self._update_labels()

    def _on_class_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self._selected(self.class_view, self.class_proxy, self.class_model)
        if row is None:
            return
        self.current_section = row.id
        with self.ctx.workspace.read() as s:
            self.student_model.set_rows(student_rows(s, row.id))
        self._update_labels()

    def show_all_students(self) -> None:
        self.current_section = None
        self.class_view.clearSelection()
        with self.ctx.workspace.read() as s:
            self.student_model.set_rows(student_rows(s))
        self._update_labels()

    @staticmethod
    def _selected(view: QTableView, proxy: SearchProxy, model: RowTableModel):  # type: ignore[no-untyped-def,type-arg]
        indexes = view.selectionModel().selectedRows()
        if not indexes:
            return None
        return model.row_at(proxy.mapToSource(indexes[0]))

    def selected_student(self) -> StudentRow | None:
        return self._selected(self.student_view, self.student_proxy, self.student_model)

    # --- actions ------------------------------------------------------------------------

    def add_student(self) -> None:
        from app.ui.roster.dialogs import StudentDialog

        StudentDialog(self.ctx, parent=self, enroll_in=self.current_section).exec()

    def edit_student(self) -> None:
        from app.ui.roster.dialogs import StudentDialog

        row = self.selected_student()
        if row is None:
            return
        StudentDialog(self.ctx, row.id, parent=self).exec()

    def add_class(self) -> None:
        from app.ui.roster.dialogs import ClassDialog

        ClassDialog(self.ctx, parent=self).exec()

    def edit_class(self) -> None:
        from app.ui.roster.dialogs import ClassDialog

        row = self._selected(self.class_view, self.class_proxy, self.class_model)
        if row is not None:
            ClassDialog(self.ctx, row.id, parent=self).exec()

    def delete_student(self) -> None:
        row = self.selected_student()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete student"),
            self.tr("Delete {0} ({1}) with all their grades, attendance and enrollments?\n\n"
                    "You can undo this with Undo delete.")
            .replace("{0}", row.display_name).replace("{1}", row.local_id),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._delete("student", row.id, row.display_name)

    def delete_class(self) -> None:
        row = self._selected(self.class_view, self.class_proxy, self.class_model)
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete class"),
            self.tr("Delete the class {0} with its assignments and grades? Students stay in the "
                    "school.\n\nYou can undo this with Undo delete.").replace("{0}", row.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.current_section = None
        self._delete("section", row.id, row.name)

    def _delete(self, table: str, pk: int, label: str) -> None:
        service = delete_student if table == "student" else delete_class
        done = run_op(self.ctx, service, pk, parent=self, title=self.tr("Not deleted"))
        if done is None:
            return
        self.undo_stack.append(done.value)
        self.undo_button.setEnabled(True)
        self.undo_button.setText(self.tr("Undo delete of {0}").replace("{0}", label))
        self.ctx.status(self.tr("Deleted {0}. Undo is available.").replace("{0}", label))

    def undo_delete(self) -> None:
        if not self.undo_stack:
            return
        snap = self.undo_stack.pop()
        self.undo_button.setEnabled(bool(self.undo_stack))
        self.undo_button.setText(self.tr("Undo delete"))
        if run_op(self.ctx, undo_delete, snap, parent=self, title=self.tr("Undo delete")) is not None:
            self.ctx.status(self.tr("Restored {0}.").replace("{0}", snap.label))

    def import_roster(self) -> None:
        try:
            from app.ui.roster.import_dialog import RosterImportDialog
        except ImportError:
            QMessageBox.information(self, self.tr("Import roster"),
                                    self.tr("Roster import is not available in this build."))
            return
        dialog = RosterImportDialog(self.ctx, self)
        dialog.exec()
