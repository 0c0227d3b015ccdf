"""`teacherdesk reports build` (progress-report PDFs) and `teacherdesk grades export`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.commands import UserError, add_workspace_arg, open_from_args


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this feature's subcommands."""
    reports = sub.add_parser("reports", help="progress reports for families (PDF)")
    rsub = reports.add_subparsers(dest="reports_command", metavar="ACTION", required=True)
    build = rsub.add_parser(
        "build",
        help="one PDF per student (in each family's language) plus one combined PDF for printing",
    )
    add_workspace_arg(build)
    build.add_argument("--class", dest="cls", default=None, help="only this class (code, name or id)")
    build.add_argument("--term", default=None, help="term name or id (default: the year to date)")
    build.add_argument(
        "--language", default="auto",
        help="es, en, ... or auto (default): each family's preferred language",
    )
    build.add_argument("--out", type=Path, required=True, help="folder for the PDFs")
    build.add_argument("--as-of", default=None, help="issue date YYYY-MM-DD (default: today)")
    build.add_argument("--page", choices=("letter", "a4"), default="letter")
    build.add_argument("--no-combined", action="store_true", help="skip the combined printing PDF")
    build.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    build.set_defaults(handler=_build)

    grades = sub.add_parser("grades", help="export grades for Canvas, Google Classroom or OneRoster")
    gsub = grades.add_subparsers(dest="grades_command", metavar="ACTION", required=True)
    export = gsub.add_parser("export", help="write grades as CSV")
    add_workspace_arg(export)
    export.add_argument("--format", required=True, choices=("canvas", "classroom", "oneroster"))
    export.add_argument(
        "--out", type=Path, required=True,
        help="a .csv file (one class) or a folder (several classes; OneRoster always a folder)",
    )
    export.add_argument("--class", dest="cls", default=None, help="only this class (code, name or id)")
    export.add_argument("--term", default=None, help="only this term's assignments")
    export.set_defaults(handler=_export)


def _parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"--as-of {text!r} is not a date; write it as YYYY-MM-DD", 2) from exc


def _language(text: str) -> str:
    from app.i18n import available_languages, normalize_language

    if text == "auto":
        return text
    have = available_languages("reports")
    if normalize_language(text) not in have:
        raise UserError(
            f"no report translation for '{text}' (available: {', '.join(have)}, auto); "
            f"add assets/translations/{normalize_language(text)}/LC_MESSAGES/reports.po", 2
        )
    return text


def _build(args: argparse.Namespace) -> int:
    from app.core.progress import TerminalProgress
    from app.reports.batch import build_reports
    from app.reports.data import ReportSelectionError, load_reports

    language = _language(args.language)
    issued = _parse_day(args.as_of)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder for the PDFs", 2)
    with open_from_args(args) as ws, ws.read() as session:
        try:
            found = load_reports(session, term=args.term, cls=args.cls, language=language, issued=issued)
        except ReportSelectionError as exc:
            raise UserError(str(exc), 2) from exc
    if not found.reports:
        raise UserError("no students to report on (is anyone enrolled in that class or term?)", 1)

    bar = TerminalProgress()
    try:
        result = build_reports(
            found.reports, out, combined=not args.no_combined, page=args.page, workers=args.workers,
            progress=bar,
        )
    finally:
        bar.close()
    langs = ", ".join(f"{n} {lang}" for lang, n in sorted(result.languages.items()))
    print(f"{result.count} reports ({langs}) in {out} in {result.seconds:.1f} s")
    if result.combined:
        print(f"for printing: {result.combined}")
    for who, why in result.failed:
        print(f"not written: the report of {who} ({why})", file=sys.stderr)
    for lang, n in sorted(found.fallbacks.items()):
        who = "1 family prefers" if n == 1 else f"{n} families prefer"
        print(f"note: {who} '{lang}', which has no report "
              f"translation yet; they get English (add assets/translations/{lang}/LC_MESSAGES/reports.po)")
    return 1 if result.failed else 0


def _export(args: argparse.Namespace) -> int:
    from app.reports.data import ReportSelectionError, find_sections, find_term
    from app.reports.exports import export_grades

    with open_from_args(args) as ws, ws.read() as session:
        try:
            chosen = find_sections(session, args.cls)
            term = find_term(session, args.term)
        except ReportSelectionError as exc:
            raise UserError(str(exc), 2) from exc
        if args.format == "oneroster" and args.out.suffix.lower() == ".csv":
            raise UserError(f"--out {args.out}: OneRoster is several files; give a folder", 2)
        if args.format != "oneroster" and args.out.suffix.lower() == ".csv" and (chosen is None or len(chosen) > 1):
            raise UserError(f"--out {args.out} is one file but several classes are exported; "
                            "give --class or a folder", 2)
        paths = export_grades(session, args.format, args.out,
                              section_ids=[s.id for s in chosen] if chosen else None, term=term)
    print(f"wrote {len(paths)} file{'s' if len(paths) != 1 else ''}: " + ", ".join(str(p) for p in paths[:5])
          + (" ..." if len(paths) > 5 else ""))
    return 0
