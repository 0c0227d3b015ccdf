"""``grade --csv`` is neutralised like every other export: no live formulas from a QR code
or a file name."""

from __future__ import annotations

import csv
from pathlib import Path

from app.commands.grading import _write_csv
from app.grading.results import PageResult


def test_formulas_from_qr_codes_and_file_names_stay_text(tmp_path: Path) -> None:
    pages = [
        PageResult(file="=1+1.png", page=1, status="ok", student_id='=HYPERLINK("http://x","y")',
                   version="@SUM(A1)", score=7.0, max_score=10.0, reason="+cmd|' /C calc'!A0"),
        PageResult(file="scan 2.png", page=1, status="ok", student_id="123456", score=-1.5, max_score=10.0),
    ]
    out = tmp_path / "grades.csv"
    _write_csv(out, pages, 0)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    first = rows[1]
    for cell in first:
        assert not cell.startswith(("=", "+", "@", "-")), cell
    assert first[0] == "'=1+1.png" and first[4].startswith("'=HYPERLINK")
    # numbers and plain IDs are untouched
    assert rows[2][4] == "123456" and rows[2][6] == "-1.5" and first[6] == "7"
