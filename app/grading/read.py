"""Reading one page: registration, bubble fills, decisions with confidence, ID, version, QR.

How a bubble is measured: the page is warped into template space (2 px per point), a
background (paper) level is estimated with a max-filter on a 1/8 copy — so shadows,
gradients and grey photocopies cancel out — and each bubble's darkness is the mean of an
inner disc relative to the paper around it. Darkness is then calibrated per page: 0 is
the typical empty bubble, 1 the typical filled one, so pencil and pen read alike.

How a question is decided: a bubble at >= 0.5 counts as marked, <= 0.2 as empty, and
anything between is the grey zone. Every decision gets a confidence from its margins;
below the template's threshold it is sent to review with a reason (faint, erased,
ambiguous, stray mark, crossed out) — never guessed.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from app.core.code_labels import mark_status_label
from app.core.i18n import _, ngettext
from app.grading.layout import QR_BORDER, QR_MODULES, parse_qr_payload
from app.grading.register import Registered, register_all
from app.grading.register_pages import apply_identity, identify_page, pages_by_content
from app.grading.results import (
    BLANK,
    MULTIPLE,
    NOT_A_SHEET,
    OK,
    REVIEW,
    FieldRead,
    PageResult,
)
from app.grading.template import Field, Policy, Template

if TYPE_CHECKING:
    from app.grading.verify import BlockCheck, Fit

SCALE = 2.0  # canonical pixels per point (144 dpi)
INNER = 0.62  # the measured disc, as a fraction of the bubble's radius
RING = (1.3, 1.65)  # the ring just outside the outline (cancel / stray-mark detection)
OUTLINE_N = 16
# Radii sampled for the alignment check: inside the outline, across it (the darkest of
# these per direction tolerates ~1 pt of misregistration), and outside it.
OUTLINE_RADII = (0.6, 0.8, 0.9, 1.0, 1.1, 1.2, 1.45)
MISALIGNED = 0.06  # page median outline contrast below this: not this layout
OUTLINE_FOUND = 0.05  # a bubble's outline contrast at least this: its printed outline is there
MIN_CONFIRMED = 0.7  # share of a block's empty bubbles whose outline must be found
MARK = 0.5  # calibrated fill at or above which a bubble counts as marked
EMPTY = 0.2  # below this a bubble is not a candidate mark
BLANK_MAX = 0.15  # a bubble this light is confidently empty


@dataclass
class _Geometry:
    fields: list[Field]
    slices: list[tuple[int, int]]
    centres: np.ndarray  # (N, 2) canonical px
    kinds: np.ndarray  # (N,) 0 question, 1 id, 2 version, 3 other grid
    groups: list[np.ndarray]  # (groups, members) index matrices of bubbles printed alike
    inner_pts: np.ndarray  # (M, 2) sample points in template points
    inner_owner: np.ndarray
    inner_count: np.ndarray
    ring_pts: np.ndarray
    ring_owner: np.ndarray
    ring_count: np.ndarray
    outline_pts: np.ndarray  # (N*3*OUTLINE_N, 2): inside, on and outside each outline
    shape: tuple[int, int]  # (h, w) canonical
    bubble_block: np.ndarray  # (N,) index of each bubble's block in Template.blocks
    parts: dict[str, _Points] = field(default_factory=dict)  # see _parts


_GEOMETRY: dict[tuple[int, int], tuple[Template, _Geometry]] = {}


def _geometry(t: Template, page: int) -> _Geometry:
    key = (id(t), page)
    hit = _GEOMETRY.get(key)
    if hit is not None and hit[0] is t:
        return hit[1]
    h, w = int(round(t.page_height * SCALE)), int(round(t.page_width * SCALE))
    fields = [f for f in t.fields() if f.page == page]
    slices, centres, kinds, sizes = [], [], [], []
    n = 0
    kind_code = {"question": 0, "id_digit": 1, "version": 2, "grid": 3}
    group_of: dict[tuple[object, ...], list[int]] = {}
    for f in fields:
        start = n
        for b in f.bubbles:
            # Bubbles printed alike: the same label at about the same size (the label's ink
            # is part of an empty bubble's darkness), whatever field they belong to.
            group_of.setdefault((b.value, round(b.width / 2), round(b.height / 2)), []).append(n)
            centres.append((b.x * SCALE, b.y * SCALE))
            sizes.append((b.width, b.height))
            kinds.append(kind_code[f.kind])
            n += 1
        slices.append((start, n))
    c = np.array(centres, np.float64).reshape(-1, 2)
    wh = np.array(sizes, np.float64).reshape(-1, 2)
    (inner_pts, inner_owner), (ring_pts, ring_owner) = _discs(c, wh / 2 * SCALE, w, h)
    # The outline check's samples: OUTLINE_N angles at each of OUTLINE_RADII, per bubble.
    angles = np.linspace(0, 2 * np.pi, OUTLINE_N, endpoint=False)
    k = np.array(OUTLINE_RADII)[None, :, None]
    outline = np.stack([c[:, 0, None, None] / SCALE + k * wh[:, 0, None, None] / 2 * np.cos(angles),
                        c[:, 1, None, None] / SCALE + k * wh[:, 1, None, None] / 2 * np.sin(angles)], axis=-1)
    g = _Geometry(
        fields=fields,
        slices=slices,
        centres=np.array(centres, np.float32).reshape(-1, 2),
        kinds=np.array(kinds, np.int32),
        groups=_group_matrices([v for v in group_of.values() if len(v) >= 5]),
        inner_pts=inner_pts,
        inner_owner=inner_owner,
        inner_count=np.maximum(np.bincount(inner_owner, minlength=n), 1),
        ring_pts=ring_pts,
        ring_owner=ring_owner,
        ring_count=np.maximum(np.bincount(ring_owner, minlength=n), 1),
        outline_pts=outline.reshape(-1, 2).astype(np.float32),
        shape=(h, w),
        bubble_block=np.array([f.block for f in fields for _ in f.bubbles], np.int32),
    )
    if len(_GEOMETRY) > 16:
        _GEOMETRY.clear()
    _GEOMETRY[key] = (t, g)
    return g


def _discs(c: np.ndarray, r: np.ndarray, w: int, h: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(points, owner)] of every bubble's inner disc and of the ring just outside it: the
    pixel centres (in template points) within each ellipse (centres ``c`` and radii ``r``
    in canonical pixels, on a w x h page), bubble by bubble, each in row order."""
    if not len(c):
        return [(np.zeros((0, 2), np.float32), np.zeros(0, np.intp))] * 2
    R = int(np.ceil(float(r.max()) * RING[1])) + 1
    ys, xs = np.mgrid[-R : R + 1, -R : R + 1]
    ix, iy = c[:, 0].astype(np.intp), c[:, 1].astype(np.intp)
    px = xs[None] + ix[:, None, None]
    py = ys[None] + iy[:, None, None]
    r2 = ((px + 0.5 - c[:, 0, None, None]) / r[:, 0, None, None]) ** 2 + \
        ((py + 0.5 - c[:, 1, None, None]) / r[:, 1, None, None]) ** 2
    ok = (px >= 0) & (py >= 0) & (px < w) & (py < h)
    out = []
    for sel in (ok & (r2 <= INNER**2), ok & (r2 >= RING[0] ** 2) & (r2 <= RING[1] ** 2)):
        owner, yy, xx = np.nonzero(sel)
        pts = np.stack([px[owner, yy, xx] + 0.5, py[owner, yy, xx] + 0.5], axis=1) / SCALE
        out.append((pts.astype(np.float32), owner))
    return out


