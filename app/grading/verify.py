"""Verification after registration: does the printed form confirm where the template says
the bubbles are?

Registration (any method) gives a homography from template points to image pixels. A
homography from four marks always fits, so on its own it proves nothing. This module
looks at the printed bubble outlines themselves, block by block:

1. The page is warped into template space (:data:`SCALE` pixels per point).
2. Each block is cut into chunks of a few items. For each chunk the block's printed
   outlines (drawn from the template) are correlated with the page within a window of
   less than half a step — so a chunk can be pulled onto its own row but never onto the
   neighbouring one. A peak on the window's edge means "the bubbles are further away
   than that": not verified.
3. The chunk offsets give a small affine correction per block (residual print scale,
   paper stretch, a slightly wrong registration) and the residuals left after it, in
   points.
4. Rows (items) one step beyond each end of the block are probed: printed outlines there
   mean the grid may sit a whole row off.

The reader then measures every bubble through its block's corrected mapping and checks
that each bubble's outline is really there (:func:`outline_confirmed`). A block that fails
any of these is *not verified*: its fields go to review with the reason, never decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from app.core.i18n import _
from app.grading.template import Block, Template

if TYPE_CHECKING:
    from app.grading.register import Registered

SCALE = 2.0  # pixels per point of the warped page
SEARCH = 0.3  # search window, as a share of the block's smallest step
CHUNK = 5  # items per chunk
MAX_RESIDUAL_PT = 1.6  # RMS of the chunk offsets left after the block's affine fit
MAX_AFFINE = 0.04  # a block stretched or sheared more than 4% is not the printed grid
MIN_NCC = 0.18  # correlation of a chunk's outlines with the page at its best offset


@dataclass
class BlockCheck:
    """The verdict on one block of bubbles."""

    index: int  # position in Template.blocks
    page: int
    name: str  # "questions 1-25", "student_id", ...
    verified: bool = False
    score: float = 0.0  # share of its empty bubbles whose printed outline was found
    ncc: float = 0.0  # median correlation of the block's chunks with the page
    residual_pt: float = 0.0  # RMS distance left between template and print after the fit
    shift_pt: tuple[float, float] = (0.0, 0.0)  # mean correction applied to the block
    reason: str = ""
    # 3x3, template points -> corrected template points (the block's local correction)
    correction: np.ndarray = field(default_factory=lambda: np.eye(3))
    # chunk centres in template points and where the print put them (for a global refit)
    src: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    dst: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))

    def to_dict(self) -> dict[str, object]:
        return {
            "block": self.name,
            "page": self.page,
            "verified": self.verified,
            "score": round(self.score, 3),
            "residual_pt": round(self.residual_pt, 2),
            "shift_pt": [round(self.shift_pt[0], 2), round(self.shift_pt[1], 2)],
            "reason": self.reason,
        }


def block_name(b: Block) -> str:
    if b.kind == "questions":
        return _("questions {first}-{last}").format(first=b.first, last=b.first + b.count - 1)
    if b.kind == "version":
        return _("version")
    return b.field_label()


def _steps(b: Block) -> float:
    steps = [float(np.hypot(*s)) for s in (b.item_step, b.choice_step) if np.hypot(*s) > 1e-6]
    return min(steps) if steps else max(b.bubble)


def _block_rect(b: Block) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in points: the part of the page verification looks at for ``b`` —
    its bubbles, the rows one step beyond its ends, and the widest search window."""
    grid, size = _block_bubbles(b)
    pts = np.vstack([grid.reshape(-1, 2), phantom_points(b)])
    steps = [float(np.hypot(*s)) for s in (b.item_step, b.choice_step)]
    margin = 0.75 * float(max(size)) + max(steps + [float(max(size))]) + 4.0
    return (float(pts[:, 0].min()) - margin, float(pts[:, 1].min()) - margin,
            float(pts[:, 0].max()) + margin, float(pts[:, 1].max()) + margin)


