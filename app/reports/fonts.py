"""Embedded fonts for reports: DejaVu Sans, so every name prints (José, Nguyễn, Ørsted)."""

from __future__ import annotations

from functools import lru_cache

from app.paths import asset

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the DejaVu family with ReportLab once per process; returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = asset("fonts")
    for name in (REGULAR, BOLD, ITALIC):
        path = folder / f"{name}.ttf"
        if not path.exists():
            raise FileNotFoundError(f"font {path} is missing; reinstall TeacherDesk")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
