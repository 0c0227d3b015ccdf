"""`teacherdesk calendar ...` and `teacherdesk conferences ...` subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands import UserError, add_workspace_arg, open_from_args, text_date, text_time
from app.core import l10n
from app.core.code_labels import asca_label
from app.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.scheduling.ical_export import Target
    from app.store import Workspace


_date = text_date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this feature's subcommands."""
    cal = sub.add_parser("calendar", help=_("export and import .ics calendars"))
    cal_sub = cal.add_subparsers(dest="calendar_command", metavar=_("ACTION"), required=True)

    exp = cal_sub.add_parser("export", help=_("write someone's calendar as an .ics file"))
    add_workspace_arg(exp)
    exp.add_argument("--for", dest="target", required=True,
                     help=_("KIND:ID with KIND teacher, counselor, class, room, student or family "
                          "(e.g. teacher:3, room:204, 'class:math 7', teacher:rivera)"))
    exp.add_argument("--out", type=Path, required=True, help=_("the .ics file to write"))
    exp.add_argument("--from", dest="start", type=_date, help=_("first date (YYYY-MM-DD)"))
    exp.add_argument("--to", dest="end", type=_date, help=_("last date (YYYY-MM-DD)"))
    exp.add_argument("--full-names", action="store_true",
                     help=_("show students' full names (default: initials, except a counselor's own calendar)"))
    exp.set_defaults(handler=_export)

    imp = cal_sub.add_parser("import", help=_("read an .ics file (district calendar, busy times)"))
    imp.add_argument("file", type=Path, help=_("the .ics file"))
    add_workspace_arg(imp)
    imp.add_argument("--as", dest="mode", choices=["auto", "holidays", "busy"], default="auto",
                     help=_("auto: events marked no-school become days off, the rest busy time or school "
                          "events (default); holidays: only the days off; busy: no days off"))
    imp.add_argument("--preview", action="store_true",
                     help=_("list the events (dates, categories, free/busy, suggested days off) and skipped "
                          "ones; write nothing"))
    imp.add_argument("--no-school", default="",
                     help=_("which events are days without school: 'suggested' (the preview's suggestions), "
                          "or summaries separated by ';' (e.g. 'Thanksgiving;Winter Break'). Default: none. "
                          "Events marked free (TRANSP:TRANSPARENT) never become days off"))
    imp.add_argument("--no-school-category", default="",
                     help=_("events in these categories (separated by ';') are days without school"))
    imp.add_argument("--staff", help=_("whose busy time this is: staff id or name"))
    imp.add_argument("--from", dest="start", type=_date, help=_("expand recurring events from (default: a year ago)"))
    imp.add_argument("--to", dest="end", type=_date, help=_("... until (default: in a year)"))
    imp.set_defaults(handler=_import)

    rep = cal_sub.add_parser("asca", help=_("a counselor's share of time in direct/indirect student services"))
    add_workspace_arg(rep)
    rep.add_argument("--staff", required=True, help=_("the counselor: staff id or name"))
    rep.add_argument("--from", dest="start", type=_date, required=True)
    rep.add_argument("--to", dest="end", type=_date, required=True)
    rep.set_defaults(handler=_asca)

    _register_events(cal_sub)

    conf = sub.add_parser("conferences", help=_("parent-teacher conference scheduling"))
    conf_sub = conf.add_subparsers(dest="conferences_command", metavar=_("ACTION"), required=True)
    sch = conf_sub.add_parser("schedule", help=_("place every family's requests automatically"))
    add_workspace_arg(sch)
    sch.add_argument("--invite-all", action="store_true",
                     help=_("first add a request for every teacher of every family's children"))
    sch.add_argument("--start-over", action="store_true",
                     help=_("re-place every meeting except those moved by hand (default: keep the meetings "
                          "already booked and place the rest)"))
    sch.add_argument("--time-limit", type=float, default=5.0, help=_("seconds for the optimiser (default 5)"))
    sch.add_argument("--show", type=int, default=20, metavar="N",
                     help=_("list at most N requests left out, with the reason (default 20)"))
    sch.set_defaults(handler=_schedule)
    mv = conf_sub.add_parser("move-day", help=_("move a conference day (snow day); bookings keep their slots"))
    add_workspace_arg(mv)
    mv.add_argument("--day", type=int, required=True, help=_("conference day id"))
    mv.add_argument("--date", type=_date, required=True, help=_("the new date"))
    mv.set_defaults(handler=_move_day)
    _register_days(conf_sub)
    pdf = conf_sub.add_parser("pdf", help=_("print teacher schedules, family itineraries and the room list"))
    add_workspace_arg(pdf)
    pdf.add_argument("--out", type=Path, required=True, help=_("folder for the PDFs"))
    pdf.set_defaults(handler=_pdf)
    show = conf_sub.add_parser("show", help=_("list a day's meetings and the requests left out, with the reason"))
    add_workspace_arg(show)
    show.add_argument("--day", type=int, help=_("conference day id (default: every day)"))
    show.set_defaults(handler=_show)


