"""Drawing what the reader decided on top of the scan (for checking by eye, docs, the UI).

Green: read as marked. Orange: in review (the whole question). Blue: blank question's
bubbles are left alone. Red ring: a cancelled (blacked-out) bubble.
"""

from __future__ import annotations

import numpy as np

from app.grading.results import REVIEW, PageResult
from app.grading.template import Template


def draw_overlay(image: np.ndarray, template: Template, result: PageResult) -> np.ndarray:
    """A BGR copy of ``image`` with each decision drawn where its bubbles are."""
    import cv2

    out = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image.copy()
    if result.homography is None or result.sheet_page is None:
        cv2.putText(out, result.reason[:80], (20, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (0, 0, 255), 2)
        return out
    H = np.array(result.homography, float)
    reads = {r.name: r for r in result.answers + result.id_digits}
    if result.version_field is not None:
        reads["version"] = result.version_field
    thick = max(2, int(round(out.shape[1] / 600)))
    for f in template.fields():
        if f.page != result.sheet_page or f.name not in reads:
            continue
        r = reads[f.name]
        for b in f.bubbles:
            c = cv2.perspectiveTransform(np.array([[[b.x, b.y]]], np.float64), H)[0, 0]
            edge = cv2.perspectiveTransform(np.array([[[b.x + b.width / 2, b.y]]], np.float64), H)[0, 0]
            radius = max(int(np.hypot(*(edge - c)) * 1.35), 3)
            centre = (int(c[0]), int(c[1]))
            if r.status == REVIEW:
                cv2.circle(out, centre, radius, (0, 140, 255), thick)
            elif b.value in r.marked:
                cv2.circle(out, centre, radius, (0, 170, 0), thick)
            if b.value in r.cancelled:
                cv2.circle(out, centre, radius + thick * 2, (0, 0, 230), thick)
    return out