def _group_matrices(groups: list[list[int]]) -> list[np.ndarray]:
    """Groups of equal size stacked into matrices, so one percentile call serves many."""
    by_size: dict[int, list[list[int]]] = {}
    for grp in groups:
        by_size.setdefault(len(grp), []).append(grp)
    return [np.array(v, np.intp) for v in by_size.values()]


def _percentile(x: np.ndarray, q: float) -> np.ndarray:
    """``np.percentile(x, q, axis=-1)`` (its default, linear method) by partial sorting:
    the same values without numpy's per-call overhead (this runs a dozen times a page)."""
    n = x.shape[-1]
    pos = q / 100 * (n - 1)
    lo = int(pos)
    hi = min(lo + 1, n - 1)
    part = np.partition(x, [lo, hi] if hi != lo else [lo], axis=-1)
    a, b = part[..., lo], part[..., hi]
    out: np.ndarray = a + (b - a) * (pos - lo)
    return out


def _group_baseline(values: np.ndarray, groups: list[np.ndarray], floor: np.ndarray, cap: float) -> np.ndarray:
    """Per group of alike bubbles: their 35th percentile, at most ``cap`` above the page's."""
    out = floor.copy()
    for M in groups:
        out[M] = np.minimum(_percentile(values[M], 35), floor[M[:, 0]] + cap)[:, None]
    return out


def _field_floor(values: np.ndarray, g: _Geometry, page_floor: float, cap: float) -> np.ndarray:
    """The page's baseline, except for bubbles printed unlike any group (a version row, a
    small grid): their field's lightest bubble, at most ``cap`` above the page's — the
    labels printed inside them then count as paper, not as a mark."""
    out = np.full(len(values), page_floor)
    grouped = np.zeros(len(values), bool)
    for M in g.groups:
        grouped[M.ravel()] = True
    for a, b in g.slices:
        if b - a >= 2 and not grouped[a:b].any():
            out[a:b] = min(float(values[a:b].min()), page_floor + cap) if values[a:b].min() > page_floor else page_floor
    return out


