"""File dialogs that remember the last folder per kind of file.

A teacher who imported the roster from ``Downloads`` and saves report PDFs to a school
share should find each dialog where they left it, not in the program's folder. Each call
names its kind ("roster", "scans", "reports", "fet", "ics", …); the folder last used for
that kind is kept in ``QSettings`` (``file_dialogs/<kind>``), and the first time it is
the user's Documents folder. The static ``QFileDialog`` functions are still what opens,
so the platform's own dialog is used (and tests can replace them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

GROUP = "file_dialogs"


def documents_folder() -> Path:
    """The user's Documents folder (their home folder if there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def last_folder(kind: str) -> Path:
    """Where the dialog for ``kind`` opens: the folder used last time, else Documents."""
    value = QSettings().value(f"{GROUP}/{kind}")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    return documents_folder()


def remember(kind: str, chosen: str | Path) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder itself) for the next ``kind`` dialog."""
    if not chosen:
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    settings = QSettings()
    settings.setValue(f"{GROUP}/{kind}", str(folder))
    settings.sync()


def _start(kind: str, name: str = "", folder: Path | None = None) -> str:
    base = folder or last_folder(kind)
    return str(base / name) if name else str(base)


def open_file(parent: QWidget | None, kind: str, title: str, filters: str = "", name: str = "") -> str:
    path, _f = QFileDialog.getOpenFileName(parent, title, _start(kind, name), filters)
    remember(kind, path)
    return str(path or "")


def open_files(parent: QWidget | None, kind: str, title: str, filters: str = "") -> list[str]:
    paths, _f = QFileDialog.getOpenFileNames(parent, title, _start(kind), filters)
    if paths:
        remember(kind, paths[0])
    return [str(p) for p in paths]


def save_file(parent: QWidget | None, kind: str, title: str, name: str = "", filters: str = "",
              folder: Path | None = None) -> str:
    """A save dialog in the kind's last folder (or ``folder``), proposing ``name``."""
    path, _f = QFileDialog.getSaveFileName(parent, title, _start(kind, name, folder), filters)
    remember(kind, path)
    return str(path or "")


def choose_folder(parent: QWidget | None, kind: str, title: str, start: str | Path | None = None) -> str:
    begin = str(start) if start and Path(str(start)).is_dir() else _start(kind)
    folder = QFileDialog.getExistingDirectory(parent, title, begin)
    remember(kind, folder)
    return str(folder or "")
