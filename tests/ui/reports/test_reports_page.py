"""The Reports page: a rendered preview in the family's language, and a class set built
through the progress dialog into a folder."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    from app.ui.reports.page import ReportsPage

    widget = ReportsPage(AppContext(demo_workspace))
    qtbot.addWidget(widget)
    widget.resize(1300, 860)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_preview_renders_the_selected_report(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    assert len(page.reports) >= 75
    spanish = next(i for i, r in enumerate(page.reports) if r.language == "es")
    page.student_list.setCurrentRow(spanish)
    image = page.preview.image
    assert image is not None and not image.isNull()
    assert image.width() > 700 and image.height() > 900  # a Letter page at screen resolution
    # The page is mostly white paper with dark text on it, not an empty frame.
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 110)
    assert dark > 200
    assert page.page_label.text() == "Page 1 of 1"
    assert "Spanish" in page.summary.text()  # languages by name, in the UI's language


def test_build_a_class_set(qtbot, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.class_box.setCurrentIndex(1)  # the first class
    assert 0 < len(page.reports) < 40
    out = tmp_path / "set"
    page.folder.setText(str(out))
    page.build()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=60_000)
    result = page.last_result
    assert not result.cancelled and result.count == len(page.reports)
    combined = pypdf.PdfReader(result.combined)
    assert len(combined.pages) >= len(page.reports)
    names = {p.name for p in out.iterdir()}
    assert any(n.endswith("_es.pdf") for n in names) and any(n.endswith("_en.pdf") for n in names)
    assert str(out) in page.result_label.text()


def test_print_the_class_set_to_a_pdf_printer(qtbot, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    page.class_box.setCurrentIndex(2)
    page.folder.setText(str(tmp_path / "set"))
    page.build()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=60_000)
    assert page.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed_to = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed_to))
    pages = page.print_set(printer)
    combined_pages = len(pypdf.PdfReader(page.last_result.combined).pages)
    assert pages == combined_pages
    assert len(pypdf.PdfReader(printed_to).pages) == combined_pages


def test_pages_open_on_an_empty_workspace(qtbot, empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.ui.gradebook.page import GradebookPage
    from app.ui.reports.page import ReportsPage

    ctx = AppContext(empty_workspace)
    reports = ReportsPage(ctx)
    gradebook = GradebookPage(ctx)
    qtbot.addWidget(reports)
    qtbot.addWidget(gradebook)
    assert reports.reports == [] and not reports.build_button.isEnabled()
    assert "No students" in reports.preview.label.text()
    assert gradebook.model.rowCount() == 0 and not gradebook.new_button.isEnabled()


def test_print_button_prints_and_leaves_no_dialog(qtbot, page, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Clicking Print… (clicked(bool)) reaches the print dialog and prints; no box stays up."""
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QApplication, QProgressDialog

    page.class_box.setCurrentIndex(2)
    page.folder.setText(str(tmp_path / "set"))
    page.build()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=60_000)
    printed_to = tmp_path / "clicked.pdf"
    seen: list[QPrinter] = []

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(72)
        printer.setOutputFileName(str(printed_to))
        seen.append(printer)
        return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert seen, "the print dialog was never shown"
    combined_pages = len(pypdf.PdfReader(page.last_result.combined).pages)
    assert len(pypdf.PdfReader(printed_to).pages) == combined_pages
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
