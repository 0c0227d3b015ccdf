"""Tables a teacher exports (grades, exam results, item analysis, attendance) as XLSX or CSV.

A :class:`Table` is plain data: typed columns and rows. The same table is written as

* **XLSX** (openpyxl): real number cells, real date cells (shown as YYYY-MM-DD), a bold
  header row that stays frozen while scrolling, an autofilter and sensible widths. This is
  the format to open in Excel, LibreOffice or Google Sheets: nothing depends on the
  program's import dialog or the computer's locale.
* **CSV** (``dialect="standard"``): UTF-8 without a byte-order mark, comma-separated, ``.``
  as decimal point, ISO dates; for other programs to read (and what the Canvas/Classroom
  uploads use).
* **CSV for Excel** (``dialect="excel"``): UTF-8 *with* a byte-order mark (so Excel reads
  accents right), the list separator of the locale (``;`` where the decimal separator is a
  comma, as in Spanish) and numbers written with the locale's decimal separator, so a
  Spanish Excel reads 8,5 as a number, not as text.

Every text cell goes through ``safe_cell`` (no formulas run from an export).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.reports.data import SectionData

Kind = Literal["text", "number", "integer", "percent", "date"]
DIALECTS = ("standard", "excel")


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = "text"
    width: int | None = None  # characters; None = from the content


@dataclass
class Table:
    title: str  # the sheet name (and the CSV file's stem)
    columns: list[Column]
    rows: list[list[object]] = field(default_factory=list)


def _sheet_name(title: str, used: set[str]) -> str:
    bad = '[]:*?/\\'
    name = "".join("_" if c in bad else c for c in title)[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def write_xlsx(tables: Sequence[Table], path: Path) -> Path:
    """One sheet per table: typed cells, frozen bold header, autofilter, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from app.reports.csv_cells import safe_cell

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, used))
        sheet.append([c.title for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_value(v, c.kind, safe_cell) for v, c in zip(row, table.columns, strict=False)])
        for j, col in enumerate(table.columns, start=1):
            letter = get_column_letter(j)
            fmt = {"date": "yyyy-mm-dd", "percent": "0.0", "integer": "0", "number": "0.##"}.get(col.kind)
            if fmt:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=j, max_col=j):
                    if cell.value is not None:
                        cell.number_format = fmt
            longest = max([len(col.title)] + [len(str(r[j - 1])) for r in table.rows[:500] if j - 1 < len(r)])
            sheet.column_dimensions[letter].width = col.width or min(max(8, longest + 2), 50)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _xlsx_value(value: object, kind: Kind, safe: Any) -> object:
    if value is None or value == "":
        return None
    if kind in ("number", "integer", "percent") and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind == "date" and isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return safe(value) if isinstance(value, str) else value


def csv_text(table: Table, *, dialect: str = "standard", locale: str = "en_US") -> str:
    """The table as CSV text (see the module docstring for the two dialects)."""
    from app.reports.csv_cells import format_number, safe_cell

    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {DIALECTS}, not {dialect!r}")
    decimal, separator = ".", ","
    if dialect == "excel":
        decimal, separator = excel_separators(locale)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([safe_cell(c.title) for c in table.columns])
    for row in table.rows:
        cells = []
        for value, col in zip(row, table.columns, strict=False):
            if isinstance(value, bool):
                cells.append("yes" if value else "no")
            elif isinstance(value, int | float) and col.kind != "text":
                cells.append(format_number(float(value)).replace(".", decimal))
            elif isinstance(value, dt.date):
                cells.append(value.isoformat())
            else:
                cells.append(safe_cell(value))
        writer.writerow(cells)
    return buffer.getvalue()


