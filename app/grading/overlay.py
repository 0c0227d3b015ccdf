"""Drawing what the reader decided on top of the scan (for checking by eye, docs, the UI).

Every kind of decision looks different, so a glance finds what needs a look:

* single mark read: a green ring;
* multiple marks: a magenta double ring on each marked bubble;
* cancelled (blacked-out) bubble: a red cross;
* sent to review: an orange square around every bubble of the field, the reason nearby;
* blank: nothing;
* a block whose printed bubbles did not confirm the fit: a red frame around the block.
"""

from __future__ import annotations

import numpy as np

from app.grading.results import MULTIPLE, REVIEW, FieldRead, PageResult
from app.grading.template import Bubble, Template

GREEN = (0, 170, 0)
MAGENTA = (200, 0, 200)
RED = (0, 0, 230)
ORANGE = (0, 140, 255)


def draw_overlay(image: np.ndarray, template: Template, result: PageResult) -> np.ndarray:
    """A BGR copy of ``image`` with each decision drawn where its bubbles are."""
    import cv2

    out = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image.copy()
    if result.homography is None or result.sheet_page is None:
        cv2.putText(out, result.reason[:80], (20, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.9, RED, 2)
        return out
    H = np.array(result.homography, float)
    reads = {r.name: r for r in result.answers + result.id_digits + result.grid_fields}
    if result.version_field is not None:
        reads["version"] = result.version_field
    thick = max(2, int(round(out.shape[1] / 600)))
    _frame_unverified(out, template, result, H, thick)
    for f in template.fields():
        if f.page != result.sheet_page or f.name not in reads:
            continue
        r = reads[f.name]
        for b in f.bubbles:
            _draw_bubble(out, H, b, r, thick)
        if r.status == REVIEW and r.reason and f.bubbles:
            last = f.bubbles[-1]
            p = _to_img(H, last.x + last.width, last.y)
            cv2.putText(out, r.reason[:24], (int(p[0]) + 4, int(p[1]) + 4), cv2.FONT_HERSHEY_SIMPLEX, 0.4, ORANGE, 1)
    return out


def _to_img(H: np.ndarray, x: float, y: float) -> np.ndarray:
    import cv2

    return np.asarray(cv2.perspectiveTransform(np.array([[[x, y]]], np.float64), H)[0, 0])


def _frame_unverified(out: np.ndarray, template: Template, result: PageResult, H: np.ndarray, thick: int) -> None:
    """A red frame, NOT VERIFIED, around every block the printed bubbles did not confirm."""
    import cv2

    from app.grading.verify import block_name

    unverified = {v["block"] for v in result.verification if not v.get("verified", True)}
    for bi, blk in enumerate(template.blocks):
        if blk.page != result.sheet_page or block_name(blk) not in unverified:
            continue
        pts = np.array([_to_img(H, b.x, b.y) for f in template.fields() if f.block == bi for b in f.bubbles])
        if len(pts):
            x0, y0 = pts.min(axis=0) - 12
            x1, y1 = pts.max(axis=0) + 12
            cv2.rectangle(out, (int(x0), int(y0)), (int(x1), int(y1)), RED, thick + 1)
            cv2.putText(out, "NOT VERIFIED", (int(x0), int(y0) - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.6, RED, 2)


def _draw_bubble(out: np.ndarray, H: np.ndarray, b: Bubble, r: FieldRead, thick: int) -> None:
    """Review: an orange square; a multiple mark: a magenta double ring; a single mark: a
    green ring; a cancelled bubble: a red cross."""
    import cv2

    c = _to_img(H, b.x, b.y)
    edge = _to_img(H, b.x + b.width / 2, b.y)
    radius = max(int(np.hypot(*(edge - c)) * 1.35), 3)
    centre = (int(c[0]), int(c[1]))
    if r.status == REVIEW:
        cv2.rectangle(out, (centre[0] - radius, centre[1] - radius), (centre[0] + radius, centre[1] + radius),
                      ORANGE, thick)
    elif b.value in r.marked and r.status == MULTIPLE:
        cv2.circle(out, centre, radius, MAGENTA, thick)
        cv2.circle(out, centre, radius + 2 * thick, MAGENTA, thick)
    elif b.value in r.marked:
        cv2.circle(out, centre, radius, GREEN, thick)
    if b.value in r.cancelled:
        k = radius
        cv2.line(out, (centre[0] - k, centre[1] - k), (centre[0] + k, centre[1] + k), RED, thick)
        cv2.line(out, (centre[0] - k, centre[1] + k), (centre[0] + k, centre[1] - k), RED, thick)
