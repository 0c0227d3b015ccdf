"""`teacherdesk export ...`: tables as XLSX, CSV or CSV for Excel.

    teacherdesk export grades --class "Algebra 1" --format xlsx --out grades.xlsx
    teacherdesk export attendance --from 2026-09-01 --to 2026-09-30 --format csv-excel --locale es_US --out att.csv
    teacherdesk export exam-results 3 --format xlsx --out quiz3.xlsx     # with its item analysis sheet

``xlsx`` opens right in any spreadsheet program (numbers are numbers, dates are dates);
``csv`` is UTF-8 comma-separated for other programs; ``csv-excel`` adds a byte-order mark
and the locale's separators so Excel in that locale opens it right.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import UserError, add_workspace_arg, open_from_args, text_date
from app.core import l10n
from app.core.i18n import _

FORMATS = ("xlsx", "csv", "csv-excel")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser("export", help=_("export grades, attendance or exam results as XLSX or CSV"))
    esub = export.add_subparsers(dest="export_command", metavar="TABLE", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        add_workspace_arg(p)
        p.add_argument("--format", choices=FORMATS, default="xlsx",
                       help=_("xlsx (default), csv (UTF-8, comma) or csv-excel (BOM, locale separators)"))
        p.add_argument("--locale", default="en_US",
                       help=_("csv-excel only: the spreadsheet's locale, e.g. es_US or es_MX (default en_US)"))
        p.add_argument("--out", type=Path, required=True, help=_("a .xlsx or .csv file, or a folder"))

    grades = esub.add_parser("grades", help=_("points per assignment and the average, one table per class"))
    grades.add_argument("--class", dest="cls", default=None, help=_("only this class (code, name or id)"))
    grades.add_argument("--term", default=None, help=_("only this term's assignments"))
    common(grades)
    grades.set_defaults(handler=_grades)

    att = esub.add_parser("attendance", help=_("every attendance mark in a date range"))
    att.add_argument("--class", dest="cls", default=None, help=_("only this class (code, name or id)"))
    att.add_argument("--from", dest="start", type=text_date, required=True, help=_("e.g. 2026-03-04"))
    att.add_argument("--to", dest="end", type=text_date, required=True, help=_("e.g. 2026-03-04"))
    common(att)
    att.set_defaults(handler=_attendance)

    exam = esub.add_parser("exam-results", help=_("a scored exam: one row per sheet, plus its item analysis"))
    exam.add_argument("exam_id", type=int, help=_("the exam's number (see the app's Grading page)"))
    common(exam)
    exam.set_defaults(handler=_exam)


def _write(tables: list, args: argparse.Namespace) -> int:  # type: ignore[type-arg]
    from app.reports.tables import write_tables

    if args.format != "xlsx" and args.out.suffix.lower() == ".csv" and len(tables) > 1:
        raise UserError(_("--out {out} is one file but {count} tables are exported; give a folder").format(out=args.out, count=len(tables)), 2)
    if args.format == "xlsx" and args.out.suffix.lower() not in ("", ".xlsx"):
        raise UserError(_("--out {out}: an XLSX export needs a .xlsx file name (or a folder)").format(out=args.out), 2)
    paths = write_tables(tables, args.out, args.format, locale=args.locale)
    rows = sum(len(t.rows) for t in tables)
    print(_("wrote {rows} row(s) to {files}").format(rows=rows, files=", ".join(str(p) for p in paths)))
    return 0


def _grades(args: argparse.Namespace) -> int:
    from app.reports.data import ReportSelectionError, find_sections, find_term, load_sections
    from app.reports.tables import grades_tables

    with open_from_args(args) as ws, ws.read() as session:
        try:
            chosen = find_sections(session, args.cls)
            term = find_term(session, args.term)
        except ReportSelectionError as exc:
            raise UserError(str(exc), 2) from exc
        sections = load_sections(session, [s.id for s in chosen] if chosen else None, term)
        tables = grades_tables(session, sections)
    return _write(tables, args)


def _attendance(args: argparse.Namespace) -> int:
    from app.reports.data import ReportSelectionError, find_sections
    from app.reports.export_service import attendance_tables

    if args.end < args.start:
        raise UserError(_("--to {end} is before --from {start}").format(end=l10n.date_medium(args.end), start=l10n.date_medium(args.start)), 2)
    with open_from_args(args) as ws:
        with ws.read() as session:
            try:
                chosen = find_sections(session, args.cls)
            except ReportSelectionError as exc:
                raise UserError(str(exc), 2) from exc
        ids: list[int | None] = [s.id for s in chosen] if chosen else [None]
        tables = attendance_tables(ws, ids, args.start, args.end)
    return _write(tables, args)


def _exam(args: argparse.Namespace) -> int:
    from app.reports.export_service import exam_tables

    with open_from_args(args) as ws:
        tables = exam_tables(ws, args.exam_id)
    return _write(tables, args)
