"""Registration: the homography from template points to image pixels, and which page.

* ``aruco``   — TeacherDesk sheets: ArUco markers in the corners. Their ids give the page
  and the orientation (upside down, sideways), their corners the homography.
* ``corners`` — existing forms with solid square marks near the corners (assumed upright).
* ``edges``   — forms without marks: the page outline against a darker background.
* ``feature`` — anything else: ORB features matched to a blank reference scan of the form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from app.core.i18n import _
from app.grading.template import Marker, Template

DETECT_LONG_SIDE = 640  # markers are found on a reduced copy first (fast)


@dataclass
class Registered:
    ok: bool
    homography: np.ndarray | None = None  # 3x3, template points -> image pixels
    page: int = 1
    reason: str = ""
    confidence: float = 0.0
    marks_found: int = 0
    not_a_sheet: bool = False  # True: this image is not this form at all
    method: str = ""  # the method that found the page
    note: str = ""  # why that method / how well it fit, for the teacher


def register(image: np.ndarray, template: Template, page: int = 1) -> Registered:
    """Register ``image``; ``page``: which page of the form it is, for methods whose marks
    cannot tell (corner marks, timing tracks, features: pages are read in order)."""
    method = template.registration.method
    if method == "aruco":
        r = _aruco(image, template)
        r.method = r.method or method
        return r
    page = page if 1 <= page <= template.pages else 1
    if method == "corners":
        r = _corners(image, template, page)
    elif method == "timing":
        r = _timing(image, template, page)
    elif method == "edges":
        r = _edges(image, template)
    else:
        r = _feature(image, template, page)
    r.method = r.method or method
    r.page = page
    return r


# -- ArUco ----------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _detector(dictionary: str, thorough: bool = False):  # type: ignore[no-untyped-def]
    import cv2

    d = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, dictionary))
    params = cv2.aruco.DetectorParameters()
    params.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
    # The fast pass tries 3 threshold windows; the thorough one (shadows, small marks) 5.
    params.adaptiveThreshWinSizeMin = 5 if thorough else 7
    params.adaptiveThreshWinSizeMax = 45 if thorough else 23
    params.adaptiveThreshWinSizeStep = 10 if thorough else 8
    params.minMarkerPerimeterRate = 0.03
    params.polygonalApproxAccuracyRate = 0.05
    return cv2.aruco.ArucoDetector(d, params)


def _detect(image: np.ndarray, dictionary: str, long_side: int, thorough: bool = False) -> tuple[list[np.ndarray], list[int]]:
    import cv2

    small, f, offset = _reduced(image, long_side)
    corners, ids, _rej = _detector(dictionary, thorough).detectMarkers(small)
    if ids is None:
        return [], []
    found = [c.reshape(4, 2) / f + offset for c in corners]
    if f < 1:
        # Refine the corners on the full-resolution image: the homography extrapolates
        # from the corners to the far side of the page, so every pixel counts.
        pts = np.concatenate(found).astype(np.float32).reshape(-1, 1, 2)
        win = max(2, min(8, int(round(1.5 / f))))
        crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.05)
        cv2.cornerSubPix(image, pts, (win, win), (-1, -1), crit)
        found = [p.reshape(4, 2) for p in np.split(pts.reshape(-1, 2), len(found))]
    return found, [int(i) for i in ids.ravel()]


def _reduced(image: np.ndarray, long_side: int) -> tuple[np.ndarray, float, float]:
    """(copy, scale, offset): the image reduced to about ``long_side``; a pixel (x, y) of
    the copy is (x / scale + offset, ...) in the image. A whole-number reduction a little
    larger than asked for is taken when there is one: box-averaging by 2 or 3 costs a
    twentieth of a fractional one."""
    import cv2

    h, w = image.shape[:2]
    f = min(1.0, long_side / max(h, w))
    if f >= 1:
        return image, 1.0, 0.0
    k = int(1 / f)
    if k >= 2 and max(h, w) / k <= 1.35 * long_side:
        part = image[: h // k * k, : w // k * k]
        small = cv2.resize(part, (w // k, h // k), interpolation=cv2.INTER_AREA)
        return small, 1.0 / k, (k - 1) / 2  # a reduced pixel is the mean of a k x k square
    return cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA), f, 0.0


def _detect_in_corners(image: np.ndarray, dictionary: str) -> tuple[list[np.ndarray], list[int]]:
    """Scans: the marks sit in the image's corners, so look only there first (fast)."""
    h, w = image.shape[:2]
    f = min(1.0, DETECT_LONG_SIDE / max(h, w))
    cw, ch = int(w * 0.3), int(h * 0.25)
    corners: list[np.ndarray] = []
    ids: list[int] = []
    for x0, y0 in ((0, 0), (w - cw, 0), (0, h - ch), (w - cw, h - ch)):
        crop = image[y0 : y0 + ch, x0 : x0 + cw]
        c, i = _detect(crop, dictionary, max(1, round(max(crop.shape) * f)))
        corners.extend(cc + np.array([x0, y0], np.float32) for cc in c)
        ids.extend(i)
    return corners, ids


