"""Third-party-style bubble forms that know the truth: for the builder's tests and benchmarks.

TeacherDesk's own sheets are easy (ArUco markers, a template that comes with the PDF).
District and vendor forms are not: L-shaped or triangular orientation marks, a timing
track of black dashes down the edge, name grids A-Z, a student ID and a course ID, 75-200
questions, bubbles printed in a light colour. This module designs such forms *as data*
(:class:`FormDesign`, in points), prints them as a PDF with ReportLab, renders them, fills
them like students do (pen, pencil, erasures, scribbles, faint pencil that a photocopier
turns into a stipple of dots) and degrades them like the ways they reach a teacher:

* ``scan``      flatbed scan, white page on white glass (no visible page edge), slight skew;
* ``colour``    the colour print, which comes out ~1.5% larger than the photocopies, scanned;
* ``photocopy`` a grey, speckled photocopy, scanned;
* ``faint``     a photocopy where some answers are light pencil turned into dots;
* ``photo``     a phone photo at an angle on a desk, uneven light.

The benchmark (benchmarks/omr_forms.py) and the tests build each form's template *from the
blank form alone* with the builder (app/grading/builder.py) and compare what the reader
decides with the truth kept here. Nothing here is needed by the app at run time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.grading.synthetic import (
    MARK_KINDS,
    SyntheticPage,
    _jpeg,
    _noise,
    _Pen,
    draw_answer,
    draw_fill,
)
from app.grading.template import LETTER, Bubble

FORM_KINDS = ("scan", "colour", "photocopy", "faint", "photo")
COLOUR_SCALE = 1.015  # the colour print is this much larger than the photocopy


@dataclass
class Grid:
    """A printed grid: ``kind`` questions (rows = items) or id/letters (columns = items)."""

    kind: str  # questions | id | letters | version
    x: float  # centre of the first bubble
    y: float
    items: int
    choices: list[str]
    item_step: float
    choice_step: float
    first: int = 1
    group: int = 0
    group_gap: float = 0.0
    label: str = ""
    bubble: tuple[float, float] = (9.0, 9.0)
    page: int = 1

    def bubbles(self) -> list[tuple[int, str, float, float]]:
        """(item index, choice, x, y) of every bubble."""
        out = []
        for i in range(self.items):
            extra = (i // self.group) * self.group_gap if self.group else 0.0
            for j, c in enumerate(self.choices):
                if self.kind == "questions":
                    out.append((i, c, self.x + j * self.choice_step, self.y + i * self.item_step + extra))
                elif self.kind == "version":
                    out.append((i, c, self.x + j * self.choice_step, self.y))
                else:  # id / letters: items across, values down
                    out.append((i, c, self.x + i * self.item_step, self.y + j * self.choice_step + extra))
        return out


@dataclass
class FormDesign:
    name: str
    marks: str  # L | triangle | square | circle | timing | none
    grids: list[Grid]
    mark_size: float = 22.0
    ink: int = 0  # grey level of the bubbles' outlines in the original (colour forms are light)
    texts: list[tuple[float, float, str, float]] = field(default_factory=list)
    timing: list[tuple[float, float]] = field(default_factory=list)  # dash centres
    dash: tuple[float, float] = (12.0, 4.0)

    def questions(self) -> int:
        return sum(g.items for g in self.grids if g.kind == "questions")

    def pages(self) -> int:
        return max((g.page for g in self.grids), default=1)


def _letters() -> list[str]:
    return [chr(c) for c in range(65, 91)]


def _digits() -> list[str]:
    return [str(d) for d in range(10)]


def designs() -> list[FormDesign]:
    """The corpus's forms (Letter paper, points)."""
    out = []
    # 1. District benchmark form: L-marks, last-name grid, student + course ID, 100 questions.
    g = [
        Grid("letters", 60, 128, 12, _letters(), 11.5, 9.6, label="last_name", bubble=(8.0, 8.0)),
        Grid("id", 230, 128, 9, _digits(), 12.5, 12.5, label="student_id", bubble=(9.0, 9.0)),
        Grid("id", 390, 128, 4, _digits(), 12.5, 12.5, label="course_id", bubble=(9.0, 9.0)),
        Grid("version", 460, 300, 1, list("ABCD"), 0, 14.0, label="version", bubble=(9.0, 9.0)),
    ]
    for c in range(4):
        g.append(Grid("questions", 78 + c * 132, 420, 25, list("ABCDE"), 12.4, 14.5, first=1 + 25 * c, group=5,
                      group_gap=5.0, bubble=(9.5, 9.0)))
    out.append(FormDesign("district-L", "L", g, texts=_texts("DISTRICT BENCHMARK ASSESSMENT - GRADE 8", lines=2)))
    # 2. Scanner form: timing track down the left edge, 200 questions, light (colour) bubbles.
    g = [Grid("id", 450, 120, 10, _digits(), 12.0, 12.0, label="student_id", bubble=(9.0, 7.0))]
    for c in range(4):
        g.append(Grid("questions", 74 + c * 92, 112, 50, list("ABCD"), 12.6, 15.0, first=1 + 50 * c,
                      bubble=(10.0, 7.0)))
    timing = [(30.0, 112 + i * 12.6) for i in range(50)]
    out.append(FormDesign("scanner-timing", "timing", g, ink=120, timing=timing,
                          texts=_texts("TEST SCORING FORM 200", x=74)))
    # 3. Plain form (no marks): feature alignment. First-name grid, 6-digit ID, 75 questions.
    g = [
        Grid("letters", 60, 150, 8, _letters(), 12.0, 9.8, label="first_name", bubble=(8.0, 8.0)),
        Grid("id", 200, 150, 6, _digits(), 13.0, 13.0, label="student_id", bubble=(9.0, 9.0)),
    ]
    for c in range(3):
        g.append(Grid("questions", 330 + c * 95, 150, 25, list("ABCD"), 16.0, 15.0, first=1 + 25 * c, group=5,
                      group_gap=6.0, bubble=(10.0, 10.0)))
    texts = _texts("UNIT QUIZ ANSWER DOCUMENT", x=60, lines=2)
    texts += [(60.0, 470.0 + i * 11, t, 8.0) for i, t in enumerate((
        "Mark only one answer for each question. If you change an answer, erase the first mark completely.",
        "Questions 1-25 cover chapters 4 and 5; questions 26-50 the lab work; 51-75 the reading.",
        "Write your first name in the boxes and fill the matching bubble under each letter.",
        "Write your student number in the boxes and fill the matching bubble under each digit.",
        "Teachers: return the forms in the envelope provided, face up, by Friday.",
    ))]
    texts += [(60.0, 560.0, "FOR OFFICE USE ONLY", 10.0), (60.0, 580.0, "Score ______   Checked by ______", 9.0)]
    out.append(FormDesign("plain-feature", "none", g, texts=texts))
    # 4. Triangle marks, 120 questions in 4 columns of 30, 7-digit ID.
    g = [Grid("id", 70, 130, 7, _digits(), 14.0, 14.0, label="student_id", bubble=(10.0, 10.0))]
    for c in range(4):
        g.append(Grid("questions", 82 + c * 130, 312, 30, list("ABCDE"), 14.0, 16.0, first=1 + 30 * c, group=5,
                      group_gap=4.0, bubble=(10.0, 10.0)))
    out.append(FormDesign("triangles", "triangle", g, mark_size=20.0, texts=_texts("END OF COURSE EXAM", x=200)))
    return out