def _export(args: argparse.Namespace) -> int:
    from app.scheduling.ical_export import ExportError, Target, export_calendar

    if args.out.suffix.lower() != ".ics":
        raise UserError(_("{out}: the output file should end in .ics.").format(out=args.out))
    if args.start and args.end and args.end < args.start:
        raise UserError(_("--to is before --from; swap them."))
    with open_from_args(args) as ws, ws.read() as s:
        try:
            target = _named_target(ws, s, Target.parse(args.target))
            result = export_calendar(s, target, start=args.start, end=args.end,
                                     full_names=True if args.full_names else None,
                                     uid_domain=f"{ws.workspace_id}.teacherdesk")
        except ExportError as exc:
            raise UserError(str(exc)) from exc
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(result.data)
    names = "full student names" if result.full_names else "student initials only"
    print(_("Wrote {events} events for {name} to {out} ({names}; times in {timezone}, the school's time zone).").format(events=result.events, name=result.name, out=args.out, names=names, timezone=result.timezone))
    if args.full_names and target.kind != "counselor":
        print(_("Note: this file shows full student names; share it only with people allowed to see them."),
              file=sys.stderr)
    return 0


def _named_target(ws: Workspace, session: Session, target: Target) -> Target:
    """``class:math 7`` or ``teacher:rivera`` as well as ``class:12``: the shared resolvers."""
    from app.scheduling.ical_export import Target

    if target.ident.isdigit():
        return target
    if target.kind == "class":
        from app.store.lookup import resolve_class

        return Target(target.kind, str(resolve_class(session, target.ident).id))
    if target.kind in ("teacher", "counselor"):
        return Target(target.kind, str(_owner(ws, target.ident)))
    return target


def _import(args: argparse.Namespace) -> int:
    from app.scheduling.calendar_service import import_calendar, preview_calendar
    from app.scheduling.ical_import import days_off_matching, preview_lines

    names = [n.strip() for n in args.no_school.split(";") if n.strip() and n.strip() != "suggested"]
    rule = days_off_matching(suggested="suggested" in args.no_school.split(";"), names=names,
                             categories=args.no_school_category.split(";"))
    with open_from_args(args) as ws:
        if args.preview:
            read = preview_calendar(ws, args.file, start=args.start, end=args.end)
            print("\n".join(preview_lines(read, rule)))
            return 0
        done = import_calendar(ws, args.file, staff_id=_owner(ws, args.staff), mode=args.mode, start=args.start, end=args.end,
                               days_off=rule)
    print("\n".join(done.value.lines))
    return 0


def _asca(args: argparse.Namespace) -> int:
    from app.scheduling.counselor import ASCA_TARGET, CATEGORIES
    from app.scheduling.counselor_store import counselor_report

    with open_from_args(args) as ws:
        staff_id = _owner(ws, args.staff)
        assert staff_id is not None
        with ws.read() as s:
            report = counselor_report(s, staff_id, args.start, args.end + dt.timedelta(days=1))
    print(_("Counselor time {start} to {end}: {total:.1f} h scheduled").format(start=l10n.date_medium(args.start), end=l10n.date_medium(args.end), total=report.total / 60))
    for cat in CATEGORIES:
        minutes = report.minutes_by_category.get(cat.key, 0)
        if minutes:
            print(_("  {label:40s} {minutes:6.1f} h  ({asca})").format(label=_(cat.label), minutes=minutes / 60, asca=asca_label(cat.asca)))
    print(_("Direct student services: {share:.0%}; direct + indirect: {share2:.0%} (ASCA recommends at least {asca_target:.0%}).").format(share=report.share('direct'), share2=report.share('direct') + report.share('indirect'), asca_target=ASCA_TARGET))
    return 0


