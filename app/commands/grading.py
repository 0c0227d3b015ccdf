"""`teacherdesk sheet`, `teacherdesk grade` and `teacherdesk template` (bubble sheets)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from app.commands import UserError, add_workspace_arg, open_from_args
from app.core.code_labels import page_status_label
from app.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this feature's subcommands."""
    sheet = sub.add_parser("sheet", help=_("print bubble answer sheets (PDF) and save their template"))
    sheet.add_argument("--questions", type=int, required=True, help=_("number of questions, 1-200"))
    sheet.add_argument("--choices", default="4", help=_("choices per question, 2-10 (A-J), or TF"))
    sheet.add_argument("--id-digits", type=int, default=0, help=_("student-ID bubble grid, 0-10 digits"))
    sheet.add_argument("--versions", type=int, default=0, help=_("version bubbles A-B..A-D (2-4)"))
    sheet.add_argument("--paper", choices=("letter", "a4"), default="letter")
    sheet.add_argument("--title", default="", help=_("printed at the top of every sheet"))
    sheet.add_argument("--exam-id", default=None, help=_("identity in the QR code (default: random)"))
    sheet.add_argument("--class", dest="cls", default=None,
                       help=_("personalised sheets for every student of this class (name or code)"))
    sheet.add_argument("--language", default="en", help=_("language of the printed instructions"))
    sheet.add_argument("--no-cancel", action="store_true",
                       help=_("do not treat a blacked-out bubble as a cancelled answer"))
    sheet.add_argument("--out", type=Path, required=True, help=_("the PDF to write"))
    sheet.add_argument("--template-out", type=Path, required=True, help=_("the template JSON to write"))
    add_workspace_arg(sheet)
    sheet.set_defaults(handler=_sheet)

    grade = sub.add_parser("grade", help=_("read and score scanned or photographed answer sheets"))
    grade.add_argument("inputs", nargs="+", type=Path, help=_("image files, PDFs or folders"))
    grade.add_argument("--template", type=Path, required=True, help=_("the sheet's template JSON"))
    grade.add_argument("--key", type=Path, default=None,
                       help=_("answer key: a CSV (see docs/grading-output.md) or a scan of a filled key sheet"))
    grade.add_argument("--json", type=Path, default=None, help=_("write every page's result as JSON"))
    grade.add_argument("--csv", type=Path, default=None, help=_("write one row per page as CSV"))
    grade.add_argument("--analysis", type=Path, default=None,
                       help=_("write item analysis (difficulty, discrimination, distractors, KR-20) as JSON"))
    grade.add_argument("--details", action="store_true",
                       help=_("JSON: include bubble fills, ID digits, homographies and timings"))
    grade.add_argument("--workers", type=int, default=None, help=_("processes (default: every core)"))
    grade.add_argument("--assignment", default=None,
                       help=_("with --workspace: save the scores as this assignment of the class"))
    grade.add_argument("--class", dest="cls", default=None,
                       help=_("with --assignment: the class, by name or code (default: the class most students share)"))
    grade.add_argument("--category", default=None,
                       help=_("with --assignment: the gradebook category of a new column (needed when the class "
                            "has several; a class without categories gets this one as its first)"))
    add_workspace_arg(grade)
    grade.set_defaults(handler=_grade)

    template = sub.add_parser("template", help=_("inspect bubble-sheet templates"))
    tsub = template.add_subparsers(dest="template_command", metavar=_("ACTION"), required=True)
    bubbles = tsub.add_parser("bubbles", help=_("one CSV row per bubble (centre and size in points)"))
    bubbles.add_argument("template", type=Path)
    bubbles.add_argument("--csv", type=Path, default=None, help=_("output file (default: standard output)"))
    bubbles.set_defaults(handler=_bubbles)
    check = tsub.add_parser("check", help=_("validate a template and summarise it"))
    check.add_argument("template", type=Path)
    check.set_defaults(handler=_check)
    from app.commands.template_build import register_build

    register_build(tsub)


# -- template -------------------------------------------------------------------------

def _load_template(path: Path):  # type: ignore[no-untyped-def]
    from app.grading.template import TemplateError, load_template

    try:
        return load_template(path)
    except TemplateError as exc:
        raise UserError(str(exc), 2) from None


