"""XLSX and CSV table exports, read back by openpyxl and by LibreOffice itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.reports.exports import export_grades
from app.reports.tables import (
    Column,
    Table,
    attendance_table,
    csv_text,
    excel_separators,
    item_analysis_table,
    write_tables,
)


def test_grades_xlsx_has_number_cells_and_a_frozen_bold_header(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    with small_school.ws.read() as s:
        (path,) = export_grades(s, "xlsx", tmp_path / "grades.xlsx")
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Student", "Student ID"] and header[-2:] == ["Average %", "Letter"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    jose = next(r for r in rows if r[0].startswith("Álvarez"))
    assert jose[2:5] == [8, 0, 40]  # real numbers (late 45 -> 40; missing counts 0)
    assert all(isinstance(v, int | float) for v in jose[2:6])
    zoe = next(r for r in rows if r[0] != jose[0])
    assert zoe[3] == "EX"


def test_attendance_dates_are_date_cells(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    with small_school.ws.read() as s:
        table = attendance_table(s, None, dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    (path,) = write_tables([table], tmp_path / "att.xlsx", "xlsx")
    sheet = load_workbook(path).active
    first = sheet["A2"]
    assert first.is_date and first.value.date() == dt.date(2026, 9, 1) and first.number_format == "yyyy-mm-dd"
    assert [c.value for c in sheet[3]][3] == "absent"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_xlsx_with_numbers_as_numbers(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice converts the workbook to CSV quoting every *text* cell: a number or
    date cell comes back unquoted, a name with accents intact."""
    with small_school.ws.read() as s:
        (path,) = export_grades(s, "xlsx", tmp_path / "grades.xlsx")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true", "--outdir", str(tmp_path / "out"), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    raw = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")
    lines = raw.splitlines()
    assert lines[0].startswith('"Student","Student ID"')
    jose = next(line for line in lines if line.startswith('"Álvarez Nguyễn, José"'))
    cells = next(csv.reader([jose]))
    assert cells[2:5] == ["8", "0", "40"]
    # unquoted in the raw text = a number cell in LibreOffice, not text
    assert ',8,0,40,' in jose
    assert '"EX"' in raw


def test_csv_for_excel_uses_the_locale_separators(tmp_path: Path) -> None:
    table = Table("Quiz", [Column("Name"), Column("Score", "number"), Column("Day", "date")],
                  [["Zoë", 8.5, dt.date(2026, 9, 1)], ["=cmd", -2, None]])
    assert excel_separators("es_MX") == (".", ",")  # Mexico writes 8.5
    assert excel_separators("es_ES") == (",", ";")
    assert excel_separators("en_US") == (".", ",")
    assert csv_text(table, dialect="excel", locale="es_ES").splitlines() == [
        "Name;Score;Day", "Zoë;8,5;2026-09-01", "'=cmd;-2;"]
    assert csv_text(table).splitlines() == ["Name,Score,Day", "Zoë,8.5,2026-09-01", "'=cmd,-2,"]
    (excel,) = write_tables([table], tmp_path / "quiz.csv", "csv-excel", locale="es_ES")
    (plain,) = write_tables([table], tmp_path / "plain.csv", "csv")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf") and not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(excel.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[1] == ["Zoë", "8,5", "2026-09-01"]


def test_item_analysis_table() -> None:
    items = [SimpleNamespace(question=1, correct=["B"], n=20, p=0.75, point_biserial=0.41234, upper_lower=0.5,
                             counts={"A": 3, "B": 15, "blank": 2}),
             SimpleNamespace(question=2, correct=["C"], n=20, p=None, point_biserial=None, upper_lower=None,
                             counts={"C": 20})]
    table = item_analysis_table("Quiz items", SimpleNamespace(items=items))
    assert [c.title for c in table.columns] == ["Question", "Key", "Answered", "Difficulty p", "Point-biserial",
                                                "Upper-lower D", "Chose A", "Chose B", "Chose C", "Chose blank"]
    assert table.rows[0] == [1, "B", 20, 0.75, 0.412, 0.5, 3, 15, 0, 2]
    assert table.rows[1][3:6] == [None, None, None]
