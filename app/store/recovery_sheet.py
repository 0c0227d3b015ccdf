"""The printable recovery-key sheet, shown once when a workspace is created.

It carries the key, the workspace's name and id, and what to do with it; it is meant to
be printed and locked away, so the PDF is written only where the user asks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def write_recovery_sheet(
    out: Path, *, recovery_key: str, workspace_name: str, workspace_id: str, school: str = ""
) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from app.paths import asset

    regular, bold = "Helvetica", "Helvetica-Bold"
    font_path = asset("fonts", "DejaVuSans.ttf")
    if font_path.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(font_path)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(asset("fonts", "DejaVuSans-Bold.ttf"))))
        regular, bold = "DejaVuSans", "DejaVuSans-Bold"
    out.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(out), pagesize=letter)
    c.setTitle("TeacherDesk recovery key")
    width, height = letter
    y = height - 1.1 * inch
    c.setFont(bold, 22)
    c.drawString(inch, y, "TeacherDesk recovery key")
    y -= 0.45 * inch
    c.setFont(regular, 11)
    for line in (
        f"Workspace: {workspace_name}" + (f" — {school}" if school else ""),
        f"Workspace id: {workspace_id}",
        f"Created: {dt.date.today().isoformat()}",
    ):
        c.drawString(inch, y, line)
        y -= 0.25 * inch
    y -= 0.3 * inch
    c.setLineWidth(1.5)
    c.roundRect(inch, y - 1.2 * inch, width - 2 * inch, 1.3 * inch, 8)
    groups = recovery_key.split("-")
    c.setFont("Courier-Bold", 20)
    half = (len(groups) + 1) // 2
    c.drawCentredString(width / 2, y - 0.45 * inch, "  ".join(groups[:half]))
    c.drawCentredString(width / 2, y - 0.9 * inch, "  ".join(groups[half:]))
    y -= 1.7 * inch
    c.setFont(regular, 11)
    text = c.beginText(inch, y)
    text.setLeading(16)
    for line in (
        "This key opens your workspace if this computer's password store loses its copy",
        "(a new computer, a reinstalled system, a forgotten passphrase).",
        "",
        "• Keep this page somewhere locked, like a student record. Anyone with the key and",
        "  the workspace file can read the student data in it.",
        "• Do not email it or save a photo of it.",
        "• To use it: File ▸ Open workspace ▸ “Use recovery key”, or on the command line",
        "  teacherdesk --workspace FILE --ask-recovery-key (never type it as an argument)",
        "",
        "TeacherDesk cannot recover a workspace without this key or the computer's stored key.",
    ):
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    c.save()
    return out