def _schedule(args: argparse.Namespace) -> int:
    from app.core.progress import terminal_progress
    from app.scheduling.conference_service import schedule_conferences, summary

    bar = terminal_progress()
    try:
        with open_from_args(args) as ws:
            done = schedule_conferences(ws, args.time_limit, invite=args.invite_all, start_over=args.start_over,
                                        progress=bar)
    finally:
        bar.close()
    plan, result = done.value.plan, done.value.result
    print(_("{summary} ({seconds:.1f} s, {solver})").format(summary=summary(result), seconds=result.seconds, solver=result.solver))
    names = {r.id: r for r in plan.requests}
    teachers = {t.id: t.name for t in plan.teachers}
    for u in result.unplaced[: max(0, args.show)]:
        r = names[u.request_id]
        print(_("  left out: {family_name} with {teacher}: {reason}").format(family_name=r.family_name, teacher=teachers.get(r.teacher_id, r.teacher_id), reason=u.reason))
    if len(result.unplaced) > args.show:
        print(_("  ... and {count} more (see the Conferences page, or --show N).").format(count=len(result.unplaced) - args.show))
    return 0


def _move_day(args: argparse.Namespace) -> int:
    from app.scheduling.conference_service import move_day

    with open_from_args(args) as ws:
        move_day(ws, args.day, args.date)
    print(_("Moved conference day {day} to {date}; every booking kept its time slot.").format(day=args.day, date=l10n.date_medium(args.date)))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from app.scheduling.conference_pdf import write_all

    with open_from_args(args) as ws, ws.read() as s:
        written = write_all(s, args.out)
    print(_("{summary} Folder: {out}").format(summary=written.summary(), out=args.out))
    return 0


def _show(args: argparse.Namespace) -> int:
    """The board the Conferences page shows, as text: one line per meeting, then the
    requests left out (the same service call, so the same reasons)."""
    from app.scheduling.conference_service import day_board, list_days

    with open_from_args(args) as ws:
        days = [d for d in list_days(ws) if args.day is None or d.id == args.day]
        if not days:
            raise UserError(_("No conference day {day}; see 'teacherdesk conferences day list'.").format(day=args.day)
                            if args.day is not None else
                            _("No conference days yet; add one with 'teacherdesk conferences day add --date YYYY-MM-DD'."), 2)
        boards = [(d, day_board(ws, d.id)) for d in days]
    for d, board in boards:
        print(_("{label}, {date} (day {id}): {requests} requests, {booked} booked.").format(
            label=d.label, date=l10n.date_medium(d.date), id=d.id, requests=board.requests, booked=board.booked))
        names = {t.staff_id: t for t in board.teachers}
        for (slot, staff_id), m in sorted(board.meetings.items(), key=lambda kv: (kv[0][0], names[kv[0][1]].name)):
            start, end = board.slots[slot]
            teacher = names[staff_id]
            line = _("  {times}  {teacher}, room {room}: {family}").format(
                times=l10n.time_range(start.time(), end.time()), teacher=teacher.name, room=teacher.room or "-",
                family=m.family)
            if m.students:
                line += f" ({m.students})"
            if m.interpreter:
                line += " · " + _("interpreter: {name}").format(name=m.interpreter)
            if m.manual:
                line += " · " + _("moved by hand")
            print(line)
    first = boards[0][1]
    if first.never_scheduled and first.requests:
        print(_("None of the {requests} requests is scheduled yet; run 'teacherdesk conferences schedule'.").format(
            requests=first.requests))
    for r in first.left_out:
        print(_("  left out: {family_name} with {teacher}: {reason}").format(
            family_name=r.family, teacher=r.teacher, reason=r.reason or _("not scheduled yet")))
    return 0


_time = text_time


def _day_times(start: str, end: str) -> str:
    """A conference day's stored "15:30"/"19:30" as the user's clock writes them."""
    try:
        return l10n.time_range(dt.time.fromisoformat(start), dt.time.fromisoformat(end))
    except ValueError:
        return f"{start}-{end}"


class _CategoryKeys:
    """The event categories for ``--category``, imported only when argparse looks at them:
    importing the calendar service (the database models) when the parser is built cost
    every command, ``timetable solve`` included, seconds of start-up."""

    def _keys(self) -> tuple[str, ...]:
        from app.scheduling.calendar_service import CATEGORY_KEYS

        return CATEGORY_KEYS

    def __contains__(self, key: object) -> bool:
        return key in self._keys()

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())


