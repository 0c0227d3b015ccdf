"""The template builder: from a blank form (PDF, scan or photo) to a working template.

:func:`build_from_blank` does what a teacher would do by hand, and says what it did:

1. **Page**: a PDF page is rendered at a known resolution; a scan is taken as the whole
   page (Letter or A4, by its shape); a photo on a darker desk is first straightened
   to the page outline.
2. **Bubbles**: every printed outline that looks like a bubble (an ellipse of the most
   common bubble size) is found.
3. **Grids**: neighbouring bubbles are joined into rectangular grids, and each grid is
   classified: a single row of 2-6 bubbles standing alone is a *version* field; a grid of
   10 rows under a row of write-in boxes is an *ID* grid (digits down, positions across),
   26 rows a *letter* grid (names); any other grid is a block of *questions* (one row
   per question, choices across), with the small gap printed every few rows measured.
4. **Numbering**: question blocks are numbered column by column, left to right, as forms
   print them; :func:`renumber` changes a block's first number.
5. **Registration**: solid marks of any shape in the four corners (``corners``), else a
   timing track of dashes along an edge (``timing``), else the blank itself becomes the
   reference for feature alignment (``feature``). Page edges are never chosen silently.

The result carries notes for the teacher, and :func:`try_on_scan` reads a filled scan
with the new template and reports each block's verification.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.grading.template import A4, LETTER, Block, Marker, Policy, Registration, Template

BLANK_DPI = 150.0  # the blank is analysed (and saved as a feature reference) at this resolution


class BuildError(UserFacingError):
    """The blank form cannot be turned into a template; the message says why and what to do."""


@dataclass
class Built:
    template: Template
    image: np.ndarray  # the blank as analysed (page at BLANK_DPI, upright)
    dpi: float
    notes: list[str] = field(default_factory=list)
    bubbles: int = 0
    pages: list[np.ndarray] = field(default_factory=list)  # every page as analysed (image is the first)

    def summary(self) -> str:
        t = self.template
        lines = [f"{self.bubbles} bubbles in {len(t.blocks)} blocks; registration: {t.registration.method}"]
        for b in t.blocks:
            lines.append("  " + describe_block(b))
        return "\n".join(lines + [f"note: {n}" for n in self.notes])


def describe_block(b: Block) -> str:
    text = _describe(b)
    return f"page {b.page}: {text}" if b.page > 1 else text


def _describe(b: Block) -> str:
    if b.kind == "questions":
        return (f"questions {b.first}-{b.first + b.count - 1}: {len(b.choices)} choices "
                f"({''.join(b.choices)}) at ({b.x:.0f}, {b.y:.0f}) pt")
    if b.kind == "version":
        return f"version ({''.join(b.choices)}){' optional' if b.optional else ''} at ({b.x:.0f}, {b.y:.0f}) pt"
    what = "letter grid" if b.kind == "letters" else "ID grid"
    return f"{what} '{b.field_label()}': {b.count} positions at ({b.x:.0f}, {b.y:.0f}) pt"


# -- the page -----------------------------------------------------------------------------

def load_blank(path: Path | str) -> tuple[np.ndarray, tuple[float, float]]:
    """The blank form's first page, upright, at :data:`BLANK_DPI`, and its size in points."""
    pages, size = load_blank_pages(path, limit=1)
    return pages[0], size


MAX_FORM_PAGES = 8  # pages of one form (a longer PDF is a batch of forms, not one form)


def load_blank_pages(path: Path | str, limit: int = MAX_FORM_PAGES) -> tuple[list[np.ndarray], tuple[float, float]]:
    """Every page of the blank form (a PDF or multi-page TIFF: one page per form page),
    upright, at :data:`BLANK_DPI`, and the page size in points (that of the first page)."""
    import cv2

    from app.grading.images import _read_bytes, _sniff, load_page, page_refs

    path = Path(path)
    refs = page_refs(path)
    if len(refs) > limit and limit > 1:
        raise BuildError(_("{count} pages: a form has at most {limit}; give the blank form alone, "
                           "not a batch of filled ones").format(count=len(refs), limit=limit))
    pdf = _sniff(_read_bytes(path)) == "pdf"
    size = _pdf_size(path) if pdf else None
    out = []
    for ref in refs[:limit]:
        img = load_page(path, ref.index)
        if not pdf:
            img = _straighten_photo(img)
        size = size or _paper_for(img.shape)
        s = BLANK_DPI / 72.0
        out.append(cv2.resize(img, (int(round(size[0] * s)), int(round(size[1] * s))), interpolation=cv2.INTER_AREA))
    assert size is not None
    return out, size