def _one_whole_sheet(corners: list[np.ndarray], ids: list[int], t: Template) -> bool:
    """Four marks of one page, as far apart as the page says (not two sheets side by side)."""
    markers = {m.id: m for m in t.registration.markers}
    if len(ids) != 4 or len(set(ids)) != 4 or not all(i in markers for i in ids):
        return False
    if len({markers[i].page for i in ids}) != 1:
        return False
    side_px = float(np.mean([np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[1]) for c in corners])) / 2
    scale = side_px / markers[ids[0]].size
    centres = {i: c.mean(axis=0) for i, c in zip(ids, corners, strict=True)}
    for a in ids:
        for b in ids:
            if a < b:
                want = np.hypot(markers[a].x - markers[b].x, markers[a].y - markers[b].y) * scale
                if not 0.8 * want <= float(np.linalg.norm(centres[a] - centres[b])) <= 1.25 * want:
                    return False
    return True


def _aruco(image: np.ndarray, t: Template) -> Registered:
    return _aruco_all(image, t)[0]


def register_all(image: np.ndarray, template: Template, page: int = 1) -> list[Registered]:
    """Every sheet in the image: more than one when sheets were fed two-up (ArUco only).
    ``page``: the form's page this image is expected to be (see :func:`register`)."""
    if template.registration.method == "aruco":
        regs = _aruco_all(image, template)
        for r in regs:
            r.method = "aruco"
            if r.ok:
                r.note = _("{marks_found} ArUco markers").format(marks_found=r.marks_found)
        return regs
    return [register(image, template, page)]


