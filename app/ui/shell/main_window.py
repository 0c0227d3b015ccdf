"""The main window: navigation on the left, one page at a time on the right.

Pages are built the first time they are shown, so the window opens fast and a page's
heavy imports (OpenCV, OR-Tools, ReportLab) load only when a teacher goes there.
"""

from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.changes import Changes
from app.ui.shell.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    module: str
    cls: str


def page_specs(tr) -> list[PageSpec]:  # type: ignore[no-untyped-def]
    return [
        PageSpec("roster", tr("Classes & Students"), "app.ui.roster.page", "RosterPage"),
        PageSpec("grading", tr("Grading"), "app.ui.grading.page", "GradingPage"),
        PageSpec("gradebook", tr("Gradebook"), "app.ui.gradebook.page", "GradebookPage"),
        PageSpec("reports", tr("Reports"), "app.ui.reports.page", "ReportsPage"),
        PageSpec("timetable", tr("Timetable"), "app.ui.timetable.page", "TimetablePage"),
        PageSpec("conferences", tr("Conferences"), "app.ui.conferences.page", "ConferencesPage"),
        PageSpec("calendar", tr("Calendar"), "app.ui.calendar.page", "CalendarPage"),
        PageSpec("staff", tr("Staff"), "app.ui.staff.page", "StaffPage"),
        PageSpec("settings", tr("Settings"), "app.ui.settings.page", "SettingsPage"),
    ]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings or QSettings()
        ctx.status = lambda message: self.statusBar().showMessage(message, 8000)
        ctx.extras["show_page"] = self.show_page  # "Go to Classes & Students" from an empty page
        self._set_title()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(240)
        self.stack = QStackedWidget()
        # lupdate files the free function's tr("…") calls under the empty context, so the
        # titles are looked up there (self.tr would look under "MainWindow" and miss).
        self.specs = page_specs(lambda text: QGuiApplication.translate("", text))
        self.pages: dict[str, QWidget] = {}
        for spec in self.specs:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(160, 36))
            self.nav.addItem(item)
            placeholder = QWidget()
            placeholder.setObjectName(f"unloaded-{spec.key}")
            self.stack.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self.show_page_index)

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([180, 1100])  # the pages get the room, not the navigation
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self._build_menus()
        self.statusBar().showMessage(
            self.tr("Workspace {0} — encrypted, stored only on this computer.").replace("{0}", str(ctx.workspace.path))
        )
        self._restore_geometry()
        self.nav.setCurrentRow(0)

    # --- pages --------------------------------------------------------------------------

    def _set_title(self) -> None:
        title = f"{APP_NAME} — {self.ctx.workspace.path.name}"
        if self.ctx.workspace.demo:
            title += " " + self.tr("(demo workspace)")
        self.setWindowTitle(title)
        if hasattr(self, "make_real_action"):
            self.make_real_action.setEnabled(self.ctx.workspace.demo)

    def show_page_index(self, index: int) -> None:
        if index < 0:
            return
        spec = self.specs[index]
        page = self.pages.get(spec.key) or self._build_page(spec, index)
        self.stack.setCurrentWidget(page)

    def show_page(self, key: str) -> QWidget:
        index = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.nav.setCurrentRow(index)
        return self.pages[key]

    def _build_page(self, spec: PageSpec, index: int) -> QWidget:
        try:
            module = importlib.import_module(spec.module)
            page: QWidget = getattr(module, spec.cls)(self.ctx, self)
        except Exception as exc:  # a broken page must not take the whole app down
            traceback.print_exc()
            page = QWidget()
            layout = QVBoxLayout(page)
            label = QLabel(
                self.tr("<h3>{0} could not be opened</h3><p>{1}</p>")
                .replace("{0}", spec.title).replace("{1}", f"{type(exc).__name__}: {exc}")
            )
            label.setWordWrap(True)
            layout.addWidget(label)
            layout.addStretch(1)
        old = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages[spec.key] = page
        return page

    # --- menus --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_recovery_action = QAction(self.tr("Open with &recovery key…"), self)
        self.open_recovery_action.triggered.connect(self.open_with_recovery_key)
        file_menu.addAction(self.open_recovery_action)
        self.make_real_action = QAction(self.tr("Make this my real &workspace…"), self)
        self.make_real_action.triggered.connect(self.make_workspace_real)
        self.make_real_action.setEnabled(self.ctx.workspace.demo)
        file_menu.addAction(self.make_real_action)
        file_menu.addSeparator()
        backup = QAction(self.tr("&Back up now"), self)
        backup.triggered.connect(self.backup_now)
        file_menu.addAction(backup)
        restore = QAction(self.tr("&Restore from backup…"), self)
        restore.triggered.connect(self.restore_from_backup)
        file_menu.addAction(restore)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About TeacherDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def backup_now(self) -> None:
        from app.core.errors import UserFacingError
        from app.store import backup_folder

        try:
            dest = backup_folder.back_up(self.ctx.workspace)
        except UserFacingError as exc:
            QMessageBox.warning(self, self.tr("No backup taken"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Backup saved: {0}").replace("{0}", str(dest)), 10000)
        self.ctx.events.notify(Changes.SETTINGS)

    def open_with_recovery_key(self) -> bool:
        """File ▸ Open with recovery key…: open a workspace whose stored key is gone."""
        from app.core.errors import UserFacingError
        from app.store import open_workspace
        from app.ui.shell.unlock_dialogs import OpenWithRecoveryKeyDialog

        dialog = OpenWithRecoveryKeyDialog(None, self)
        self.recovery_dialog = dialog  # for tests
        while dialog.exec() == QDialog.DialogCode.Accepted:
            path = dialog.workspace_path()
            if path.resolve() == self.ctx.workspace.path.resolve():
                dialog.show_error(self.tr("This workspace is already open, so this computer has its key."))
                continue
            try:
                ws = open_workspace(path, recovery_key=dialog.recovery_key())
            except UserFacingError as exc:
                dialog.show_error(str(exc))
                continue
            except Exception as exc:  # a damaged file, a key of the wrong shape
                dialog.show_error(self.tr("{0} could not be opened: {1}").replace("{0}", path.name)
                                  .replace("{1}", str(exc)))
                continue
            self.switch_workspace(ws)
            self.statusBar().showMessage(
                self.tr("Opened {0} with its recovery key; this computer has its key again.")
                .replace("{0}", path.name), 10000)
            return True
        return False

    def make_workspace_real(self) -> bool:
        """File ▸ Make this my real workspace…: a demo gets a protected key (app.store.convert)."""
        from app.ui.shell.make_real import make_workspace_real

        return make_workspace_real(self)

    def switch_workspace(self, ws) -> None:  # type: ignore[no-untyped-def]
        """Show another workspace: every page is built again on it, the old one is closed.

        Running tasks are stopped first, while their pages and the old workspace still
        exist: a conference schedule or an import planned on the old workspace must never
        be saved into the new one, and no worker may read the old one once it is closed."""
        from app.ui.shell.tasks import stop_all_tasks

        stop_all_tasks()
        old = self.ctx.workspace
        self.ctx.workspace = ws
        for index, spec in enumerate(self.specs):
            page = self.pages.pop(spec.key, None)
            if page is None:
                continue
            placeholder = QWidget()
            placeholder.setObjectName(f"unloaded-{spec.key}")
            self.stack.insertWidget(index, placeholder)
            self.stack.removeWidget(page)
            page.deleteLater()
        self._set_title()
        self.show_page_index(max(0, self.nav.currentRow()))
        self.ctx.events.notify(Changes.ALL)
        old.close()

    def restore_from_backup(self) -> None:
        from app.store import backup, backup_folder

        folder = str(backup_folder.chosen_folder(self.ctx.workspace) or backup.backup_dir(self.ctx.workspace.path))
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from backup"), folder, self.tr("TeacherDesk backups (*.tdw)")
        )
        if not path:
            return
        answer = QMessageBox.question(
            self, self.tr("Restore from backup"),
            self.tr("Replace everything in this workspace with the backup {0}?\n\n"
                    "The current state is backed up first, so this can be undone.").replace("{0}", path),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            safety = backup.restore_workspace(self.ctx.workspace, backup_file=__import__("pathlib").Path(path))
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Restore failed"), str(exc))
            return
        self.ctx.events.notify(Changes.ALL)
        QMessageBox.information(
            self, self.tr("Restored"),
            self.tr("The workspace was restored. The previous state was saved as {0}.").replace("{0}", str(safety)),
        )

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About TeacherDesk"),
            self.tr("<h3>TeacherDesk {0}</h3><p>Grading, schedules and progress reports for "
                    "teachers and counselors. Everything stays on this computer, encrypted; "
                    "TeacherDesk never connects to the network.</p>").replace("{0}", __version__),
        )

    # --- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 720)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area (a 1366x768 laptop with its taskbar),
        even when the size was saved on a bigger monitor."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(self.width(), free.width() - frame.width())
        height = min(self.height(), free.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