def _pdf_size(path: Path) -> tuple[float, float]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        w_pt, h_pt = doc[0].get_size()
    finally:
        doc.close()
    return float(w_pt), float(h_pt)


def _paper_for(shape: tuple[int, ...]) -> tuple[float, float]:
    h, w = shape[:2]
    return min((LETTER, A4), key=lambda p: abs(p[1] / p[0] - h / w))


def _straighten_photo(img: np.ndarray) -> np.ndarray:
    """A photo of the page on a darker desk: the page, warped flat. Scans pass unchanged."""
    import cv2

    from app.grading.register import _edges

    probe = Template(name="", exam_id="", page_width=612, page_height=792,
                     registration=Registration(method="edges"))
    r = _edges(img, probe)
    if not r.ok or r.homography is None:
        return img
    size = _paper_for((792, 612))
    s = 2.0
    H = r.homography @ np.diag([1 / s, 1 / s, 1.0])
    return cv2.warpPerspective(img, H, (int(size[0] * s), int(size[1] * s)),
                               flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE)


# -- bubbles --------------------------------------------------------------------------------

def find_bubbles(grey: np.ndarray, dpi: float) -> list[tuple[float, float, float, float]]:
    """(cx, cy, w, h) in pixels of every printed bubble outline of the common size.

    Bubbles are found by their *holes*: the paper inside a thin printed ring. Rings of a
    dense grid may touch each other (one connected outline), but each keeps its own hole;
    a letter printed inside a bubble sits in the hole and does not split it.
    """
    import cv2

    s = dpi / 72.0
    bw = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)
    contours, hier = cv2.findContours(bw, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    found: list[tuple[float, float, float, float]] = []
    if hier is None:
        return []
    H, W = bw.shape
    for c, hrow in zip(contours, hier[0], strict=True):
        if hrow[3] == -1:  # an outer outline; bubbles are found by their holes
            continue
        x, y, cw, ch = cv2.boundingRect(c)
        if not (3.5 * s <= cw <= 24 * s and 3 * s <= ch <= 24 * s and 0.5 <= cw / ch <= 2.0):
            continue
        area = cv2.contourArea(c)
        ellipse = np.pi * cw * ch / 4
        if ellipse <= 0 or not 0.85 <= area / ellipse <= 1.08:  # an ellipse, not a box
            continue
        # The ring around the hole must be thin (a bold letter O has a thick stroke).
        cy = y + ch // 2
        t_left = _run(bw[cy, max(0, x - int(4 * s)) : x][::-1])
        t_right = _run(bw[cy, x + cw : min(W, x + cw + int(4 * s))])
        thick = (t_left + t_right) / 2
        if thick < 1 or thick > max(2.0, 0.2 * cw):
            continue
        found.append((x + cw / 2, y + ch / 2, cw + 2 * thick, ch + 2 * thick))
    return _by_ring_match(grey, found, s)


def _by_ring_match(grey: np.ndarray, seeds: list[tuple[float, float, float, float]], s: float
                   ) -> list[tuple[float, float, float, float]]:
    """Every bubble of the sizes the clean seeds show, found by correlating a printed ring.

    The seeds (bubbles whose hole is clean) give the sizes printed on this form; a ring of
    each size is then matched over the whole page, which also finds bubbles whose label
    touches the outline or whose ring touches its neighbour's.
    """
    import cv2

    sizes: dict[tuple[int, int], int] = {}
    for _x, _y, w, h in seeds:
        key = (int(round(w / s)), int(round(h / s)))
        sizes[key] = sizes.get(key, 0) + 1
    common = sorted((k for k, n in sizes.items() if n >= 6), key=lambda k: -sizes[k])
    chosen = common[:6]
    ink = 255.0 - grey.astype(np.float32)
    peaks: list[tuple[float, float, float, float, float]] = []
    for kw, kh in chosen:
        near = [sd for sd in seeds if abs(sd[2] / s - kw) <= 0.5 and abs(sd[3] / s - kh) <= 0.5]
        w = float(np.median([sd[2] for sd in near]))
        h = float(np.median([sd[3] for sd in near]))
        pad = 1  # tight: neighbours and write-in boxes close by must not matter
        kern = np.zeros((int(h) + 2 * pad, int(w) + 2 * pad), np.float32)
        cx, cy = kern.shape[1] / 2, kern.shape[0] / 2
        th = max(1, int(round(0.8 * s)))
        cv2.ellipse(kern, (int(cx * 4), int(cy * 4)), (int((w / 2 - th / 2) * 4), int((h / 2 - th / 2) * 4)),
                    0, 0, 360, 1.0, th, cv2.LINE_AA, shift=2)
        res = cv2.matchTemplate(ink, kern, cv2.TM_CCOEFF_NORMED)
        win = max(3, int(0.6 * min(w, h)) | 1)
        local = cv2.dilate(res, np.ones((win, win), np.uint8))
        ys, xs = np.nonzero((res >= local - 1e-6) & (res >= 0.5))
        for y, x in zip(ys, xs, strict=True):
            if _thin_ring(ink, x + cx, y + cy, w, h):
                peaks.append((x + cx, y + cy, w, h, float(res[y, x])))
    return _strongest_apart(peaks, 10 * s)


def _strongest_apart(peaks: list[tuple[float, float, float, float, float]], cell: float
                     ) -> list[tuple[float, float, float, float]]:
    """(x, y, w, h) of the peaks, strongest first, each kept only when no stronger one
    already sits on it (within 70% of their sizes); ``cell``: the lookup grid's pitch."""
    out: list[tuple[float, float, float, float]] = []
    grid: dict[tuple[int, int], list[int]] = {}
    for p in sorted(peaks, key=lambda p: -p[4]):
        gx, gy = int(p[0] // cell), int(p[1] // cell)
        near = (out[i] for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in grid.get((gx + dx, gy + dy), []))
        if any(abs(o[0] - p[0]) < 0.7 * max(o[2], p[2]) and abs(o[1] - p[1]) < 0.7 * max(o[3], p[3]) for o in near):
            continue
        grid.setdefault((gx, gy), []).append(len(out))
        out.append(p[:4])
    return out


# -- grids -------------------------------------------------------------------------------

@dataclass
class _Grid:
    xs: np.ndarray  # column centres (pixels)
    ys: np.ndarray  # row centres
    members: list[tuple[float, float, float, float]]

    @property
    def rows(self) -> int:
        return len(self.ys)

    @property
    def cols(self) -> int:
        return len(self.xs)


def _components(bubbles: list[tuple[float, float, float, float]]) -> list[list[int]]:
    n = len(bubbles)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    P = np.array([(b[0], b[1]) for b in bubbles])
    W = np.array([b[2] for b in bubbles])
    Hh = np.array([b[3] for b in bubbles])
    for i in range(n):
        dx = np.abs(P[:, 0] - P[i, 0])
        dy = np.abs(P[:, 1] - P[i, 1])
        same_row = (dy < 0.35 * Hh[i]) & (dx < 2.1 * W[i]) & (dx > 0)
        same_col = (dx < 0.35 * W[i]) & (dy < 2.9 * Hh[i]) & (dy > 0)
        for j in np.flatnonzero(same_row | same_col):
            a, b = find(i), find(int(j))
            if a != b:
                parent[a] = b
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _cluster_1d(values: np.ndarray, tol: float) -> np.ndarray:
    v = np.sort(values)
    groups = [[v[0]]]
    for x in v[1:]:
        if x - groups[-1][-1] > tol:
            groups.append([x])
        else:
            groups[-1].append(x)
    return np.array([float(np.mean(g)) for g in groups])


def _thin_ring(ink: np.ndarray, x: float, y: float, w: float, h: float) -> bool:
    """A printed bubble's ring is thin: just inside it (78% of the radius) is paper, where
    a bold letter O of a heading is still ink."""
    a = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    H, W = ink.shape

    def mean_at(k: float) -> float:
        xs = np.clip((x + k * (w / 2) * np.cos(a)).astype(int), 0, W - 1)
        ys = np.clip((y + k * (h / 2) * np.sin(a)).astype(int), 0, H - 1)
        return float(ink[ys, xs].mean())

    ring = max(mean_at(0.85), mean_at(0.9), mean_at(0.95))
    return mean_at(0.7) < 0.5 * ring


def _run(line: np.ndarray) -> int:
    """Length of the run of ink at the start of ``line``."""
    ink = line > 0
    if not len(ink) or not ink[0]:
        return 0
    off = np.flatnonzero(~ink)
    return int(off[0]) if len(off) else len(ink)


def _grids(bubbles: list[tuple[float, float, float, float]]) -> list[_Grid]:
    out = []
    for comp in _components(bubbles):
        if len(comp) < 2:
            continue
        m = [bubbles[i] for i in comp]
        bw = float(np.median([b[2] for b in m]))
        bh = float(np.median([b[3] for b in m]))
        xs = _cluster_1d(np.array([b[0] for b in m]), 0.4 * bw)
        ys = _cluster_1d(np.array([b[1] for b in m]), 0.4 * bh)
        if len(m) < 0.7 * len(xs) * len(ys):
            continue  # not a full rectangle of bubbles (scattered circles, a logo)
        # Split side-by-side grids that touch (question columns printed close together).
        for part in _split_columns(xs):
            sub = [b for b in m if part[0] - 0.5 * bw <= b[0] <= part[-1] + 0.5 * bw]
            out.append(_Grid(part, ys, sub))
    return out


def _split_columns(xs: np.ndarray) -> list[np.ndarray]:
    if len(xs) < 3:
        return [xs]
    gaps = np.diff(xs)
    med = float(np.median(gaps))
    cuts = np.flatnonzero(gaps > 1.6 * med)
    return [p for p in np.split(xs, cuts + 1) if len(p)]


def _line(values: np.ndarray) -> tuple[float, float]:
    if len(values) < 2:
        return float(values[0]), 0.0
    step, first = np.polyfit(np.arange(len(values)), values, 1)
    return float(first), float(step)


def _rows_with_groups(ys: np.ndarray) -> tuple[float, float, int, float]:
    """(first, step, group, gap) of row centres printed in groups with an extra gap."""
    n = len(ys)
    if n < 3:
        f, st = _line(ys)
        return f, st, 0, 0.0
    d = np.diff(ys)
    base = float(np.median(d))
    big = np.flatnonzero(d > 1.2 * base)
    if len(big):
        g = int(big[0]) + 1
        if all((i + 1) % g == 0 for i in big) and len(big) == (n - 1) // g:
            i = np.arange(n)
            A = np.stack([np.ones(n), i, i // g], axis=1)
            sol = np.linalg.lstsq(A, ys, rcond=None)[0]
            return float(sol[0]), float(sol[1]), g, float(sol[2])
    f, st = _line(ys)
    return f, st, 0, 0.0


def _has_write_in_boxes(grey: np.ndarray, g: _Grid, bh: float) -> bool:
    """Empty boxes printed just above the grid's columns (for writing the ID or name)."""
    import cv2

    x0 = int(g.xs[0] - bh)
    x1 = int(g.xs[-1] + bh)
    y1 = int(g.ys[0] - 0.6 * bh)
    y0 = max(0, int(g.ys[0] - 3.2 * bh))
    crop = grey[y0:y1, max(0, x0) : x1]
    if crop.size == 0:
        return False
    bw = cv2.adaptiveThreshold(crop, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    # Vertical box edges: columns of ink spanning most of the band's boxes.
    vertical = cv2.morphologyEx(bw, cv2.MORPH_OPEN, np.ones((max(3, int(0.9 * bh)), 1), np.uint8))
    cols = np.flatnonzero(vertical.max(axis=0) > 0)
    if not len(cols):
        return False
    runs = 1 + int(np.sum(np.diff(cols) > 2))
    return runs >= 0.8 * g.cols


def _blocks(grey: np.ndarray, dpi: float) -> tuple[list[Block], int, list[str]]:
    s = dpi / 72.0
    bubbles = find_bubbles(grey, dpi)
    notes: list[str] = []
    grids = _grids(bubbles)
    blocks: list[tuple[float, float, Block]] = []
    ids = letters = 0
    common_h = float(np.median([b[3] for b in bubbles])) / s if bubbles else 0.0
    for g in grids:
        bw = float(np.median([b[2] for b in g.members])) / s
        bh = float(np.median([b[3] for b in g.members])) / s
        x0, xstep = _line(g.xs / s)
        y0, ystep, group, gap = _rows_with_groups(g.ys / s)
        boxed = g.rows in (10, 26) and g.cols >= 2 and _has_write_in_boxes(grey, g, bh * s)
        if g.rows == 1 and 2 <= g.cols <= 6 and bh >= 0.8 * common_h:
            blk = Block("version", x0, y0, 1, list("ABCDEF"[: g.cols]), (0.0, 0.0), (xstep, 0.0), (bw, bh),
                        optional=True)
        elif boxed and g.rows == 10:
            ids += 1
            blk = Block("id", x0, y0, g.cols, [str(d) for d in range(10)], (xstep, 0.0), (0.0, ystep), (bw, bh),
                        group=0, group_gap=0.0)
        elif boxed and g.rows == 26:
            letters += 1
            blk = Block("letters", x0, y0, g.cols, [chr(c) for c in range(65, 91)], (xstep, 0.0), (0.0, ystep),
                        (bw, bh))
        elif g.cols >= 2 and g.rows >= 2 and g.cols <= 10:
            blk = Block("questions", x0, y0, g.rows, list("ABCDEFGHIJ"[: g.cols]), (0.0, ystep), (xstep, 0.0),
                        (bw, bh), group=group, group_gap=gap)
        else:
            notes.append(_("a grid of {rows}x{cols} bubbles at ({x}, {y}) pt was left out "
                           "(not a question block, ID or name grid)").format(
                rows=g.rows, cols=g.cols, x=f"{x0:.0f}", y=f"{y0:.0f}"))
            continue
        blocks.append((x0, y0, blk))
    _name_grids([b for _y, _x, b in blocks])
    versions = [b for _y, _x, b in blocks if b.kind == "version"]
    for extra in versions[1:]:
        blocks = [t for t in blocks if t[2] is not extra]
        notes.append(_("a second single row of bubbles at ({x}, {y}) pt was left out").format(
            x=f"{extra.x:.0f}", y=f"{extra.y:.0f}"))
    ordered = [b for _y, _x, b in sorted(blocks, key=lambda t: _reading_order(t[2], [u[2] for u in blocks]))]
    _number(ordered)
    return ordered, len(bubbles), notes


def _name_grids(blocks: list[Block]) -> None:
    """Name the grids: the longest ID grid (on the first page) is the student ID, others
    id_2, id_3, ...; letter grids are names (the teacher renames them: label_grid)."""
    id_blocks = sorted([b for b in blocks if b.kind == "id"], key=lambda b: (b.page, -b.count, b.x))
    for k, b in enumerate(id_blocks):
        b.label = "student_id" if k == 0 else f"id_{k + 1}"
    for k, b in enumerate(sorted([b for b in blocks if b.kind == "letters"], key=lambda b: (b.page, b.y, b.x))):
        b.label = "name" if k == 0 else f"name_{k + 1}"


def _reading_order(b: Block, all_blocks: list[Block]) -> tuple[int, float, float]:
    """Questions column by column (left to right, top to bottom within a column)."""
    kind = {"id": 0, "letters": 0, "version": 1, "questions": 2}[b.kind]
    return kind, round(b.x / 40), b.y


def _number(blocks: list[Block]) -> None:
    n = 1
    for b in blocks:
        if b.kind == "questions":
            b.first = n
            n += b.count


def renumber(t: Template, block: int, first: int) -> None:
    """Give question block ``block`` (0-based index) the first number ``first``."""
    from app.grading.template import TemplateError

    qs = [b for b in t.blocks if b.kind == "questions"]
    if not 0 <= block < len(t.blocks) or t.blocks[block].kind != "questions":
        raise TemplateError(_("block {block} is not a question block ({count} question blocks)").format(block=block + 1, count=len(qs)))
    if first < 1:
        raise TemplateError(_("question numbers start at 1"))
    t.blocks[block].first = first
    from app.grading.template import _check_fields

    _check_fields(t)


GRID_NAMES = ("student_id", "course_id", "last_name", "first_name", "middle_initial", "birth_date",
              "teacher_id", "school_id", "form_id")  # offered by the app; any other name also works


def grid_label(text: str) -> str:
    """A grid name as the template stores it: "Course ID" -> "course_id"."""
    import re

    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def label_grid(t: Template, block: int, label: str) -> None:
    """Name ID or letter grid ``block`` (0-based index in t.blocks), e.g. ``course_id`` or
    ``last_name``. Naming an ID grid ``student_id`` makes it the one that identifies the
    student; the grid that had that name gets this grid's old name."""
    from app.grading.template import STUDENT_ID, TemplateError, _check_fields

    if not 0 <= block < len(t.blocks) or t.blocks[block].kind not in ("id", "letters"):
        grids = [str(i + 1) for i, b in enumerate(t.blocks) if b.kind in ("id", "letters")]
        raise TemplateError(_("block {block} is not an ID or letter grid (grids: {grids})").format(
            block=block + 1, grids=", ".join(grids) or _("none")))
    name = grid_label(label)
    if not name or name[0].isdigit():
        raise TemplateError(_("{label!r} is not a grid name: use letters, digits and _, e.g. course_id or last_name").format(
            label=label))
    b = t.blocks[block]
    if name == STUDENT_ID and b.kind != "id":
        raise TemplateError(_("only an ID grid (digits) can be the student ID"))
    old = b.field_label()
    for other in t.blocks:
        if other is not b and other.kind in ("id", "letters") and other.field_label() == name:
            if other.kind != b.kind:
                what = _("the letter grid") if other.kind == "letters" else _("the ID grid")
                raise TemplateError(_("{name!r} already names {what} at ({x:.0f}, {y:.0f}) pt; rename that one first").format(
                    name=name, what=what, x=other.x, y=other.y))
            other.label = old  # the two grids swap names
    b.label = name
    _check_fields(t)


# -- registration ------------------------------------------------------------------------------

def _registration(grey: np.ndarray, dpi: float, blocks: list[Block], size: tuple[float, float]) -> tuple[Registration, str]:
    from app.grading.register import find_blobs

    s = dpi / 72.0
    blobs, _f = find_blobs(grey, long_side=max(grey.shape))
    bub = max((max(b.bubble) for b in blocks), default=10.0)
    W, H = size
    inside = []
    for b in blocks:
        from app.grading.verify import _block_bubbles

        pts, _ = _block_bubbles(b)
        inside.append((pts[..., 0].min() - bub, pts[..., 1].min() - bub, pts[..., 0].max() + bub, pts[..., 1].max() + bub))

    def in_blocks(x: float, y: float) -> bool:
        return any(a <= x <= c and b_ <= y <= d for a, b_, c, d in inside)

    # Corner marks: solid, larger than a bubble, not inside a block, one near each corner.
    marks = [b for b in blobs if b.fill >= 0.3 and 1.3 * bub * s <= max(b.w, b.h) <= 60 * s
             and 0.5 <= b.w / b.h <= 2.0 and not in_blocks(b.x / s, b.y / s)]
    corners = [(0.0, 0.0), (W, 0.0), (W, H), (0.0, H)]
    picks = []
    for cx, cy in corners:
        near = [m for m in marks if abs(m.x / s - cx) < 0.22 * W and abs(m.y / s - cy) < 0.18 * H]
        if not near:
            break
        picks.append(min(near, key=lambda m: (m.x / s - cx) ** 2 + (m.y / s - cy) ** 2))
    if len(picks) == 4 and len({id(p) for p in picks}) == 4:
        sizes = [max(p.w, p.h) for p in picks]
        fills = [p.fill for p in picks]
        if max(sizes) <= 1.3 * min(sizes) and max(fills) - min(fills) <= 0.15:
            shape = _shape_name(float(np.mean(fills)), float(np.mean([_solidity(grey, p) for p in picks])))
            reg = Registration(method="corners", markers=[
                Marker(k, p.x / s, p.y / s, max(p.w, p.h) / s, 1, shape, round(float(np.mean(fills)), 3))
                for k, p in enumerate(picks)
            ])
            return reg, f"corner marks found: four {shape} marks, {np.mean(sizes) / s:.0f} pt"
    # Timing track: many equal solid dashes in a line along an edge.
    dashes = [b for b in blobs if b.fill >= 0.8 and (b.w >= 1.8 * b.h or b.h >= 1.8 * b.w)
              and 2 * s <= min(b.w, b.h) and max(b.w, b.h) <= 30 * s and not in_blocks(b.x / s, b.y / s)]
    track = _track(dashes, s)
    if track:
        w_ = float(np.median([d.w for d in track])) / s
        h_ = float(np.median([d.h for d in track])) / s
        reg = Registration(method="timing", markers=[
            Marker(k, d.x / s, d.y / s, max(w_, h_), 1, "square", 1.0, round(w_, 2), round(h_, 2))
            for k, d in enumerate(track)
        ])
        return reg, f"timing track found: {len(track)} dashes along the edge"
    return Registration(method="feature"), (
        "no corner marks or timing track found: the page will be aligned by its printed features "
        "(feature alignment to this blank), then checked against the bubble outlines"
    )


def _shape_name(fill: float, solidity: float) -> str:
    if fill >= 0.88:
        return "square"
    if solidity < 0.85:
        return "L"
    if fill >= 0.68:
        return "circle"
    if fill >= 0.4:
        return "triangle"
    return "other"


def _solidity(grey: np.ndarray, b) -> float:  # type: ignore[no-untyped-def]
    """The mark's area over its convex hull's (an L-mark is far from convex)."""
    import cv2

    x0, y0 = max(0, int(b.x - b.w)), max(0, int(b.y - b.h))
    crop = grey[y0 : int(b.y + b.h), x0 : int(b.x + b.w)]
    _, bw = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return 1.0
    c = max(contours, key=cv2.contourArea)
    hull = cv2.contourArea(cv2.convexHull(c))
    return float(cv2.contourArea(c) / hull) if hull > 0 else 1.0


def _track(dashes: list, s: float) -> list:  # type: ignore[type-arg]
    """The longest line of equal dashes (vertical or horizontal) with even spacing."""
    best: list = []  # type: ignore[type-arg]
    for axis in (0, 1):  # 0: a vertical track (dashes share x)
        key: Callable[[Any], float] = (lambda d: d.x) if axis == 0 else (lambda d: d.y)
        along: Callable[[Any], float] = (lambda d: d.y) if axis == 0 else (lambda d: d.x)
        for d0 in dashes:
            line = [d for d in dashes if abs(key(d) - key(d0)) < 3 * s and abs(d.w - d0.w) < 0.3 * d0.w
                    and abs(d.h - d0.h) < 0.3 * d0.h]
            if len(line) < 8 or len(line) <= len(best):
                continue
            line.sort(key=along)
            gaps = np.diff([along(d) for d in line])
            if float(np.std(gaps)) <= 0.25 * float(np.median(gaps)):
                best = line
    return best


# -- the whole build ---------------------------------------------------------------------

def build_from_image(grey: np.ndarray, size: tuple[float, float], *, name: str, dpi: float = BLANK_DPI,
                     registration: str = "auto") -> Built:
    """A template for the blank form ``grey`` (upright page at ``dpi``) of ``size`` points."""
    return build_from_pages([grey], size, name=name, dpi=dpi, registration=registration)


def build_from_pages(pages: list[np.ndarray], size: tuple[float, float], *, name: str, dpi: float = BLANK_DPI,
                     registration: str = "auto") -> Built:
    """A template with one page per page of the blank form (upright images at ``dpi``):
    blocks found page by page and numbered on across pages, one registration method for
    every page (marks found on each page, else feature alignment to each page)."""
    blocks: list[Block] = []
    notes: list[str] = []
    n_bubbles = 0
    for p, grey in enumerate(pages, start=1):
        found, n, page_notes = _blocks(grey, dpi)
        for b in found:
            b.page = p
        blocks += found
        n_bubbles += n
        notes += [f"page {p}: {t}" for t in page_notes] if len(pages) > 1 else page_notes
    if not any(b.kind == "questions" for b in blocks):
        raise BuildError(
            _("no question bubbles found on the blank form ({n_bubbles} bubble outlines): use a clean scan of the blank form at 150-300 dpi, or draw the blocks by hand in the app's template builder").format(n_bubbles=n_bubbles),
        )
    _name_grids(blocks)
    _number(blocks)
    reg, why = registration_for_pages(pages, dpi, blocks, size, registration)
    notes.insert(0, why)
    t = Template(name=name, exam_id="", page_width=size[0], page_height=size[1], pages=len(pages), registration=reg,
                 blocks=blocks, qr=[], policy=Policy(cancel_full_box=False), title=name)
    return Built(t, pages[0], dpi, notes, n_bubbles, list(pages))


def registration_for_pages(pages: list[np.ndarray], dpi: float, blocks: list[Block], size: tuple[float, float],
                           want: str = "auto") -> tuple[Registration, str]:
    """One registration for every page: the marks each page shows (all pages must agree),
    else feature alignment with each page's blank as its reference. ``want``: the
    teacher's choice (auto, corners, timing, feature, edges)."""
    if want == "edges":
        return (Registration(method="edges"),
                "page edges, as asked: scans and photos must show a darker background around the page")
    found = [_registration(g, dpi, [b for b in blocks if b.page == p], size)
             for p, g in enumerate(pages, start=1)]
    methods = {r.method for r, _ in found}
    if len(methods) == 1 and want in ("auto", found[0][0].method):
        reg, why = found[0]
        for p, (r, _w) in enumerate(found[1:], start=2):
            reg.markers += [replace(m, page=p) for m in r.markers]
        if reg.method == "feature":
            reg.reference_image, reg.reference_dpi = pages[0], dpi
            reg.page_reference_images = list(pages[1:])
        return reg, why if len(pages) == 1 else f"{why} (on each of the {len(pages)} pages)"
    if want not in ("auto", "feature"):
        missing = [str(p) for p, (r, _w) in enumerate(found, start=1) if r.method != want]
        raise BuildError(_("registration '{registration}' asked for, but it was not found on page {pages}: {why}").format(
            registration=want, pages=", ".join(missing), why=found[int(missing[0]) - 1][1]))
    reg = Registration(method="feature", reference_image=pages[0], reference_dpi=dpi,
                       page_reference_images=list(pages[1:]))
    why = ("feature alignment, as asked" if want == "feature" else
           "feature alignment: the pages do not all show the same registration marks "
           f"({', '.join(r.method for r, _ in found)})")
    return reg, why


def build_from_blank(path: Path | str, *, name: str = "", registration: str = "auto") -> Built:
    pages, size = load_blank_pages(path)
    return build_from_pages(pages, size, name=name or Path(path).stem, registration=registration)


def save_built(built: Built, out: Path | str) -> list[Path]:
    """Write the template (and, for feature alignment, the reference images next to it:
    ``T.reference.png``, and ``T.reference-p2.png``... for the later pages)."""
    import cv2

    out = Path(out)
    written = [out]
    reg = built.template.registration
    if reg.method == "feature":
        pages = built.pages or [built.image]
        reg.page_references = []
        for p, img in enumerate(pages, start=1):
            ref = out.with_suffix(".reference.png" if p == 1 else f".reference-p{p}.png")
            cv2.imwrite(str(ref), img)
            if p == 1:
                reg.reference = ref.name
            else:
                reg.page_references.append(ref.name)
            written.append(ref)
        reg.reference_dpi = built.dpi
    built.template.source = out
    built.template.save(out)
    return written


@dataclass
class ScanTrial:
    status: str
    reason: str
    method: str
    note: str
    blocks: list[dict[str, object]]
    answers: str
    overlay: np.ndarray
    score: float  # share of blocks verified

    def text(self) -> str:
        lines = [f"test scan: {self.status}{' - ' + self.reason if self.reason else ''}",
                 f"registration: {self.method} ({self.note})" if self.method else "registration: failed"]
        for b in self.blocks:
            mark = "verified" if b["verified"] else "NOT VERIFIED"
            lines.append(f"  {b['block']}: {mark}, outlines found {100 * float(b['score']):.0f}%, "  # type: ignore[arg-type]
                         f"residual {b['residual_pt']} pt{' - ' + str(b['reason']) if b['reason'] else ''}")
        lines.append(f"verification score: {100 * self.score:.0f}% of blocks verified")
        lines.append(f"answers: {self.answers}")
        return "\n".join(lines)


def try_on_scan(t: Template, image: np.ndarray, sheet_page: int = 1) -> ScanTrial:
    """Read a filled scan (page ``sheet_page`` of the form) with ``t``: the verification of
    each block and the overlay."""
    from app.grading.overlay import draw_overlay
    from app.grading.read import read_page

    r = read_page(image, t, sheet_page=sheet_page)
    answers = " ".join(f"{a.number}{''.join(a.marked) or ('?' if a.status == 'review' else '-')}" for a in r.answers)
    n = len(r.verification)
    score = sum(1 for b in r.verification if b["verified"]) / n if n else 0.0
    return ScanTrial(r.status, r.reason, r.registration, r.registration_note, r.verification, answers,
                      draw_overlay(image, t, r), score)