def warp_page(image: np.ndarray, H: np.ndarray, t: Template, page: int | None = None) -> np.ndarray:
    """The page in template space at :data:`SCALE` px/pt (uint8 brightness, 255 = paper).

    With ``page``, only the parts verification and measuring look at (each block of that
    page with its margins) are warped; the rest stays paper. Blocks cover a fraction of
    the page, and the warp was the costliest step of reading a clean scan (where two
    blocks' margins overlap, those pixels are warped twice, to the same values)."""
    import cv2

    img = image
    Hs = H @ np.diag([1 / SCALE, 1 / SCALE, 1.0])
    # Image pixels per point: shrink first when much finer, so 1-px outlines survive.
    c = np.array([[[t.page_width / 2, t.page_height / 2]], [[t.page_width / 2 + 10, t.page_height / 2]]], np.float64)
    p = cv2.perspectiveTransform(c, H).reshape(-1, 2)
    ppp = float(np.hypot(*(p[1] - p[0]))) / 10
    while ppp > 1.5 * SCALE:  # much finer than the warped page: halve first
        img = cv2.pyrDown(img)
        Hs = np.diag([0.5, 0.5, 1.0]) @ Hs
        ppp /= 2
    w, h = int(round(t.page_width * SCALE)), int(round(t.page_height * SCALE))
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    if page is None:
        full: np.ndarray = cv2.warpPerspective(img, Hs, (w, h), flags=flags, borderMode=cv2.BORDER_REPLICATE)
        return full
    out = np.full((h, w), 255, np.uint8)
    for x0, y0, x1, y1 in (_block_rect(b) for b in t.blocks if b.page == page):
        X0, Y0 = max(int(np.floor(x0 * SCALE)), 0), max(int(np.floor(y0 * SCALE)), 0)
        X1, Y1 = min(int(np.ceil(x1 * SCALE)), w), min(int(np.ceil(y1 * SCALE)), h)
        if X1 <= X0 or Y1 <= Y0:
            continue
        Ht = Hs @ np.array([[1.0, 0, X0], [0, 1.0, Y0], [0, 0, 1.0]])
        A = _affine_within(Ht, X1 - X0, Y1 - Y0, 0.05)
        if A is not None:  # a flat scan: the same pixels at less than half the cost
            cv2.warpAffine(img, A, (X1 - X0, Y1 - Y0), dst=out[Y0:Y1, X0:X1], flags=flags,
                           borderMode=cv2.BORDER_REPLICATE)
        else:
            cv2.warpPerspective(img, Ht, (X1 - X0, Y1 - Y0), dst=out[Y0:Y1, X0:X1], flags=flags,
                                borderMode=cv2.BORDER_REPLICATE)
    return out


def _affine_within(H: np.ndarray, w: int, h: int, tol_px: float) -> np.ndarray | None:
    """The affine map (2x3) that stands in for the homography ``H`` over a w x h image,
    or None when they differ anywhere by more than ``tol_px`` (perspective: a photo).

    Over a rectangle a homography's departure from its best affine fit is largest at
    the corners and edge midpoints, so a 3x3 grid of points bounds it."""
    gx, gy = np.meshgrid([0.0, w / 2, w], [0.0, h / 2, h])
    src = np.c_[gx.ravel(), gy.ravel(), np.ones(9)]
    p = src @ H.T
    dst = p[:, :2] / p[:, 2:3]
    A, *_ = np.linalg.lstsq(src, dst, rcond=None)
    err = float(np.abs(src @ A - dst).max())
    return np.ascontiguousarray(A.T) if err <= tol_px else None


_KERNELS: dict[bytes, np.ndarray] = {}


def _kernel(centres: np.ndarray, sizes: np.ndarray, x0: float, y0: float, w: int, h: int,
            s: float = SCALE) -> np.ndarray:
    """The printed outlines of these bubbles, drawn as 1 on 0 (template space pixels).

    Chunks of a block are alike (five rows of five bubbles), so kernels are cached by
    their geometry relative to the corner, to a quarter pixel."""
    key = np.round(np.c_[(centres - (x0, y0)) * s * 4, sizes * s * 4]).astype(np.int32).tobytes() + \
        np.array([w, h], np.int32).tobytes()
    hit = _KERNELS.get(key)
    if hit is None:
        if len(_KERNELS) > 512:
            _KERNELS.clear()
        hit = _KERNELS[key] = _draw_kernel(centres, sizes, x0, y0, w, h, s)
    return hit


