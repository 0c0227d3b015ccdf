"""Synthetic filled and degraded answer sheets that know the truth.

For tests, benchmarks and the grading screens' demos: a blank sheet rendered from its
PDF, filled with realistic marks (pen and pencil texture, partial fills, light marks,
check marks and crosses, erasure smudges, stray marks, double marks, cancelled boxes,
blanks), then degraded like a scanner, a photocopier, a fax or a phone camera would.

    rng = np.random.default_rng(1)
    page = make_page(template, rng, "photo")
    result = read_page(page.image, template)
    page.truth[12]  # ['C']

Nothing here is needed at run time by the app; it imports OpenCV and pypdfium2 lazily.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from app.grading.template import Bubble, Template

DEGRADATIONS = ("scan", "scan_150dpi", "rotated", "photocopy", "bw", "photo", "photo_shadow")
SCANNER_LIKE = ("scan", "scan_150dpi", "rotated", "photocopy", "bw")
PHOTO_LIKE = ("photo", "photo_shadow")

# Mark kinds, with how often a student makes them on a realistic sheet.
MARK_KINDS: dict[str, float] = {
    "fill": 0.90,
    "partial": 0.03,
    "blank": 0.03,
    "erasure": 0.012,
    "double": 0.005,
    "stray": 0.006,
    "light": 0.006,
    "check": 0.003,
    "cross": 0.003,
    "cancel": 0.005,
    "stipple": 0.006,  # light pencil that a photocopier turned into a stipple of dots
}
# Marks a careful human would also hesitate over: review is a right answer for them.
REVIEW_OK = {"light", "check", "cross", "erasure", "stray", "cancel", "lost", "scribble", "stipple"}


@dataclass
class SyntheticPage:
    image: np.ndarray  # greyscale uint8
    degradation: str
    sheet_page: int
    truth: dict[int, list[str]]  # question -> choices the student meant (empty = blank)
    kinds: dict[int, str]  # question -> mark kind
    student_id: str = ""
    version: str = ""
    dpi: float = 200.0
    meta: dict[str, float] = field(default_factory=dict)

    def review_ok(self, question: int) -> bool:
        return self.kinds.get(question) in REVIEW_OK


_BLANKS: dict[tuple[int, int, float], tuple[Template, np.ndarray]] = {}


def blank_page(template: Template, page: int = 1, dpi: float = 200.0) -> np.ndarray:
    """The printed sheet page as a greyscale image at ``dpi`` (cached)."""
    key = (id(template), page, dpi)
    hit = _BLANKS.get(key)
    if hit is not None and hit[0] is template:
        return hit[1].copy()
    import pypdfium2 as pdfium

    from app.grading.sheet_pdf import render_sheets

    buf = io.BytesIO()
    render_sheets(template, buf)
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        img = doc[page - 1].render(scale=dpi / 72.0, grayscale=True).to_numpy()
    finally:
        doc.close()
    if img.ndim == 3:
        img = img[:, :, 0]
    img = np.ascontiguousarray(img)
    if len(_BLANKS) > 8:
        _BLANKS.clear()
    _BLANKS[key] = (template, img)
    return img.copy()


# -- marks ----------------------------------------------------------------------------

def _ink(img: np.ndarray, alpha: np.ndarray, level: float) -> None:
    """Darken ``img`` towards ``level`` by ``alpha`` (0..1), in place."""
    np.copyto(img, (img * (1 - alpha) + level * alpha).astype(np.uint8))


class _Pen:
    def __init__(self, rng: np.random.Generator, pencil: bool) -> None:
        self.rng = rng
        self.pencil = pencil
        self.level = float(rng.uniform(55, 105) if pencil else rng.uniform(15, 50))
        self.strength = float(rng.uniform(0.8, 0.95) if pencil else rng.uniform(0.92, 1.0))

    def texture(self, shape: tuple[int, ...]) -> np.ndarray:
        if not self.pencil:
            return np.ones(shape, np.float32)
        import cv2

        g = self.rng.uniform(0.55, 1.0, shape).astype(np.float32)
        return cv2.GaussianBlur(g, (0, 0), 0.8)


def _patch(img: np.ndarray, cx: float, cy: float, R: int) -> tuple[slice, slice, float, float]:
    y0, x0 = max(int(cy) - R, 0), max(int(cx) - R, 0)
    y1, x1 = min(int(cy) + R + 1, img.shape[0]), min(int(cx) + R + 1, img.shape[1])
    return slice(y0, y1), slice(x0, x1), cx - x0, cy - y0


def draw_fill(img: np.ndarray, b: Bubble, s: float, pen: _Pen, *, cover: float = 1.0,
              strength: float | None = None, beyond: float = 1.0) -> None:
    """An elliptical fill covering ``cover`` of the bubble (1 = all), ``beyond`` > 1 spills out."""
    import cv2

    rng = pen.rng
    rx, ry = b.width / 2 * s, b.height / 2 * s
    R = int(max(rx, ry) * max(beyond, 1.0) * 1.6) + 3
    sy, sx, px, py = _patch(img, b.x * s, b.y * s, R)
    sub = img[sy, sx]
    mask: np.ndarray = np.zeros(sub.shape, np.float32)
    k = float(np.sqrt(cover)) * beyond
    off = (1 - min(k, 1.0)) * rx * 0.8
    jx, jy = rng.normal(0, 0.06 * rx) + rng.uniform(-off, off), rng.normal(0, 0.06 * ry) + rng.uniform(-off, off)
    cv2.ellipse(
        mask, (int(px + jx), int(py + jy)), (max(int(rx * k * rng.uniform(0.92, 1.05)), 1), max(int(ry * k * rng.uniform(0.92, 1.05)), 1)),
        float(rng.uniform(0, 180)), 0, 360, 1.0, -1, lineType=cv2.LINE_AA,
    )
    mask = cv2.GaussianBlur(mask, (0, 0), 0.6)
    alpha = mask * (strength if strength is not None else pen.strength) * pen.texture(sub.shape)
    _ink(sub, np.clip(alpha, 0, 1), pen.level)


def draw_strokes(img: np.ndarray, b: Bubble, s: float, pen: _Pen, kind: str) -> None:
    """A check mark or a cross over the bubble."""
    import cv2

    rng = pen.rng
    r = b.width / 2 * s
    R = int(r * 2.2) + 3
    sy, sx, px, py = _patch(img, b.x * s, b.y * s, R)
    sub = img[sy, sx]
    mask = np.zeros(sub.shape, np.float32)
    th = max(int(round(s * rng.uniform(0.9, 1.5))), 1)
    j: Callable[[], float] = lambda: rng.normal(0, 0.12 * r)  # noqa: E731
    if kind == "check":
        p0 = (int(px - 0.8 * r + j()), int(py + j()))
        p1 = (int(px - 0.1 * r + j()), int(py + 0.8 * r + j()))
        p2 = (int(px + 1.1 * r + j()), int(py - 1.1 * r + j()))
        cv2.line(mask, p0, p1, 1.0, th, cv2.LINE_AA)
        cv2.line(mask, p1, p2, 1.0, th, cv2.LINE_AA)
    else:
        e = 0.9 * r
        cv2.line(mask, (int(px - e + j()), int(py - e + j())), (int(px + e + j()), int(py + e + j())), 1.0, th, cv2.LINE_AA)
        cv2.line(mask, (int(px + e + j()), int(py - e + j())), (int(px - e + j()), int(py + e + j())), 1.0, th, cv2.LINE_AA)
    _ink(sub, np.clip(mask * pen.strength * pen.texture(sub.shape), 0, 1), pen.level)


def draw_stray(img: np.ndarray, b: Bubble, s: float, pen: _Pen) -> None:
    """A short stray line or dot near (not inside) a bubble."""
    import cv2

    rng = pen.rng
    r = b.width / 2 * s
    R = int(r * 3) + 3
    sy, sx, px, py = _patch(img, b.x * s, b.y * s, R)
    sub = img[sy, sx]
    mask = np.zeros(sub.shape, np.float32)
    ang = rng.uniform(0, 2 * np.pi)
    d = r * rng.uniform(1.15, 1.6)
    cx, cy = px + d * np.cos(ang), py + d * np.sin(ang)
    if rng.random() < 0.5:
        cv2.circle(mask, (int(cx), int(cy)), max(int(s * rng.uniform(0.6, 1.2)), 1), 1.0, -1, cv2.LINE_AA)
    else:
        t = ang + np.pi / 2
        L = r * rng.uniform(0.6, 1.2)
        cv2.line(mask, (int(cx - L * np.cos(t)), int(cy - L * np.sin(t))), (int(cx + L * np.cos(t)), int(cy + L * np.sin(t))),
                 1.0, max(int(s * 0.8), 1), cv2.LINE_AA)
    _ink(sub, np.clip(mask * pen.strength, 0, 1), pen.level)


def draw_stipple(img: np.ndarray, b: Bubble, s: float, rng: np.random.Generator) -> None:
    """Light pencil after photocopying: small dark dots scattered over the bubble."""
    import cv2

    rx, ry = b.width / 2 * s * 0.9, b.height / 2 * s * 0.9
    dot = max(1, int(round(0.35 * s)))
    n = max(12, int(rng.uniform(0.08, 0.16) * rx * ry * np.pi / (dot * dot)))
    for _ in range(n):
        a, rr = rng.uniform(0, 2 * np.pi), np.sqrt(rng.uniform(0, 1))
        cx, cy = b.x * s + rr * rx * np.cos(a), b.y * s + rr * ry * np.sin(a)
        cv2.circle(img, (int(cx), int(cy)), max(1, int(round(dot * rng.uniform(0.6, 1.2)))),
                   int(rng.uniform(70, 130)), -1, cv2.LINE_AA)


def draw_erasure(img: np.ndarray, b: Bubble, s: float, pen: _Pen) -> None:
    """What an erased pencil mark leaves: a faint, smudged ghost."""
    import cv2

    rng = pen.rng
    draw_fill(img, b, s, _Pen(rng, True), cover=rng.uniform(0.6, 1.0), strength=float(rng.uniform(0.08, 0.22)))
    r = b.width / 2 * s
    sy, sx, px, py = _patch(img, b.x * s, b.y * s, int(r * 1.8) + 2)
    sub = img[sy, sx]
    smudge = np.zeros(sub.shape, np.float32)
    cv2.ellipse(smudge, (int(px), int(py)), (int(r * 1.5), int(r * 0.9)), float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
    smudge = cv2.GaussianBlur(smudge, (0, 0), r * 0.4) * float(rng.uniform(0.03, 0.08))
    _ink(sub, np.clip(smudge, 0, 1), 120.0)


def random_answers(template: Template, page: int, rng: np.random.Generator,
                   kinds: dict[str, float] | None = None) -> tuple[dict[int, str], dict[int, list[str]]]:
    """(question -> mark kind, question -> intended choices) for the questions on ``page``."""
    kinds = kinds or MARK_KINDS
    names = list(kinds)
    probs = np.array([kinds[n] for n in names], float)
    probs /= probs.sum()
    kind_of: dict[int, str] = {}
    truth: dict[int, list[str]] = {}
    for f in template.questions():
        if f.page != page:
            continue
        kind = str(rng.choice(names, p=probs))
        choices = f.choices
        if kind in ("erasure", "cancel", "double") and len(choices) < 2:
            kind = "fill"
        if kind == "blank":
            truth[f.number] = []
        elif kind == "double":
            truth[f.number] = sorted(str(c) for c in rng.choice(choices, 2, replace=False))
        else:
            truth[f.number] = [str(rng.choice(choices))]
        kind_of[f.number] = kind
    return kind_of, truth


def draw_answer(img: np.ndarray, bubbles: dict[str, Bubble], s: float, pen: _Pen, rng: np.random.Generator,
                kind: str, want: list[str], choices: list[str]) -> None:
    """One question's marks of the given kind (see :data:`MARK_KINDS`); ``want`` is the
    intended answer. Shared by TeacherDesk's own sheets and the third-party-style forms."""
    others = [v for v in choices if v not in want]
    if kind in ("fill", "double", "stray", "erasure", "cancel"):
        for v in want:
            draw_fill(img, bubbles[v], s, pen, cover=float(rng.uniform(0.85, 1.0)))
    if kind == "partial":
        draw_fill(img, bubbles[want[0]], s, pen, cover=float(rng.uniform(0.55, 0.8)))
    elif kind == "light":
        draw_fill(img, bubbles[want[0]], s, _Pen(rng, True), cover=float(rng.uniform(0.8, 1.0)),
                  strength=float(rng.uniform(0.3, 0.5)))
    elif kind in ("check", "cross"):
        draw_strokes(img, bubbles[want[0]], s, pen, kind)
    elif kind == "erasure" and others:
        draw_erasure(img, bubbles[str(rng.choice(others))], s, pen)
    elif kind == "stray":
        draw_stray(img, bubbles[str(rng.choice(choices))], s, pen)
    elif kind == "stipple":
        draw_stipple(img, bubbles[want[0]], s, rng)
    elif kind == "cancel" and others:
        draw_fill(img, bubbles[str(rng.choice(others))], s, _Pen(rng, False), cover=1.0, beyond=1.8)