def _aruco_all(image: np.ndarray, t: Template) -> list[Registered]:
    dictionary = t.registration.dictionary
    known = {m.id for m in t.registration.markers}
    corners, ids = _detect_in_corners(image, dictionary)
    if not _one_whole_sheet(corners, ids, t):
        corners, ids = _detect(image, dictionary, DETECT_LONG_SIDE)
    if sum(i in known for i in ids) < 4:
        corners2, ids2 = _detect(image, dictionary, 1400, thorough=True)
        if sum(i in known for i in ids2) > sum(i in known for i in ids):
            corners, ids = corners2, ids2
    if not ids:
        return [Registered(False, reason=_nothing_found(image), not_a_sheet=True)]
    found = [(i, c) for c, i in zip(corners, ids, strict=True) if i in known]
    if not found:
        pages = {i // 4 + 1 for i in ids}
        return [Registered(
            False,
            reason=_("registration marks are for page {page} of a longer exam, not this template").format(page=min(pages)),
            not_a_sheet=True,
        )]
    groups = _split_sheets(found)
    if groups is None:
        return [Registered(False, reason=_("the marks of several sheets overlap; scan one sheet per page"),
                           marks_found=len(found))]
    return [_from_markers(g, t) for g in groups]


def _split_sheets(found: list[tuple[int, np.ndarray]]) -> list[list[tuple[int, np.ndarray]]] | None:
    """Group the marks by sheet (two-up scans), top to bottom, left to right."""
    ids = [i for i, _ in found]
    if len(set(ids)) == len(ids):
        return [found]
    centres = np.array([c.mean(axis=0) for _, c in found])
    best: tuple[float, list[tuple[int, np.ndarray]], list[tuple[int, np.ndarray]]] | None = None
    for axis in (0, 1):
        order = np.argsort(centres[:, axis])
        vals = centres[order, axis]
        for k in range(1, len(order)):
            a = [found[j] for j in order[:k]]
            b = [found[j] for j in order[k:]]
            gap = float(vals[k] - vals[k - 1])
            # A cut between two sheets leaves no id twice on either side.
            if len({i for i, _ in a}) == len(a) and len({i for i, _ in b}) == len(b) and (best is None or gap > best[0]):
                best = (gap, a, b)
    if best is None:
        # More than two sheets: cut at the widest gap and sort each side out.
        axis = int(np.argmax(centres.max(axis=0) - centres.min(axis=0)))
        order = np.argsort(centres[:, axis])
        k = int(np.argmax(np.diff(centres[order, axis]))) + 1
        best = (0.0, [found[j] for j in order[:k]], [found[j] for j in order[k:]])
    if best is None:
        return None
    out: list[list[tuple[int, np.ndarray]]] = []
    for part in (best[1], best[2]):
        sub = _split_sheets(part) if len({i for i, _ in part}) != len(part) else [part]
        if sub is None:
            return None
        out.extend(sub)
    return sorted(out, key=lambda g: (round(float(np.mean([c.mean(axis=0)[1] for _, c in g])) / 200),
                                      float(np.mean([c.mean(axis=0)[0] for _, c in g]))))


def _from_markers(found: list[tuple[int, np.ndarray]], t: Template) -> Registered:
    import cv2

    markers = {m.id: m for m in t.registration.markers}
    by_page: dict[int, list[tuple[int, np.ndarray]]] = {}
    for i, c in found:
        by_page.setdefault(markers[i].page, []).append((i, c))
    page, found = max(by_page.items(), key=lambda kv: len(kv[1]))
    expected = len(t.markers_on(page))
    if len(found) < 3:
        return Registered(
            False, page=page, marks_found=len(found),
            reason=_("only {count} of {expected} corner marks found; rescan or rephotograph the whole page").format(count=len(found), expected=expected),
        )
    src = np.array([pt for i, _ in found for pt in markers[i].corners()], np.float32)
    dst = np.array([pt for _, c in found for pt in c], np.float32)
    H, _mask = cv2.findHomography(src, dst, 0)
    if H is None:
        return Registered(False, page=page, reason=_("registration marks are inconsistent"), marks_found=len(found))
    return _checked(H, src, dst, t, page, len(found), expected, markers[found[0][0]].size)


def _checked(
    H: np.ndarray, src: np.ndarray, dst: np.ndarray, t: Template, page: int, found: int, expected: int, size: float
) -> Registered:
    """Reject homographies that do not fit the marks (a different form or paper size)."""
    import cv2

    Hi = np.linalg.inv(H)
    back = cv2.perspectiveTransform(dst.reshape(-1, 1, 2), Hi).reshape(-1, 2)
    err = float(np.sqrt(np.mean(np.sum((back - src) ** 2, axis=1))))
    rel = err / size
    if rel > 0.12:
        return Registered(
            False, page=page, marks_found=found, not_a_sheet=True,
            reason=_("the marks do not fit this template's layout (error {err:.1f} pt): a different form or paper size").format(err=err),
        )
    page_quad = np.array([[0, 0], [t.page_width, 0], [t.page_width, t.page_height], [0, t.page_height]], np.float32)
    quad = cv2.perspectiveTransform(page_quad.reshape(-1, 1, 2), H).reshape(-1, 2)
    if not cv2.isContourConvex(quad.astype(np.float32)):
        return Registered(False, page=page, marks_found=found, reason=_("registration failed (page folded or marks misread)"))
    confidence = float(np.clip(1.0 - rel / 0.12, 0, 1)) * (1.0 if found == expected else 0.85)
    return Registered(True, H, page, "", confidence, found)


def _nothing_found(image: np.ndarray) -> str:
    if float(np.std(image)) < 6:
        return _("blank page (no registration marks)")
    return _("no registration marks found: not an answer sheet, or the corners are cut off")


# -- solid marks of any shape -----------------------------------------------------------

MARK_LONG_SIDE = 1400  # marks are looked for on a copy this size (long side, pixels)


@dataclass
class Blob:
    """A solid dark shape: centroid, bounding box and inked share of the box (pixels)."""

    x: float
    y: float
    w: float
    h: float
    fill: float


_SAME_IMAGE: ContextVar[tuple[np.ndarray, dict[tuple[object, ...], Any]] | None] = ContextVar("same_image", default=None)


@contextmanager
def same_image(image: np.ndarray) -> Iterator[None]:
    """Within this block, what is found on ``image`` (marks, the page outline) is found
    once: a page of a multi-page form is registered as every page of the form in turn.
    The block holds the image itself, so the cache can never answer for another."""
    token = _SAME_IMAGE.set((image, {}))
    try:
        yield
    finally:
        _SAME_IMAGE.reset(token)


def _once(image: np.ndarray, key: tuple[object, ...], make: Callable[[], Any]) -> Any:
    scope = _SAME_IMAGE.get()
    if scope is None or scope[0] is not image:
        return make()
    if key not in scope[1]:
        scope[1][key] = make()
    return scope[1][key]


def find_blobs(image: np.ndarray, long_side: int = MARK_LONG_SIDE, min_px: float = 4.0) -> tuple[list[Blob], float]:
    """Solid dark connected shapes (full-resolution pixels) and the reduction used."""
    found: tuple[list[Blob], float] = _once(image, ("blobs", long_side, min_px),
                                            lambda: _find_blobs(image, long_side, min_px))
    return list(found[0]), found[1]


def _find_blobs(image: np.ndarray, long_side: int, min_px: float) -> tuple[list[Blob], float]:
    import cv2

    h, w = image.shape[:2]
    f = min(1.0, long_side / max(h, w))
    small = cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA) if f < 1 else image
    # Local threshold with a wide window: shading in photos cancels, solid marks stay solid.
    block = max(31, (int(max(small.shape) / 12) // 2) * 2 + 1)
    bw = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25)
    n, _lab, stats, cents = cv2.connectedComponentsWithStats(bw, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, cw, ch, area = (int(v) for v in stats[i])
        if cw < min_px or ch < min_px:
            continue
        out.append(Blob(float(cents[i][0]) / f, float(cents[i][1]) / f, cw / f, ch / f, area / float(cw * ch)))
    return out, f


def _mark_size(m: Marker) -> tuple[float, float]:
    return (m.w or m.size, m.h or m.size)


def _like_mark(b: Blob, m: Marker, scale: float) -> bool:
    """Could this blob be mark ``m`` seen at ``scale`` px/pt, upright or turned a little?"""
    mw, mh = _mark_size(m)
    ew, eh = mw * scale, mh * scale
    # A turned mark has a larger box and a lower fill; its inked area stays the same.
    area = b.fill * b.w * b.h
    want = m.fill * ew * eh
    if not 0.45 * want <= area <= 2.0 * want:
        return False
    long_b, long_e = max(b.w, b.h), max(ew, eh)
    short_b, short_e = min(b.w, b.h), min(ew, eh)
    if not (0.6 * long_e <= long_b <= 1.6 * long_e and 0.6 * short_e <= short_b <= 1.6 * long_e):
        return False
    if (ew >= 1.8 * eh and b.w < 1.3 * b.h) or (eh >= 1.8 * ew and b.h < 1.3 * b.w):
        return False  # a dash lying the other way
    return b.fill >= m.fill - 0.45 and b.fill <= m.fill + 0.2


def _corners(image: np.ndarray, t: Template, page: int = 1) -> Registered:
    """Four solid marks of any shape (squares, L-marks, triangles, circles) near the corners.

    Candidates are solid shapes the size and fullness of the template's marks; each of the
    four corners keeps its few most extreme candidates, and of all combinations the one
    whose quadrilateral best matches the template's (after an affine fit) is taken — only
    if it matches within tolerance. A filled bubble near a corner is neither the right
    size and fullness nor in the right place relative to the other three marks.
    """
    import cv2

    marks = {m.id: m for m in t.markers_on(page)}
    if any(k not in marks for k in range(4)):
        return Registered(False, reason=_("corners registration needs marks with ids 0-3"))
    h, w = image.shape[:2]
    blobs, _f = find_blobs(image)
    # The page fills 60-100% of a scan or photo: try the marks' size over that range.
    fit_scale = max(h / t.page_height, w / t.page_width)
    scales = [fit_scale * k for k in (1.0, 0.8, 0.6)]
    tpl = np.array([(marks[k].x, marks[k].y) for k in range(4)], np.float64)
    guided = _marks_by_outline(image, t, marks, blobs)
    if guided is not None:
        return guided
    # No page outline (a flatbed scan): the combination of candidates that fits best.
    best = _best_quad(tpl, marks, blobs, scales)
    if best is None:
        n = sum(1 for b in blobs if any(_like_mark(b, m, s) for m in marks.values() for s in scales))
        return Registered(False, reason=_("corner marks not found ({n} mark-like shapes; need one in each corner)").format(n=n),
                          not_a_sheet=True)
    err, combo = best
    if err > 0.05:
        return Registered(
            False, not_a_sheet=True, marks_found=4,
            reason=_("the four corner marks found do not form this template's rectangle (off by {percent:.0f}%): "
                     "a different form, or a mark is hidden").format(percent=100 * err),
        )
    dst = np.array([(b.x, b.y) for b in combo], np.float32)
    H = cv2.getPerspectiveTransform(tpl.astype(np.float32), dst)
    quad = cv2.perspectiveTransform(_page_quad(t).reshape(-1, 1, 2), H).reshape(-1, 2)
    if not cv2.isContourConvex(quad.astype(np.float32)):
        return Registered(False, reason=_("registration failed (page folded or marks misread)"), marks_found=4)
    shape = marks[0].shape
    return Registered(True, H, 1, "", float(np.clip(1 - err / 0.05, 0, 1)), 4,
                      note=_("corner marks ({shape}) in all four corners; their quadrilateral matches the "
                             "template's within {percent:.1f}%").format(shape=shape, percent=100 * err))


def _best_quad(tpl: np.ndarray, marks: dict[int, Marker], blobs: list[Blob], scales: list[float]
               ) -> tuple[float, list[Blob]] | None:
    """Of the few most extreme mark-like shapes per corner, the four whose quadrilateral
    best matches the template's (error, marks)."""
    best: tuple[float, list[Blob]] | None = None
    keys = (lambda b: b.x + b.y, lambda b: -(b.x - b.y), lambda b: -(b.x + b.y), lambda b: -(b.y - b.x))
    for scale in scales:
        per_corner = []
        for k in range(4):
            cands = [b for b in blobs if _like_mark(b, marks[k], scale)]
            per_corner.append(sorted(cands, key=keys[k])[:4])
        if any(not c for c in per_corner):
            continue
        for combo in _combos(per_corner):
            pts = np.array([(b.x, b.y) for b in combo], np.float64)
            err = _quad_error(tpl, pts)
            if best is None or err < best[0]:
                best = (err, list(combo))
        if best is not None and best[0] < 0.02:
            break
    return best


def _marks_by_outline(image: np.ndarray, t: Template, marks: dict[int, Marker], blobs: list[Blob]
                      ) -> Registered | None:
    """A photo of the page on a darker desk: its outline says roughly where each corner mark
    is (perspective included), so each mark is the mark-like shape nearest that spot. None
    when the outline is not visible or a mark is not where the outline puts it."""
    import cv2

    found = page_outline(image)
    if isinstance(found, str):
        return None
    quad, _note = found
    G = cv2.getPerspectiveTransform(_page_quad(t), quad)
    tpl = np.array([(marks[k].x, marks[k].y) for k in range(4)], np.float64)
    pred = cv2.perspectiveTransform(tpl.reshape(-1, 1, 2), G).reshape(-1, 2)
    scale = float(np.hypot(*(quad[1] - quad[0]))) / t.page_width  # pixels per point at the top
    chosen = []
    for k in range(4):
        m = marks[k]
        near = [(float(np.hypot(b.x - pred[k][0], b.y - pred[k][1])), b) for b in blobs
                if any(_like_mark(b, m, scale * f) for f in (0.8, 1.0, 1.25))]
        near = [(dist, b) for dist, b in near if dist < max(12.0, 1.5 * max(_mark_size(m))) * scale]
        if not near:
            return None
        chosen.append(min(near, key=lambda x: x[0])[1])
    dst = np.array([(b.x, b.y) for b in chosen], np.float32)
    H = cv2.getPerspectiveTransform(tpl.astype(np.float32), dst)
    off = float(np.max(np.hypot(*(dst - pred).T))) / scale
    return Registered(True, H, 1, "", float(np.clip(1 - off / 20, 0.5, 1)), 4,
                      note=_("corner marks ({shape}) in all four corners, each within {off:.0f} pt "
                             "of where the page outline puts it").format(shape=marks[0].shape, off=off))


def _combos(per_corner: list[list[Blob]]):  # type: ignore[no-untyped-def]
    import itertools

    for combo in itertools.product(*per_corner):
        if len({id(b) for b in combo}) == 4:
            yield combo


def _page_quad(t: Template) -> np.ndarray:
    return np.array([[0, 0], [t.page_width, 0], [t.page_width, t.page_height], [0, t.page_height]], np.float32)


def _quad_error(src: np.ndarray, dst: np.ndarray) -> float:
    """How far ``dst`` is from an affine image of ``src``, as a share of its size (0 = exact)."""
    A = np.c_[src, np.ones(len(src))]
    sol, *_ = np.linalg.lstsq(A, dst, rcond=None)
    resid = A @ sol - dst
    L = sol[:2].T  # the linear part: template -> image
    if float(np.linalg.det(L)) <= 0 or abs(float(np.arctan2(L[1, 0], L[0, 0]))) > np.pi / 4:
        return float("inf")  # mirrored or turned over: the marks are paired with the wrong corners
    size = float(np.sqrt(np.sum((dst.max(axis=0) - dst.min(axis=0)) ** 2))) or 1.0
    # Phone photos add perspective: allow for it by judging the worst corner.
    return float(np.sqrt(np.max(np.sum(resid**2, axis=1)))) / size


# -- timing tracks ------------------------------------------------------------------------

def _timing(image: np.ndarray, t: Template, page: int = 1) -> Registered:
    """The row of black dashes down a form's edge (and any other marks in the template).

    Every dash is a correspondence; the dashes are matched in order along the track, so a
    missing dash shifts nothing. One straight track gives a similarity transform (scans:
    rotation, scale, offset), marks off that line a full homography.
    """
    import cv2

    dashes = sorted(t.markers_on(page), key=lambda m: m.id)
    h, w = image.shape[:2]
    blobs, _f = find_blobs(image, min_px=2.0)
    fit_scale = max(h / t.page_height, w / t.page_width)
    tpl = np.array([(m.x, m.y) for m in dashes], np.float64)
    best: Registered | None = None
    for scale in (fit_scale, fit_scale * 0.85, fit_scale * 0.7):
        cands = [b for b in blobs if any(_like_mark(b, m, scale) for m in dashes[:1])]
        if len(cands) < max(5, len(dashes) // 2):
            continue
        pts = np.array([(b.x, b.y) for b in cands], np.float64)
        r = _match_track(tpl, pts, scale)
        if r is None:
            continue
        src, dst, note = r
        if len(src) < max(5, int(0.7 * len(dashes))):
            continue
        collinear = _collinear(src)
        H = _track_fit(image, t, src, dst, collinear)
        if H is None:
            continue
        back = cv2.perspectiveTransform(src.reshape(-1, 1, 2).astype(np.float64), H).reshape(-1, 2)
        err_px = float(np.sqrt(np.mean(np.sum((back - dst) ** 2, axis=1))))
        err_pt = err_px / scale
        # A photo bends the track's spacing (perspective), which a similarity cannot follow;
        # a coarse fit is enough here: the bubble outlines refine it and verify it.
        if err_pt > 4.0:
            continue
        fit = _("homography") if not collinear else _("with the page outline") if _outline_used(H) else _("similarity")
        reg = Registered(True, H, 1, "", float(np.clip(1 - err_pt / 4.0, 0, 1)), len(src),
                         note=_("timing track: {matched} of {count} dashes matched, {fit} fit {err_pt:.1f} pt{note}").format(
                             matched=len(src), count=len(dashes), fit=fit, err_pt=err_pt, note=note))
        if best is None or reg.marks_found > best.marks_found:
            best = reg
        if len(src) == len(dashes):
            break
    if best is None:
        return Registered(False, not_a_sheet=True,
                          reason=_("timing track not found (the template has {count} dashes along the edge)").format(count=len(dashes)))
    return best


def _track_fit(image: np.ndarray, t: Template, src: np.ndarray, dst: np.ndarray, collinear: bool
               ) -> np.ndarray | None:
    """Template -> image from the matched dashes. A straight track alone gives a similarity
    (right for scans); on a photo the page outline adds the perspective the track cannot
    show: the four page corners join the dashes in one least-squares homography."""
    import cv2

    if not collinear:
        H, _inl = cv2.findHomography(src, dst, cv2.RANSAC, 3.0)
        return H
    A, inl = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=3.0)
    if A is None:
        return None
    found = page_outline(image)
    if isinstance(found, str):
        return np.vstack([A, [0, 0, 1]])
    quad, _note = found
    keep = inl.ravel().astype(bool) if inl is not None else np.ones(len(src), bool)
    S = np.vstack([src[keep], _page_quad(t)]).astype(np.float32)
    D = np.vstack([dst[keep], quad]).astype(np.float32)
    H, _m = cv2.findHomography(S, D, 0)
    if H is None:
        return np.vstack([A, [0, 0, 1]])
    # The outline and the track must agree (the same page, not a sheet on top of another).
    pred = cv2.perspectiveTransform(_page_quad(t).reshape(-1, 1, 2), np.vstack([A, [0, 0, 1]])).reshape(-1, 2)
    if float(np.max(np.hypot(*(pred - quad).T))) > 0.15 * float(np.hypot(*(quad[2] - quad[0]))):
        return np.vstack([A, [0, 0, 1]])
    H[2, 2] = H[2, 2] or 1.0
    return np.asarray(H / H[2, 2])


def _outline_used(H: np.ndarray) -> bool:
    return bool(abs(float(H[2, 0])) > 1e-9 or abs(float(H[2, 1])) > 1e-9)


def _collinear(pts: np.ndarray) -> bool:
    c = pts - pts.mean(axis=0)
    sv = np.linalg.svd(c, compute_uv=False)
    return bool(len(sv) < 2 or sv[1] < 0.02 * sv[0])


def _match_track(tpl: np.ndarray, pts: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray, str] | None:
    """Pair template dashes with found ones: the found dashes on one line, in order."""
    # The track's direction in the template; project both onto it.
    c = tpl - tpl.mean(axis=0)
    _u, _s, vt = np.linalg.svd(c, full_matrices=False)
    d = vt[0] if vt[0][np.argmax(np.abs(vt[0]))] > 0 else -vt[0]
    t_along = tpl @ d
    step = float(np.median(np.diff(np.sort(t_along)))) if len(tpl) > 1 else 1.0
    # Found dashes: the line (through two of them) that most of them lie on; a photo turns
    # the track a little, so the line is searched for, not assumed.
    tol = 0.35 * step * scale
    rng = np.random.default_rng(0)
    best_grp: np.ndarray | None = None
    n = len(pts)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)] if n <= 40 else [
        tuple(rng.choice(n, 2, replace=False)) for _ in range(800)]
    for i, j in pairs:
        v = pts[j] - pts[i]
        L = float(np.hypot(*v))
        if 3 * step * scale > L or abs(float(v @ d)) / L < 0.9:
            continue  # too close, or not along the template's track direction
        nv = np.array([-v[1], v[0]]) / L
        grp = np.flatnonzero(np.abs((pts - pts[i]) @ nv) < tol)
        if best_grp is None or len(grp) > len(best_grp):
            best_grp = grp
    g = pts[best_grp]
    along = g @ d
    g = g[np.argsort(along)]
    along = np.sort(along)
    # Keep dashes spaced like the template's (drop text bits lying on the same line).
    gaps = np.diff(along)
    med = float(np.median(gaps)) if len(gaps) else 0.0
    if med <= 0:
        return None
    if len(g) == len(tpl):
        return tpl.astype(np.float32), g.astype(np.float32), ""
    # Otherwise pair by position: first and last found dash give scale and offset.
    t_sorted = np.argsort(t_along)
    tp = tpl[t_sorted]
    ta = t_along[t_sorted]
    s = med / step
    best: tuple[int, np.ndarray, np.ndarray] | None = None
    for k in range(len(tp)):
        off = along[0] - ta[k] * s
        pred = ta * s + off
        idx = np.abs(pred[:, None] - along[None, :]).argmin(axis=0)
        ok = np.abs(pred[idx] - along) < 0.3 * med
        if best is None or ok.sum() > best[0]:
            best = (int(ok.sum()), idx[ok], np.flatnonzero(ok))
    if best is None or len(set(best[1].tolist())) != len(best[1]):
        return None
    return tp[best[1]].astype(np.float32), g[best[2]].astype(np.float32), " (some dashes missing)"


