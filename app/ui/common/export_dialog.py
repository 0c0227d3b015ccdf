"""Asking where and how to export a table: one save dialog whose file types are the
formats (XLSX first). Returns the path and the format key for the Qt-free exporters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.common import file_dialogs


def _labels() -> dict[str, str]:
    return {
        "xlsx": QCoreApplication.translate("Export", "Excel workbook (*.xlsx)"),
        "csv-excel": QCoreApplication.translate("Export", "CSV for Excel, in this computer's language (*.csv)"),
        "csv": QCoreApplication.translate("Export", "CSV, UTF-8 with commas (*.csv)"),
        "canvas": QCoreApplication.translate("Export", "Canvas gradebook import (*.csv)"),
        "classroom": QCoreApplication.translate("Export", "Google Classroom grade import (*.csv)"),
        "oneroster": QCoreApplication.translate("Export", "OneRoster 1.2 CSV set (a folder) (*)"),
    }


def ask_export(parent: QWidget, title: str, suggested: str, formats: tuple[str, ...]) -> tuple[Path, str] | None:
    """(path, format) chosen by the user, or None if cancelled."""
    labels = _labels()
    filters = [labels[f] for f in formats]
    start = file_dialogs.last_folder("exports") / f"{suggested}.xlsx"  # where the last export went
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(start), ";;".join(filters))
    if not path:
        return None
    file_dialogs.remember("exports", path)
    fmt = formats[filters.index(chosen)] if chosen in filters else formats[0]
    target = Path(path)
    if fmt == "xlsx" and target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")
    elif fmt == "oneroster":
        target = target.with_suffix("")
    elif fmt != "xlsx" and target.suffix.lower() != ".csv":
        target = target.with_suffix(".csv")
    return target, fmt


def system_locale() -> str:
    """The spreadsheet's locale for "CSV for Excel": this computer's (e.g. es_MX)."""
    return QLocale.system().name() or "en_US"