def two_page_design() -> FormDesign:
    """A two-page form with L-marks on both pages: page 1 a student ID, a last-name grid
    and questions 1-50, page 2 a course ID and questions 51-110."""
    g = [
        Grid("letters", 60, 128, 10, _letters(), 11.5, 9.6, label="last_name", bubble=(8.0, 8.0)),
        Grid("id", 230, 128, 8, _digits(), 12.5, 12.5, label="student_id", bubble=(9.0, 9.0)),
    ]
    for c in range(2):
        g.append(Grid("questions", 100 + c * 200, 420, 25, list("ABCD"), 12.4, 14.5, first=1 + 25 * c, group=5,
                      group_gap=5.0, bubble=(9.5, 9.0)))
    g.append(Grid("id", 80, 128, 4, _digits(), 12.5, 12.5, label="course_id", bubble=(9.0, 9.0), page=2))
    for c in range(3):
        g.append(Grid("questions", 90 + c * 160, 320, 20, list("ABCDE"), 13.0, 14.5, first=51 + 20 * c, group=5,
                      group_gap=5.0, bubble=(9.5, 9.0), page=2))
    return FormDesign("two-page", "L", g, texts=_texts("SEMESTER EXAM - TWO PAGES", lines=2))


def _texts(title: str, x: float = 60, lines: int = 3) -> list[tuple[float, float, str, float]]:
    t = [(x, 52.0, title, 13.0), (x, 70.0, "Name ____________________  Teacher ______________  Date ________", 8.0)]
    lines = min(lines, 2)  # the grids start under the second line
    words = "Use a No. 2 pencil only. Fill each bubble completely. Erase cleanly any answer you wish to change."
    for i in range(lines):
        t.append((x, 84.0 + i * 9.0, words if i % 2 == 0 else "Do not make stray marks on this form.", 6.5))
    return t