def bubble_rows(template: Any) -> list[list[str]]:
    rows = [["field", "value", "page", "x_pt", "y_pt", "width_pt", "height_pt"]]
    for f in template.fields():
        for b in f.bubbles:
            rows.append([f.name, b.value, str(f.page), f"{b.x:.2f}", f"{b.y:.2f}", f"{b.width:.2f}", f"{b.height:.2f}"])
    return rows


def _bubbles(args: argparse.Namespace) -> int:
    import csv
    import io

    t = _load_template(args.template)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(bubble_rows(t))
    if args.csv:
        args.csv.write_text(buf.getvalue(), encoding="utf-8")
        print(_("{count} bubbles written to {csv}").format(count=sum(len(f.bubbles) for f in t.fields()), csv=args.csv), file=sys.stderr)
    else:
        sys.stdout.write(buf.getvalue())
    return 0


def _check(args: argparse.Namespace) -> int:
    t = _load_template(args.template)
    fields = t.fields()
    print(_("{template}: OK — {page_width:.0f}x{page_height:.0f} pt, {pages} page(s), registration {method}, {question_count} questions, {id_digits} ID digits, versions {versions}, {bubbles} bubbles").format(template=args.template, page_width=t.page_width, page_height=t.page_height, pages=t.pages, method=t.registration.method, question_count=t.question_count(), id_digits=t.id_digits(), versions=''.join(t.version_labels()) or _('none'), bubbles=sum(len(f.bubbles) for f in fields)))
    return 0


# -- sheet ----------------------------------------------------------------------------

def _sheet(args: argparse.Namespace) -> int:
    from app.grading.layout import LayoutError, design_sheet
    from app.grading.sheet_pdf import SheetStudent, render_sheets

    choices: int | str = args.choices
    if isinstance(choices, str) and choices.isdigit():
        choices = int(choices)
    try:
        template = design_sheet(
            args.questions, choices, id_digits=args.id_digits, versions=args.versions,
            paper=args.paper, title=args.title, exam_id=args.exam_id,
            cancel_full_box=not args.no_cancel,
        )
    except LayoutError as exc:
        raise UserError(_("{exc}").format(exc=exc), 2) from None
    students: list[SheetStudent] | None = None
    class_name = ""
    if args.cls:
        class_name, students = _roster(args)
        if not students:
            raise UserError(_("class {cls!r} has no active students; add them, or leave out --class").format(cls=args.cls))
        too_long = [s.student_id for s in students if template.id_digits() and len(s.student_id) > template.id_digits()]
        if too_long:
            print(_("note: {count} student IDs are longer than {id_digits} digits; their ID is in the QR code only").format(count=len(too_long), id_digits=template.id_digits()), file=sys.stderr)
    template.title = args.title or template.name
    from app.core.progress import TerminalProgress

    bar = TerminalProgress()
    try:
        pages = render_sheets(template, args.out, students, class_name=class_name, language=args.language,
                              progress=bar)
    finally:
        bar.close()
    template.save(args.template_out)
    who = f" for {len(students)} students of {class_name}" if students else ""
    print(_("Wrote {pages} page(s){who} to {out}; template {template_out} (exam {exam_id})").format(pages=pages, who=who, out=args.out, template_out=args.template_out, exam_id=template.exam_id))
    return 0


def _find_section(session: Any, text: str):  # type: ignore[no-untyped-def]
    from app.store.lookup import resolve_class

    return resolve_class(session, text)


def _roster(args: argparse.Namespace) -> tuple[str, list[Any]]:
    from app.grading.sheet_pdf import SheetStudent

    ws = open_from_args(args)
    try:
        with ws.read() as s:
            section = _find_section(s, args.cls)
            students = sorted(
                (e.student for e in section.enrollments if e.active and e.student.active and e.end_date is None),
                key=lambda st: (st.family_name.lower(), st.first_name.lower()),
            )
            name = section.name
            return name, [SheetStudent(st.display_name, st.local_id, name) for st in students]
    finally:
        ws.close()


# -- grade ----------------------------------------------------------------------------