@dataclass
class BubbleMeasures:
    fill: np.ndarray  # calibrated darkness of the inner disc (0 empty, ~1 filled)
    coverage: np.ndarray  # fraction of the inner disc that is inked
    ring: np.ndarray  # calibrated darkness just outside the outline
    inside_image: np.ndarray  # bool: the bubble lies inside the photographed area
    outline: np.ndarray  # how much darker the printed outline is than either side of it


def _project(H: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Template points (N, 2) -> image pixels (N, 2), float32."""
    import cv2

    p = np.ascontiguousarray(pts, dtype=np.float32).reshape(-1, 1, 2)
    if not len(p):
        return np.zeros((0, 2), np.float32)
    return cv2.perspectiveTransform(p, H).reshape(-1, 2)


def _sample(image: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Bilinear samples of ``image`` at pixel positions ``xy`` (N, 2)."""
    import cv2

    n = len(xy)
    if not n:
        return np.empty(0, np.float32)
    cols = 16384  # remap maps are limited to SHRT_MAX columns: fold the points into rows
    rows = -(-n // cols) if n > cols else 1
    width = cols if n > cols else n
    mx = np.zeros(rows * width, np.float32)
    my = np.zeros(rows * width, np.float32)
    mx[:n], my[:n] = xy[:, 0], xy[:, 1]
    out = cv2.remap(image, mx.reshape(rows, width), my.reshape(rows, width), cv2.INTER_LINEAR,
                    borderMode=cv2.BORDER_REPLICATE)
    return out.reshape(-1)[:n].astype(np.float32, copy=False)


@dataclass
class _Points:
    """Sample points of one kind, sorted by block, in warped-page pixels (cached): laid
    out as a remap map (rows of :data:`_COLS` points, the last row padded)."""

    px: np.ndarray  # (rows * _COLS, 2) float32, template points * SCALE, sorted by block
    m: int  # how many of them are real points
    order: np.ndarray | None  # sorted position -> original position (None: already sorted)
    blocks: list[tuple[int, int, int]]  # (block, start, stop) in the sorted points
    owner: np.ndarray  # the bubble of each sorted point
    starts: np.ndarray  # where each bubble's run of sorted points starts ...
    runs: np.ndarray  # ... and which bubble it is


_COLS = 16384  # remap maps are limited to SHRT_MAX columns: points folded into rows


def _parts(g: _Geometry, name: str, pts: np.ndarray, owner: np.ndarray) -> _Points:
    """The points of each block together (cached with the geometry)."""
    hit = g.parts.get(name)
    if hit is None:
        block_of = g.bubble_block[owner] if len(owner) else owner
        order = np.argsort(block_of, kind="stable")
        keys, starts = np.unique(block_of[order], return_index=True)
        stops = list(starts[1:]) + [len(order)]
        sorted_ = bool(np.all(order == np.arange(len(order))))
        m = len(order)
        px = np.zeros((max(1, -(-m // _COLS)) * _COLS if m > _COLS else max(m, 1), 2), np.float32)
        px[:m] = pts[order] * SCALE
        own = owner[order]
        runs = np.flatnonzero(np.r_[True, own[1:] != own[:-1]]) if m else np.zeros(0, np.intp)
        hit = _Points(px, m, None if sorted_ else order,
                      [(int(k), int(a), int(b)) for k, a, b in zip(keys, starts, stops, strict=True)],
                      own, runs, own[runs] if m else runs)
        g.parts[name] = hit
    return hit


def measure(canon: np.ndarray, H: np.ndarray, image_size: tuple[int, int], t: Template, page: int,
            corrections: dict[int, np.ndarray] | None = None) -> tuple[_Geometry, BubbleMeasures]:
    """Measure every bubble of ``page`` on ``canon``, the page warped into template space
    through ``H`` (verify.warp_page: brightness, 255 = paper, :data:`SCALE` px/pt) — the same
    warp verification looked at, so the image is resampled once. A block in
    ``corrections`` is sampled through its local correction (template points -> corrected
    template points, from verification). ``image_size`` (w, h) of the photographed area."""
    import cv2

    g = _geometry(t, page)
    n = len(g.centres)
    corr = corrections or {}

    def sample(P: _Points) -> np.ndarray:
        """Brightness (255 = paper) at these points (in their sorted order), through each
        block's mapping."""
        xy = P.px.copy()
        for bi, a, b in P.blocks:
            C = corr.get(bi)
            if C is not None:  # SCALE * (L p + t) = L (SCALE p) + SCALE t
                M = np.c_[C[:2, :2], SCALE * C[:2, 2]]
                cv2.transform(P.px[a:b].reshape(-1, 1, 2), M, dst=xy[a:b].reshape(-1, 1, 2))
        got: np.ndarray = cv2.remap(canon, xy.reshape(-1, min(len(xy), _COLS), 2), None,  # type: ignore[call-overload]
                                    cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        vals: np.ndarray = got.reshape(-1)[: P.m].astype(np.float32)
        return vals

    def mean(P: _Points, vals: np.ndarray, count: np.ndarray) -> np.ndarray:
        out = np.zeros(n)
        if P.m:
            out[P.runs] = np.add.reduceat(vals, P.starts, dtype=np.float64)
        means: np.ndarray = out / count
        return means

    paper = _paper(canon, g.centres / SCALE)
    inner = _parts(g, "inner", g.inner_pts, g.inner_owner)
    vals = sample(inner)
    ring_p = _parts(g, "ring", g.ring_pts, g.ring_owner)
    d = 1.0 - mean(inner, vals, g.inner_count) / paper
    dr = 1.0 - mean(ring_p, sample(ring_p), g.ring_count) / paper
    fill, ring, coverage = _calibrate(g, d, dr, vals, inner.owner, paper)
    # Bubbles whose centre falls outside the photographed area cannot be read.
    pts = _project(H, g.centres.astype(np.float64) / SCALE)
    iw, ih = image_size
    inside = (pts[:, 0] >= 2) & (pts[:, 1] >= 2) & (pts[:, 0] < iw - 2) & (pts[:, 1] < ih - 2)
    # Alignment check: a printed outline is darker than just inside and just outside it.
    outl = _parts(g, "outline", g.outline_pts, np.repeat(np.arange(n), len(OUTLINE_RADII) * OUTLINE_N))
    ov = sample(outl)
    if outl.order is not None:
        ov[outl.order] = ov.copy()
    ov = ov.reshape(n, len(OUTLINE_RADII), OUTLINE_N)
    od = 1.0 - ov / paper[:, None, None]
    on = od[:, 1:-1, :].max(axis=1).mean(axis=1)
    outline = on - np.maximum(od[:, 0, :].mean(axis=1), od[:, -1, :].mean(axis=1))
    return g, BubbleMeasures(fill, coverage, ring, inside, outline)


def _paper(canon: np.ndarray, centres_pt: np.ndarray) -> np.ndarray:
    """Paper brightness at each bubble: the lightest level within ~14 pt (wider than a
    filled bubble, narrower than a shadow's edge), on a 1/4 copy of the warped page."""
    import cv2

    red = 4
    small = canon
    for _half in range(2):  # halving twice: OpenCV's fast path, a sixth of the cost of a quarter at once
        h, w = small.shape
        small = cv2.resize(small[: max(h // 2 * 2, 2), : max(w // 2 * 2, 2)], (max(w // 2, 1), max(h // 2, 1)),
                           interpolation=cv2.INTER_AREA)
    k = max(3, int(round(14 * SCALE / red)) | 1)
    bg = cv2.blur(cv2.dilate(small, np.ones((k, k), np.uint8)), (3, 3))
    xy = (centres_pt * SCALE / red - 0.5 + 0.5 / red).astype(np.float32)
    paper: np.ndarray = np.maximum(_sample(bg, xy), 24.0)
    return paper


def _calibrate(g: _Geometry, d: np.ndarray, dr: np.ndarray, vals: np.ndarray, owner: np.ndarray,
               paper: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fill, ring, coverage) calibrated: 0 = the page's typical empty bubble, 1 = its
    typical filled one. Bubbles printed alike (the same letter in the same size) share a
    baseline: most are empty."""
    n = len(d)
    b0 = float(_percentile(d, 25)) if n else 0.0
    b0r = float(_percentile(dr, 25)) if n else 0.0
    base = _group_baseline(d, g.groups, _field_floor(d, g, b0, 0.08), 0.08)
    base_r = _group_baseline(dr, g.groups, np.full(n, b0r), 0.08)
    # The typical mark: the darkest bubble of each question that seems answered.
    tops = np.array([d[a:b].max() for (a, b), f in zip(g.slices, g.fields, strict=True) if f.kind == "question" and b > a])
    answered = tops[tops > b0 + 0.15] if len(tops) else tops
    ink = float(np.median(answered)) if len(answered) >= 3 else b0 + 0.55
    ink = float(np.clip(ink, b0 + 0.25, b0 + 0.95))
    span = ink - b0
    # Coverage: the share of the disc at least half as dark as a typical mark.
    dpix = 1.0 - vals / paper[owner]  # (vals: the inner points' brightness; owner: their bubbles)
    inked = dpix > b0 + 0.5 * span
    coverage = np.bincount(owner, inked.astype(np.float32), minlength=n) / g.inner_count
    c0 = float(_percentile(coverage, 25)) if n else 0.0
    base_c = _group_baseline(coverage, g.groups, _field_floor(coverage, g, c0, 0.1), 0.1)
    return (d - base) / span, (dr - base_r) / span, coverage - base_c


def _clip01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def decide(
    f: Field, fill_a: np.ndarray, coverage_a: np.ndarray, ring_a: np.ndarray, policy: Policy, inside: bool = True,
    faint: float = 0.1,
) -> FieldRead:
    """The decision for one field from its bubbles' measures.

    ``faint``: how far one bubble may stand out from the rest of its row before a blank
    row goes to review (a light or stippled pencil mark), from the page's noise level."""
    # Plain floats: this runs for every question of every page.
    m = _Marks(fill_a.tolist(), coverage_a.tolist(), ring_a.tolist(), f.choices, policy.review_threshold)
    fills = {v: round(x, 3) for v, x in zip(m.labels, m.fill, strict=True)}
    out = FieldRead(name=f.name, kind=f.kind, number=f.number, marked=[], status=REVIEW, confidence=0.0, fills=fills)
    if not inside:
        out.reason = _("outside the image")
        return out
    idx = list(range(len(m.labels)))
    if policy.cancel_full_box:
        cancelled = [j for j in idx if m.fill[j] > 0.75 and m.ring[j] > 0.6]
        out.cancelled = [m.labels[j] for j in cancelled]
        idx = [j for j in idx if j not in cancelled]
    order = sorted(idx, key=lambda j: -m.fill[j])
    vals = [float(m.fill[j]) for j in order] + [0.0, 0.0]
    strong = [j for j in order if m.fill[j] >= MARK]
    grey = [j for j in order if EMPTY < m.fill[j] < MARK]
    if not strong:
        _decide_blank(out, m, idx, vals, grey, faint)
    elif len(strong) == 1:
        _decide_single(out, m, order, vals, grey)
    else:
        _decide_multiple(out, m, strong, vals, grey)
    return out


@dataclass
class _Marks:
    """One field's bubble measures as plain lists (decide runs for every question)."""

    fill: list[float]
    coverage: list[float]
    ring: list[float]
    labels: list[str]
    T: float  # the review threshold


def _reason_for(m: _Marks, j: int) -> str:
    """Why a light bubble ``j`` is not a mark: what it looks like."""
    if m.ring[j] > 0.35 and m.coverage[j] < 0.7:
        return _("stray mark")
    if m.fill[j] > 0.1 and m.coverage[j] >= 0.5 * m.fill[j]:
        return _("crossed out")  # dark strokes over part of the bubble: a check or a cross
    return _("faint")


def _decide_blank(out: FieldRead, m: _Marks, idx: list[int], vals: list[float], grey: list[int],
                  faint: float) -> None:
    """No bubble reaches a mark: blank, or review (faint, crossed out, stray mark)."""
    T = m.T
    top = vals[0]
    cov_max = max((float(m.coverage[j]) for j in idx), default=0.0)
    # Empty needs low darkness AND no inked strokes (a thin check mark is not dark).
    # ...and no bubble standing out from its row (a faint mark is still a mark).
    rest = sorted(max(float(m.fill[j]), 0.0) for j in idx)[:-1]
    contrast = top - (statistics.median(rest) if rest else 0.0)
    conf = _clip01(min(0.5 + (BLANK_MAX - top) / 0.25, 0.5 + (0.12 - cov_max) / 0.2,
                       0.5 + (0.1 - contrast) / 0.1))
    if contrast >= faint and top > 0.0:
        conf = min(conf, T - 0.01)  # one bubble stands out: a faint mark, not a blank
    if conf >= T and not grey:
        out.status, out.confidence = BLANK, conf
        return
    out.confidence = min(conf, T - 0.01)
    stroked = max(idx, key=lambda j: m.coverage[j]) if idx else 0
    if grey or contrast < faint:
        out.reason = _("ambiguous") if len(grey) > 1 else _reason_for(m, grey[0] if grey else stroked)
    else:
        out.reason = _("faint")


def _decide_single(out: FieldRead, m: _Marks, order: list[int], vals: list[float], grey: list[int]) -> None:
    """One mark: either clearly one mark among empty bubbles, or a dark mark far above a
    light trace (an erasure, noise in a photo): accepted only with a wide gap."""
    top, second = vals[0], vals[1]
    conf = 0.5 + min(top - 0.75, 0.4 - second, top - 2.5 * second) / 0.5
    if not grey:
        conf = max(conf, min(0.5 + (top - MARK) / 0.6, 0.5 + (BLANK_MAX - second) / 0.25))
    conf = _clip01(conf)
    if conf >= m.T:
        out.marked, out.status, out.confidence = [m.labels[order[0]]], OK, conf
        if grey:
            out.reason = _("erasure ignored")
    else:
        out.confidence = conf
        out.reason = (_("erased") if m.coverage[grey[0]] >= 0.4 else _reason_for(m, grey[0])) if grey else _("faint")


def _decide_multiple(out: FieldRead, m: _Marks, strong: list[int], vals: list[float], grey: list[int]) -> None:
    """Several marks: a multiple mark, or review when one of them is light or blacked out."""
    T = m.T
    low = float(m.fill[strong[-1]])
    nxt = vals[len(strong)]
    conf = 0.5 + min(low - 0.75, BLANK_MAX - nxt, low / max(vals[0], 1e-6) - 0.7) / 0.4
    if any(m.ring[j] > 0.45 for j in strong):  # blacked out around, but not fully: a cancel?
        conf = min(conf, T - 0.01)
    conf = _clip01(conf)
    if conf >= T and not grey:
        out.marked = sorted(m.labels[j] for j in strong)
        out.status, out.confidence = MULTIPLE, conf
    else:
        out.confidence = min(conf, T - 0.01) if grey else conf
        out.reason = _("ambiguous")


def _read_qr(image: np.ndarray, H: np.ndarray, t: Template, page: int) -> str | None:
    import cv2

    q = t.qr_on(page)
    if q is None:
        return None
    margin = 6.0
    det = cv2.QRCodeDetector()
    module = q.size / (QR_MODULES + 2 * QR_BORDER)
    patch = image
    for s in (2.0, 3.0):  # ~4 then ~6 pixels per module
        size = int((q.size + 2 * margin) * s)
        T = np.array([[1 / s, 0, q.x - margin], [0, 1 / s, q.y - margin], [0, 0, 1]])
        patch = cv2.warpPerspective(
            image, H @ T, (size, size), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT, borderValue=255,
        )
        # Our sheets print a fixed QR version, so its corners are known: decode directly.
        a, b = (margin + QR_BORDER * module) * s, (margin + (QR_BORDER + QR_MODULES) * module) * s
        corners = np.array([[[a, a], [b, a], [b, b], [a, b]]], np.float32)
        try:
            text = det.decode(patch, corners)[0]
        except cv2.error:
            text = ""
        if text:
            return str(text)
    for candidate in (patch, cv2.threshold(patch, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]):
        try:
            text = det.detectAndDecode(candidate)[0]
        except cv2.error:
            text = ""
        if text:
            return str(text)
    return None


def read_page(image: np.ndarray, template: Template, *, file: str = "", page: int = 1,
              sheet_page: int = 1) -> PageResult:
    """Read one greyscale page image against ``template`` (not scored: see score.py).

    If the image holds several sheets (fed two-up), this is the first; see read_sheets.
    """
    return read_sheets(image, template, file=file, page=page, sheet_page=sheet_page)[0]


def read_sheets(image: np.ndarray, template: Template, *, file: str = "", page: int = 1,
                sheet_page: int = 1) -> list[PageResult]:
    """Every sheet in one page image (usually one; two when a scanner fed sheets two-up).

    ``page``: the page of the file (for the result); ``sheet_page``: which page of a
    multi-page form this is expected to be, for forms whose marks do not say: it is tried
    first, and the page is the one its printed bubbles confirm (app/grading/register_pages.py)."""
    t0 = time.perf_counter()
    if pages_by_content(template):  # a page of a multi-page form: which one?
        ident = identify_page(image, template, sheet_page)
        result = _read_registered(image, template, ident.reg, file, page, time.perf_counter() - t0, ident.fit)
        apply_identity(result, ident)
        return [result]
    regs = register_all(image, template, sheet_page)
    elapsed = (time.perf_counter() - t0) / len(regs)
    results = [_read_registered(image, template, reg, file, page, elapsed) for reg in regs]
    if len(results) > 1:
        for n, r in enumerate(results, start=1):
            r.sheet = n
    return results


def _read_registered(
    image: np.ndarray, template: Template, reg: Registered, file: str, page: int, reg_time: float,
    fit: Fit | None = None,
) -> PageResult:
    """Read a registered page; ``fit``: its verified fit when already made (a page of a
    multi-page form identified by its bubbles)."""
    from app.grading.verify import fit_page

    t1 = time.perf_counter()
    result = PageResult(file=file, page=page, status=REVIEW, image_size=(image.shape[1], image.shape[0]))
    result.timings["registration"] = reg_time
    result.registration, result.registration_note = reg.method, reg.note
    if not reg.ok:
        result.status = NOT_A_SHEET if reg.not_a_sheet else REVIEW
        result.reason = reg.reason
        result.sheet_page = reg.page if reg.marks_found else None
        return result
    assert reg.homography is not None
    result.sheet_page = reg.page
    # Verification: the printed bubble outlines must confirm the fit, block by block.
    H, checks, canon, note = fit or fit_page(image, template, reg)
    result.registration_note += note
    result.homography = H.tolist()
    corrections = {c.index: c.correction for c in checks if c.verified}
    t_v = time.perf_counter()
    result.timings["verification"] = t_v - t1
    g, m = measure(canon, H, (image.shape[1], image.shape[0]), template, reg.page, corrections)
    empty_all = m.fill < EMPTY
    confirmed = m.outline >= OUTLINE_FOUND
    _score_blocks(checks, g, empty_all, confirmed)
    result.verification = [c.to_dict() for c in checks]
    overall = float(np.median(m.outline[empty_all])) if empty_all.any() else 0.0
    if checks and not any(c.verified for c in checks) and overall < MISALIGNED:
        result.status = NOT_A_SHEET
        result.reason = _("the bubbles are not where this template puts them: a different form or paper size")
        result.timings["reading"] = time.perf_counter() - t1
        return result
    for fr in _field_reads(g, m, template, {c.index: c for c in checks}, empty_all, confirmed):
        _file_read(result, fr)
    t2 = time.perf_counter()
    result.timings["reading"] = t2 - t_v
    result.qr_text = _read_qr(image, reg.homography, template, reg.page)
    result.timings["qr"] = time.perf_counter() - t2
    _identity(result, template, reg)
    bad = [c for c in checks if not c.verified]
    if bad:
        note = "; ".join(_("{name} not verified ({reason})").format(name=c.name, reason=c.reason) for c in bad)
        result.status = REVIEW
        result.reason = f"{note}; {result.reason}" if result.reason else note
    return result


def _score_blocks(checks: list[BlockCheck], g: _Geometry, empty_all: np.ndarray, confirmed: np.ndarray) -> None:
    """Each block's share of empty bubbles whose printed outline was found; too few: the
    block is not verified after all."""
    for c in checks:
        sel = (g.bubble_block == c.index) & empty_all
        c.score = float(confirmed[sel].mean()) if sel.any() else 0.0
        if c.verified and sel.sum() >= 4 and c.score < MIN_CONFIRMED:
            c.verified = False
            c.reason = _("printed outlines found for only {percent:.0f}% of its empty bubbles").format(percent=100 * c.score)


def _field_reads(g: _Geometry, m: BubbleMeasures, template: Template, by_block: dict[int, BlockCheck],
                 empty_all: np.ndarray, confirmed: np.ndarray) -> list[FieldRead]:
    """Every field decided; a field of a block that did not verify goes to review."""
    # Faint marks: a bubble standing out from its row by several times the page's noise.
    quiet = m.fill[m.fill < EMPTY]
    noise = float(1.4826 * np.median(np.abs(quiet - np.median(quiet)))) if len(quiet) > 10 else 0.02
    faint = max(0.05, 5 * noise)
    starts = np.array([a for a, _ in g.slices], np.intp)
    if not len(starts):
        return []
    n_empty = np.add.reduceat(empty_all.astype(np.int32), starts).tolist()
    n_found = np.add.reduceat((empty_all & confirmed).astype(np.int32), starts).tolist()
    inside_all = np.minimum.reduceat(m.inside_image.astype(np.int8), starts).tolist()
    T = template.policy.review_threshold
    out = []
    for k, (f, (a, b)) in enumerate(zip(g.fields, g.slices, strict=True)):
        fr = decide(f, m.fill[a:b], m.coverage[a:b], m.ring[a:b], template.policy, bool(inside_all[k]), faint)
        chk = by_block.get(f.block)
        why = ""
        if chk is not None and not chk.verified:
            why = _("not verified: {reason}").format(reason=chk.reason)
        elif n_empty[k] >= 2 and n_found[k] == 0:
            why = _("not aligned with the template (bubble outlines not found)")
        if why and fr.status != REVIEW:
            fr.status, fr.marked, fr.reason = REVIEW, [], why
            fr.confidence = min(fr.confidence, T - 0.01)
        elif why:
            fr.reason = why
        out.append(fr)
    return out


def _file_read(result: PageResult, fr: FieldRead) -> None:
    if fr.kind == "question":
        result.answers.append(fr)
    elif fr.kind == "id_digit":
        result.id_digits.append(fr)
    elif fr.kind == "grid":
        result.grid_fields.append(fr)
    else:
        result.version_field = fr


def _identity(r: PageResult, t: Template, reg: Registered) -> None:
    """Exam check, student ID, version and the page's overall status."""
    r.exam_id = t.exam_id
    qr = parse_qr_payload(r.qr_text) if r.qr_text else None
    if qr is not None and t.exam_id and qr["exam_id"] != t.exam_id:
        r.status = NOT_A_SHEET
        r.reason = _("this is a sheet of exam {exam_id}, not of this template ({template_exam_id})").format(
            exam_id=qr["exam_id"], template_exam_id=t.exam_id)
        r.answers, r.id_digits, r.version_field = [], [], None
        return
    reasons = _student_id(r, qr, reg.page)
    reasons += _grids(r, t, reg.page)
    reasons += _version(r, t, qr)
    n_review = sum(1 for a in r.answers if a.status == REVIEW)
    if n_review:
        reasons.append(ngettext("{n} answer to check", "{n} answers to check", n_review).format(n=n_review))
    confs = [a.confidence for a in r.answers] + [d.confidence for d in r.id_digits]
    confs += [g.confidence for g in r.grid_fields]
    if r.version_field is not None:
        confs.append(r.version_field.confidence)
    r.confidence = float(min(confs + [reg.confidence])) if confs else reg.confidence
    r.status = REVIEW if reasons else OK
    r.reason = "; ".join(reasons)


def _student_id(r: PageResult, qr: dict[str, str | int] | None, page: int) -> list[str]:
    """Student ID: printed (QR) first, then the bubbled grid, cross-checked."""
    grid_id, grid_problem = _grid_id(r.id_digits)
    qr_id = str(qr["student_id"]) if qr and qr["student_id"] else ""
    if qr_id:
        r.student_id, r.student_id_source = qr_id, "qr"
        if grid_id and grid_id != qr_id:
            return [_("ID grid ({grid_id}) disagrees with the printed ID ({qr_id})").format(grid_id=grid_id, qr_id=qr_id)]
    elif r.id_digits:
        if grid_problem:
            return [grid_problem]
        if grid_id:
            r.student_id, r.student_id_source = grid_id, "grid"
        elif page == 1:
            return [_("no student ID bubbled")]
    return []


def _grids(r: PageResult, t: Template, page: int) -> list[str]:
    """Letter grids (names) and other ID-like grids printed on this page."""
    reasons = []
    for label in t.grid_labels():
        names = {f.name for f in t.fields() if f.kind == "grid" and f.label == label and f.page == page}
        if not names:
            continue  # a grid on another page of the form
        text, problem = _grid_text([g for g in r.grid_fields if g.name in names])
        r.grids[label] = text
        if problem:
            reasons.append(f"{label}: {problem}")
    return reasons


def _version(r: PageResult, t: Template, qr: dict[str, str | int] | None) -> list[str]:
    """Version: printed first, then bubbles."""
    qr_version = str(qr["version"]) if qr and qr["version"] else ""
    vf = r.version_field
    optional = any(b.kind == "version" and b.optional for b in t.blocks)
    if qr_version:
        r.version = qr_version
    elif vf is not None:
        if vf.status == OK:
            r.version = vf.marked[0]
        elif vf.status == BLANK:
            if not optional:
                return [_("version not bubbled")]
        else:
            return [_("version: {reason}").format(reason=vf.reason or mark_status_label(vf.status))]
    return []


def _grid_text(cells: list[FieldRead]) -> tuple[str, str]:
    """(text, problem) of a letter or ID-like grid: blanks inside a name are spaces."""
    out: list[str] = []
    for c in sorted(cells, key=lambda c: c.number):
        if c.status == OK:
            out.append(c.marked[0])
        elif c.status == BLANK:
            out.append(" ")
        elif c.status == MULTIPLE:
            return "", _("position {number} has two marks").format(number=c.number)
        else:
            return "", _("position {number}: {reason}").format(number=c.number, reason=c.reason)
    return "".join(out).strip(), ""


def _grid_id(digits: list[FieldRead]) -> tuple[str, str]:
    """(id, problem) from the ID grid: digits left to right, trailing blanks allowed."""
    if not digits:
        return "", ""
    out = []
    ended = False
    for d in digits:
        if d.status == OK:
            if ended:
                return "", _("ID digit {number} follows a blank digit").format(number=d.number)
            out.append(d.marked[0])
        elif d.status == BLANK:
            ended = True
        elif d.status == MULTIPLE:
            return "", _("ID digit {number} has two marks").format(number=d.number)
        else:
            return "", _("ID digit {number}: {reason}").format(number=d.number, reason=d.reason)
    return "".join(out), ""
