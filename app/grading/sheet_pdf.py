"""Printing answer sheets (ReportLab): exactly what a :class:`Template` describes.

Blank sheets (one set of pages) or personalised sheets (one set per student, with the
name and ID printed, the ID encoded in the QR code and the ID grid pre-filled).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from app.grading.layout import (
    MARGIN,
    MARKER,
    QR_BORDER,
    QR_FIXED_CAPACITY,
    QR_VERSION,
    parse_qr_payload,
    qr_payload,
)
from app.grading.template import Template


@dataclass
class SheetStudent:
    """A student on a personalised sheet."""

    name: str
    student_id: str
    class_name: str = ""
    version: str = ""


def _fonts() -> tuple[str, str]:
    from app.core.pdf_fonts import regular_and_bold

    return regular_and_bold()  # Helvetica in a broken install without the fonts


def _aruco_bits(dictionary: str, marker_id: int) -> Any:
    import cv2

    d = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, dictionary))
    side = d.markerSize + 2
    return cv2.aruco.generateImageMarker(d, marker_id, side, borderBits=1)


def render_sheets(
    template: Template,
    out: Path | str | BinaryIO,
    students: Sequence[SheetStudent] | None = None,
    *,
    class_name: str = "",
    language: str = "en",
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the sheets to ``out``; returns the number of pages written."""
    from reportlab.pdfgen import canvas

    from app.i18n import translation

    _ = translation("grading", language).gettext
    regular, bold = _fonts()
    target = out if hasattr(out, "write") else str(out)
    c = canvas.Canvas(target, pagesize=(template.page_width, template.page_height))
    c.setTitle(template.title or template.name or _("Answer sheet"))
    c.setAuthor("TeacherDesk")
    copies: list[SheetStudent | None] = list(students) if students else [None]
    written = 0
    for n, student in enumerate(copies):
        if cancelled and cancelled():
            break
        for page in range(1, template.pages + 1):
            _draw_page(c, template, page, student, class_name, _, regular, bold)
            c.showPage()
            written += 1
        if progress:
            progress((n + 1) / len(copies), _("Sheets"))
    c.save()
    return written


