"""`teacherdesk calendar ...` and `teacherdesk conferences ...` subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.commands import UserError, add_workspace_arg, open_from_args


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD") from exc


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this feature's subcommands."""
    cal = sub.add_parser("calendar", help="export and import .ics calendars")
    cal_sub = cal.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    exp = cal_sub.add_parser("export", help="write someone's calendar as an .ics file")
    add_workspace_arg(exp)
    exp.add_argument("--for", dest="target", required=True,
                     help="KIND:ID with KIND teacher, counselor, class, room, student or family "
                          "(e.g. teacher:3, room:204)")
    exp.add_argument("--out", type=Path, required=True, help="the .ics file to write")
    exp.add_argument("--from", dest="start", type=_date, help="first date (YYYY-MM-DD)")
    exp.add_argument("--to", dest="end", type=_date, help="last date (YYYY-MM-DD)")
    exp.add_argument("--full-names", action="store_true",
                     help="show students' full names (default: initials, except a counselor's own calendar)")
    exp.set_defaults(handler=_export)

    imp = cal_sub.add_parser("import", help="read an .ics file (district calendar, busy times)")
    imp.add_argument("file", type=Path, help="the .ics file")
    add_workspace_arg(imp)
    imp.add_argument("--as", dest="mode", choices=["auto", "holidays", "busy"], default="auto",
                     help="auto: events marked no-school become days off, the rest busy time or school "
                          "events (default); holidays: only the days off; busy: no days off")
    imp.add_argument("--preview", action="store_true",
                     help="list the events (dates, categories, free/busy, suggested days off) and skipped "
                          "ones; write nothing")
    imp.add_argument("--no-school", default="",
                     help="which events are days without school: 'suggested' (the preview's suggestions), "
                          "or summaries separated by ';' (e.g. 'Thanksgiving;Winter Break'). Default: none. "
                          "Events marked free (TRANSP:TRANSPARENT) never become days off")
    imp.add_argument("--no-school-category", default="",
                     help="events in these categories (separated by ';') are days without school")
    imp.add_argument("--staff", type=int, help="staff id whose busy time this is")
    imp.add_argument("--from", dest="start", type=_date, help="expand recurring events from (default: a year ago)")
    imp.add_argument("--to", dest="end", type=_date, help="... until (default: in a year)")
    imp.set_defaults(handler=_import)

    rep = cal_sub.add_parser("asca", help="a counselor's share of time in direct/indirect student services")
    add_workspace_arg(rep)
    rep.add_argument("--staff", type=int, required=True, help="the counselor's staff id")
    rep.add_argument("--from", dest="start", type=_date, required=True)
    rep.add_argument("--to", dest="end", type=_date, required=True)
    rep.set_defaults(handler=_asca)

    conf = sub.add_parser("conferences", help="parent-teacher conference scheduling")
    conf_sub = conf.add_subparsers(dest="conferences_command", metavar="ACTION", required=True)
    sch = conf_sub.add_parser("schedule", help="place every family's requests automatically")
    add_workspace_arg(sch)
    sch.add_argument("--invite-all", action="store_true",
                     help="first add a request for every teacher of every family's children")
    sch.add_argument("--time-limit", type=float, default=5.0, help="seconds for the optimiser (default 5)")
    sch.add_argument("--show", type=int, default=20, metavar="N",
                     help="list at most N requests left out, with the reason (default 20)")
    sch.set_defaults(handler=_schedule)
    mv = conf_sub.add_parser("move-day", help="move a conference day (snow day); bookings keep their slots")
    add_workspace_arg(mv)
    mv.add_argument("--day", type=int, required=True, help="conference day id")
    mv.add_argument("--date", type=_date, required=True, help="the new date")
    mv.set_defaults(handler=_move_day)
    pdf = conf_sub.add_parser("pdf", help="print teacher schedules, family itineraries and the room list")
    add_workspace_arg(pdf)
    pdf.add_argument("--out", type=Path, required=True, help="folder for the PDFs")
    pdf.set_defaults(handler=_pdf)