# -- page edges -----------------------------------------------------------------------

def _edges(image: np.ndarray, t: Template) -> Registered:
    import cv2

    found = page_outline(image)
    if isinstance(found, str):
        return Registered(False, reason=found, not_a_sheet=True)
    quad, note = found
    H = cv2.getPerspectiveTransform(_page_quad(t), quad)
    return Registered(True, H, 1, "", 0.8, 4, note=note)


def page_outline(image: np.ndarray) -> tuple[np.ndarray, str] | str:
    """The page's four corners (top-left, top-right, bottom-right, bottom-left; image
    pixels) when it lies on a visibly darker background, with a note; else why not."""
    found: tuple[np.ndarray, str] | str = _once(image, ("outline",), lambda: _page_outline(image))
    return (found[0].copy(), found[1]) if isinstance(found, tuple) else found


def _page_outline(image: np.ndarray) -> tuple[np.ndarray, str] | str:
    import cv2

    h, w = image.shape[:2]
    f = min(1.0, 800 / max(h, w))
    small = cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    # Only a page on a visibly darker background has edges to find: a flatbed scan (white
    # page on white glass) has none, and the scan's own border is not the page's.
    sh, sw = small.shape
    m = max(4, int(0.02 * min(sh, sw)))
    frame = np.concatenate([small[:m].ravel(), small[-m:].ravel(), small[:, :m].ravel(), small[:, -m:].ravel()])
    paper = float(np.percentile(small[sh // 4 : 3 * sh // 4, sw // 4 : 3 * sw // 4], 90))
    border = float(np.median(frame))
    if border > 0.75 * paper:
        return _("page edges not visible: the page is not on a darker background (a flatbed scan?); "
                 "this form needs corner marks or feature alignment — rebuild its template with "
                 "'teacherdesk template build'")
    _level, bw = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _hierarchy = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return _("page edges not found")
    c = max(contours, key=cv2.contourArea)
    if cv2.contourArea(c) < 0.2 * small.shape[0] * small.shape[1]:
        return _("page edges not found (the page must stand out from the background)")
    quad = cv2.approxPolyDP(cv2.convexHull(c), 0.02 * cv2.arcLength(c, True), True).reshape(-1, 2)
    if len(quad) != 4:
        return _("page edges not found (corners hidden?)")
    quad = quad.astype(np.float32)
    sm = quad.sum(axis=1)
    d = quad[:, 0] - quad[:, 1]
    ordered = np.array([quad[np.argmin(sm)], quad[np.argmax(d)], quad[np.argmax(sm)], quad[np.argmin(d)]], np.float32)
    ordered = _refine_corners(ordered, c.reshape(-1, 2).astype(np.float32))
    return ordered / f, _("page edges against a darker background (background {border:.0f}, paper {paper:.0f})").format(
        border=border, paper=paper)


def _refine_corners(quad: np.ndarray, contour: np.ndarray) -> np.ndarray:
    """Corners as the crossings of straight lines fitted to each side's outline points
    (the middle of each side: corners are rounded by blur and dog-ears)."""
    import cv2

    lines = []
    for k in range(4):
        a, b = quad[k], quad[(k + 1) % 4]
        ab = b - a
        length = float(np.hypot(*ab)) or 1.0
        rel = contour - a
        t = rel @ ab / length**2
        dist = np.abs(rel[:, 0] * ab[1] - rel[:, 1] * ab[0]) / length
        near = contour[(t > 0.1) & (t < 0.9) & (dist < 0.02 * length + 2)]
        if len(near) < 10:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    out = []
    for k in range(4):
        (p1, d1), (p2, d2) = lines[(k - 1) % 4], lines[k]  # the sides meeting at corner k
        M = np.array([d1, -d2]).T
        if abs(float(np.linalg.det(M))) < 1e-6:
            return quad
        s1, _s2 = np.linalg.solve(M, p2 - p1)
        out.append(p1 + s1 * d1)
    refined = np.array(out, np.float32)
    if float(np.max(np.hypot(*(refined - quad).T))) > 0.05 * float(np.hypot(*(quad[2] - quad[0]))):
        return quad  # the lines disagree with the outline: keep the polygon's corners
    return refined


# -- feature alignment to a reference scan --------------------------------------------

FEATURE_LONG_SIDE = 1200  # features are matched on copies this size; outlines refine after
FEATURE_N = 1500  # ORB features per image


def _small(image: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    import cv2

    h, w = image.shape[:2]
    f = min(1.0, long_side / max(h, w))
    if f >= 1:
        return image, 1.0
    return cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA), f


@lru_cache(maxsize=4)
def _reference(path: str, dpi: float, mtime: float):  # type: ignore[no-untyped-def]
    """The reference's features on a reduced copy, and pixels-per-point of that copy."""

    from app.grading.images import load_page, original_size

    ref = load_page(Path(path))
    # The template's points are the reference's pixels at reference_dpi: if the loader
    # decoded the file at a reduced size, the points per loaded pixel grow accordingly.
    ow, _oh = original_size(Path(path), ref.shape)
    return _reference_features(ref, dpi / 72.0 * ref.shape[1] / ow)


def _reference_features(ref: np.ndarray, ppp: float):  # type: ignore[no-untyped-def]
    import cv2

    small, f = _small(ref, FEATURE_LONG_SIDE)
    orb = cv2.ORB.create(FEATURE_N, fastThreshold=12)
    kp, des = orb.detectAndCompute(small, None)
    return kp, des, ppp * f


def _feature(image: np.ndarray, t: Template, page: int = 1) -> Registered:
    import cv2

    ref_image = t.reference_image_for(page)
    if ref_image is not None:
        kp_r, des_r, ref_ppp = _reference_features(ref_image, t.registration.reference_dpi / 72.0)
    else:
        ref_path = t.reference_path(page)
        if ref_path is None or not ref_path.exists():
            return Registered(False, reason=_("the template's reference scan {ref_path} is missing").format(ref_path=ref_path))
        kp_r, des_r, ref_ppp = _reference(str(ref_path), t.registration.reference_dpi, ref_path.stat().st_mtime)
    small, f = _small(image, FEATURE_LONG_SIDE)
    orb = cv2.ORB.create(FEATURE_N, fastThreshold=12)
    kp, des = orb.detectAndCompute(small, None)
    if des is None or des_r is None or len(kp) < 20:
        return Registered(False, reason=_("no features to align with the reference scan"), not_a_sheet=True)
    matches = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(des, des_r, k=2)  # page -> reference
    good = [m for m, n in (p for p in matches if len(p) == 2) if m.distance < 0.8 * n.distance]
    if len(good) < 25:
        return Registered(False, reason=_("the image does not match the reference form ({count} matching features)").format(count=len(good)), not_a_sheet=True)
    src = np.array([kp_r[m.trainIdx].pt for m in good], np.float32)
    dst = np.array([kp[m.queryIdx].pt for m in good], np.float32)
    # Scans differ from the reference by an affine map (rotation, scale, shift); photos by a
    # perspective one. Take the perspective fit only when clearly more matches agree with it.
    Href, mask = cv2.findHomography(src, dst, cv2.RANSAC, 2.5)
    inliers = int(mask.sum()) if mask is not None else 0
    A, amask = cv2.estimateAffine2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=2.5)
    a_in = int(amask.sum()) if amask is not None else 0
    if A is not None and (Href is None or a_in >= 0.9 * inliers):
        Href, inliers = np.vstack([A, [0, 0, 1]]), a_in
    if Href is None or inliers < 20:
        return Registered(False, reason=_("the image does not match the reference form"), not_a_sheet=True)
    # template points -> reference (small) pixels -> image (small) pixels -> image pixels
    H = np.diag([1 / f, 1 / f, 1.0]) @ Href @ np.diag([ref_ppp, ref_ppp, 1.0])
    quad = cv2.perspectiveTransform(_page_quad(t).reshape(-1, 1, 2), H).reshape(-1, 2)
    if not cv2.isContourConvex(quad.astype(np.float32)):
        return Registered(False, reason=_("feature alignment failed (the match is folded)"), not_a_sheet=True)
    return Registered(True, H, 1, "", float(min(1.0, inliers / 150)), inliers,
                      note=_("feature alignment to the blank reference: {inliers} of {count} matches agree").format(inliers=inliers, count=len(good)))
