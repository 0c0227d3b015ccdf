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
    from reportlab.pdfgen import canvas

    from app.core.pdf_fonts import regular_and_bold
    from app.store.private_files import create_private_file, make_private

    regular, bold = regular_and_bold()
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
    rows, size = _key_rows(recovery_key.split("-"), width - 2 * inch - 0.5 * inch)
    leading = size * 1.6
    box_h = leading * len(rows) + 0.35 * inch
    c.setLineWidth(1.5)
    c.roundRect(inch, y - box_h, width - 2 * inch, box_h + 0.1 * inch, 8)
    c.setFont("Courier-Bold", size)
    line_y = y - 0.2 * inch - size
    for row in rows:
        c.drawCentredString(width / 2, line_y, row)
        line_y -= leading
    y -= box_h + 0.5 * inch
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
        "• To use it in the app: File ▸ Open with recovery key…, choose the workspace file",
        "  and type the key. When the app starts and asks to unlock, the recovery-key box works too.",
        "• On the command line: teacherdesk --workspace FILE --ask-recovery-key (it asks for the",
        "  key), or --recovery-key-file KEYFILE. Never type the key as an argument.",
        "",
        "TeacherDesk cannot recover a workspace without this key or the computer's stored key.",
    ):
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    create_private_file(out)  # the key opens every record: readable by its owner only
    make_private(out)
    c.save()
    return out


def _key_rows(groups: list[str], room: float) -> tuple[list[str], float]:
    """The key's groups in as few centred rows as fit ``room`` points, largest type first.

    Rows hold equal numbers of groups where possible so the key reads as a block.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for size in (20.0, 18.0, 16.0, 14.0, 12.0):
        for count in (1, 2, 3):
            per_row = -(-len(groups) // count)
            rows = ["  ".join(groups[i:i + per_row]) for i in range(0, len(groups), per_row)]
            if all(stringWidth(row, "Courier-Bold", size) <= room for row in rows):
                return rows, size
    rows = ["  ".join(groups[i:i + 3]) for i in range(0, len(groups), 3)]
    return rows, 12.0
