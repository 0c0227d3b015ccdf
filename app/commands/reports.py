"""`teacherdesk reports build` (progress-report PDFs) and `teacherdesk grades export`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.commands import UserError, add_workspace_arg, open_from_args
from app.core import l10n
from app.core.i18n import _, ngettext


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this feature's subcommands."""
    reports = sub.add_parser("reports", help=_("progress reports for families (PDF)"))
    rsub = reports.add_subparsers(dest="reports_command", metavar=_("ACTION"), required=True)
    build = rsub.add_parser(
        "build",
        help=_("one PDF per student (in each family's language) plus one combined PDF for printing"),
    )
    add_workspace_arg(build)
    build.add_argument("--class", dest="cls", default=None, help=_("only this class (code, name or id)"))
    build.add_argument("--term", default=None, help=_("term name or id (default: the year to date)"))
    build.add_argument(
        "--language", default="auto",
        help=_("es, en, ... or auto (default): each family's preferred language"),
    )
    build.add_argument("--out", type=Path, required=True, help=_("folder for the PDFs"))
    build.add_argument("--as-of", default=None, help=_("issue date, e.g. 2026-03-04 or as you write dates (default: today)"))
    build.add_argument("--page", choices=("letter", "a4"), default="letter")
    build.add_argument("--no-combined", action="store_true", help=_("skip the combined printing PDF"))
    build.add_argument("--workers", type=int, default=None, help=_("processes (default: every core)"))
    build.set_defaults(handler=_build)

    grades = sub.add_parser("grades", help=_("export grades for Canvas, Google Classroom or OneRoster"))
    gsub = grades.add_subparsers(dest="grades_command", metavar=_("ACTION"), required=True)
    export = gsub.add_parser("export", help=_("write grades as CSV"))
    add_workspace_arg(export)
    export.add_argument("--format", required=True, choices=("canvas", "classroom", "oneroster", "xlsx", "csv",
                                                            "csv-excel"))
    export.add_argument("--mode", choices=("bulk", "delta"), default="bulk",
                        help=_("oneroster only: bulk (everything) or delta (results changed since --since)"))
    export.add_argument("--since", type=_moment, default=None,
                        help=_("oneroster delta only: results changed since this date/time (ISO 8601)"))
    export.add_argument("--locale", default="en_US", help=_("csv-excel only: the spreadsheet's locale, e.g. es_MX"))
    export.add_argument(
        "--out", type=Path, required=True,
        help=_("a .csv file (one class) or a folder (several classes; OneRoster always a folder)"),
    )
    export.add_argument("--class", dest="cls", default=None, help=_("only this class (code, name or id)"))
    export.add_argument("--term", default=None, help=_("only this term's assignments"))
    export.set_defaults(handler=_export)
    score = gsub.add_parser("set", help=_("set one student's score on an assignment (as typed in the Gradebook)"))
    add_workspace_arg(score)
    score.add_argument("--class", dest="cls", required=True, help=_("the class (code, name or id)"))
    score.add_argument("--assignment", required=True, help=_("the assignment's title"))
    score.add_argument("--student", required=True, help=_("student ID (or full name)"))
    score.add_argument("value", help=_("points ('9.5'), a flag (M missing, L late, X excused, I incomplete), "
                                     "both ('8 L'), or '' to clear"))
    score.set_defaults(handler=_set_score)
    column = gsub.add_parser("assignment", help=_("change an assignment's category, due date, points or title"))
    add_workspace_arg(column)
    column.add_argument("--class", dest="cls", required=True, help=_("the class (code, name or id)"))
    column.add_argument("--assignment", required=True, help=_("the assignment's title"))
    column.add_argument("--category", default=None, help=_("the gradebook category (its name)"))
    column.add_argument("--due", default=None, help=_("due date, e.g. 2026-03-04 or as you write dates"))
    column.add_argument("--points", type=float, default=None, help=_("points possible"))
    column.add_argument("--title", default=None, help=_("a new title"))
    column.set_defaults(handler=_edit_assignment)


def _parse_day(text: str | None) -> dt.date | None:
    from app.core.datetext import DateTextError, parse_date
    from app.core.i18n import get_locale

    if not text:
        return None
    try:
        return parse_date(text, get_locale())
    except DateTextError as exc:
        raise UserError(str(exc), 2) from exc