def _export(args: argparse.Namespace) -> int:
    from app.scheduling.ical_export import ExportError, Target, export_calendar

    if args.out.suffix.lower() != ".ics":
        raise UserError(f"{args.out}: the output file should end in .ics.")
    if args.start and args.end and args.end < args.start:
        raise UserError("--to is before --from; swap them.")
    with open_from_args(args) as ws, ws.read() as s:
        try:
            target = Target.parse(args.target)
            result = export_calendar(s, target, start=args.start, end=args.end,
                                     full_names=True if args.full_names else None,
                                     uid_domain=f"{ws.workspace_id}.teacherdesk")
        except ExportError as exc:
            raise UserError(str(exc)) from exc
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(result.data)
    names = "full student names" if result.full_names else "student initials only"
    print(f"Wrote {result.events} events for {result.name} to {args.out} ({names}).")
    if args.full_names and target.kind != "counselor":
        print("Note: this file shows full student names; share it only with people allowed to see them.",
              file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.scheduling.ical_export import school_tzid
    from app.scheduling.ical_import import (
        IcsError,
        days_off_matching,
        import_ics,
        preview_lines,
        read_calendar,
    )

    if not args.file.exists():
        raise UserError(f"{args.file}: no such file.")
    today = dt.date.today()
    start = args.start or today - dt.timedelta(days=365)
    end = args.end or today + dt.timedelta(days=365)
    names = [n.strip() for n in args.no_school.split(";") if n.strip() and n.strip() != "suggested"]
    rule = days_off_matching(suggested="suggested" in args.no_school.split(";"), names=names,
                             categories=args.no_school_category.split(";"))
    with open_from_args(args) as ws:
        try:
            if args.preview:
                with ws.read() as s:
                    tzid = school_tzid(s)
                read = read_calendar(args.file.read_bytes(), name=args.file.name, start=start, end=end, tzid=tzid)
                print("\n".join(preview_lines(read, rule)))
                return 0
            with ws.session() as s:
                summary = import_ics(s, args.file, start=start, end=end, mode=args.mode,
                                     staff_id=args.staff, tzid=school_tzid(s), days_off=rule)
        except IcsError as exc:
            raise UserError(str(exc)) from exc
    print("\n".join(summary.lines(args.file.name)))
    return 0


def _asca(args: argparse.Namespace) -> int:
    from app.scheduling.counselor import ASCA_TARGET, CATEGORIES
    from app.scheduling.counselor_store import counselor_report

    with open_from_args(args) as ws, ws.read() as s:
        report = counselor_report(s, args.staff, args.start, args.end + dt.timedelta(days=1))
    print(f"Counselor time {args.start} to {args.end}: {report.total / 60:.1f} h scheduled")
    for cat in CATEGORIES:
        minutes = report.minutes_by_category.get(cat.key, 0)
        if minutes:
            print(f"  {cat.label:40s} {minutes / 60:6.1f} h  ({cat.asca})")
    print(f"Direct student services: {report.share('direct'):.0%}; direct + indirect: "
          f"{report.share('direct') + report.share('indirect'):.0%} (ASCA recommends at least {ASCA_TARGET:.0%}).")
    return 0


def _schedule(args: argparse.Namespace) -> int:
    from app.scheduling.conferences import schedule
    from app.scheduling.conferences_store import (
        load_bookings,
        load_plan,
        requests_from_classes,
        save_result,
    )

    with open_from_args(args) as ws:
        if args.invite_all:
            with ws.session() as s:
                added = requests_from_classes(s)
            print(f"Added {added} requests from families' classes.")
        with ws.read() as s:
            plan = load_plan(s)
            keep = [b for b in load_bookings(s) if b.manual]
        if not plan.days:
            raise UserError("There is no conference day yet; add one in the Conferences page first.")
        if not plan.requests:
            raise UserError("There are no conference requests; add some, or run with --invite-all.")
        result = schedule(plan, time_limit=args.time_limit, keep=keep)
        with ws.session() as s:
            save_result(s, result, actor=ws.actor)
    print(f"Placed {result.placed} of {result.requests} requests in {result.seconds:.1f} s ({result.solver}).")
    names = {r.id: r for r in plan.requests}
    teachers = {t.id: t.name for t in plan.teachers}
    for u in result.unplaced[: max(0, args.show)]:
        r = names[u.request_id]
        print(f"  left out: {r.family_name} with {teachers.get(r.teacher_id, r.teacher_id)}: {u.reason}")
    if len(result.unplaced) > args.show:
        print(f"  ... and {len(result.unplaced) - args.show} more (see the Conferences page, or --show N).")
    return 0


def _move_day(args: argparse.Namespace) -> int:
    from app.scheduling.conferences_store import move_day

    with open_from_args(args) as ws:
        try:
            with ws.session() as s:
                move_day(s, args.day, args.date, actor=ws.actor)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
    print(f"Moved conference day {args.day} to {args.date}; every booking kept its time slot.")
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from app.scheduling.conference_pdf import write_all

    with open_from_args(args) as ws, ws.read() as s:
        written = write_all(s, args.out)
    print(f"Wrote {len(written)} PDFs to {args.out}.")
    return 0
