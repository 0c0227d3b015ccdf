"""Drawing widgets of the Grading page: a scan with overlays, and small QPainter charts.

``SheetView`` shows a page image with coloured bubble outlines mapped through the
engine's homography (template points → image pixels), can zoom on one question, and can
let the user drag a rectangle (the template builder). The charts are drawn with QPainter
(QtCharts is not part of the app's Qt).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.grading.keys import KeyItem
from app.grading.results import MULTIPLE, REVIEW, FieldRead, PageResult
from app.grading.template import Template

GREEN = QColor(30, 150, 60)
RED = QColor(210, 40, 40)
ORANGE = QColor(240, 140, 0)
BLUE = QColor(40, 110, 220)
PURPLE = QColor(140, 60, 200)
GREY = QColor(130, 130, 130)


def to_qimage(image: np.ndarray) -> QImage:
    """A deep copy of a greyscale or BGR numpy image as a QImage."""
    img = np.ascontiguousarray(image)
    if img.ndim == 2:
        h, w = img.shape
        return QImage(img.data, w, h, int(img.strides[0]), QImage.Format.Format_Grayscale8).copy()
    h, w = img.shape[:2]
    return QImage(img.data, w, h, int(img.strides[0]), QImage.Format.Format_BGR888).copy()


@dataclass
class Overlay:
    rect: QRectF  # image pixels
    color: QColor
    fill: bool = False
    width: float = 2.0
    label: str = ""
    dashed: bool = False
    box: bool = False  # a rectangle (the question under review) instead of an ellipse


def map_point(H: np.ndarray, x: float, y: float) -> tuple[float, float]:
    v = H @ np.array([x, y, 1.0])
    return float(v[0] / v[2]), float(v[1] / v[2])


def bubble_rect(H: np.ndarray, bx: float, by: float, bw: float, bh: float, grow: float = 1.0) -> QRectF:
    cx, cy = map_point(H, bx, by)
    ex, _ = map_point(H, bx + bw / 2, by)
    _, ey = map_point(H, bx, by + bh / 2)
    rx = max(abs(ex - cx), 2.0) * grow
    ry = max(abs(ey - cy), 2.0) * grow
    return QRectF(cx - rx, cy - ry, 2 * rx, 2 * ry)


def _is_double_mark(a: FieldRead | None) -> bool:
    return a is not None and a.status == MULTIPLE and not a.correct and len(a.marked) > 1


def _marked_color(a: FieldRead | None, item: KeyItem | None, value: str) -> QColor:
    """Green for a right mark, red for a wrong one; both marks of a double mark are red
    (the right one is never shown green as if it had been marked alone)."""
    if _is_double_mark(a):
        return RED
    ok = item is None or not item.correct or value in item.correct or bool(a and a.correct)
    return GREEN if ok else RED


def _double_mark_box(a: FieldRead | None, row_rect: QRectF) -> list[Overlay]:
    if not _is_double_mark(a):
        return []
    pad = row_rect.height() * 0.2
    return [Overlay(row_rect.adjusted(-pad, -pad, pad, pad), RED, width=1.5, box=True, dashed=True)]


def page_overlays(
    result: PageResult,
    template: Template,
    key: dict[int, KeyItem] | None,
    *,
    focus: int | None = None,
    pending: list[str] | None = None,
    focus_id: bool = False,
) -> tuple[list[Overlay], QRectF | None]:
    """Bubble overlays for a read page, and the image rectangle of question ``focus``.

    green: marked and right; red: marked and wrong; blue dashed: the right answer not
    marked; orange: the engine's doubt; purple: the teacher's pending choice.
    """
    if not result.homography:
        return [], None
    H = np.array(result.homography, float)
    answers = {a.number: a for a in result.answers}
    out: list[Overlay] = []
    focus_rect: QRectF | None = None
    page = result.sheet_page or 1
    for f in template.fields():
        if f.page != page:
            continue
        if f.kind == "question":
            a = answers.get(f.number)
            item = key.get(f.number) if key else None
            row_rect = QRectF()
            for b in f.bubbles:
                r = bubble_rect(H, b.x, b.y, b.width, b.height, 1.25)
                row_rect = row_rect.united(r)
                marked = a is not None and b.value in a.marked
                if f.number == focus and pending is not None:
                    if b.value in pending:
                        out.append(Overlay(r, PURPLE, fill=True, width=3))
                    elif marked or (a is not None and a.fills.get(b.value, 0) > 0.15):
                        out.append(Overlay(r, ORANGE, width=3 if marked else 1.5))
                    continue
                if a is not None and a.status == REVIEW:
                    out.append(Overlay(r, ORANGE, width=3 if a.fills.get(b.value, 0) > 0.15 else 1.5))
                elif marked:
                    out.append(Overlay(r, _marked_color(a, item, b.value), fill=False, width=3))
                elif item is not None and b.value in item.correct and not item.dropped:
                    out.append(Overlay(r, BLUE, dashed=True, width=2))
            out.extend(_double_mark_box(a, row_rect))
            if a is not None and a.reason == "teacher" and f.number != focus:
                # a teacher's decision: the whole question framed in purple
                pad = row_rect.height() * 0.2
                out.append(Overlay(row_rect.adjusted(-pad, -pad, pad, pad), PURPLE, width=2, box=True))
            if f.number == focus:
                focus_rect = row_rect
                pad = row_rect.height() * 0.25
                out.append(Overlay(row_rect.adjusted(-pad, -pad, pad, pad), ORANGE, width=2.5, box=True))
        else:
            reads = result.id_digits if f.kind == "id_digit" else ([result.version_field] if result.version_field else [])
            fr = next((d for d in reads if d.number == f.number), None)
            for b in f.bubbles:
                if focus_id:
                    r = bubble_rect(H, b.x, b.y, b.width, b.height, 1.25)
                    focus_rect = r if focus_rect is None else focus_rect.united(r)
                if fr is not None and b.value in fr.marked:
                    color = ORANGE if fr.status == REVIEW else GREEN
                    out.append(Overlay(bubble_rect(H, b.x, b.y, b.width, b.height, 1.25), color, width=2))
    return out, focus_rect


class SheetView(QWidget):
    """A page image with overlays; optional zoom rectangle and rubber-band selection."""

    rect_selected = Signal(QRectF)
    clicked = Signal(QPointF, bool)  # image point, Shift held

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.overlays: list[Overlay] = []
        self.focus_rect: QRectF | None = None
        self.selection: QRectF | None = None
        self.selecting = False
        self._drag_from: QPointF | None = None
        self.caption = ""
        self.placeholder = ""
        self.outline: list[QPointF] = []  # a polygon (camera: the sheet found)
        self.flash = 0.0
        self.zoom = 1.0  # the mouse wheel zooms around the point under the cursor
        self.zoom_center: QPointF | None = None
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(30)
        self._flash_timer.timeout.connect(self._fade)

    def set_image(self, image: np.ndarray | QImage | None) -> None:
        self.image = to_qimage(image) if isinstance(image, np.ndarray) else image
        self.zoom, self.zoom_center = 1.0, None
        self.update()

    def set_zoom(self, zoom: float, center: QPointF | None = None) -> None:
        """Zoom (1 = fit) around ``center``, an image point (default: the middle)."""
        self.zoom = min(8.0, max(1.0, zoom))
        self.zoom_center = center if self.zoom > 1.0 else None
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.image is None:
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120.0
        if not steps:
            return
        self.set_zoom(self.zoom * (1.25 ** steps), self.to_image(event.position()))
        event.accept()

    def set_overlays(self, overlays: list[Overlay], focus: QRectF | None = None) -> None:
        self.overlays = overlays
        self.focus_rect = focus
        self.update()

    def start_flash(self) -> None:
        self.flash = 1.0
        self._flash_timer.start()
        self.update()

    def _fade(self) -> None:
        self.flash = max(0.0, self.flash - 0.12)
        if self.flash <= 0:
            self._flash_timer.stop()
        self.update()

    # -- geometry ---------------------------------------------------------------------
    def view_transform(self) -> QTransform:
        if self.image is None:
            return QTransform()
        src = QRectF(0, 0, self.image.width(), self.image.height())
        if self.focus_rect is not None and not self.focus_rect.isEmpty():
            f = self.focus_rect
            tall = f.height() > 0.6 * f.width()  # a block (the ID grid), not one question's row
            pad = max(f.height() * (0.35 if tall else 3.5), f.width() * 0.45, 60.0)
            src = f.adjusted(-pad, -pad, pad, pad).intersected(src)
        avail_h = self.height() - (20 if self.caption else 0)
        sx = self.width() / max(src.width(), 1.0)
        sy = avail_h / max(src.height(), 1.0)
        s = min(sx, sy)
        ox = (self.width() - src.width() * s) / 2 - src.left() * s
        oy = (avail_h - src.height() * s) / 2 - src.top() * s
        if self.zoom > 1.0:
            center = self.zoom_center or src.center()
            s *= self.zoom
            ox = self.width() / 2 - center.x() * s
            oy = avail_h / 2 - center.y() * s
        return QTransform(s, 0, 0, s, ox, oy)

    def to_image(self, p: QPointF) -> QPointF:
        inv, ok = self.view_transform().inverted()
        return inv.map(p) if ok else p

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor(70, 74, 80))
        if self.image is None:
            p.setPen(QColor(230, 230, 230))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            p.end()
            return
        t = self.view_transform()
        p.save()
        p.setTransform(t)
        p.drawImage(QPointF(0, 0), self.image)
        for o in self.overlays:
            pen = QPen(o.color, o.width)
            pen.setCosmetic(True)
            if o.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            if o.fill:
                c = QColor(o.color)
                c.setAlpha(90)
                p.setBrush(QBrush(c))
            else:
                p.setBrush(Qt.BrushStyle.NoBrush)
            if o.box:
                p.drawRoundedRect(o.rect, 4, 4)
            else:
                p.drawEllipse(o.rect)
        if self.outline:
            pen = QPen(GREEN, 4)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolygon(self.outline)
        if self.selection is not None:
            pen = QPen(BLUE, 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            c = QColor(BLUE)
            c.setAlpha(40)
            p.setBrush(c)
            p.drawRect(self.selection)
        p.restore()
        if self.caption:
            p.setPen(QColor(240, 240, 240))
            font = QFont(p.font())
            font.setBold(True)
            p.setFont(font)
            p.drawText(QRectF(6, self.height() - 18, self.width() - 12, 18), Qt.AlignmentFlag.AlignLeft, self.caption)
        if self.flash > 0:
            p.fillRect(self.rect(), QColor(255, 255, 255, int(230 * self.flash)))
        p.end()

    # -- rubber band ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.selecting and self.image is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self.to_image(event.position())
            self.selection = QRectF(self._drag_from, self._drag_from)
            self.update()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self.selection = QRectF(self._drag_from, self.to_image(event.position())).normalized()
            self.update()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.selecting and self.image is not None and event.button() == Qt.MouseButton.LeftButton:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.clicked.emit(self.to_image(event.position()), shift)
            return
        if self._drag_from is not None:
            self.selection = QRectF(self._drag_from, self.to_image(event.position())).normalized()
            self._drag_from = None
            self.update()
            if self.selection.width() > 4 and self.selection.height() > 4:
                self.rect_selected.emit(self.selection)
        else:
            super().mouseReleaseEvent(event)


class BarChart(QWidget):
    """Bars per label, with an optional second series as markers; highlighted labels in red.

    ``series``: list of (name, colour, values in [lo, hi]).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[tuple[str, QColor, list[float | None]]] = []
        self.highlight: set[int] = set()
        self.lo, self.hi = 0.0, 1.0
        self.title = ""
        self.guides: list[tuple[float, str]] = []
        self.setMinimumHeight(170)

    def set_data(self, labels: list[str], series: list[tuple[str, QColor, list[float | None]]], *,
                 lo: float = 0.0, hi: float = 1.0, highlight: set[int] | None = None, title: str = "",
                 guides: list[tuple[float, str]] | None = None) -> None:
        self.labels, self.series, self.lo, self.hi = labels, series, lo, hi
        self.highlight = highlight or set()
        self.title = title
        self.guides = guides or []
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        left, top, right, bottom = 36, 22, 8, 22
        w = self.width() - left - right
        h = self.height() - top - bottom
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(left, 2, w, 18), Qt.AlignmentFlag.AlignLeft, self.title)
        x_legend = left + w
        for name, color, _ in reversed(self.series):
            fm = p.fontMetrics()
            tw = fm.horizontalAdvance(name)
            x_legend -= tw + 22
            p.fillRect(QRectF(x_legend, 7, 10, 10), color)
            p.drawText(QRectF(x_legend + 14, 2, tw + 4, 18), Qt.AlignmentFlag.AlignLeft, name)

        def Y(v: float) -> float:
            return top + h * (1 - (v - self.lo) / max(self.hi - self.lo, 1e-9))

        grid = QPen(QColor(200, 200, 200), 1, Qt.PenStyle.DotLine)
        span = self.hi - self.lo
        step = 0.5 if span <= 3 else (span / 4)
        ticks = [self.lo + k * step for k in range(int(round(span / step)) + 1)]
        for v in ticks:
            if self.lo <= v <= self.hi:
                p.setPen(grid)
                p.drawLine(QPointF(left, Y(v)), QPointF(left + w, Y(v)))
                p.setPen(self.palette().text().color())
                p.drawText(QRectF(0, Y(v) - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, f"{v:g}")
        for v, text in self.guides:
            p.setPen(QPen(ORANGE, 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(left, Y(v)), QPointF(left + w, Y(v)))
            p.drawText(QRectF(left, Y(v) + 1, w - 4, 14), Qt.AlignmentFlag.AlignRight, text)
        n = max(len(self.labels), 1)
        slot = w / n
        k = max(len(self.series), 1)
        bar = max(2.0, slot * 0.8 / k)
        step_label = max(1, int(28 / max(slot, 1)))
        for i, label in enumerate(self.labels):
            x0 = left + i * slot + slot * 0.1
            if i in self.highlight:
                p.fillRect(QRectF(left + i * slot, top, slot, h), QColor(255, 200, 200, 120))
            for j, (_name, color, values) in enumerate(self.series):
                value = values[i] if i < len(values) else None
                if value is None:
                    continue
                y0, y1 = Y(max(self.lo, min(0.0, self.hi))), Y(max(self.lo, min(value, self.hi)))
                c = RED if i in self.highlight and j == 0 else color
                p.fillRect(QRectF(x0 + j * bar, min(y0, y1), bar - 1, abs(y1 - y0)), c)
            if i % step_label == 0:
                p.setPen(RED if i in self.highlight else self.palette().text().color())
                p.drawText(QRectF(left + i * slot - 10, top + h + 2, slot + 20, 18), Qt.AlignmentFlag.AlignHCenter,
                           label)
        p.end()
