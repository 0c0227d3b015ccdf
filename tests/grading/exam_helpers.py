"""Filled answer sheets for the exam tests: the real sheet PDF rendered and marked."""

from __future__ import annotations

import numpy as np

from app.grading.synthetic import blank_page, degrade, fill_page
from app.grading.template import Template


def marked_sheet(
    template: Template,
    answers: dict[int, list[str]],
    *,
    student_id: str = "",
    version: str = "",
    light: set[int] | frozenset[int] = frozenset(),
    seed: int = 1,
    degradation: str = "scan",
    dpi: float = 150.0,
) -> np.ndarray:
    """A scanned-looking page: ``answers`` filled in pen, questions in ``light`` barely marked."""
    rng = np.random.default_rng(seed)
    img = blank_page(template, 1, dpi)
    kinds = {q: ("light" if q in light else ("blank" if not a else "fill")) for q, a in answers.items()}
    fill_page(img, template, 1, dpi, rng, kinds, answers, student_id=student_id, version=version, pencil=False)
    return degrade(img, degradation, rng, dpi) if degradation != "none" else img
