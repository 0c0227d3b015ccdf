"""Start the GUI: pick or create a workspace, unlock it, show the main window."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

_T0 = time.perf_counter()


def configure_settings() -> None:
    """QSettings (geometry, recent files) live in TeacherDesk's config folder, as INI."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from app import APP_NAME
    from app.paths import config_dir

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config_dir()))


def install_translators(app) -> str:  # type: ignore[no-untyped-def]
    """Qt's own strings and ours in the chosen language (the computer's on the first start);
    returns the language code."""
    from app.ui.i18n.language import chosen_language
    from app.ui.i18n.language import install_translators as install

    code = chosen_language()
    install(app, code)
    return code


def open_demo(progress=None):  # type: ignore[no-untyped-def]
    """A throwaway demo workspace in a private temp folder, removed on exit."""
    from app.scheduling.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="teacherdesk-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    created = build_demo(folder / "demo.tdw", students=75, keyless=True, progress=progress)
    return created.workspace


def _unlock_existing(path: Path, recovery_key: str | None):  # type: ignore[no-untyped-def]
    """One window per workspace: a second one is refused at once, naming the first."""
    from PySide6.QtWidgets import QMessageBox

    from app.store.lock import WorkspaceBusy

    try:
        return _unlock_attempts(path, recovery_key)
    except WorkspaceBusy as exc:
        QMessageBox.warning(None, "TeacherDesk", str(exc))
        return None


def _unlock_attempts(path: Path, recovery_key: str | None):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QMessageBox

    from app.store import WorkspaceKeyError, WrongKey, open_workspace
    from app.ui.shell.unlock_dialogs import UnlockDialog

    message = ""
    prompts = 0  # within one open_workspace call; its first prompt is not a retry

    def prompt(prompt_message: str) -> str | None:
        # The first prompt uses the dialog's own wording; after a failed try (a passphrase
        # here, or a recovery key before) the dialog says what went wrong. Counted, not
        # recognised by its English words, so it works in every language.
        nonlocal message, prompts
        retry = prompts > 0
        prompts += 1
        shown = prompt_message if retry else message
        message = ""
        dialog = UnlockDialog(path, shown, error=bool(shown))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog.recovery.text().strip():
            raise _Recovery(dialog.recovery.text().strip())
        return dialog.passphrase.text()

    class _Recovery(Exception):
        pass

    passphrase: str | None = None
    for _attempt in range(5):
        prompts = 0
        try:
            return open_workspace(path, passphrase=passphrase, recovery_key=recovery_key, prompt=prompt,
                                  app_window=True)
        except _Recovery as r:
            recovery_key = str(r)
        except WrongKey as exc:
            recovery_key, passphrase, message = None, None, str(exc)
        except WorkspaceKeyError as exc:
            message = str(exc)
            answer = _ask_for_key(path, message)
            if answer is None:
                return None
            recovery_key, passphrase = answer
    from PySide6.QtCore import QCoreApplication

    QMessageBox.warning(None, "TeacherDesk", message or QCoreApplication.translate(
        "Launch", "The workspace could not be unlocked."))
    return None


def _ask_for_key(path: Path, message: str) -> tuple[str | None, str | None] | None:
    """(recovery key, passphrase) typed after the stored key failed; None if cancelled.

    The passphrase is handed to ``open_workspace`` directly, never put in the environment
    where worker processes would inherit it.
    """
    from PySide6.QtWidgets import QDialog

    from app.ui.shell.unlock_dialogs import UnlockDialog

    dialog = UnlockDialog(path, message, error=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    recovery_key = dialog.recovery.text().strip() or None
    return recovery_key, (None if recovery_key else dialog.passphrase.text() or None)


def choose_workspace(workspace: Path | None, recovery_key: str | None):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QMessageBox

    from app.core.timezones import computer_timezone
    from app.paths import default_workspace
    from app.store import create_workspace
    from app.ui.shell.unlock_dialogs import RecoveryKeyDialog, WelcomeDialog

    path = Path(workspace) if workspace else default_workspace()
    if path.exists():
        return _unlock_existing(path, recovery_key)
    welcome = WelcomeDialog(path)
    if welcome.exec() != QDialog.DialogCode.Accepted:
        return None
    if welcome.choice == WelcomeDialog.DEMO:
        return open_demo()
    if welcome.choice == WelcomeDialog.OPEN and welcome.open_path:
        return _unlock_existing(welcome.open_path, None)
    try:
        created = create_workspace(
            welcome.path, school_name=welcome.school.text().strip(),
            passphrase=welcome.passphrase.text() or None,
            timezone=welcome.timezone.zone() or computer_timezone(),
        )
    except Exception as exc:
        QMessageBox.warning(None, "TeacherDesk", str(exc))
        return None
    RecoveryKeyDialog(created.recovery_key, welcome.path, created.workspace.workspace_id,
                      welcome.school.text().strip()).exec()
    return created.workspace


def run_gui(demo: bool = False, workspace: Path | None = None, recovery_key: str | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_settings()
    install_translators(app)
    ws = open_demo() if demo else choose_workspace(workspace, recovery_key)
    if ws is None:
        return 1
    from app.ui.shell.context import AppContext
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(AppContext(workspace=ws))
    window.show()
    if os.environ.get("TEACHERDESK_EXIT_AFTER_SHOW"):
        # For benchmarks/startup.py: report when the first frame has been drawn, then quit.
        def _ready() -> None:
            print(f"ready_after_launch_seconds={time.perf_counter() - _T0:.3f}", flush=True)
            print(f"ready_unix_time={time.time():.3f}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, _ready)
    code = app.exec()
    from app.ui.shell.tasks import stop_all_tasks

    stop_all_tasks()  # no worker may still read the workspace (or run) once it is closed
    ws.close()
    return int(code)