def excel_separators(locale: str) -> tuple[str, str]:
    """(decimal separator, list separator) a spreadsheet in ``locale`` expects: where the
    decimal separator is a comma, the list separator is a semicolon (Excel's rule)."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    try:
        decimal = get_decimal_symbol(Locale.parse(locale.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        decimal = "."
    return (",", ";") if decimal == "," else (".", ",")


def write_csv_table(table: Table, path: Path, *, dialect: str = "standard", locale: str = "en_US") -> Path:
    text = csv_text(table, dialect=dialect, locale=locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8-sig" if dialect == "excel" else "utf-8", newline="")
    return path


def write_tables(tables: Sequence[Table], out: Path, fmt: str, *, locale: str = "en_US") -> list[Path]:
    """``fmt`` "xlsx" (one workbook, a sheet per table), "csv" or "csv-excel" (one file per
    table; ``out`` a .csv file when there is one table, else a folder)."""
    from app.reports.batch import ascii_slug

    if fmt == "xlsx":
        target = out if out.suffix.lower() == ".xlsx" else out / "export.xlsx"
        return [write_xlsx(tables, target)]
    dialect = "excel" if fmt == "csv-excel" else "standard"
    if len(tables) == 1 and out.suffix.lower() == ".csv":
        return [write_csv_table(tables[0], out, dialect=dialect, locale=locale)]
    return [write_csv_table(t, out / f"{ascii_slug(t.title) or 'table'}.csv", dialect=dialect, locale=locale)
            for t in tables]


# -- the tables ------------------------------------------------------------------------------

def grades_tables(session: Session, sections: Iterable[SectionData]) -> list[Table]:
    """Per class: one row per student, points per assignment (as counted), the average."""
    from app.reports.gradebook import count_score, student_grade
    from app.store.models import Student

    tables = []
    for sec in sections:
        columns = [Column("Student"), Column("Student ID"), *(
            Column(f"{a.title} ({a.points_possible:g})", "number") for a in sec.assignments),
            Column("Average %", "percent"), Column("Letter")]
        students = list(session.scalars(select(Student).where(Student.id.in_(sec.student_ids))))
        rows: list[list[object]] = []
        for stu in sorted(students, key=lambda s: s.sort_name.casefold()):
            marks = sec.marks.get(stu.id, {})
            cells: list[object] = [stu.sort_name, stu.local_id]
            for a in sec.assignments:
                mark = marks.get(a.id)
                counted = count_score(a, mark, sec.policy) if mark is not None else None
                cells.append("EX" if mark is not None and mark.excused else
                             None if counted is None else round(counted.earned, 2))
            grade = student_grade(sec.assignments, sec.categories, marks, sec.policy)
            cells += [grade.percent, grade.letter if grade.percent is not None else ""]
            rows.append(cells)
        tables.append(Table(sec.code or sec.name, columns, rows))
    return tables


def attendance_table(session: Session, section_id: int | None, start: dt.date, end: dt.date) -> Table:
    """Every attendance mark between ``start`` and ``end`` (inclusive), one row each."""
    from app.store.models import AttendanceRecord, Section, Student

    query = (select(AttendanceRecord, Student).join(Student, Student.id == AttendanceRecord.student_id)
             .where(AttendanceRecord.date >= start, AttendanceRecord.date <= end))
    title = "Attendance"
    if section_id is not None:
        query = query.where(AttendanceRecord.section_id == section_id)
        sec = session.get(Section, section_id)
        title = f"Attendance {sec.code or sec.name}" if sec else title
    rows: list[list[object]] = [
        [rec.date, stu.sort_name, stu.local_id, rec.status, rec.note]
        for rec, stu in sorted(session.execute(query).all(), key=lambda p: (p[0].date, p[1].sort_name.casefold()))
    ]
    return Table(title, [Column("Date", "date"), Column("Student"), Column("Student ID"), Column("Status"),
                         Column("Note")], rows)


def exam_results_table(title: str, results: Iterable[Any], questions: int) -> Table:
    """Scored exam sheets (``app.grading.exam_gradebook.StudentResult``): one row each."""
    columns = [Column("Student ID"), Column("Name"), Column("Version"), Column("Score", "number"),
               Column("Max score", "number"), Column("Percent", "percent"), Column("Flags"),
               *(Column(f"Q{q}") for q in range(1, questions + 1))]
    rows: list[list[object]] = []
    for r in results:
        answers: list[object] = []
        for q in range(1, questions + 1):
            a = r.answers.get(q)
            answers.append("" if a is None else ("?" if a.status == "review" else "".join(a.marked)))
        rows.append([r.local_id, r.name, r.version, r.score, r.max_score, r.percent, "; ".join(r.flags), *answers])
    return Table(title, columns, rows)


def item_analysis_table(title: str, analysis: Any) -> Table:
    """``app.grading.analysis.ItemAnalysis``: one row per question."""
    choices = sorted({c for item in analysis.items for c in item.counts})
    columns = [Column("Question", "integer"), Column("Key"), Column("Answered", "integer"),
               Column("Difficulty p", "number"), Column("Point-biserial", "number"),
               Column("Upper-lower D", "number"), *(Column(f"Chose {c}", "integer") for c in choices)]
    rows: list[list[object]] = []
    for item in analysis.items:
        rows.append([item.question, "".join(item.correct), item.n,
                     None if item.p is None else round(item.p, 3),
                     None if item.point_biserial is None else round(item.point_biserial, 3),
                     None if item.upper_lower is None else round(item.upper_lower, 3),
                     *(item.counts.get(c, 0) for c in choices)])
    return Table(title, columns, rows)