# -- printing -------------------------------------------------------------------------

def render_pdf(d: FormDesign, scale: float = 1.0) -> bytes:
    """The blank form as a PDF, one page per page of the design (``scale``: the print's
    content scale about the centre)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    W, Hh = LETTER
    c = canvas.Canvas(buf, pagesize=LETTER)
    for page in range(1, d.pages() + 1):
        c.saveState()
        c.translate(W / 2 * (1 - scale), Hh / 2 * (1 - scale))
        c.scale(scale, scale)
        c.setFillGray(0)
        for x, y, text, size in d.texts if page == 1 else d.texts[:1]:
            c.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
            c.drawString(x, Hh - y, text)
        if page > 1:
            c.setFont("Helvetica", 8)
            c.drawString(W - 120, Hh - 52, f"Page {page} of {d.pages()}")
        _draw_marks(c, d)
        for g in d.grids:
            if g.page == page:
                _draw_grid(c, g, d.ink / 255.0)
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_marks(c: Any, d: FormDesign) -> None:
    """The corner marks (or the timing track) of the design, on the current page."""
    W, Hh = LETTER
    s = d.mark_size
    c.setFillGray(0)
    for k, (cx, cy) in enumerate([(30.0, 30.0), (W - 30, 30.0), (W - 30, Hh - 30), (30.0, Hh - 30)]):
        if d.marks in ("none", "timing"):
            break
        sx = -1 if k in (0, 3) else 1  # the mark's outer corner points away from the page
        sy = -1 if k in (0, 1) else 1
        _draw_mark(c, d.marks, cx, cy, sx, sy, s)
    dw, dh = d.dash
    for x, y in d.timing:
        c.rect(x - dw / 2, Hh - (y + dh / 2), dw, dh, stroke=0, fill=1)


def _draw_mark(c: Any, shape: str, cx: float, cy: float, sx: int, sy: int, s: float) -> None:
    Hh = LETTER[1]
    if shape == "square":
        c.rect(cx - s / 2, Hh - (cy + s / 2), s, s, stroke=0, fill=1)
    elif shape == "circle":
        c.circle(cx, Hh - cy, s / 2, stroke=0, fill=1)
    elif shape == "L":
        th = s * 0.3
        ox, oy = cx + sx * s / 2, cy + sy * s / 2  # outer corner
        # horizontal arm and vertical arm from the outer corner inwards
        c.rect(min(ox, ox - sx * s), Hh - max(oy, oy - sy * th), s, th, stroke=0, fill=1)
        c.rect(min(ox, ox - sx * th), Hh - max(oy, oy - sy * s), th, s, stroke=0, fill=1)
    elif shape == "triangle":
        ox, oy = cx + sx * s / 2, cy + sy * s / 2
        p = c.beginPath()
        p.moveTo(ox, Hh - oy)
        p.lineTo(ox - sx * s, Hh - oy)
        p.lineTo(ox, Hh - (oy - sy * s))
        p.close()
        c.drawPath(p, stroke=0, fill=1)


def _draw_grid(c: Any, g: Grid, grey: float) -> None:
    """One grid's bubbles with the letters inside, its numbers or write-in boxes."""
    Hh = LETTER[1]
    c.setStrokeGray(grey)
    c.setFillGray(min(grey + 0.25, 0.7))
    c.setLineWidth(0.7)
    bw, bh = g.bubble
    for _i, ch, x, y in g.bubbles():
        c.ellipse(x - bw / 2, Hh - (y - bh / 2), x + bw / 2, Hh - (y + bh / 2), stroke=1, fill=0)
        c.setFont("Helvetica", bh * 0.62)
        c.drawCentredString(x, Hh - (y + bh * 0.22), ch)
    c.setFillGray(0)
    c.setFont("Helvetica", 6.5)
    if g.kind == "questions":
        for i in range(g.items):
            extra = (i // g.group) * g.group_gap if g.group else 0.0
            c.drawRightString(g.x - bw / 2 - 4, Hh - (g.y + i * g.item_step + extra + 2.2), str(g.first + i))
    elif g.kind in ("id", "letters"):
        c.setStrokeGray(0)
        c.setLineWidth(0.6)
        for i in range(g.items):  # write-in boxes above the columns
            x = g.x + i * g.item_step
            c.rect(x - g.item_step / 2 + 0.8, Hh - (g.y - bh / 2 - 4), g.item_step - 1.6, 11, stroke=1, fill=0)
        c.drawString(g.x - bw / 2, Hh - (g.y - bh / 2 - 19), g.label.replace("_", " ").upper())
    else:
        c.drawRightString(g.x - bw / 2 - 4, Hh - (g.y + 2.2), "FORM")


_RENDERED: dict[tuple[str, float, float, int], np.ndarray] = {}


def render_blank(d: FormDesign, dpi: float = 200.0, scale: float = 1.0, page: int = 1) -> np.ndarray:
    """Page ``page`` of the printed blank form as a greyscale image at ``dpi`` (cached)."""
    import pypdfium2 as pdfium

    key = (d.name, dpi, scale, page)
    if key not in _RENDERED:
        doc = pdfium.PdfDocument(render_pdf(d, scale))
        try:
            img = doc[page - 1].render(scale=dpi / 72.0, grayscale=True).to_numpy()
        finally:
            doc.close()
        if img.ndim == 3:
            img = img[:, :, 0]
        if len(_RENDERED) > 12:
            _RENDERED.clear()
        _RENDERED[key] = np.ascontiguousarray(img)
    return _RENDERED[key].copy()


# -- filling ----------------------------------------------------------------------------

FORM_MARKS = dict(MARK_KINDS, scribble=0.006)
FORM_MARKS.pop("stipple", None)  # stipples come with the 'faint' kind only
FORM_MARKS.pop("cancel", None)  # these forms do not tell students to cancel by blacking out


def fill_form(d: FormDesign, rng: np.random.Generator, img: np.ndarray, dpi: float, scale: float,
              faint_share: float = 0.0, page: int = 1) -> tuple[dict[int, list[str]], dict[int, str], dict[str, str]]:
    """Mark answers, IDs and names of ``page`` on ``img`` in place; (truth, kinds, grid texts)."""
    s = dpi / 72.0
    W, Hh = LETTER

    def at(x: float, y: float, bw: float, bh: float, v: str) -> Bubble:
        return Bubble(v, W / 2 + (x - W / 2) * scale, Hh / 2 + (y - Hh / 2) * scale, bw * scale, bh * scale)

    pen = _Pen(rng, bool(rng.random() < 0.6))
    names = list(FORM_MARKS)
    probs = np.array([FORM_MARKS[n] for n in names], float)
    probs /= probs.sum()
    truth: dict[int, list[str]] = {}
    kinds: dict[int, str] = {}
    texts: dict[str, str] = {}
    for g in (g for g in d.grids if g.page == page):
        bw, bh = g.bubble
        cells: dict[tuple[int, str], Bubble] = {(i, ch): at(x, y, bw, bh, ch) for i, ch, x, y in g.bubbles()}
        if g.kind in ("id", "letters"):
            n = int(rng.integers(max(1, g.items // 2), g.items + 1))
            vals = [str(rng.choice(g.choices)) for _ in range(n)]
            texts[g.label] = "".join(vals)
            for i, v in enumerate(vals):
                draw_fill(img, cells[(i, v)], s, pen)
            continue
        if g.kind == "version":
            continue
        for i in range(g.items):
            q = g.first + i
            kind = str(rng.choice(names, p=probs))
            if faint_share and rng.random() < faint_share:
                kind = "stipple"
            truth[q] = _answer_truth(kind, g.choices, rng)
            kinds[q] = kind
            b = {c: cells[(i, c)] for c in g.choices}
            if kind == "scribble":  # a form-only kind: a pen scribble over the answer
                _scribble(img, _px(b[truth[q][0]], s), rng)
            else:
                draw_answer(img, b, s, pen, rng, kind, truth[q], list(g.choices))
    return truth, kinds, texts


def _answer_truth(kind: str, choices: list[str], rng: np.random.Generator) -> list[str]:
    """What a mark of ``kind`` means: nothing, two answers, or one."""
    if kind == "blank":
        return []
    if kind == "double":
        return sorted(str(c) for c in rng.choice(choices, 2, replace=False))
    return [str(rng.choice(choices))]


def _px(b: Bubble, s: float) -> Bubble:
    return Bubble(b.value, b.x * s, b.y * s, b.width * s, b.height * s)


def _scribble(img: np.ndarray, b: Bubble, rng: np.random.Generator) -> None:
    """A pen scribble over a bubble and beyond it (a student crossing out an answer)."""
    import cv2

    r = b.width / 2
    pts = np.array([(b.x + rng.uniform(-1.8, 1.8) * r, b.y + rng.uniform(-1.2, 1.2) * r) for _ in range(9)], np.int32)
    cv2.polylines(img, [pts], False, int(rng.uniform(20, 60)), max(1, int(r / 4)), cv2.LINE_AA)


# -- degradations -----------------------------------------------------------------------

def _warp(img: np.ndarray, M: np.ndarray, size: tuple[int, int], bg: float) -> np.ndarray:
    import cv2

    return cv2.warpPerspective(img, M, size, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT, borderValue=bg)


def degrade_form(img: np.ndarray, kind: str, rng: np.random.Generator) -> np.ndarray:
    import cv2

    h, w = img.shape
    if kind in ("scan", "colour", "photocopy", "faint"):
        out: np.ndarray = img.astype(np.float32)
        bg = 250.0
        if kind in ("photocopy", "faint"):
            gamma = rng.uniform(0.8, 1.3)
            paper = rng.uniform(205, 235)
            out = paper * (out / 255.0) ** gamma
            out = cv2.GaussianBlur(out, (0, 0), 0.7)
            specks = rng.random(img.shape) < 0.0006
            out[specks] = rng.uniform(0, 90)
            bg = float(paper)
        # Flatbed: the page on white glass, shifted a few mm and slightly skewed; no border.
        ang = rng.uniform(-1.5, 1.5)
        M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
        M[:, 2] += rng.uniform(-0.012, 0.012, 2) * np.array([w, h])
        out = cv2.warpAffine(np.clip(out, 0, 255).astype(np.uint8), M, (w, h), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=bg)
        out = cv2.GaussianBlur(out, (0, 0), 0.5)
        return _jpeg(_noise(out, 3 if kind in ("scan", "colour") else 5, rng), int(rng.integers(78, 93)))
    if kind == "photo":
        out_h = int(h * rng.uniform(0.9, 1.05))
        out_w = int(out_h * rng.uniform(0.74, 0.8))
        m = 0.07
        dst = np.array([[m, m], [1 - m, m], [1 - m, 1 - m], [m, 1 - m]], np.float32)
        dst += rng.uniform(-0.04, 0.04, dst.shape).astype(np.float32)
        dst *= np.array([out_w, out_h], np.float32)
        c = dst.mean(axis=0)
        t = np.deg2rad(rng.uniform(-10, 10))
        R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]], np.float32)
        dst = (dst - c) @ R.T * 0.92 + c
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
        out = np.asarray(_warp(img, M, (out_w, out_h), float(rng.uniform(40, 110))), np.float32)
        yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
        gx, gy = rng.uniform(-1, 1, 2)
        out *= 1.0 - rng.uniform(0.1, 0.3) * ((gx * (xx / out_w - 0.5) + gy * (yy / out_h - 0.5)) + 0.5)
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.1))
        return _jpeg(_noise(out, rng.uniform(3, 6), rng), int(rng.integers(65, 88)))
    raise ValueError(f"unknown kind {kind!r}")


def make_form_page(d: FormDesign, rng: np.random.Generator, kind: str, dpi: float = 200.0,
                   page: int = 1) -> SyntheticPage:
    """A filled, degraded page of ``d`` with its truth."""
    scale = COLOUR_SCALE if kind == "colour" else 1.0
    img = render_blank(d, dpi, scale, page)
    truth, kinds, texts = fill_form(d, rng, img, dpi, scale, faint_share=0.08 if kind == "faint" else 0.0,
                                    page=page)
    out = degrade_form(img, kind, rng)
    sp = SyntheticPage(out, kind, page, truth, kinds, texts.get("student_id", ""), "", dpi)
    sp.meta["scale"] = scale
    sp.texts = texts  # type: ignore[attr-defined]
    return sp
