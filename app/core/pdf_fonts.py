"""The one PDF font kit: DejaVu Sans registered with ReportLab once per process.

Every PDF writer (progress reports, conference schedules, answer sheets, timetables,
the recovery-key sheet) takes its font names from here, so every name prints (José,
Nguyễn, Ørsted) and the fonts are registered once, not once per writer.
"""

from __future__ import annotations

from functools import lru_cache

from app.paths import asset

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FALLBACK = ("Helvetica", "Helvetica-Bold")


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the DejaVu family with ReportLab once; returns the family name.

    Raises FileNotFoundError naming the missing file when the install is broken.
    """
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


def regular_and_bold() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu, or Helvetica when the fonts are missing."""
    try:
        register_fonts()
    except (FileNotFoundError, OSError):
        return FALLBACK
    return REGULAR, BOLD