def _language(text: str) -> str:
    from app.i18n import available_languages, normalize_language

    if text == "auto":
        return text
    have = available_languages("reports")
    if normalize_language(text) not in have:
        raise UserError(
            _("no report translation for '{text}' (available: {have}, auto); add assets/translations/{language}/LC_MESSAGES/reports.po").format(text=text, have=', '.join(have), language=normalize_language(text)), 2
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
        raise UserError(_("--out {out} is a file; give a folder for the PDFs").format(out=out), 2)
    with open_from_args(args) as ws, ws.read() as session:
        try:
            found = load_reports(session, term=args.term, cls=args.cls, language=language, issued=issued)
        except ReportSelectionError as exc:
            raise UserError(str(exc), 2) from exc
    if not found.reports:
        raise UserError(_("no students to report on (is anyone enrolled in that class or term?)"), 1)

    bar = TerminalProgress()
    try:
        result = build_reports(
            found.reports, out, combined=not args.no_combined, page=args.page, workers=args.workers,
            events=bar.event,
        )
    finally:
        bar.close()
    langs = ", ".join(f"{n} {lang}" for lang, n in sorted(result.languages.items()))
    print(_("{count} reports ({languages}) in {out} in {seconds} s").format(
        count=result.count, languages=langs, out=out, seconds=l10n.number(result.seconds)))
    if result.combined:
        print(_("for printing: {file}").format(file=result.combined))
    for who, why in result.failed:
        print(_("not written: the report of {student} ({reason})").format(student=who, reason=why), file=sys.stderr)
    for lang, n in sorted(found.fallbacks.items()):
        print(ngettext("note: {n} family prefers '{language}', which has no report translation yet; it gets "
                       "English (add assets/translations/{language}/LC_MESSAGES/reports.po)",
                       "note: {n} families prefer '{language}', which has no report translation yet; they get "
                       "English (add assets/translations/{language}/LC_MESSAGES/reports.po)", n).format(n=n, language=lang))
    for missing in found.untranslated_comments:
        print(_("note: {message}").format(message=missing.message()), file=sys.stderr)
    return 1 if result.failed else 0


def _moment(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


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
            raise UserError(_("--out {out}: OneRoster is several files; give a folder").format(out=args.out), 2)
        if args.format in ("canvas", "classroom", "csv", "csv-excel") and args.out.suffix.lower() == ".csv" \
                and (chosen is None or len(chosen) > 1):
            raise UserError(_("--out {out} is one file but several classes are exported; give --class or a folder").format(out=args.out), 2)
        paths = export_grades(session, args.format, args.out,
                              section_ids=[s.id for s in chosen] if chosen else None, term=term,
                              mode=args.mode, since=args.since, locale=args.locale)
    print(ngettext("wrote {n} file: {files}", "wrote {n} files: {files}", len(paths)).format(
        n=len(paths), files=", ".join(str(p) for p in paths[:5]) + (" ..." if len(paths) > 5 else "")))
    return 0


def _set_score(args: argparse.Namespace) -> int:
    """The Gradebook's cell edit from the command line: the same service, the same audit entry,
    and a score in an exam's column becomes the teacher's (the exam never rewrites it)."""
    from app.reports import gradebook_store as store
    from app.reports.gradebook import Mark
    from app.store.lookup import resolve_class
    from app.store.models import Score

    with open_from_args(args) as ws:
        with ws.read() as session:
            section = resolve_class(session, args.cls)
            a = store.find_assignment(session, section.id, args.assignment)
            st = store.find_student_in(session, section.id, args.student)
            row = session.scalars(_select_score(Score, a.id, st.id)).first()
            current = None if row is None else Mark(row.points, row.missing, row.late, row.excused, row.incomplete)
            assignment_id, title, student_id, name = a.id, a.title, st.id, st.display_name
        mark = store.parse_cell(args.value, current)
        store.save_mark(ws, ws.actor, assignment_id, student_id, mark)
    shown = "cleared" if mark.is_blank and not mark.late else (
        " ".join(x for x in [f"{mark.points:g}" if mark.points is not None else "",
                             *[flag for flag in ("missing", "late", "excused", "incomplete") if getattr(mark, flag)]]
                 if x))
    print(f"{name}, '{title}': {shown}")
    return 0


def _select_score(score: Any, assignment_id: int, student_id: int) -> Any:
    from sqlalchemy import select

    return select(score).where(score.assignment_id == assignment_id, score.student_id == student_id)


def _edit_assignment(args: argparse.Namespace) -> int:
    from app.reports import gradebook_store as store
    from app.store.lookup import resolve_class

    changes: dict[str, object] = {}
    with open_from_args(args) as ws:
        with ws.read() as session:
            section = resolve_class(session, args.cls)
            a = store.find_assignment(session, section.id, args.assignment)
            if args.category is not None:
                changes["category_id"] = store.find_category(session, section.id, args.category).id
            assignment_id = a.id
        if args.due is not None:
            changes["due_date"] = _parse_day(args.due)
        if args.points is not None:
            if args.points < 0:
                raise UserError(_("--points cannot be negative"), 2)
            changes["points_possible"] = args.points
        if args.title is not None and args.title.strip():
            changes["title"] = args.title.strip()
        if not changes:
            raise UserError(_("nothing to change: give --category, --due, --points or --title"), 2)
        store.update_assignment(ws, ws.actor, assignment_id, **changes)
    print(_("'{assignment}' changed: {fields}").format(assignment=args.assignment, fields=", ".join(k.replace("_id", "") for k in changes)))
    return 0
