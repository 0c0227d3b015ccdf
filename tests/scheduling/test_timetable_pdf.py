"""Timetable grids printed to PDF and read back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from app.scheduling.timetable import Placement, read_fet
from app.scheduling.timetable.pdf import write_timetable_pdf

SAMPLE = Path(__file__).parent / "data" / "riverside-grade7.fet"


def test_one_page_per_grid_with_every_lesson(tmp_path: Path) -> None:
    p = read_fet(SAMPLE)
    p.teachers[0] = "Ms Álvarez-Nguyễn"  # every name must print, accents included
    for a in p.activities:
        a.teachers = ["Ms Álvarez-Nguyễn" if t == "Ms Alvarez" else t for t in a.teachers]
    placements = [Placement(1, 0, 0, "Room 102"), Placement(9, 1, 2, "Lab")]  # Math; Science double
    out = tmp_path / "grids.pdf"
    pages = write_timetable_pdf(p, placements, out, kinds=("class", "teacher"))
    reader = PdfReader(str(out))
    assert pages == len(reader.pages) == 2 + 5
    class_7a = reader.pages[0].extract_text()
    assert "Class: 7A" in class_7a and "Ms Álvarez-Nguyễn" in class_7a
    assert class_7a.count("Science") == 2  # a double lesson fills two periods
    teacher = reader.pages[2].extract_text()
    assert "Teacher: Ms Álvarez-Nguyễn" in teacher and "Math" in teacher and "Science" not in teacher