def _draw_page(
    c: Any,
    t: Template,
    page: int,
    student: SheetStudent | None,
    class_name: str,
    _: Callable[[str], str],
    regular: str,
    bold: str,
) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    H = t.page_height

    def Y(y: float) -> float:  # top-left origin -> PDF's bottom-left
        return H - y

    # Registration markers: black cells of the ArUco bitmap, with a white quiet zone.
    for m in t.markers_on(page):
        bits = _aruco_bits(t.registration.dictionary, m.id)
        cells = bits.shape[0]
        cell = m.size / cells
        x0, y0 = m.x - m.size / 2, m.y - m.size / 2
        c.setFillColorRGB(0, 0, 0)
        for r in range(cells):
            for col in range(cells):
                if bits[r, col] < 128:
                    c.rect(x0 + col * cell, Y(y0 + (r + 1) * cell), cell + 0.05, cell + 0.05, stroke=0, fill=1)

    # QR code with the exam, page, student and version.
    q = t.qr_on(page)
    if q is not None:
        payload = qr_payload(
            t.exam_id, page, t.pages, student.student_id if student else "", student.version if student else ""
        )
        assert parse_qr_payload(payload) is not None
        # A fixed QR version lets the reader decode without searching (see read._read_qr).
        fixed = len(payload.encode("utf-8")) <= QR_FIXED_CAPACITY
        w = QrCodeWidget(payload, barLevel="M", barBorder=QR_BORDER, **({"qrVersion": QR_VERSION} if fixed else {}))
        x1, y1, x2, y2 = w.getBounds()
        d = Drawing(q.size, q.size, transform=[q.size / (x2 - x1), 0, 0, q.size / (y2 - y1), 0, 0])
        d.add(w)
        renderPDF.draw(d, c, q.x, Y(q.y + q.size))

    left = MARGIN + MARKER + 12
    title = t.title or t.name
    c.setFillColorRGB(0, 0, 0)
    if page == 1:
        c.setFont(bold, 15)
        c.drawString(left, Y(MARGIN + 16), title[:60])
        c.setFont(regular, 10)
        name = student.name if student else ""
        klass = (student.class_name if student and student.class_name else class_name) or ""
        c.drawString(left, Y(MARGIN + 44), _("Name") + ":")
        c.drawString(left, Y(MARGIN + 66), _("Class") + ":")
        c.setLineWidth(0.6)
        c.line(left + 40, Y(MARGIN + 46), left + 250, Y(MARGIN + 46))
        c.line(left + 40, Y(MARGIN + 68), left + 250, Y(MARGIN + 68))
        c.setFont(bold, 11)
        if name:
            c.drawString(left + 44, Y(MARGIN + 43), name[:40])
        if klass:
            c.drawString(left + 44, Y(MARGIN + 65), klass[:40])
        if student and student.student_id:
            c.setFont(regular, 9)
            c.drawString(left + 260, Y(MARGIN + 44), _("ID") + f": {student.student_id}")
        c.setFont(regular, 8)
        lines = [
            _("Use a dark pencil or a black or blue pen. Fill the circle completely: ●  not ✓ or ✗."),
            _("To change a pencil answer, erase it cleanly. To cancel a pen answer, black out the"),
            _("circle and the space around it, then fill your new answer. Do not write near the corner squares."),
        ]
        for i, line in enumerate(lines):
            c.drawString(MARGIN + 14, Y(MARGIN + 92 + i * 11), line)
    else:
        c.setFont(bold, 11)
        c.drawString(left, Y(MARGIN + 16), f"{title[:50]}")
        c.setFont(regular, 9)
        if student:
            c.drawString(left, Y(MARGIN + 32), f"{student.name[:40]}  {student.student_id}")
    c.setFont(regular, 8)
    c.drawCentredString(
        t.page_width / 2, Y(t.page_height - MARGIN - 10), _("Page {page} of {pages}").format(page=page, pages=t.pages)
    )

    prefilled = _prefilled_id(t, student)
    for f in t.fields():
        if f.page != page:
            continue
        first = f.bubbles[0]
        if f.kind == "question":
            c.setFont(bold, 8.5)
            c.setFillColorRGB(0, 0, 0)
            c.drawRightString(first.x - first.width / 2 - 5, Y(first.y + 3), str(f.number))
        elif f.kind == "id_digit" and f.number == 1:
            c.setFont(bold, 8.5)
            c.drawString(first.x - 6, Y(first.y - 24), _("Student ID"))
            if student and student.student_id:
                c.setFont(regular, 7)
                c.drawString(first.x - 6, Y(first.y - 14), _("(printed for you)"))
        elif f.kind == "version":
            c.setFont(bold, 8.5)
            c.drawString(first.x - 6, Y(first.y - 12), _("Version"))
        for b in f.bubbles:
            filled = f.kind == "id_digit" and prefilled.get(f.number) == b.value
            c.setLineWidth(0.7)
            c.setStrokeColorRGB(0.35, 0.35, 0.35)
            if filled:
                c.setFillColorRGB(0, 0, 0)
                c.ellipse(b.x - b.width / 2, Y(b.y - b.height / 2), b.x + b.width / 2, Y(b.y + b.height / 2), stroke=1, fill=1)
                continue
            c.ellipse(b.x - b.width / 2, Y(b.y - b.height / 2), b.x + b.width / 2, Y(b.y + b.height / 2), stroke=1, fill=0)
            c.setFillColorRGB(0.55, 0.55, 0.55)
            c.setFont(regular, b.height * 0.55)
            c.drawCentredString(b.x, Y(b.y + b.height * 0.2), b.value)
        c.setFillColorRGB(0, 0, 0)


def _prefilled_id(t: Template, student: SheetStudent | None) -> dict[int, str]:
    """Digit position -> value, for printing a personalised ID grid already filled."""
    if not student or not student.student_id:
        return {}
    digits = t.id_digits()
    sid = student.student_id
    if not digits or len(sid) > digits or not sid.isdigit():
        return {}
    return {i + 1: ch for i, ch in enumerate(sid)}