def _load_key(path: Path, template: Any, workers: int | None) -> Any:
    from app.grading.images import SUPPORTED_SUFFIXES
    from app.grading.keys import AnswerKeyError, key_from_pages, load_key_csv

    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        from app.grading.batch import grade_files

        pages = grade_files([path], template, workers=1)
        read = [p for p in pages if p.status in ("ok", "review")]
        if not read:
            reason = pages[0].reason if pages else "no pages"
            raise UserError(_("{path}: cannot read the key sheet ({reason})").format(path=path, reason=reason))
        key, problems = key_from_pages(read)
        if problems:
            raise UserError(_("{path}: the key sheet needs attention: {problems}").format(path=path, problems='; '.join(problems[:5])))
        return key
    try:
        return load_key_csv(path)
    except AnswerKeyError as exc:
        raise UserError(str(exc), 2) from None


def _grade(args: argparse.Namespace) -> int:
    _check_grade_args(args)
    template = _load_template(args.template)
    key = _load_key(args.key, template, args.workers) if args.key else None
    t0 = time.perf_counter()
    read, pages = _read_scans(args, template, key)
    elapsed = time.perf_counter() - t0
    if not pages:
        raise UserError(_("no scans found in {inputs} (PNG, JPEG, TIFF, BMP, WebP or PDF)").format(inputs=", ".join(map(str, args.inputs))))
    if args.json:
        doc = {
            "format": "teacherdesk-grading-results",
            "format_version": 1,
            "template": str(args.template),
            "exam_id": template.exam_id,
            "key": str(args.key) if args.key else None,
            "summary": _summary(pages, elapsed),
            "pages": [p.to_dict(full=args.details) for p in pages],
        }
        args.json.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.csv:
        _write_csv(args.csv, pages, template.question_count())
    _print_summary(pages, elapsed)
    if args.analysis:
        _write_analysis(args.analysis, pages)
    if args.assignment:
        _save_to_gradebook(args, template, key, read)
    return 0


def _check_grade_args(args: argparse.Namespace) -> None:
    """Fail fast, before a long read."""
    import os

    if args.assignment and not getattr(args, "workspace", None) and not os.environ.get("TEACHERDESK_WORKSPACE"):
        raise UserError(_("--assignment needs --workspace W (the workspace to save the scores in)"), 2)
    if args.assignment and args.cls:
        _check_gradebook_target(args)  # the class exists and the category is named if needed
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing and len(missing) == len(args.inputs):
        raise UserError(_("no such file or folder: {missing}").format(missing=', '.join(missing)))
    # Files that are not scans (a .docx in the folder) are named at once and never read as pages.
    from app.grading.scan_inputs import split_inputs

    found = split_inputs([p for p in args.inputs if p.exists()])
    if found.refused:
        print(_("Not read — these are not scans (images or PDFs): {refused_text}.").format(refused_text=found.refused_text()), file=sys.stderr)
        if not found.files:
            raise UserError(_("no scans to read (PNG, JPEG, TIFF, BMP, WebP or PDF)"), 2)
        args.inputs = list(found.files)


def _read_scans(args: argparse.Namespace, template: Any, key: Any) -> tuple[list[Any], list[Any]]:
    """(the pages with their scans, for --assignment; every page's result), with a progress bar."""
    from app.core.progress import TerminalProgress

    bar = TerminalProgress()
    try:
        if args.assignment:
            # Keep each scan (compressed, for the encrypted workspace) so the app can show
            # the sheets that wait for review.
            from app.grading.exam_scan import read_files

            read = read_files(args.inputs, template, key, workers=args.workers, events=bar.event)
            return read, [rp.result for rp in read]
        from app.grading.batch import grade_files

        return [], grade_files(args.inputs, template, key, workers=args.workers, events=bar.event)
    finally:
        bar.close()


def _print_summary(pages: list[Any], elapsed: float) -> None:
    s = _summary(pages, elapsed)
    line = _("{pages} page(s) in {seconds:.1f} s: {ok} ok, {review} to review, {not_a_sheet} not a sheet, "
             "{error} error(s)").format(pages=s["pages"], seconds=elapsed, ok=s["ok"], review=s["review"],
                                        not_a_sheet=s["not_a_sheet"], error=s["error"])
    if s["mean_score"] is not None:
        line += _("; mean score {mean:.1f}/{max:g}").format(mean=s["mean_score"], max=s["max_score"])
    print(line)
    for p in pages:
        if p.status != "ok":
            print(_("  {file} page {page}: {status}: {reason}").format(file=p.file, page=p.page, status=page_status_label(p.status), reason=p.reason))


