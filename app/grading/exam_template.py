"""Template builder for existing forms: from a scan of a blank district form to a Template.

The teacher drags a rectangle over a block of bubbles and says how many rows and columns
it has and what they mean; :func:`snap_grid` finds the printed bubbles inside the
rectangle (contours that look like circles or ovals, Hough circles as a fallback) and
fits the regular grid they lie on — including the small gap printed every few rows — so
the template sits exactly on the form. :func:`build_template` turns the blocks into a
:class:`~app.grading.template.Template` registered on the form's solid corner marks (or
on the page edges when it has none).

Coordinates: the scan's pixels map to the page in points by a single scale (a scan of
the whole page, upright); the template then stores points like every other template.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.grading.template import A4, LETTER, Block, Policy, Template


@dataclass
class Grid:
    """A fitted grid, in image pixels: first bubble centre, steps, bubble size, gaps."""

    x: float
    y: float
    col_step: float
    row_step: float
    bubble: tuple[float, float]
    rows: int
    cols: int
    found: int  # bubbles detected in the rectangle
    row_group: int = 0
    row_gap: float = 0.0
    snapped: bool = True  # False: no bubbles found, the rectangle was divided evenly

    def centres(self) -> list[tuple[float, float]]:
        out = []
        for r in range(self.rows):
            extra = (r // self.row_group) * self.row_gap if self.row_group else 0.0
            for c in range(self.cols):
                out.append((self.x + c * self.col_step, self.y + r * self.row_step + extra))
        return out


def detect_bubbles(grey: np.ndarray, rect: tuple[int, int, int, int]) -> list[tuple[float, float, float, float]]:
    """(cx, cy, w, h) of the bubble outlines inside ``rect`` = (x, y, w, h), image pixels."""
    import cv2

    x, y, w, h = (int(v) for v in rect)
    x, y = max(x, 0), max(y, 0)
    crop = grey[y : y + h, x : x + w]
    if crop.size == 0:
        return []
    bw = cv2.adaptiveThreshold(cv2.GaussianBlur(crop, (3, 3), 0), 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                               cv2.THRESH_BINARY_INV, 31, 10)
    contours, hierarchy = cv2.findContours(bw, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for c in contours:
        bx, by, cw, ch = cv2.boundingRect(c)
        if cw < 6 or ch < 6 or cw > w / 2 or ch > h / 2:
            continue
        if not 0.5 <= cw / ch <= 2.0:
            continue
        area = cv2.contourArea(c)
        ellipse = np.pi * cw * ch / 4
        if ellipse <= 0 or not 0.6 <= area / ellipse <= 1.3:
            continue
        perim = cv2.arcLength(c, True)
        circularity = 4 * np.pi * area / (perim * perim) if perim else 0
        if circularity < 0.6:
            continue
        found.append((x + bx + cw / 2, y + by + ch / 2, float(cw), float(ch)))
    found = _dedupe(found)
    if len(found) >= 4:  # printed labels ("0", "O") are smaller than the bubbles
        mw = float(np.median([b[2] for b in found]))
        mh = float(np.median([b[3] for b in found]))
        found = [b for b in found if abs(b[2] - mw) <= 0.25 * mw and abs(b[3] - mh) <= 0.25 * mh]
    if len(found) < 4:
        circles = cv2.HoughCircles(crop, cv2.HOUGH_GRADIENT, dp=1.2, minDist=8, param1=120, param2=18,
                                   minRadius=4, maxRadius=max(6, int(min(w, h) / 4)))
        if circles is not None:
            found = [(x + float(cx), y + float(cy), 2 * float(r), 2 * float(r)) for cx, cy, r in circles[0]]
    return found


def _dedupe(found: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Outer and inner edges of one printed circle give two contours; keep the outer one."""
    out: list[tuple[float, float, float, float]] = []
    for b in sorted(found, key=lambda b: -b[2] * b[3]):
        if all(abs(b[0] - o[0]) > o[2] / 2 or abs(b[1] - o[1]) > o[3] / 2 for o in out):
            out.append(b)
    return out


def _clusters(values: list[float], n: int) -> list[float] | None:
    """Centres of ``n`` clusters of 1-D values, split at the n-1 widest gaps."""
    if len(values) < n or n < 1:
        return None
    v = np.sort(np.asarray(values, float))
    if n == 1:
        return [float(v.mean())]
    gaps = np.diff(v)
    cut = np.sort(np.argsort(gaps)[-(n - 1) :])
    groups = np.split(v, cut + 1)
    return [float(g.mean()) for g in groups]