def _draw_kernel(centres: np.ndarray, sizes: np.ndarray, x0: float, y0: float, w: int, h: int,
                 s: float) -> np.ndarray:
    import cv2

    k = np.zeros((h, w), np.float32)
    # Templates give a bubble's outer size (the printed stroke's outside), measured or
    # typed to within a point: a ring a little inside it, a little wide, fits them all.
    for (cx, cy), (bw, bh) in zip(centres, sizes, strict=True):
        th = max(2, int(round(0.12 * min(bw, bh) * s)))
        cv2.ellipse(k, (int(round((cx - x0) * s * 4)), int(round((cy - y0) * s * 4))),
                    (int(round(0.91 * bw / 2 * s * 4)), int(round(0.91 * bh / 2 * s * 4))), 0, 0, 360, 1.0,
                    th, cv2.LINE_AA, shift=2)
    return k


def coarse_page(page: np.ndarray) -> np.ndarray:
    """The warped page at half its scale (box filter): verification searches on it.

    A coarse pixel is the mean of a 2x2 square: its centre sits a quarter point right of
    and below where the fine page puts that pixel index (see :data:`COARSE_SHIFT`)."""
    import cv2

    h, w = page.shape
    return cv2.resize(page[: h // 2 * 2, : w // 2 * 2], (w // 2, h // 2), interpolation=cv2.INTER_AREA)


COARSE_SHIFT = 0.25  # points: the correction of an offset measured on coarse_page
COARSE = SCALE / 2  # pixels per point of coarse_page


@dataclass
class _Rows:
    """How well one item's printed outlines fit the page around every item of a block.

    One correlation map per block (the outlines of a single item slid over the whole
    block) answers every question verification asks: where the block is, where each
    chunk of items is, whether it fits better half a pitch off, and whether the items at
    and beyond its ends sit on printed bubbles. ``win[i, a, c]`` is the correlation of
    item ``i - first`` (``first`` is 1 when there is a row one step before the block;
    the last row is then one step after it) displaced by :meth:`offset` of (c, a)."""

    win: np.ndarray  # (rows, 2r+1, 2r+1)
    r: int
    first: int

    def index(self, d: tuple[float, float]) -> tuple[float, float]:
        """Window index (x, y) of a displacement in points."""
        return (self.r + (d[0] - COARSE_SHIFT) * COARSE, self.r + (d[1] - COARSE_SHIFT) * COARSE)

    def offset(self, ix: float, iy: float) -> tuple[float, float]:
        """Displacement in points of a window index (x, y)."""
        return ((ix - self.r) / COARSE + COARSE_SHIFT, (iy - self.r) / COARSE + COARSE_SHIFT)

    def mean(self, a: int, b: int) -> np.ndarray:
        """The correlation of items a..b-1 together, at each displacement."""
        part = self.win[a + self.first : b + self.first]
        return np.asarray(part[0] if len(part) == 1 else part.sum(axis=0) * (1.0 / len(part)))

    def peak(self, S: np.ndarray, around: tuple[float, float], radius_pt: float
             ) -> tuple[float, float, float, bool]:
        """(dx, dy, ncc, interior): the best displacement within ±radius_pt of ``around``;
        a peak on the window's edge means the print is further away than that."""
        cx, cy = self.index(around)
        ix, iy = int(round(cx)), int(round(cy))
        rad = max(1, int(np.ceil(radius_pt * COARSE)))
        n = S.shape[0]
        x0, y0 = max(ix - rad, 0), max(iy - rad, 0)
        x1, y1 = min(ix + rad + 1, n), min(iy + rad + 1, n)
        if x1 <= x0 or y1 <= y0:
            return around[0], around[1], 0.0, False
        sub = S[y0:y1, x0:x1]
        my, mx = np.unravel_index(int(np.argmax(sub)), sub.shape)
        interior = 0 < mx < sub.shape[1] - 1 and 0 < my < sub.shape[0] - 1
        sx, sy = float(x0 + mx), float(y0 + my)
        if interior:
            y, x = y0 + my, x0 + mx
            sx += _vertex(S[y, x - 1].item(), S[y, x].item(), S[y, x + 1].item())
            sy += _vertex(S[y - 1, x].item(), S[y, x].item(), S[y + 1, x].item())
        dx, dy = self.offset(sx, sy)
        return dx, dy, float(sub[my, mx]), bool(interior)

    def best_near(self, item: int, d: tuple[float, float], radius_pt: float) -> float:
        """The best correlation of one item (-1: the row before the block) within
        ±radius_pt of displacement ``d``."""
        cx, cy = self.index(d)
        rad = max(1, int(round(radius_pt * COARSE)))
        ix, iy = int(round(cx)), int(round(cy))
        w = self.win[item + self.first, max(iy - rad, 0) : iy + rad + 1, max(ix - rad, 0) : ix + rad + 1]
        return float(w.max()) if w.size else -1.0


def _vertex(a: float, b: float, c: float) -> float:
    """Sub-pixel offset of a parabola's vertex through three samples (``b`` the peak)."""
    d = a - 2 * b + c
    return min(max(0.5 * (a - c) / d, -0.5), 0.5) if d < 0 else 0.0


def _item_offsets(b: Block, grid: np.ndarray) -> tuple[np.ndarray, int]:
    """(rows, 2) offsets in points of every item from the first, with one item beyond
    each end when the block has a length; and the index of item 0 among them."""
    offs = grid[:, 0, :] - grid[0, 0, :]
    if b.count < 2 or float(np.hypot(*b.item_step)) < 1e-6:
        return offs, 0
    step = np.array(b.item_step, float)
    return np.vstack([-step, offs, offs[-1] + step]), 1


def _row_windows(page: np.ndarray, b: Block, grid: np.ndarray, radius_pt: float) -> _Rows | None:
    """The correlation of one item's outlines with the page at every item of ``b``,
    displaced by up to ±radius_pt: one matchTemplate for the whole block, on the half-
    scale copy of the part of the warped ``page`` it covers."""
    import cv2

    size = np.array(b.bubble, float)
    item = grid[0]
    offs, first = _item_offsets(b, grid)
    s = COARSE
    pad = float(max(size)) * 0.75 + 1.0
    x0, y0 = float(item[:, 0].min() - pad), float(item[:, 1].min() - pad)
    w = int(np.ceil((float(item[:, 0].max()) + pad - x0) * s))
    h = int(np.ceil((float(item[:, 1].max()) + pad - y0) * s))
    kernel = _kernel(item, np.tile(size, (len(item), 1)), x0, y0, w, h, s)
    r = max(1, int(np.ceil(radius_pt * s))) + 1
    # Top-left corner of the kernel over each item, in coarse pixels.
    tl = (np.array([x0, y0]) + offs) * s
    cx0, cy0 = int(np.floor(tl[:, 0].min())) - r - 1, int(np.floor(tl[:, 1].min())) - r - 1
    cx1 = int(np.ceil(tl[:, 0].max())) + r + 2 + w
    cy1 = int(np.ceil(tl[:, 1].max())) + r + 2 + h
    ph, pw = page.shape[0] // 2, page.shape[1] // 2
    Y0, Y1, X0, X1 = max(cy0, 0), max(min(cy1, ph), 0), max(cx0, 0), max(min(cx1, pw), 0)
    if Y1 <= Y0 or X1 <= X0 or not kernel.any():
        return None
    crop = coarse_page(page[2 * Y0 : 2 * Y1, 2 * X0 : 2 * X1])
    pads = (max(-cy0, 0), max(cy1 - ph, 0), max(-cx0, 0), max(cx1 - pw, 0))
    if any(pads):
        crop = cv2.copyMakeBorder(crop, *pads, cv2.BORDER_CONSTANT, value=255)
    # On brightness the printed ink correlates negatively with the outlines' kernel.
    M = np.nan_to_num(-cv2.matchTemplate(crop.astype(np.float32), kernel, cv2.TM_CCOEFF_NORMED), copy=False, nan=0.0)
    k = np.arange(-r, r + 1, dtype=np.float32)
    mx = (tl[:, 0] - cx0).astype(np.float32)[:, None, None] + k[None, None, :]
    my = (tl[:, 1] - cy0).astype(np.float32)[:, None, None] + k[None, :, None]
    mx, my = np.broadcast_arrays(mx, my)
    n = 2 * r + 1
    win = cv2.remap(M, np.ascontiguousarray(mx.reshape(-1, n)), np.ascontiguousarray(my.reshape(-1, n)),
                    cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)
    return _Rows(win.reshape(len(offs), n, n), r, first)


_GRIDS: dict[tuple[object, ...], np.ndarray] = {}


def _block_bubbles(b: Block) -> tuple[np.ndarray, np.ndarray]:
    """(items, choices, 2) centres and the bubble size of a block, template points
    (read-only: cached by the block's geometry, which a caller may change)."""
    key = (b.x, b.y, b.count, len(b.choices), tuple(b.item_step), tuple(b.choice_step), b.group, b.group_gap)
    hit = _GRIDS.get(key)
    if hit is None:
        if len(_GRIDS) > 256:
            _GRIDS.clear()
        hit = _GRIDS[key] = _draw_grid(b)
    return hit, np.array(b.bubble, float)


def _draw_grid(b: Block) -> np.ndarray:
    ix, iy = b.item_step
    cx, cy = b.choice_step
    norm = float(np.hypot(ix, iy)) or 1.0
    gx, gy = ix / norm * b.group_gap, iy / norm * b.group_gap
    i = np.arange(b.count)[:, None]
    j = np.arange(len(b.choices))[None, :]
    g = i // b.group if b.group else np.zeros_like(i)
    out = np.empty((b.count, len(b.choices), 2))
    out[..., 0] = b.x + i * ix + g * gx + j * cx
    out[..., 1] = b.y + i * iy + g * gy + j * cy
    out.setflags(write=False)
    return out


def check_blocks(page_img: np.ndarray, t: Template, page: int) -> list[BlockCheck]:
    """Find each block of ``page`` on the warped page and fit its local correction."""
    checks = []
    centres = {bi: _block_bubbles(b)[0].reshape(-1, 2) for bi, b in enumerate(t.blocks) if b.page == page}
    for bi, b in enumerate(t.blocks):
        if b.page != page:
            continue
        others = [c for k, c in centres.items() if k != bi]
        checks.append(_check_block(page_img, bi, b, np.concatenate(others) if others else np.zeros((0, 2))))
    return checks


def _half_pitch(b: Block) -> tuple[float, float]:
    """Half the bubble pitch across and down: where a grid of rings also correlates."""
    hx = 0.5 * max(abs(b.item_step[0]), abs(b.choice_step[0]))
    hy = 0.5 * max(abs(b.item_step[1]), abs(b.choice_step[1]))
    return hx, hy


def _check_block(page: np.ndarray, bi: int, b: Block, others: np.ndarray) -> BlockCheck:
    chk = BlockCheck(bi, b.page, block_name(b))
    search = SEARCH * _steps(b)
    grid = _block_bubbles(b)[0]
    # Wide enough for the chunks' drift and for every half-pitch rival.
    rows = _row_windows(page, b, grid, max(2.5 * search, search + max(_half_pitch(b)) + 1.0))
    if rows is None:
        chk.reason = _("the block lies off the page")
        return chk
    # The whole block first (the widest search): its mean offset.
    dx, dy, ncc, interior = rows.peak(rows.mean(0, b.count), (0.0, 0.0), search)
    chk.ncc = ncc
    if not interior:
        chk.reason = _("the printed bubbles are more than {search:.1f} pt away from where the template puts them").format(search=search)
        return chk
    # A grid of rings also correlates, more weakly, half a pitch off (a ring between four
    # printed ones touches all four): the fit must beat every half-pitch alternative.
    chk.reason = _half_pitch_rival(rows, b, (dx, dy))
    if chk.reason:
        return chk
    src, dst, nccs, failed = _chunk_offsets(rows, b, grid, (dx, dy), search)
    chk.src, chk.dst = src, dst
    chk.ncc = float(np.median(nccs)) if nccs else ncc
    if not len(src) or failed > max(0, len(nccs) // 4):
        chk.reason = (_("{failed} of {chunks} parts of the block do not line up with the printed bubbles (correlation {ncc:.2f})").format(failed=failed, chunks=len(nccs), ncc=chk.ncc))
        return chk
    chk.reason = _fit_block(chk, src, dst, _steps(b))
    if chk.reason:
        return chk
    # A periodic grid also fits one whole row off, except at its ends: the end rows must
    # sit on printed bubbles, and the rows just beyond them must not.
    chk.reason = _ends_problem(rows, b, grid, chk.correction, others)
    chk.verified = not chk.reason
    return chk


def _chunk_offsets(rows: _Rows, b: Block, grid: np.ndarray, block: tuple[float, float], search: float
                   ) -> tuple[np.ndarray, np.ndarray, list[float], int]:
    """Chunks of a few items, from the middle outwards, each searched around its
    neighbour's offset (a slightly rotated or stretched block drifts along its length):
    (chunk centres, where the print puts them, every chunk's correlation, failures)."""
    per = max(1, min(CHUNK, b.group or CHUNK))
    starts = list(range(0, b.count, per))
    if len(starts) > 1 and b.count - starts[-1] < 3:
        starts.pop()  # a last chunk of one or two items is too weak on its own: join it
    ends = dict(zip(starts, starts[1:] + [b.count], strict=True))
    mid = len(starts) // 2
    order = [mid] + [i for k in range(1, len(starts)) for i in (mid - k, mid + k) if 0 <= i < len(starts)]
    found: dict[int, tuple[float, float]] = {}
    src, dst, nccs = [], [], []
    for k in order:
        a = starts[k]
        near = [found[i] for i in (k - 1, k + 1) if i in found]
        cdx, cdy, cn, ok = rows.peak(rows.mean(a, ends[a]), near[0] if near else block, 0.5 * search)
        nccs.append(cn)
        if not ok or cn < MIN_NCC or np.hypot(cdx - block[0], cdy - block[1]) > search:
            continue
        found[k] = (cdx, cdy)
        centre = grid[a : ends[a]].reshape(-1, 2).sum(axis=0) / ((ends[a] - a) * grid.shape[1])
        src.append(centre)
        dst.append(centre + (cdx, cdy))
    return np.array(src).reshape(-1, 2), np.array(dst).reshape(-1, 2), nccs, len(nccs) - len(src)


def _fit_block(chk: BlockCheck, S: np.ndarray, D: np.ndarray, step: float) -> str:
    """The block's affine correction from its chunk offsets, and what is wrong with it."""
    A = _fit_affine(S, D)
    pred = (np.c_[S, np.ones(len(S))] @ A.T)[:, :2]
    chk.residual_pt = float(np.sqrt(np.mean(np.sum((pred - D) ** 2, axis=1)))) if len(S) > 1 else 0.0
    chk.shift_pt = (float(np.mean(D[:, 0] - S[:, 0])), float(np.mean(D[:, 1] - S[:, 1])))
    chk.correction = np.vstack([A, [0, 0, 1]])
    lin = A[:, :2] - np.eye(2)
    if float(np.abs(lin).max()) > MAX_AFFINE:
        return _("the block is stretched {percent:.0f}% against the template").format(percent=100 * float(np.abs(lin).max()))
    if chk.residual_pt > max(MAX_RESIDUAL_PT, 0.1 * step):
        return _("the printed bubbles are {residual_pt:.1f} pt off the template's grid").format(residual_pt=chk.residual_pt)
    return ""


def _half_pitch_rival(rows: _Rows, b: Block, at: tuple[float, float]) -> str:
    per = max(1, min(CHUNK, b.group or CHUNK))
    mid = (b.count // 2 // per) * per
    S = rows.mean(mid, min(mid + per, b.count))
    hx, hy = _half_pitch(b)

    def at_offset(ox: float, oy: float) -> float:
        cx, cy = rows.index((at[0] + ox, at[1] + oy))
        ix, iy = int(round(cx)), int(round(cy))
        win = S[max(iy - 1, 0) : iy + 2, max(ix - 1, 0) : ix + 2]
        return float(win.max()) if win.size else -1.0

    own = at_offset(0.0, 0.0)
    for ox, oy in ((hx, 0), (-hx, 0), (0, hy), (0, -hy), (hx, hy), (-hx, hy), (hx, -hy), (-hx, -hy)):
        if (ox == 0 and oy == 0) or (ox and not hx) or (oy and not hy):
            continue
        if at_offset(ox, oy) > own:
            return (_("the printed bubbles fit better {ox:.1f} pt {horizontal} and {oy:.1f} pt {vertical} of where the template puts them: the template is half a row or column off").format(ox=abs(ox), horizontal=_("left") if ox < 0 else _("right"), oy=abs(oy), vertical=_("up") if oy < 0 else _("down")))
    return ""


def _row_ncc(rows: _Rows, b: Block, grid: np.ndarray, item: int, correction: np.ndarray) -> float:
    """The correlation of one item's outlines (-1 and count: one step beyond the block)
    where the block's correction puts it, within a point."""
    row = grid[min(max(item, 0), b.count - 1)]
    centre = row.sum(axis=0) / len(row)
    if item == -1:
        centre = centre - b.item_step
    elif item == b.count:
        centre = centre + b.item_step
    moved = correction[:2, :2] @ centre + correction[:2, 2]
    return rows.best_near(item, (float(moved[0] - centre[0]), float(moved[1] - centre[1])), 1.0)


def _ends_problem(rows: _Rows, b: Block, grid: np.ndarray, correction: np.ndarray, others: np.ndarray) -> str:
    if b.count < 2 or float(np.hypot(*b.item_step)) < 1e-6:
        return ""
    picks = sorted({1, b.count // 2, b.count - 2} & set(range(1, b.count - 1))) or list(range(b.count))
    typical = float(np.median([_row_ncc(rows, b, grid, i, correction) for i in picks]))
    beyond = phantom_points(b)
    k = len(b.choices)
    for side, end in ((0, 0), (1, b.count - 1)):
        own = _row_ncc(rows, b, grid, end, correction)
        if own < 0.2 * typical:  # (a row of marked bubbles still correlates above this)
            return (_("the {name} row of the block is not on printed bubbles (correlation {own:.2f} against {typical:.2f}): the grid may be a whole row off").format(name=_("first") if side == 0 else _("last"), own=own, typical=typical))
        row = beyond[side * k : (side + 1) * k]
        if len(others) and float(np.min(np.hypot(row[:, None, 0] - others[None, :, 0],
                                                  row[:, None, 1] - others[None, :, 1]))) < max(b.bubble):
            continue  # another block continues the grid there
        out = _row_ncc(rows, b, grid, -1 if side == 0 else b.count, correction)
        if out >= max(0.2, 0.6 * typical):
            where = _("before the first") if side == 0 else _("after the last")
            return _("bubbles are printed one row {where} row of the block: the grid may be a whole row off").format(where=where)
    return ""


def _fit_affine(S: np.ndarray, D: np.ndarray) -> np.ndarray:
    """2x3 affine D ~ A [S; 1], least squares; with few or collinear points the linear part
    stays the identity in the directions the points do not span (minimum-norm change)."""
    c = S.mean(axis=0)
    X = S - c
    off = (D - S).mean(axis=0)
    R = (D - S) - off
    if len(S) >= 2:
        M, *_ = np.linalg.lstsq(X, R, rcond=1e-3)  # R ~ X M
        L = np.eye(2) + M.T
    else:
        L = np.eye(2)
    t = c + off - L @ c
    affine: np.ndarray = np.c_[L, t]
    return affine


def phantom_points(b: Block) -> np.ndarray:
    """Bubble centres one item beyond each end of the block (where the form prints none)."""
    if b.count < 2 or float(np.hypot(*b.item_step)) < 1e-6:
        return np.zeros((0, 2))
    grid, _ = _block_bubbles(b)
    ix, iy = b.item_step
    before = grid[0] - (ix, iy)
    after = grid[-1] + (ix, iy)
    return np.vstack([before, after])


def refine_homography(page_checks: list[BlockCheck], H: np.ndarray) -> np.ndarray | None:
    """A better page mapping from every block's chunk offsets (None: too few to refit).

    Template points -> corrected template points fitted over the whole page, composed
    with ``H``; used once after registration so that a coarse fit (features matched on a
    reduced copy, marks found on a photo) lands on the printed outlines everywhere.
    """
    import cv2

    # Only blocks that verified: a block fitted a whole row off must not pull the page.
    src = np.concatenate([c.src for c in page_checks if c.verified and len(c.src)] or [np.zeros((0, 2))])
    dst = np.concatenate([c.dst for c in page_checks if c.verified and len(c.dst)] or [np.zeros((0, 2))])
    if len(src) < 6:
        return None
    spread = np.linalg.svd(src - src.mean(axis=0), compute_uv=False)
    if spread[1] < 0.05 * spread[0]:
        return None
    G, _mask = cv2.findHomography(src.astype(np.float32), dst.astype(np.float32), cv2.RANSAC, 2.0)
    if G is None:
        return None
    return H @ G


class Fit(NamedTuple):
    """A registration checked against the print: the (refined) mapping, every block's
    verdict, the warped page both were measured on, and a note for the teacher."""

    H: np.ndarray
    checks: list[BlockCheck]
    canon: np.ndarray
    note: str

    def verified_share(self, t: Template) -> float:
        """The share of the page's bubbles (0-1) whose block the print confirmed."""
        sizes = [t.blocks[c.index].count * len(t.blocks[c.index].choices) for c in self.checks]
        total = sum(sizes)
        return sum(n for n, c in zip(sizes, self.checks, strict=True) if c.verified) / total if total else 0.0


def fit_page(image: np.ndarray, template: Template, reg: Registered) -> Fit:
    """The verified fit from the registration; when not one block verifies on it (features
    matched poorly on a photo), the fit from the page's outline on a darker desk, verified
    the same way, if more of the page verifies on that."""
    import cv2

    from app.grading.register import _page_quad, page_outline

    assert reg.homography is not None
    H1, checks, canon = _verified_fit(image, reg.homography, template, reg.page)
    if reg.method == "aruco" or not checks or any(c.verified for c in checks):
        return Fit(H1, checks, canon, "")
    found = page_outline(image)
    if isinstance(found, str):
        return Fit(H1, checks, canon, "")
    G = cv2.getPerspectiveTransform(_page_quad(template), found[0])
    H2, checks2, canon2 = _verified_fit(image, G, template, reg.page)
    if sum(c.verified for c in checks2) == 0:
        return Fit(H1, checks, canon, "")
    return Fit(H2, checks2, canon2, "; " + _("the bubbles did not confirm that fit: refitted to the page outline"))


def _verified_fit(image: np.ndarray, H: np.ndarray, template: Template, page: int
                  ) -> tuple[np.ndarray, list[BlockCheck], np.ndarray]:
    """(mapping, block checks, warped page): the blocks checked against the print, the page
    mapping refitted to the outlines found while that verifies more (a coarse fit)."""
    canon = warp_page(image, H, template, page)
    checks = check_blocks(canon, template, page)
    for _round in range(3):
        if not any(not c.verified or np.hypot(*c.shift_pt) > 1.0 or c.residual_pt > 0.8 for c in checks):
            break
        # Refit the page mapping to the printed outlines found so far, then check again:
        # blocks found first pull the fit towards the rest (a coarse fit from a photo).
        H2 = refine_homography(checks, H)
        if H2 is None:
            break
        canon2 = warp_page(image, H2, template, page)
        checks2 = check_blocks(canon2, template, page)
        before = sum(c.verified for c in checks)
        if sum(c.verified for c in checks2) < before:
            break
        H, checks, canon = H2, checks2, canon2
        if sum(c.verified for c in checks) == before and _round:
            break
    return H, checks, canon