def _write_analysis(path: Path, pages: list[Any]) -> None:
    from app.grading.analysis import item_analysis
    from app.grading.score import combine_by_student

    exams, _unmatched = combine_by_student(pages)
    ia = item_analysis(exams)
    path.write_text(json.dumps(ia.to_dict(), indent=2) + "\n", encoding="utf-8")
    kr = f"{ia.kr20:.2f}" if ia.kr20 is not None else "n/a"
    print(_("Item analysis of {n_students} student(s) written to {path} (KR-20 {kr})").format(n_students=ia.n_students, path=path, kr=kr))


def _summary(pages: list[Any], elapsed: float) -> dict[str, Any]:
    counts = {k: sum(1 for p in pages if p.status == k) for k in ("ok", "review", "not_a_sheet", "error")}
    scored = [p for p in pages if p.score is not None and p.status == "ok"]
    return {
        "pages": len(pages),
        **counts,
        "seconds": round(elapsed, 2),
        "mean_score": (sum(p.score for p in scored) / len(scored)) if scored else None,
        "max_score": max((p.max_score or 0 for p in scored), default=None),
    }


def _write_csv(path: Path, pages: list[Any], questions: int) -> None:
    import csv

    from app.reports.exports import safe_cell

    with path.open("w", newline="", encoding="utf-8") as fh:
        # Student IDs come off a QR code and file names off the disk: a cell like "=1+1.png"
        # must stay text in a spreadsheet, as in every other export.
        plain = csv.writer(fh)

        class _Safe:
            def writerow(self, row: list[Any]) -> None:
                plain.writerow([safe_cell(c) for c in row])

        w = _Safe()
        w.writerow(["file", "page", "status", "reason", "student_id", "version", "score", "max_score"]
                   + [f"q{i}" for i in range(1, questions + 1)])
        for p in pages:
            by_q = {a.number: a for a in p.answers}
            cells = []
            for i in range(1, questions + 1):
                a = by_q.get(i)
                if a is None:
                    cells.append("")
                elif a.status == "review":
                    cells.append("?")
                else:
                    cells.append("".join(a.marked))
            w.writerow([p.file, p.page, p.status, p.reason, p.student_id or "", p.version or "",
                        "" if p.score is None else f"{p.score:g}",
                        "" if p.max_score is None else f"{p.max_score:g}"] + cells)


def _check_gradebook_target(args: argparse.Namespace) -> None:
    from app.grading import service

    ws = open_from_args(args)
    try:
        service.check_grade_into_gradebook(ws, title=args.assignment, cls=args.cls, category=args.category)
    finally:
        ws.close()


def _save_to_gradebook(args: argparse.Namespace, template: Any, key: Any, read: list[Any]) -> None:
    """Store the sheets as the exam ``--assignment`` of the class and publish it, with the
    same rule as the app (app.grading.service): hand edits stay, sheets in review give
    provisional scores, the column keeps its category, term and due date."""
    from app.grading import service

    ws = open_from_args(args)
    try:
        done = service.grade_into_gradebook(ws, title=args.assignment, template=template, pages=read, key=key,
                                            cls=args.cls, category=args.category).value
    finally:
        ws.close()
    added, st = done.added, done.status
    head = _("New exam '{title}' in {class_name}: {count} page(s) stored") if done.created_exam else _(
        "Exam '{title}' in {class_name}: {count} page(s) stored")
    line = head.format(title=done.title, class_name=done.class_name, count=len(added.page_ids))
    if added.skipped:
        line += _(", {skipped} already there").format(skipped=added.skipped)
    if done.rekeyed:
        line += _("; new key: every sheet scored again")
    print(line + ".")
    print(st.summary())
    if st.provisional:
        print(_("  {provisional} provisional score(s) are marked incomplete until their sheets are reviewed (Grading > Review in the app).").format(provisional=st.provisional))
    if done.unknown_ids:
        print(_("  {count} ID(s) not in {class_name}: {unknown_ids}").format(count=len(done.unknown_ids), class_name=done.class_name, unknown_ids=', '.join(done.unknown_ids[:10])))
