"""Bubble-sheet grading: sheet design and PDFs, reading scans and photos, keys, scoring.

The public API (documented in docs/grading-api.md) is re-exported here lazily, so
``import app.grading`` stays cheap (no OpenCV or ReportLab until used).
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "Template": "app.grading.template",
    "TemplateError": "app.grading.template",
    "load_template": "app.grading.template",
    "design_sheet": "app.grading.layout",
    "LayoutError": "app.grading.layout",
    "render_sheets": "app.grading.sheet_pdf",
    "SheetStudent": "app.grading.sheet_pdf",
    "load_page": "app.grading.images",
    "ImageError": "app.grading.images",
    "read_page": "app.grading.read",
    "PageResult": "app.grading.results",
    "FieldRead": "app.grading.results",
    "AnswerKey": "app.grading.keys",
    "KeyItem": "app.grading.keys",
    "load_key_csv": "app.grading.keys",
    "key_from_pages": "app.grading.keys",
    "score_page": "app.grading.score",
    "rescore": "app.grading.score",
    "combine_by_student": "app.grading.score",
    "item_analysis": "app.grading.analysis",
    "grade_files": "app.grading.batch",
    "grade_page": "app.grading.batch",
    "grade_page_sheets": "app.grading.batch",
    "read_sheets": "app.grading.read",
    "draw_overlay": "app.grading.overlay",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)
