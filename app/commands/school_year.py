"""`teacherdesk year ...`: the school year's dates, terms, holidays and bell times.

    teacherdesk year set --name 2026-27 --from 2026-08-24 --to 2027-06-11
    teacherdesk year term add Fall --from 2026-08-24 --to 2026-12-18
    teacherdesk year holiday add "Thanksgiving break" --from 2026-11-25 --to 2026-11-27
    teacherdesk year bells 1=08:00-08:50 2=08:56-09:46 ...
    teacherdesk year show

The same services as Settings ▸ School year (app.scheduling.school_year_service).
"""

from __future__ import annotations

import argparse

from app.commands import add_workspace_arg, open_from_args, text_date
from app.core import l10n
from app.core.code_labels import holiday_kind_label
from app.core.i18n import _

_date = text_date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    year = sub.add_parser("year", help=_("the school year: dates, terms, holidays and bell times"))
    ys = year.add_subparsers(dest="year_command", metavar=_("ACTION"), required=True)
    show = ys.add_parser("show", help=_("print the year, its terms, holidays and bell times"))
    add_workspace_arg(show)
    show.set_defaults(handler=_show)
    st = ys.add_parser("set", help=_("set the school year's name and first and last day"))
    st.add_argument("--name", default="", help=_("e.g. 2026-27 (default: from the dates)"))
    st.add_argument("--from", dest="start", type=_date, required=True)
    st.add_argument("--to", dest="end", type=_date, required=True)
    add_workspace_arg(st)
    st.set_defaults(handler=_set)
    term = ys.add_parser("term", help=_("add or delete a term (semester, quarter)"))
    ts = term.add_subparsers(dest="term_command", metavar=_("ACTION"), required=True)
    tadd = ts.add_parser("add", help=_("add a term inside the year"))
    tadd.add_argument("name")
    tadd.add_argument("--from", dest="start", type=_date, required=True)
    tadd.add_argument("--to", dest="end", type=_date, required=True)
    add_workspace_arg(tadd)
    tadd.set_defaults(handler=_term_add)
    tdel = ts.add_parser("delete", help=_("delete a term (see 'year show' for ids)"))
    tdel.add_argument("id", type=int)
    add_workspace_arg(tdel)
    tdel.set_defaults(handler=_term_delete)
    hol = ys.add_parser("holiday", help=_("add or delete a holiday or break"))
    hs = hol.add_subparsers(dest="holiday_command", metavar=_("ACTION"), required=True)
    hadd = hs.add_parser("add", help=_("a day or days without school"))
    hadd.add_argument("name")
    hadd.add_argument("--from", dest="start", type=_date, required=True)
    hadd.add_argument("--to", dest="end", type=_date, help=_("last day (default: the same day)"))
    hadd.add_argument("--kind", choices=("holiday", "break", "non_school_day"), default="holiday")
    add_workspace_arg(hadd)
    hadd.set_defaults(handler=_holiday_add)
    hdel = hs.add_parser("delete", help=_("delete a holiday (see 'year show' for ids)"))
    hdel.add_argument("id", type=int)
    add_workspace_arg(hdel)
    hdel.set_defaults(handler=_holiday_delete)
    bells = ys.add_parser("bells", help=_("set every period's times: 1=08:00-08:50 2=08:56-09:46 ..."))
    bells.add_argument("periods", nargs="+", metavar="PERIOD=START-END")
    add_workspace_arg(bells)
    bells.set_defaults(handler=_bells)


def _show(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import year_setup

    with open_from_args(args) as ws:
        y = year_setup(ws)
    day = l10n.date_medium  # dates and times as the user's locale writes them
    if y.year_id is None:
        print(_("No school year yet; set it with 'teacherdesk year set --from YYYY-MM-DD --to YYYY-MM-DD'."))
    else:
        print(_("School year {name}: {start} to {end}").format(name=y.name, start=day(y.start), end=day(y.end)))
    for t in y.terms:
        print(_("  term {id:>4}  {name:<20} {start} to {end}").format(id=t.id, name=t.name, start=day(t.start), end=day(t.end)))
    for h in y.holidays:
        days = day(h.start) if h.start == h.end else _("{start} to {end}").format(start=day(h.start), end=day(h.end))
        print(_("  holiday {id:>4}  {name:<30} {days} ({kind})").format(id=h.id, name=h.name, days=days,
                                                                       kind=holiday_kind_label(h.kind)))
    print(_("Bell times (standard times; set your own with 'teacherdesk year bells'):") if y.bells_are_default
          else _("Bell times:"))
    for b in y.bells:
        print(_("  period {period:<4} {times}").format(period=b.period, times=l10n.time_range(b.start, b.end)))
    return 0


def _set(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import set_year, year_setup

    with open_from_args(args) as ws:
        set_year(ws, args.name, args.start, args.end)
        y = year_setup(ws)
    print(_("School year {name}: {start} to {end}.").format(name=y.name, start=l10n.date_medium(y.start), end=l10n.date_medium(y.end)))
    return 0


def _term_add(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import add_term

    with open_from_args(args) as ws:
        done = add_term(ws, args.name, args.start, args.end)
    print(_("Added term {name} ({start} to {end}), id {value}.").format(name=args.name, start=l10n.date_medium(args.start), end=l10n.date_medium(args.end), value=done.value))
    return 0


def _term_delete(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import delete_term

    with open_from_args(args) as ws:
        done = delete_term(ws, args.id)
    print(_("Deleted term {value}.").format(value=done.value))
    return 0


def _holiday_add(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import add_holiday

    with open_from_args(args) as ws:
        done = add_holiday(ws, args.name, args.start, args.end, kind=args.kind)
    print((_("Added {kind} {name} ({start} to {end}), id {id}.") if args.end else _("Added {kind} {name} ({start}), id {id}.")).format(kind=holiday_kind_label(args.kind), name=args.name, start=l10n.date_medium(args.start), end=l10n.date_medium(args.end) if args.end else "", id=done.value))
    return 0


def _holiday_delete(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import delete_holiday

    with open_from_args(args) as ws:
        done = delete_holiday(ws, args.id)
    print(_("Deleted holiday {value}.").format(value=done.value))
    return 0


def _bells(args: argparse.Namespace) -> int:
    from app.scheduling.school_year_service import parse_bells, set_bells

    bells = parse_bells(args.periods)
    with open_from_args(args) as ws:
        done = set_bells(ws, bells)
    print(_("Saved the times of {value} periods; class lessons in the calendar follow them.").format(value=done.value))
    return 0
