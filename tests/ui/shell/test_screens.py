"""First run and screens: an empty workspace says what to do first, every page fits a
1366x768 laptop (none forces the window past 1280 px), toolbars do not clip at 1024 px,
and file dialogs remember the last folder per kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QFileDialog

from app.ui.shell.context import AppContext
from app.ui.shell.launch import configure_settings
from app.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def _window(qtbot, ws):  # type: ignore[no-untyped-def]
    configure_settings()
    w = MainWindow(AppContext(workspace=ws), QSettings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_an_empty_workspace_says_what_to_do_first(qtbot, empty_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, empty_workspace)
    roster = window.pages["roster"]
    banner = roster.getting_started
    assert banner.isVisible()
    assert "Import" in banner.text.text() and "add a class" in banner.text.text()
    labels = [b.text() for b in banner.buttons]
    assert labels == ["Import roster…", "Add a class…"]
    gradebook = window.show_page("gradebook")
    assert gradebook.getting_started.isVisible() and not gradebook.tabs.isVisible()
    gradebook.getting_started.buttons[0].click()  # "Go to Classes & Students"
    assert window.stack.currentWidget() is roster
    # A class added by hand: the guidance goes away.
    from app.store.roster_service import ClassInput, save_class

    window.ctx.events.notify(save_class(empty_workspace, ClassInput(name="Math 7")).changes)
    assert not banner.isVisible()


def _clipped(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Buttons and pickers shown narrower than they need, or outside the page."""
    out = []
    for w in page.findChildren(QAbstractButton) + page.findChildren(QComboBox):
        if not w.isVisible() or w.window() is not page.window():
            continue
        if w.width() < w.minimumSizeHint().width() - 1:
            out.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} squeezed")
        right = w.mapTo(page, w.rect().topRight()).x()
        if right > page.width() + 1:
            out.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} cut off at {right} > {page.width()}")
    return out


def test_every_page_fits_a_laptop_screen_and_toolbars_do_not_clip(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_workspace)
    for spec in window.specs:  # build every page: the widest one sets the window's minimum
        window.show_page(spec.key)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1024, minimum
    assert minimum.height() <= 728, minimum  # 768 minus a taskbar
    for width, height in ((1366, 728), (1024, 700)):
        window.resize(width, height)
        for spec in window.specs:
            page = window.show_page(spec.key)
            QApplication.processEvents()
            assert window.width() <= width, (spec.key, window.width())
            assert _clipped(page) == [], (spec.key, width)


def test_the_window_never_opens_larger_than_the_screen(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    configure_settings()
    settings = QSettings()
    big = MainWindow(AppContext(workspace=demo_workspace), settings)
    qtbot.addWidget(big)
    big.resize(2400, 1400)  # as saved on a large monitor
    settings.setValue("main_window/geometry", big.saveGeometry())
    again = MainWindow(AppContext(workspace=demo_workspace), settings)
    qtbot.addWidget(again)
    free = again.screen().availableGeometry()
    assert again.width() <= free.width() and again.height() <= free.height()


def test_file_dialogs_remember_the_last_folder_per_kind(qtbot, empty_workspace, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.common.file_dialogs import documents_folder
    from app.ui.roster.import_dialog import RosterImportDialog

    configure_settings()
    (Path.home() / "Documents").mkdir(exist_ok=True)
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "roster.csv").write_text("id,first,last\n", encoding="utf-8")
    started: list[str] = []

    def pick(_parent, _title, start, _filters=""):  # type: ignore[no-untyped-def]
        started.append(start)
        return str(downloads / "roster.csv"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    dialog = RosterImportDialog(AppContext(workspace=empty_workspace))
    qtbot.addWidget(dialog)
    dialog.choose_file()
    dialog.choose_file()
    assert Path(started[0]) == documents_folder()  # the first time: Documents
    assert Path(started[1]) == downloads  # then where the roster came from
    # Another kind of file keeps its own folder; the memory outlives the dialog.
    from app.ui.common import file_dialogs

    assert file_dialogs.last_folder("scans") == documents_folder()
    assert Path(str(QSettings().value("file_dialogs/roster"))) == downloads
