"""Registration: the homography from template points to image pixels, and which page.

* ``aruco``   — TeacherDesk sheets: ArUco markers in the corners. Their ids give the page
  and the orientation (upside down, sideways), their corners the homography.
* ``corners`` — existing forms with solid square marks near the corners (assumed upright).
* ``edges``   — forms without marks: the page outline against a darker background.
* ``feature`` — anything else: ORB features matched to a blank reference scan of the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.grading.template import Template

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


def register(image: np.ndarray, template: Template) -> Registered:
    method = template.registration.method
    if method == "aruco":
        return _aruco(image, template)
    if method == "corners":
        return _corners(image, template)
    if method == "edges":
        return _edges(image, template)
    return _feature(image, template)


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

    h, w = image.shape[:2]
    f = min(1.0, long_side / max(h, w))
    small = cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA) if f < 1 else image
    corners, ids, _rej = _detector(dictionary, thorough).detectMarkers(small)
    if ids is None:
        return [], []
    found = [c.reshape(4, 2) / f for c in corners]
    if f < 1:
        # Refine the corners on the full-resolution image: the homography extrapolates
        # from the corners to the far side of the page, so every pixel counts.
        pts = np.concatenate(found).astype(np.float32).reshape(-1, 1, 2)
        win = max(2, min(8, int(round(1.5 / f))))
        crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.05)
        cv2.cornerSubPix(image, pts, (win, win), (-1, -1), crit)
        found = [p.reshape(4, 2) for p in np.split(pts.reshape(-1, 2), len(found))]
    return found, [int(i) for i in ids.ravel()]


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


def register_all(image: np.ndarray, template: Template) -> list[Registered]:
    """Every sheet in the image: more than one when sheets were fed two-up (ArUco only)."""
    if template.registration.method == "aruco":
        return _aruco_all(image, template)
    return [register(image, template)]


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
            reason=f"registration marks are for page {min(pages)} of a longer exam, not this template",
            not_a_sheet=True,
        )]
    groups = _split_sheets(found)
    if groups is None:
        return [Registered(False, reason="the marks of several sheets overlap; scan one sheet per page",
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
            reason=f"only {len(found)} of {expected} corner marks found; rescan or rephotograph the whole page",
        )
    src = np.array([pt for i, _ in found for pt in markers[i].corners()], np.float32)
    dst = np.array([pt for _, c in found for pt in c], np.float32)
    H, _mask = cv2.findHomography(src, dst, 0)
    if H is None:
        return Registered(False, page=page, reason="registration marks are inconsistent", marks_found=len(found))
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
            reason=f"the marks do not fit this template's layout (error {err:.1f} pt): a different form or paper size",
        )
    page_quad = np.array([[0, 0], [t.page_width, 0], [t.page_width, t.page_height], [0, t.page_height]], np.float32)
    quad = cv2.perspectiveTransform(page_quad.reshape(-1, 1, 2), H).reshape(-1, 2)
    if not cv2.isContourConvex(quad.astype(np.float32)):
        return Registered(False, page=page, marks_found=found, reason="registration failed (page folded or marks misread)")
    confidence = float(np.clip(1.0 - rel / 0.12, 0, 1)) * (1.0 if found == expected else 0.85)
    return Registered(True, H, page, "", confidence, found)


def _nothing_found(image: np.ndarray) -> str:
    if float(np.std(image)) < 6:
        return "blank page (no registration marks)"
    return "no registration marks found: not an answer sheet, or the corners are cut off"


# -- corner marks ---------------------------------------------------------------------

def _corners(image: np.ndarray, t: Template) -> Registered:
    import cv2

    marks = sorted(t.markers_on(1), key=lambda m: m.id)
    h, w = image.shape[:2]
    scale_guess = max(h, w) / max(t.page_width, t.page_height)
    size_px = marks[0].size * scale_guess
    _, bw = cv2.threshold(cv2.GaussianBlur(image, (3, 3), 0), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cands = []
    for c in contours:
        area = cv2.contourArea(c)
        if not (0.15 * size_px**2 <= area <= 4.0 * size_px**2):
            continue
        x, y, cw, ch = cv2.boundingRect(c)
        if not 0.6 <= cw / max(ch, 1) <= 1.6:
            continue
        hull = cv2.contourArea(cv2.convexHull(c))
        if hull <= 0 or area / hull < 0.85 or area / (cw * ch) < 0.6:
            continue
        m = cv2.moments(c)
        cands.append((m["m10"] / m["m00"], m["m01"] / m["m00"]))
    if len(cands) < 4:
        return Registered(False, reason=f"corner marks not found ({len(cands)} candidates)", not_a_sheet=True)
    pts = np.array(cands)
    picks = [
        pts[np.argmin(pts[:, 0] + pts[:, 1])],
        pts[np.argmax(pts[:, 0] - pts[:, 1])],
        pts[np.argmax(pts[:, 0] + pts[:, 1])],
        pts[np.argmax(pts[:, 1] - pts[:, 0])],
    ]
    by_id = {m.id: m for m in marks}
    src = np.array([(by_id[k].x, by_id[k].y) for k in range(4) if k in by_id], np.float32)
    dst = np.array([picks[k] for k in range(4) if k in by_id], np.float32)
    if len(src) < 4:
        return Registered(False, reason="corners registration needs marks with ids 0-3")
    H = cv2.getPerspectiveTransform(src, dst)
    return _checked(H, src, dst, t, 1, 4, 4, marks[0].size * 4)


# -- page edges -----------------------------------------------------------------------

def _edges(image: np.ndarray, t: Template) -> Registered:
    import cv2

    h, w = image.shape[:2]
    f = min(1.0, 800 / max(h, w))
    small = cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    _, bw = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return Registered(False, reason="page edges not found", not_a_sheet=True)
    c = max(contours, key=cv2.contourArea)
    if cv2.contourArea(c) < 0.2 * small.shape[0] * small.shape[1]:
        return Registered(False, reason="page edges not found (the page must stand out from the background)", not_a_sheet=True)
    quad = cv2.approxPolyDP(cv2.convexHull(c), 0.02 * cv2.arcLength(c, True), True).reshape(-1, 2)
    if len(quad) != 4:
        return Registered(False, reason="page edges not found (corners hidden?)", not_a_sheet=True)
    quad = quad.astype(np.float32) / f
    s = quad.sum(axis=1)
    d = quad[:, 0] - quad[:, 1]
    ordered = np.array([quad[np.argmin(s)], quad[np.argmax(d)], quad[np.argmax(s)], quad[np.argmin(d)]], np.float32)
    src = np.array([[0, 0], [t.page_width, 0], [t.page_width, t.page_height], [0, t.page_height]], np.float32)
    H = cv2.getPerspectiveTransform(src, ordered)
    return Registered(True, H, 1, "", 0.8, 4)


# -- feature alignment to a reference scan --------------------------------------------

@lru_cache(maxsize=4)
def _reference(path: str):  # type: ignore[no-untyped-def]
    import cv2

    from app.grading.images import load_page

    ref = load_page(Path(path))
    orb = cv2.ORB.create(4000)
    kp, des = orb.detectAndCompute(ref, None)
    return ref.shape, kp, des


def _feature(image: np.ndarray, t: Template) -> Registered:
    import cv2

    ref_path = t.reference_path()
    if ref_path is None or not ref_path.exists():
        return Registered(False, reason=f"the template's reference scan {ref_path} is missing")
    (rh, rw), kp_r, des_r = _reference(str(ref_path))
    orb = cv2.ORB.create(4000)
    kp, des = orb.detectAndCompute(image, None)
    if des is None or des_r is None or len(kp) < 20:
        return Registered(False, reason="no features to align with the reference scan", not_a_sheet=True)
    matches = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(des_r, des, k=2)
    good = [m for m, n in (p for p in matches if len(p) == 2) if m.distance < 0.75 * n.distance]
    if len(good) < 25:
        return Registered(False, reason=f"the image does not match the reference form ({len(good)} matching features)", not_a_sheet=True)
    src = np.array([kp_r[m.queryIdx].pt for m in good], np.float32)
    dst = np.array([kp[m.trainIdx].pt for m in good], np.float32)
    Href, mask = cv2.findHomography(src, dst, cv2.RANSAC, 4.0)
    inliers = int(mask.sum()) if mask is not None else 0
    if Href is None or inliers < 20:
        return Registered(False, reason="the image does not match the reference form", not_a_sheet=True)
    S = np.diag([rw / t.page_width, rh / t.page_height, 1.0])
    H = Href @ S
    return Registered(True, H, 1, "", float(min(1.0, inliers / 150)), inliers)
