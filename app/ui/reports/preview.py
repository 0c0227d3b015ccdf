"""Show a PDF page in the app: pypdfium2 renders it in memory into a QImage."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


def pdf_page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def pdf_page_image(pdf: bytes, page_index: int = 0, dpi: float = 96.0) -> QImage:
    """One page as a QImage (the bytes never touch the disk)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[page_index]
        bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
        array = bitmap.to_numpy()
        height, width = array.shape[:2]
        channels = array.shape[2] if array.ndim == 3 else 1
        fmt = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}.get(
            channels, QImage.Format.Format_Grayscale8)
        image = QImage(array.data, width, height, array.strides[0], fmt).copy()
        page.close()
    finally:
        doc.close()
    return image


class PdfPreview(QScrollArea):
    """A scrollable page image with a drop shadow-free white page look."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setStyleSheet("background: #d9dde2; padding: 12px;")
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.image: QImage | None = None

    def show_image(self, image: QImage | None) -> None:
        self.image = image
        if image is None:
            self.label.clear()
            return
        self.label.setPixmap(QPixmap.fromImage(image))

    def show_message(self, text: str) -> None:
        self.image = None
        self.label.setPixmap(QPixmap())
        self.label.setText(text)


def print_pdf(pdf_path: str, printer, dpi: int = 300, progress=None, cancelled=None) -> int:  # type: ignore[no-untyped-def]
    """Send a PDF to a QPrinter page by page (pypdfium2 renders each at printer resolution).

    Returns the pages printed. Runs on the UI thread (QPainter on a printer must), so it
    calls ``progress(fraction, message)`` and stops when ``cancelled()`` says so.
    """
    import pypdfium2 as pdfium
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    doc = pdfium.PdfDocument(pdf_path)
    painter = QPainter()
    printed = 0
    try:
        if not painter.begin(printer):
            raise RuntimeError(QCoreApplication.translate("PrintDialog", "the printer could not start"))
        total = len(doc)
        for index in range(total):
            if cancelled and cancelled():
                break
            if index:
                printer.newPage()
            page = doc[index]
            bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
            array = bitmap.to_numpy()
            height, width = array.shape[:2]
            fmt = QImage.Format.Format_RGB888 if array.shape[2] == 3 else QImage.Format.Format_RGBA8888
            image = QImage(array.data, width, height, array.strides[0], fmt)
            target = painter.viewport()
            scale = min(target.width() / width, target.height() / height)
            painter.drawImage(QRectF(0, 0, width * scale, height * scale), image)
            page.close()
            printed += 1
            if progress:
                progress(printed / total, f"{printed} / {total}")
    finally:
        if painter.isActive():
            painter.end()
        doc.close()
    return printed