def snap_grid(grey: np.ndarray, rect: tuple[int, int, int, int], rows: int, cols: int) -> Grid:
    """The ``rows`` × ``cols`` grid of bubbles inside ``rect`` (image pixels)."""
    x, y, w, h = (float(v) for v in rect)
    found = detect_bubbles(grey, (int(x), int(y), int(w), int(h)))
    xs = _clusters([b[0] for b in found], cols) if found else None
    ys = _clusters([b[1] for b in found], rows) if found else None
    enough = len(found) >= max(2, int(0.5 * rows * cols))
    if not (xs and ys and enough):
        cw, ch = w / cols, h / rows
        size = 0.6 * min(cw, ch)
        return Grid(x + cw / 2, y + ch / 2, cw, ch, (size, size), rows, cols, len(found), snapped=False)
    bw = float(np.median([b[2] for b in found]))
    bh = float(np.median([b[3] for b in found]))
    # Least-squares fits over every centre: one pixel of rounding per bubble must not
    # add up to a bubble's width by the last row.
    x0, col_step = _line_fit(xs)
    group, gap = 0, 0.0
    y0, row_step = _line_fit(ys)
    if rows > 2:
        diffs = np.diff(ys)
        base = float(np.median(diffs))
        big = np.where(diffs > 1.25 * base)[0]
        if len(big):
            g = int(big[0]) + 1
            if all((i + 1) % g == 0 for i in big) and len(big) == (rows - 1) // g:
                group = g
                i = np.arange(rows)
                A = np.stack([np.ones(rows), i, i // g], axis=1)
                sol = np.linalg.lstsq(A, np.asarray(ys), rcond=None)[0]
                y0, row_step, gap = float(sol[0]), float(sol[1]), float(sol[2])
    return Grid(x0, y0, col_step, row_step, (bw, bh), rows, cols, len(found), group, gap)


def _line_fit(values: list[float]) -> tuple[float, float]:
    """(first, step) of evenly spaced values, fitted by least squares."""
    if len(values) < 2:
        return float(values[0]), 0.0
    step, first = np.polyfit(np.arange(len(values)), np.asarray(values), 1)
    return float(first), float(step)


def grid_block(grid: Grid, kind: str, labels: list[str], *, first: int = 1, scale: float = 1.0,
               page: int = 1) -> Block:
    """A template block from a grid (``scale`` = points per pixel).

    questions: one question per row, choices across; id: one digit per column, values
    down; version: the labels across one row.
    """
    s = scale
    bubble = (round(grid.bubble[0] * s, 2), round(grid.bubble[1] * s, 2))
    if kind == "questions":
        return Block("questions", grid.x * s, grid.y * s, grid.rows, labels, (0.0, grid.row_step * s),
                     (grid.col_step * s, 0.0), bubble, first, page, grid.row_group, grid.row_gap * s)
    if kind == "id":
        return Block("id", grid.x * s, grid.y * s, grid.cols, labels, (grid.col_step * s, 0.0),
                     (0.0, grid.row_step * s), bubble, 1, page)
    return Block("version", grid.x * s, grid.y * s, 1, labels, (0.0, 0.0), (grid.col_step * s, 0.0), bubble, 1, page)


def page_size_for(image_shape: tuple[int, ...]) -> tuple[float, float]:
    """Letter or A4, whichever has the scan's aspect ratio."""
    h, w = image_shape[:2]
    ratio = h / w
    return min((LETTER, A4), key=lambda p: abs(p[1] / p[0] - ratio))


def find_corner_marks(grey: np.ndarray) -> list[tuple[float, float, float]] | None:
    """The four solid square marks near the corners, (cx, cy, side) in pixels, clockwise from top-left."""
    import cv2

    h, w = grey.shape[:2]
    _, bw = cv2.threshold(cv2.GaussianBlur(grey, (3, 3), 0), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cands = []
    for c in contours:
        x, y, cw, ch = cv2.boundingRect(c)
        side = max(w, h)
        if not (0.01 * side <= cw <= 0.08 * side) or not 0.7 <= cw / max(ch, 1) <= 1.4:
            continue
        if cv2.contourArea(c) / (cw * ch) < 0.85:
            continue
        cands.append((x + cw / 2, y + ch / 2, (cw + ch) / 2))
    if len(cands) < 4:
        return None
    corners: list[tuple[float, float]] = [(0, 0), (w, 0), (w, h), (0, h)]
    def nearest(c: tuple[float, float]) -> tuple[float, float, float]:
        return min(cands, key=lambda p: (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2)

    picks = [nearest(c) for c in corners]
    if len(set(picks)) != 4:
        return None
    for (px, py, _), (cx, cy) in zip(picks, corners, strict=True):
        if abs(px - cx) > 0.25 * w or abs(py - cy) > 0.25 * h:
            return None
    return picks


def build_template(grey: np.ndarray, blocks: list[Block], *, name: str, exam_id: str = "") -> Template:
    """A template for the form in ``grey`` with ``blocks`` (already in points).

    Registration as the template builder detects it (app/grading/builder.py): corner marks
    of any shape, a timing track, else feature alignment to this very image (kept in
    memory until the template is saved) — never page edges behind the teacher's back."""
    from app.grading.builder import _registration

    width, height = page_size_for(grey.shape)
    dpi = grey.shape[1] / width * 72.0
    reg, _why = _registration(grey, dpi, list(blocks), (width, height))
    if reg.method == "feature":
        reg.reference_image = grey
        reg.reference_dpi = dpi
    return Template(name=name, exam_id=exam_id, page_width=width, page_height=height, pages=1, registration=reg,
                    blocks=list(blocks), qr=[], policy=Policy(), title=name)


def points_per_pixel(grey: np.ndarray) -> float:
    per_pixel: float = page_size_for(grey.shape)[0] / grey.shape[1]
    return per_pixel


# -- a sample "district form", for trying the builder (and for tests) -----------------

def draw_sample_form(questions: int = 25, choices: str = "ABCDE", id_digits: int = 6, dpi: float = 150.0,
                     filled: dict[int, str] | None = None, student_id: str = "") -> np.ndarray:
    """A plain bubble form like the ones districts print: corner squares, ID grid, questions."""
    import cv2

    s = dpi / 72.0
    w, h = int(LETTER[0] * s), int(LETTER[1] * s)
    img = np.full((h, w), 255, np.uint8)
    sq = int(24 * s)
    for cx, cy in [(36, 36), (LETTER[0] - 36, 36), (LETTER[0] - 36, LETTER[1] - 36), (36, LETTER[1] - 36)]:
        cv2.rectangle(img, (int(cx * s - sq / 2), int(cy * s - sq / 2)), (int(cx * s + sq / 2), int(cy * s + sq / 2)),
                      0, -1)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(img, "DISTRICT ASSESSMENT ANSWER FORM", (int(80 * s), int(50 * s)), font, 0.9 * s / 2, 0, 2)
    cv2.putText(img, "Name ______________________   Teacher ____________", (int(80 * s), int(80 * s)), font,
                0.6 * s / 2, 0, 1)
    r = int(5.5 * s)

    def bubble(x: float, y: float, label: str, fill: bool) -> None:
        c = (int(x * s), int(y * s))
        cv2.circle(img, c, r, 0, max(1, int(0.8 * s)), cv2.LINE_AA)
        if fill:
            cv2.circle(img, c, r - 1, 30, -1, cv2.LINE_AA)
        else:
            cv2.putText(img, label, (c[0] - int(2.5 * s), c[1] + int(2.5 * s)), font, 0.22 * s, 90, 1, cv2.LINE_AA)

    filled = filled or {}
    # ID grid: columns of digits 0-9.
    cv2.putText(img, "STUDENT ID", (int(70 * s), int(118 * s)), font, 0.5 * s / 2, 0, 1)
    for d in range(id_digits):
        for v in range(10):
            bubble(78 + d * 16, 134 + v * 16, str(v), d < len(student_id) and student_id[d] == str(v))
    # Questions in columns of 10, a gap after every 5.
    x0, y0 = 250.0, 134.0
    for q in range(1, questions + 1):
        col, row = (q - 1) // 10, (q - 1) % 10
        x = x0 + col * 110
        y = y0 + row * 18 + (row // 5) * 8
        cv2.putText(img, str(q), (int((x - 22) * s), int((y + 3) * s)), font, 0.45 * s / 2, 0, 1)
        for j, ch in enumerate(choices):
            bubble(x + j * 16, y, ch, filled.get(q) == ch)
    return img