def _register_events(cal_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = cal_sub.add_parser("event", help=_("add, list or delete calendar events"))
    ev_sub = ev.add_subparsers(dest="event_command", metavar=_("ACTION"), required=True)
    add = ev_sub.add_parser("add", help=_("add an event or a weekly series"))
    add.add_argument("title")
    add.add_argument("--date", type=_date, required=True, help=_("the (first) day, YYYY-MM-DD"))
    add.add_argument("--start", type=_time, help=_("start time HH:MM (leave out for an all-day event)"))
    add.add_argument("--end", type=_time, help=_("end time HH:MM (default: 30 minutes after the start)"))
    add.add_argument("--owner", help=_("whose calendar: staff id or name (default: the school's)"))
    add.add_argument("--category", choices=_CategoryKeys(), default="other", metavar="CATEGORY",
                     help=_("kind of event, e.g. counseling, deadline, class (default: other; a wrong one lists them all)"))
    add.add_argument("--weekly", action="store_true", help=_("repeat every week on this weekday"))
    add.add_argument("--until", type=_date, help=_("last day of a weekly series"))
    add.add_argument("--location", default="")
    add.add_argument("--reminder", type=int, default=0, metavar="MINUTES", help=_("a reminder this long before"))
    add_workspace_arg(add)
    add.set_defaults(handler=_event_add)
    ls = ev_sub.add_parser("list", help=_("list events (every occurrence) in a date range"))
    ls.add_argument("--owner", help=_("whose calendar: staff id or name (default: the school's)"))
    ls.add_argument("--from", dest="start", type=_date, help=_("first day (default: today)"))
    ls.add_argument("--to", dest="end", type=_date, help=_("last day (default: a week after --from)"))
    add_workspace_arg(ls)
    ls.set_defaults(handler=_event_list)
    rm = ev_sub.add_parser("delete", help=_("delete an event with every occurrence"))
    rm.add_argument("event_id", type=int, help=_("the event's id (see 'calendar event list')"))
    add_workspace_arg(rm)
    rm.set_defaults(handler=_event_delete)
    skip = ev_sub.add_parser("skip", help=_("leave one date out of a weekly series"))
    skip.add_argument("event_id", type=int)
    skip.add_argument("--date", type=_date, required=True)
    add_workspace_arg(skip)
    skip.set_defaults(handler=_event_skip)


def _owner(ws: Workspace, text: str | None) -> int | None:
    from app.store.roster_service import find_staff

    return find_staff(ws, text) if text else None


def _event_add(args: argparse.Namespace) -> int:
    from app.scheduling.calendar_service import EventForm, save_event

    all_day = args.start is None
    start = args.start or dt.time(0)
    end = args.end or (dt.datetime.combine(args.date, start) + dt.timedelta(minutes=30)).time()
    form = EventForm(title=args.title, category=args.category, day=args.date, start=start, end=end,
                     all_day=all_day, weekly=args.weekly, until=args.until, location=args.location,
                     reminder_minutes=args.reminder)
    with open_from_args(args) as ws:
        done = save_event(ws, form, owner_staff_id=_owner(ws, args.owner))
    when = _("all day") if all_day else l10n.time_range(start, end)
    if not args.weekly:
        sentence = _("Added event {value}: {title} on {date} {when}.")
    elif args.until:
        sentence = _("Added event {value}: {title} on {date} {when}, every week until {until}.")
    else:
        sentence = _("Added event {value}: {title} on {date} {when}, every week.")
    print(sentence.format(value=done.value, title=args.title, date=l10n.date_medium(args.date), when=when,
                          until=l10n.date_medium(args.until) if args.until else ""))
    return 0


def _event_list(args: argparse.Namespace) -> int:
    from app.scheduling.calendar_service import list_events

    start = args.start or dt.date.today()
    end = args.end or start + dt.timedelta(days=6)
    if end < start:
        raise UserError(_("--to is before --from; swap them."))
    with open_from_args(args) as ws:
        rows = list_events(ws, _owner(ws, args.owner), start, end + dt.timedelta(days=1))
    if not rows:
        print(_("No events from {start} to {end}.").format(start=start, end=end), file=sys.stderr)
    for o in sorted(rows, key=lambda o: str(o.start)):
        when = f"{o.start}" if o.all_day else f"{o.start:%Y-%m-%d %H:%M}-{o.end:%H:%M}"
        ident = f"{o.event_id:>5}" if o.event_id is not None else "    -"
        print(f"{ident}  {when:<22} {o.title}" + (f"  ({o.location})" if o.location else ""))
    return 0


def _event_delete(args: argparse.Namespace) -> int:
    from app.scheduling.calendar_service import delete_event

    with open_from_args(args) as ws:
        done = delete_event(ws, args.event_id)
    print(_("Deleted event {event_id} ({value}) with every occurrence.").format(event_id=args.event_id, value=done.value))
    return 0


def _event_skip(args: argparse.Namespace) -> int:
    from app.scheduling.calendar_service import skip_date

    with open_from_args(args) as ws:
        done = skip_date(ws, args.event_id, args.date)
    if not done.value:
        raise UserError(_("Event {event_id} does not repeat; delete it instead.").format(event_id=args.event_id), 2)
    print(_("Event {event_id} skips {date}.").format(event_id=args.event_id, date=l10n.date_medium(args.date)))
    return 0


def _register_days(conf_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    day = conf_sub.add_parser("day", help=_("add, list, move or delete conference days"))
    d_sub = day.add_subparsers(dest="day_command", metavar=_("ACTION"), required=True)
    add = d_sub.add_parser("add", help=_("add a conference day or evening"))
    add.add_argument("--date", type=_date, required=True)
    add.add_argument("--start", type=_time, default=dt.time(15, 30), help=_("HH:MM (default 15:30)"))
    add.add_argument("--end", type=_time, default=dt.time(19, 30), help=_("HH:MM (default 19:30)"))
    add.add_argument("--label", default="Conferences")
    add.add_argument("--slot", type=int, default=15, metavar="MINUTES", help=_("minutes per meeting (default 15)"))
    add.add_argument("--passing", type=int, default=5, metavar="MINUTES", help=_("between meetings (default 5)"))
    add.add_argument("--break", dest="break_", metavar="HH:MM-HH:MM", help=_("a break, e.g. 17:30-17:50"))
    add.add_argument("--max-in-a-row", type=int, default=6, help=_("most meetings in a row for a teacher"))
    add_workspace_arg(add)
    add.set_defaults(handler=_day_add)
    ls = d_sub.add_parser("list", help=_("list conference days"))
    add_workspace_arg(ls)
    ls.set_defaults(handler=_day_list)
    mv = d_sub.add_parser("move", help=_("move a day (snow day); bookings keep their slots"))
    mv.add_argument("day_id", type=int)
    mv.add_argument("--date", type=_date, required=True)
    add_workspace_arg(mv)
    mv.set_defaults(handler=lambda a: _move_day(argparse.Namespace(**{**vars(a), "day": a.day_id})))
    rm = d_sub.add_parser("delete", help=_("delete a day and its bookings (requests stay)"))
    rm.add_argument("day_id", type=int)
    add_workspace_arg(rm)
    rm.set_defaults(handler=_day_delete)


def _day_add(args: argparse.Namespace) -> int:
    from app.scheduling.conference_service import DayForm, add_day

    break_start = break_end = None
    if args.break_:
        try:
            a, b = args.break_.split("-")
            break_start, break_end = dt.time.fromisoformat(a.strip()), dt.time.fromisoformat(b.strip())
        except ValueError:
            raise UserError(_("--break '{break_}' is not HH:MM-HH:MM, e.g. 17:30-17:50.").format(break_=args.break_), 2) from None
    form = DayForm(label=args.label, date=args.date, start=args.start, end=args.end, slot_minutes=args.slot,
                   passing_minutes=args.passing, break_start=break_start, break_end=break_end,
                   max_consecutive=args.max_in_a_row)
    with open_from_args(args) as ws:
        done = add_day(ws, form)
    print(_("Added conference day {value}: {label} on {date} {times}.").format(
        value=done.value, label=args.label, date=l10n.date_medium(args.date), times=l10n.time_range(args.start, args.end)))
    return 0


def _day_list(args: argparse.Namespace) -> int:
    from app.scheduling.conference_service import list_days

    with open_from_args(args) as ws:
        days = list_days(ws)
    if not days:
        print(_("No conference days yet; add one with 'teacherdesk conferences day add --date YYYY-MM-DD'."),
              file=sys.stderr)
    for d in days:
        print(_("{id:>4}  {date}  {times}  {slots} meetings of {slot_minutes} min  {label}").format(
            id=d.id, date=l10n.date_medium(d.date), times=_day_times(d.start, d.end), slots=d.slots,
            slot_minutes=d.slot_minutes, label=d.label))
    return 0


def _day_delete(args: argparse.Namespace) -> int:
    from app.scheduling.conference_service import delete_day

    with open_from_args(args) as ws:
        done = delete_day(ws, args.day_id)
    print(_("Deleted conference day {day_id} ({value}); its requests wait to be scheduled again.").format(day_id=args.day_id, value=done.value))
    return 0
