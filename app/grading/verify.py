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

import numpy as np

from app.core.i18n import _
from app.grading.template import Block, Template

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


def warp_page(image: np.ndarray, H: np.ndarray, t: Template) -> np.ndarray:
    """The page in template space at :data:`SCALE` px/pt (float32 darkness, 0 = paper)."""
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
    out = cv2.warpPerspective(img, Hs, (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                              borderMode=cv2.BORDER_REPLICATE)
    return (255.0 - out.astype(np.float32))


_KERNELS: dict[bytes, np.ndarray] = {}


def _kernel(centres: np.ndarray, sizes: np.ndarray, x0: float, y0: float, w: int, h: int) -> np.ndarray:
    """The printed outlines of these bubbles, drawn as 1 on 0 (template space pixels).

    Chunks of a block are alike (five rows of five bubbles), so kernels are cached by
    their geometry relative to the corner, to a quarter pixel."""
    key = np.round(np.c_[(centres - (x0, y0)) * SCALE * 4, sizes * SCALE * 4]).astype(np.int32).tobytes() + \
        np.array([w, h], np.int32).tobytes()
    hit = _KERNELS.get(key)
    if hit is None:
        if len(_KERNELS) > 512:
            _KERNELS.clear()
        hit = _KERNELS[key] = _draw_kernel(centres, sizes, x0, y0, w, h)
    return hit


def _draw_kernel(centres: np.ndarray, sizes: np.ndarray, x0: float, y0: float, w: int, h: int) -> np.ndarray:
    import cv2

    k = np.zeros((h, w), np.float32)
    # Templates give a bubble's outer size (the printed stroke's outside), measured or
    # typed to within a point: a ring a little inside it, a little wide, fits them all.
    for (cx, cy), (bw, bh) in zip(centres, sizes, strict=True):
        th = max(2, int(round(0.12 * min(bw, bh) * SCALE)))
        cv2.ellipse(k, (int(round((cx - x0) * SCALE * 4)), int(round((cy - y0) * SCALE * 4))),
                    (int(round(0.91 * bw / 2 * SCALE * 4)), int(round(0.91 * bh / 2 * SCALE * 4))), 0, 0, 360, 1.0,
                    th, cv2.LINE_AA, shift=2)
    return k


def _match(page: np.ndarray, centres: np.ndarray, sizes: np.ndarray, search_pt: float,
           start: tuple[float, float]) -> tuple[float, float, float, bool]:
    """(dx, dy, ncc, interior): best offset in points of these outlines within ±search_pt."""
    res, r, frac = _ncc_map(page, centres, sizes, search_pt, start)
    if res is None:
        return 0.0, 0.0, 0.0, False
    return _peak(res, r, frac, start)


def _ncc_map(page: np.ndarray, centres: np.ndarray, sizes: np.ndarray, search_pt: float,
             start: tuple[float, float]) -> tuple[np.ndarray | None, int, tuple[float, float]]:
    """The correlation of these outlines with the page at every offset within ±search_pt
    (pixels of the warped page), the radius in pixels and the sub-pixel corner."""
    import cv2

    pad = float(np.max(sizes)) * 0.75 + 1.0
    x0 = float(centres[:, 0].min() - pad + start[0])
    y0 = float(centres[:, 1].min() - pad + start[1])
    x1 = float(centres[:, 0].max() + pad + start[0])
    y1 = float(centres[:, 1].max() + pad + start[1])
    w, h = int(np.ceil((x1 - x0) * SCALE)), int(np.ceil((y1 - y0) * SCALE))
    r = max(1, int(np.ceil(search_pt * SCALE)))
    kernel = _kernel(centres + np.array(start), sizes, x0, y0, w, h)
    ix, iy = int(np.floor(x0 * SCALE)) - r, int(np.floor(y0 * SCALE)) - r
    frac = (x0 * SCALE - np.floor(x0 * SCALE), y0 * SCALE - np.floor(y0 * SCALE))
    ph, pw = page.shape
    # Cut the search area (padding with paper where it runs off the page).
    X0, Y0, X1, Y1 = ix, iy, ix + w + 2 * r + 1, iy + h + 2 * r + 1
    crop = page[max(Y0, 0) : max(min(Y1, ph), 0), max(X0, 0) : max(min(X1, pw), 0)]
    if crop.size == 0 or not kernel.any():
        return None, r, frac
    crop = cv2.copyMakeBorder(crop, max(-Y0, 0), max(Y1 - ph, 0), max(-X0, 0), max(X1 - pw, 0),
                              cv2.BORDER_CONSTANT, value=0.0)
    res = cv2.matchTemplate(crop, kernel, cv2.TM_CCOEFF_NORMED)
    return np.nan_to_num(res, nan=0.0), r, frac


def _peak(res: np.ndarray, r: int, frac: tuple[float, float], start: tuple[float, float]
          ) -> tuple[float, float, float, bool]:
    my, mx = np.unravel_index(int(np.argmax(res)), res.shape)
    best = float(res[my, mx])
    interior = 0 < mx < res.shape[1] - 1 and 0 < my < res.shape[0] - 1
    sx, sy = float(mx), float(my)
    if interior:  # sub-pixel peak
        for axis in (0, 1):
            a = res[my, mx - 1] if axis == 0 else res[my - 1, mx]
            c = res[my, mx + 1] if axis == 0 else res[my + 1, mx]
            d = a - 2 * best + c
            off = 0.5 * (a - c) / d if d < 0 else 0.0
            if axis == 0:
                sx += float(np.clip(off, -0.5, 0.5))
            else:
                sy += float(np.clip(off, -0.5, 0.5))
    dx = (sx - r - frac[0]) / SCALE + start[0]
    dy = (sy - r - frac[1]) / SCALE + start[1]
    return dx, dy, best, interior


def _block_bubbles(b: Block) -> tuple[np.ndarray, np.ndarray]:
    """(items, choices, 2) centres and the bubble size of a block, template points."""
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
    return out, np.array(b.bubble, float)


def check_blocks(page_img: np.ndarray, t: Template, page: int) -> list[BlockCheck]:
    """Find each block of ``page`` on the warped page and fit its local correction."""
    checks = []
    centres = {bi: _block_bubbles(b)[0].reshape(-1, 2) for bi, b in enumerate(t.blocks) if b.page == page}
    for bi, b in enumerate(t.blocks):
        if b.page != page:
            continue
        others = [c for k, c in centres.items() if k != bi]
        checks.append(_check_block(page_img, t, bi, b, np.concatenate(others) if others else np.zeros((0, 2))))
    return checks


def _check_block(page_img: np.ndarray, t: Template, bi: int, b: Block, others: np.ndarray) -> BlockCheck:
    chk = BlockCheck(bi, b.page, block_name(b))
    grid, size = _block_bubbles(b)
    step = _steps(b)
    search = SEARCH * step
    # The whole block first: its mean offset.
    allc = grid.reshape(-1, 2)
    sizes = np.tile(size, (len(allc), 1))
    dx, dy, ncc, interior = _match(page_img, allc, sizes, search, (0.0, 0.0))
    if not interior:
        chk.ncc = ncc
        chk.reason = _("the printed bubbles are more than {search:.1f} pt away from where the template puts them").format(search=search)
        return chk
    # A grid of rings also correlates, more weakly, half a pitch off (a ring between four
    # printed ones touches all four): the fit must beat every half-pitch alternative.
    half = _half_pitch_rival(page_img, b, grid, size, (dx, dy), ncc)
    if half:
        chk.ncc = ncc
        chk.reason = half
        return chk
    # Then chunks of a few items, from the middle outwards, each searched around its
    # neighbour's offset (a slightly rotated or stretched block drifts along its length).
    per = max(1, min(CHUNK, b.group or CHUNK))
    starts = list(range(0, b.count, per))
    if len(starts) > 1 and b.count - starts[-1] < 3:
        starts.pop()  # a last chunk of one or two items is too weak on its own: join it
    ends = {a: e for a, e in zip(starts, starts[1:] + [b.count], strict=True)}
    mid = len(starts) // 2
    order = [starts[mid]] + [starts[i] for k in range(1, len(starts)) for i in (mid - k, mid + k) if 0 <= i < len(starts)]
    found: dict[int, tuple[float, float]] = {}
    src, dst, nccs = [], [], []
    failed = 0
    for a in order:
        k = starts.index(a)
        near = [found[starts[i]] for i in (k - 1, k + 1) if 0 <= i < len(starts) and starts[i] in found]
        start = near[0] if near else (dx, dy)
        cc = grid[a : ends[a]].reshape(-1, 2)
        cdx, cdy, cn, ok = _match(page_img, cc, np.tile(size, (len(cc), 1)), 0.5 * search, start)
        nccs.append(cn)
        if not ok or cn < MIN_NCC or np.hypot(cdx - dx, cdy - dy) > search:
            failed += 1
            continue
        found[a] = (cdx, cdy)
        centre = cc.mean(axis=0)
        src.append(centre)
        dst.append(centre + (cdx, cdy))
    chunks = len(nccs)
    chk.src, chk.dst = np.array(src).reshape(-1, 2), np.array(dst).reshape(-1, 2)
    chk.ncc = float(np.median(nccs)) if nccs else ncc
    if not src or failed > max(0, chunks // 4):
        chk.reason = (_("{failed} of {chunks} parts of the block do not line up with the printed bubbles (correlation {ncc:.2f})").format(failed=failed, chunks=chunks, ncc=chk.ncc))
        return chk
    S, D = np.array(src), np.array(dst)
    A = _fit_affine(S, D)
    pred = (np.c_[S, np.ones(len(S))] @ A.T)[:, :2]
    chk.residual_pt = float(np.sqrt(np.mean(np.sum((pred - D) ** 2, axis=1)))) if len(S) > 1 else 0.0
    chk.shift_pt = (float(np.mean(D[:, 0] - S[:, 0])), float(np.mean(D[:, 1] - S[:, 1])))
    chk.correction = np.vstack([A, [0, 0, 1]])
    lin = A[:, :2] - np.eye(2)
    if float(np.abs(lin).max()) > MAX_AFFINE:
        chk.reason = _("the block is stretched {percent:.0f}% against the template").format(percent=100 * float(np.abs(lin).max()))
        return chk
    if chk.residual_pt > max(MAX_RESIDUAL_PT, 0.1 * step):
        chk.reason = _("the printed bubbles are {residual_pt:.1f} pt off the template's grid").format(residual_pt=chk.residual_pt)
        return chk
    # A periodic grid also fits one whole row off, except at its ends: the end rows must
    # sit on printed bubbles, and the rows just beyond them must not.
    ends_problem = _ends_problem(page_img, b, chk.correction, others)
    if ends_problem:
        chk.reason = ends_problem
        return chk
    chk.verified = True
    return chk


def _half_pitch_rival(page_img: np.ndarray, b: Block, grid: np.ndarray, size: np.ndarray,
                      at: tuple[float, float], ncc: float) -> str:
    per = max(1, min(CHUNK, b.group or CHUNK))
    mid = (b.count // 2 // per) * per
    cc = grid[mid : mid + per].reshape(-1, 2)
    sizes = np.tile(size, (len(cc), 1))
    hx = 0.5 * max(abs(b.item_step[0]), abs(b.choice_step[0]))
    hy = 0.5 * max(abs(b.item_step[1]), abs(b.choice_step[1]))
    # One correlation map wide enough for every half-pitch offset, read at each of them.
    res, r, frac = _ncc_map(page_img, cc, sizes, max(hx, hy) + 0.6, at)
    if res is None:
        return ""
    k = max(1, int(round(0.5 * SCALE)))

    def at_offset(ox: float, oy: float) -> float:
        cx, cy = int(round(r + frac[0] + ox * SCALE)), int(round(r + frac[1] + oy * SCALE))
        win = res[max(cy - k, 0) : cy + k + 1, max(cx - k, 0) : cx + k + 1]
        return float(win.max()) if win.size else -1.0

    own = at_offset(0.0, 0.0)
    for ox, oy in ((hx, 0), (-hx, 0), (0, hy), (0, -hy), (hx, hy), (-hx, hy), (hx, -hy), (-hx, -hy)):
        if (ox == 0 and oy == 0) or (ox and not hx) or (oy and not hy):
            continue
        rival = at_offset(ox, oy)
        if rival > own:
            return (_("the printed bubbles fit better {ox:.1f} pt {horizontal} and {oy:.1f} pt {vertical} of where the template puts them: the template is half a row or column off").format(ox=abs(ox), horizontal=_("left") if ox < 0 else _("right"), oy=abs(oy), vertical=_("up") if oy < 0 else _("down")))
    return ""


def _row_ncc(page_img: np.ndarray, centres: np.ndarray, size: np.ndarray, correction: np.ndarray) -> float:
    mapped = np.asarray((np.c_[centres, np.ones(len(centres))] @ correction.T)[:, :2])
    return _match(page_img, mapped, np.tile(size, (len(centres), 1)), 1.0, (0.0, 0.0))[2]


def _ends_problem(page_img: np.ndarray, b: Block, correction: np.ndarray, others: np.ndarray) -> str:
    if b.count < 2 or float(np.hypot(*b.item_step)) < 1e-6:
        return ""
    grid, size = _block_bubbles(b)
    rows = sorted({1, b.count // 2, b.count - 2} & set(range(1, b.count - 1))) or list(range(b.count))
    inner = [_row_ncc(page_img, grid[i], size, correction) for i in rows]
    typical = float(np.median(inner))
    beyond = phantom_points(b)
    k = len(b.choices)
    for side, end in ((0, 0), (1, b.count - 1)):
        own = _row_ncc(page_img, grid[end], size, correction)
        if own < 0.2 * typical:  # (a row of marked bubbles still correlates above this)
            return (_("the {name} row of the block is not on printed bubbles (correlation {own:.2f} against {typical:.2f}): the grid may be a whole row off").format(name=_("first") if side == 0 else _("last"), own=own, typical=typical))
        row = beyond[side * k : (side + 1) * k]
        if len(others) and float(np.min(np.hypot(row[:, None, 0] - others[None, :, 0],
                                                  row[:, None, 1] - others[None, :, 1]))) < max(b.bubble):
            continue  # another block continues the grid there
        out = _row_ncc(page_img, row, size, correction)
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