def fill_page(
    img: np.ndarray,
    template: Template,
    page: int,
    dpi: float,
    rng: np.random.Generator,
    kinds: dict[int, str],
    truth: dict[int, list[str]],
    *,
    student_id: str = "",
    version: str = "",
    pencil: bool | None = None,
) -> None:
    """Draw the student's marks on ``img`` (the blank page at ``dpi``) in place."""
    s = dpi / 72.0
    pen = _Pen(rng, bool(rng.random() < 0.5) if pencil is None else pencil)
    for f in template.fields():
        if f.page != page:
            continue
        by_value = {b.value: b for b in f.bubbles}
        if f.kind == "id_digit":
            if f.number <= len(student_id):
                draw_fill(img, by_value[student_id[f.number - 1]], s, pen)
            continue
        if f.kind == "version":
            if version:
                draw_fill(img, by_value[version], s, pen)
            continue
        draw_answer(img, by_value, s, pen, rng, kinds.get(f.number, "blank"), truth.get(f.number, []),
                    list(f.choices))


# -- degradations ---------------------------------------------------------------------

def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    import cv2

    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    out = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    assert out is not None
    return np.asarray(out)


def _rotate(img: np.ndarray, angle: float, rng: np.random.Generator, bg: float = 255) -> np.ndarray:
    import cv2

    h, w = img.shape
    M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    M[:, 2] = M[:, 2] + rng.uniform(-0.01, 0.01, 2) * np.array([w, h])
    return cv2.warpAffine(img, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bg)


