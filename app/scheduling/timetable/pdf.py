"""Timetable grids as a printable PDF: one landscape page per class, teacher or room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from app.i18n import translation
from app.scheduling.timetable.model import Placement, Problem
from app.scheduling.timetable.views import KINDS, cell_text, entities, grid


def _fonts() -> tuple[str, str]:
    """DejaVu when the app's fonts are installed (every name prints), else Helvetica."""
    from app.core.pdf_fonts import regular_and_bold

    return regular_and_bold()


def _with_real_rooms(problem: Problem, placements: list[Placement], kinds: tuple[str, ...]) -> list[Placement]:
    """A room's page shows the lessons of virtual rooms that take it as a real room."""
    if "room" not in kinds or not any(r.virtual for r in problem.rooms):
        return placements
    from app.scheduling.timetable.rules import compile_rules
    from app.scheduling.timetable.virtual import fill

    return fill(compile_rules(problem), placements)


def write_timetable_pdf(
    problem: Problem,
    placements: list[Placement],
    path: str | Path,
    kinds: tuple[str, ...] = KINDS,
    names: list[str] | None = None,
    language: str = "en",
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the grids; returns the number of pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    _ = translation("timetable", language).gettext
    regular, bold = _fonts()
    title_style = ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=6)
    cell_style = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9)
    head_style = ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10, alignment=1)
    words = {"class": _("Class"), "teacher": _("Teacher"), "room": _("Room")}
    pages = [(k, n) for k in kinds for n in (names if names is not None else entities(problem, k))]
    placements = _with_real_rooms(problem, placements, kinds)
    story: list = []  # type: ignore[type-arg]
    page_w, page_h = landscape(A4)
    usable_w = page_w - 24 * mm
    first_col = 28 * mm
    col_w = (usable_w - first_col) / max(1, problem.n_days)
    # Rows size to their text; padding keeps sparse grids from looking cramped.
    row_pad = max(2.0, min(8 * mm, (page_h - 60 * mm) / max(1, problem.n_hours) / 2 - 10))
    for i, (kind, name) in enumerate(pages):
        if cancelled is not None and cancelled():
            break
        if progress:
            progress(i / max(1, len(pages)), str(name))
        cells = grid(problem, placements, kind, name)
        data = [[Paragraph("", head_style)] + [Paragraph(d, head_style) for d in problem.days]]
        for h, hour in enumerate(problem.hours):
            row = [Paragraph(hour, head_style)]
            for d in range(problem.n_days):
                texts = []
                for c in cells[h][d]:
                    first, *rest = cell_text(c, kind).split("\n")
                    texts.append(f"<b>{escape(first)}</b><br/>{escape(', '.join(rest))}")
                row.append(Paragraph("<br/>".join(texts), cell_style))
            data.append(row)
        table = Table(data, colWidths=[first_col] + [col_w] * problem.n_days,
                      rowHeights=[8 * mm] + [None] * problem.n_hours, repeatRows=1)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8f98")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
            ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#eef1f5")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), row_pad),
            ("BOTTOMPADDING", (0, 1), (-1, -1), row_pad),
        ]
        for h in range(problem.n_hours):
            for d in range(problem.n_days):
                if cells[h][d]:
                    style.append(("BACKGROUND", (d + 1, h + 1), (d + 1, h + 1), colors.HexColor("#f7f3e3")))
        table.setStyle(TableStyle(style))
        story += [Paragraph(f"{problem.name} — {words[kind]}: {name}", title_style), table]
        if i < len(pages) - 1:
            story.append(PageBreak())
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=f"{problem.name} — {_('Timetable')}")
    doc.build(story)
    if progress:
        progress(1.0, _("Done"))
    return len(pages)