def _noise(img: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    return np.clip(img + rng.normal(0, sigma, img.shape), 0, 255).astype(np.uint8)


def degrade(img: np.ndarray, kind: str, rng: np.random.Generator, dpi: float = 200.0,
            bw_threshold: float | None = None) -> np.ndarray:
    """The page as a scanner, copier, fax or phone would deliver it (greyscale)."""
    import cv2

    if kind in ("scan", "scan_150dpi", "rotated"):
        out = img
        if kind == "scan_150dpi" and dpi > 150:
            f = 150.0 / dpi
            out = cv2.resize(out, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        out = _rotate(out, rng.uniform(-1.5, 1.5) if kind != "rotated" else rng.uniform(-3, 3), rng)
        if kind == "rotated":
            out = np.ascontiguousarray(np.rot90(out, int(rng.integers(1, 4))))
        out = cv2.GaussianBlur(out, (0, 0), 0.5)
        out = _noise(out, 3, rng)
        return _jpeg(out, int(rng.integers(80, 95)))
    if kind == "photocopy":
        gamma = rng.uniform(0.7, 1.4)
        paper = rng.uniform(200, 235)
        out = (paper * (img / 255.0) ** gamma).astype(np.float32)
        out = cv2.GaussianBlur(out, (0, 0), 0.8)
        specks = rng.random(img.shape) < 0.0008
        out[specks] = rng.uniform(0, 80)
        out = _rotate(np.clip(out, 0, 255).astype(np.uint8), rng.uniform(-2, 2), rng, paper)
        return _jpeg(_noise(out, 5, rng), int(rng.integers(75, 90)))
    if kind == "bw":
        out = _rotate(img, rng.uniform(-1.5, 1.5), rng)
        out = _noise(cv2.GaussianBlur(out, (0, 0), 0.6), 6, rng)
        thr = bw_threshold if bw_threshold is not None else float(rng.uniform(150, 185))
        _, out = cv2.threshold(out, thr, 255, cv2.THRESH_BINARY)
        return out
    if kind in ("photo", "photo_shadow"):
        return _photo(img, rng, shadow=kind == "photo_shadow")
    raise ValueError(f"unknown degradation {kind!r}")


def _photo(img: np.ndarray, rng: np.random.Generator, *, shadow: bool) -> np.ndarray:
    import cv2

    h, w = img.shape
    # The sheet on a desk, seen from above at an angle, at a phone-like resolution.
    out_h = int(h * rng.uniform(0.9, 1.15))
    out_w = int(out_h * rng.uniform(0.72, 0.8))
    margin = 0.06
    dst = np.array([[margin, margin], [1 - margin, margin], [1 - margin, 1 - margin], [margin, 1 - margin]], np.float32)
    dst += rng.uniform(-0.045, 0.045, dst.shape).astype(np.float32)
    dst *= np.array([out_w, out_h], np.float32)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    angle = rng.choice([0, 0, 0, 90, 180, 270]) + rng.uniform(-12, 12)
    c = dst.mean(axis=0)
    t = np.deg2rad(angle)
    Rm = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]], np.float32)
    dst = (dst - c) @ Rm.T * 0.9 + c
    if angle % 180 > 45 and angle % 180 < 135:
        out_w, out_h = out_h, out_w
        dst += (np.array([out_w, out_h], np.float32) - np.array([out_h, out_w], np.float32)) / 2
    M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    desk = float(rng.uniform(40, 120))
    out = cv2.warpPerspective(img, M, (out_w, out_h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT,
                              borderValue=desk).astype(np.float32)
    # Light: a gradient across the page, vignetting, maybe a soft shadow.
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    gx, gy = rng.uniform(-1, 1, 2)
    light = 1.0 - rng.uniform(0.1, 0.35) * ((gx * (xx / out_w - 0.5) + gy * (yy / out_h - 0.5)) + 0.5)
    r2 = ((xx / out_w - 0.5) ** 2 + (yy / out_h - 0.5) ** 2)
    light *= 1.0 - rng.uniform(0.1, 0.3) * r2
    if shadow:
        mask: np.ndarray = np.zeros((out_h, out_w), np.float32)
        pts = (rng.uniform(0, 1, (4, 2)) * [out_w, out_h]).astype(np.int32)
        pts[0] = [int(rng.uniform(-0.2, 0.3) * out_w), -10]
        cv2.fillConvexPoly(mask, cv2.convexHull(pts), 1.0)
        # Blur a small copy: a wide Gaussian on the full image is slow.
        sm = cv2.resize(mask, (out_w // 8, out_h // 8), interpolation=cv2.INTER_AREA)
        sm = cv2.GaussianBlur(sm, (0, 0), max(out_w * rng.uniform(0.01, 0.04) / 8, 0.5))
        mask = cv2.resize(sm, (out_w, out_h), interpolation=cv2.INTER_LINEAR)
        light *= 1.0 - mask * rng.uniform(0.3, 0.55)
    out = out * light * rng.uniform(0.75, 1.0)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.3))
    out = _noise(out, rng.uniform(3, 7), rng)
    return _jpeg(out, int(rng.integers(60, 88)))


def make_page(
    template: Template,
    rng: np.random.Generator,
    degradation: str = "scan",
    *,
    page: int = 1,
    dpi: float = 200.0,
    kinds: dict[str, float] | None = None,
    student_id: str | None = None,
    version: str | None = None,
) -> SyntheticPage:
    """A filled, degraded page of ``template`` with its truth."""
    img = blank_page(template, page, dpi)
    kind_of, truth = random_answers(template, page, rng, kinds)
    digits = template.id_digits()
    if student_id is None:
        student_id = "".join(str(int(d)) for d in rng.integers(0, 10, digits)) if digits else ""
    labels = template.version_labels()
    if version is None:
        version = str(rng.choice(labels)) if labels else ""
    fill_page(img, template, page, dpi, rng, kind_of, truth,
              student_id=student_id if page == 1 else "", version=version if page == 1 else "")
    thr = float(rng.uniform(150, 185))
    if degradation == "bw":
        _mark_lost(img, template, page, dpi, kind_of, truth, thr)
    out = degrade(img, degradation, rng, dpi, bw_threshold=thr) if degradation != "none" else img
    return SyntheticPage(out, degradation, page, truth, kind_of, student_id, version, dpi)


def _mark_lost(img: np.ndarray, template: Template, page: int, dpi: float, kind_of: dict[int, str],
               truth: dict[int, list[str]], threshold: float) -> None:
    """Relabel light marks that black-and-white thresholding wipes out as kind 'lost'."""
    s = dpi / 72.0
    for f in template.questions():
        if f.page != page or kind_of.get(f.number) != "light":
            continue
        b = next(b for b in f.bubbles if b.value == truth[f.number][0])
        r = int(b.width / 2 * s * 0.6)
        cx, cy = int(b.x * s), int(b.y * s)
        disc = img[cy - r : cy + r + 1, cx - r : cx + r + 1]
        if float((disc < threshold).mean()) < 0.15:
            kind_of[f.number] = "lost"


@dataclass
class Tally:
    """How a reading compares with the truth, per answer."""

    answers: int = 0
    correct: int = 0  # read right, no review
    review: int = 0  # sent to a teacher
    silent: int = 0  # read WRONG and not sent to review
    rejected: int = 0  # answers on pages the reader refused (not_a_sheet / error)
    clear: int = 0  # answers with an unambiguous mark (fill, partial, blank, double)
    clear_correct: int = 0
    clear_review: int = 0
    pages: int = 0
    pages_rejected: int = 0
    id_silent: int = 0  # student ID or version read wrong without review
    invisible: int = 0  # marks the degradation erased completely, read as blank
    examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for k, v in vars(other).items():
            if k == "examples":
                self.examples.extend(v[: max(0, 20 - len(self.examples))])
            else:
                setattr(self, k, getattr(self, k) + v)


def compare(sp: SyntheticPage, r: object) -> Tally:
    """Score a reader's PageResult against the page's truth."""
    from app.grading.results import NOT_A_SHEET, REVIEW, PageResult

    assert isinstance(r, PageResult)
    t = Tally(pages=1)
    n = len(sp.truth)
    t.answers = n
    t.clear = sum(1 for q in sp.truth if not sp.review_ok(q))
    if r.status in (NOT_A_SHEET, "error") or not r.answers:
        t.rejected, t.pages_rejected = n, 1
        t.examples.append(f"{sp.degradation}: page rejected: {r.reason}")
        return t
    by_q = {a.number: a for a in r.answers}
    for q, want in sp.truth.items():
        a = by_q.get(q)
        clear = not sp.review_ok(q)
        if a is None or a.status == REVIEW:
            t.review += 1
            t.clear_review += clear
            if clear and len(t.examples) < 20:
                t.examples.append(f"{sp.degradation}: q{q} {sp.kinds[q]} {want} -> review ({a.reason if a else 'missing'}) {a.fills if a else ''}")
        elif sorted(a.marked) == sorted(want):
            t.correct += 1
            t.clear_correct += clear
        elif sp.kinds[q] == "lost" and not a.marked:
            t.invisible += 1
        else:
            t.silent += 1
            t.examples.append(f"{sp.degradation}: q{q} SILENT {sp.kinds[q]} {want} read {a.marked} {a.status} conf={a.confidence:.2f} {a.fills}")
    if sp.student_id and r.status != REVIEW and r.student_id not in (sp.student_id, None):
        t.id_silent += 1
        t.examples.append(f"{sp.degradation}: ID {sp.student_id} read {r.student_id}")
    if sp.version and r.status != REVIEW and r.version not in (sp.version, None):
        t.id_silent += 1
        t.examples.append(f"{sp.degradation}: version {sp.version} read {r.version}")
    return t
