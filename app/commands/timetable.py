"""`teacherdesk timetable ...`: solve, check and export FET timetables; keep them in a workspace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.commands import UserError, add_workspace_arg
from app.core.i18n import _, ngettext


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the timetable subcommands."""
    tt = sub.add_parser("timetable", help=_("build school timetables (reads and writes FET files)"))
    tsub = tt.add_subparsers(dest="timetable_command", metavar=_("ACTION"), required=True)

    p = tsub.add_parser("solve", help=_("solve a .fet file and write the timetable as CSV"))
    p.add_argument("fet", type=Path, metavar="FILE.fet")
    p.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                   help=_("stop searching after this long (default 60)"))
    p.add_argument("--out", type=Path, metavar="RESULT.csv",
                   help=_("write activity_id,day,hour,room rows here (default: FILE.csv next to FILE.fet)"))
    p.add_argument("--fet-out", type=Path, metavar="SOLVED.fet",
                   help=_("also write the .fet with every placement locked, for FET to open"))
    p.add_argument("--lock", type=Path, metavar="LOCKED.csv",
                   help=_("keep these placements (same CSV columns) and solve the rest"))
    p.add_argument("--workers", type=int, default=None, help=_("solver threads (default: every core)"))
    p.add_argument("--seed", type=int, default=1,
                   help=_("the search's random seed (default 1); another seed is another search, "
                          "worth a try when no timetable was found"))
    p.add_argument("--quiet", action="store_true", help=_("no progress lines"))
    p.set_defaults(handler=_solve)

    c = tsub.add_parser("check", help=_("check a timetable CSV against a .fet file's constraints"))
    c.add_argument("fet", type=Path, metavar="FILE.fet")
    c.add_argument("csv", type=Path, metavar="RESULT.csv")
    c.set_defaults(handler=_check)

    e = tsub.add_parser("export", help=_("write a .fet with a CSV timetable's placements locked"))
    e.add_argument("fet", type=Path, metavar="FILE.fet")
    e.add_argument("csv", type=Path, metavar="RESULT.csv")
    e.add_argument("--out", type=Path, required=True, metavar="SOLVED.fet")
    e.set_defaults(handler=_export)

    i = tsub.add_parser("import", help=_("keep a .fet file (and optionally its solved CSV) in the workspace"))
    i.add_argument("fet", type=Path, metavar="FILE.fet")
    i.add_argument("--csv", type=Path, metavar="RESULT.csv", help=_("placements to store with it"))
    i.add_argument("--name", help=_("name to show in the app (default: the institution name)"))
    add_workspace_arg(i)
    i.set_defaults(handler=_import)

    ls = tsub.add_parser("list", help=_("list the timetables kept in the workspace"))
    add_workspace_arg(ls)
    ls.set_defaults(handler=_list)


def early(arguments: list[str]) -> None:
    """Before the parsers are built: a solve starts its search process (see
    :func:`~app.scheduling.timetable.worker_launch.start_early`)."""
    if arguments[:1] == ["solve"] and not {"-h", "--help"} & set(arguments):
        from app.scheduling.timetable.worker_launch import start_early

        start_early()


def _load(path: Path) -> Any:
    from app.scheduling.timetable import FetError, read_fet

    try:
        return read_fet(path)
    except FetError as exc:
        raise UserError(str(exc), 1) from None


def _load_csv(problem: Any, path: Path) -> list[Any]:
    from app.scheduling.timetable.fet import FetError, read_csv

    if not path.exists():
        raise UserError(_("{path}: file not found").format(path=path), 1)
    try:
        return read_csv(problem, path)
    except FetError as exc:
        raise UserError(str(exc), 1) from None


def _print_warnings(problem: Any) -> None:
    from app.scheduling.timetable import warnings_for

    for w in warnings_for(problem):
        print(_("warning: {w}").format(w=w), file=sys.stderr)


def _not_the_source(option: str, out: Path, fet: Path) -> None:
    """Refuse an output path that is the .fet being read: writing it would replace the
    school's file (with a CSV, or with a locked copy) before anyone saw the result."""
    if out.resolve() == fet.resolve():
        raise UserError(_("{option} {out} is the file being read; give another name so {fet} is kept as it is").format(
            option=option, out=out, fet=fet.name), 1)


def _check_outputs(args: argparse.Namespace) -> None:
    """Before any search: the solve's outputs neither replace the .fet read nor give a CSV
    a .fet name."""
    if args.out is not None:
        _not_the_source("--out", args.out, args.fet)
        if args.out.suffix.lower() == ".fet":
            raise UserError(_("--out {out} is where the CSV timetable goes; give it a .csv name, and use "
                              "--fet-out for a .fet file FET opens").format(out=args.out), 1)
    if args.fet_out is not None:
        _not_the_source("--fet-out", args.fet_out, args.fet)


def _solve(args: argparse.Namespace) -> int:
    if args.time_limit <= 0:
        raise UserError(_("--time-limit must be a positive number of seconds"), 1)
    _check_outputs(args)
    from app.scheduling.timetable.placement_worker import start_early

    start_early()  # the placement search loads in its own process while the solver and file are
    from app.core.progress import ProgressEvent
    from app.scheduling.timetable import solve, write_csv, write_fet

    problem = _load(args.fet)
    _print_warnings(problem)
    locked = []
    if args.lock:
        locked = _load_csv(problem, args.lock)
        for pl in locked:
            pl.locked = True
    out = args.out or args.fet.with_suffix(".csv")
    n = len(problem.active_activities())
    print(_("{name}: {n} activities, {count} teachers, {count2} rooms; solving for up to {time_limit:g} s…").format(name=args.fet.name, n=n, count=len(problem.teachers), count2=len(problem.rooms), time_limit=args.time_limit), file=sys.stderr)

    def show(event: ProgressEvent) -> None:
        if not args.quiet and event.key == "timetable.best":
            v = event.values
            print(_("  {seconds:6.1f} s  best so far: penalty {penalty} ({placed} of {total} lessons placed)").format(seconds=v['seconds'], penalty=v['penalty'], placed=v['placed'], total=v['total']), file=sys.stderr)

    result = solve(problem, time_limit=args.time_limit, locked=locked, workers=args.workers, events=show,
                   seed=args.seed)
    for note in result.notes:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    if result.solved:
        write_csv(problem, result.placements, out)
        if args.fet_out:
            write_fet(problem, args.fet_out, result.placements, lock_all=True)
        return _report_solved(result, out)
    if result.status == "infeasible":
        print(_("No timetable exists for {name}: the hard constraints contradict each other.").format(name=args.fet.name))
    elif result.status in ("cancelled", "infeasible_as_read"):
        print(result.headline())
    else:
        # Each seed is another search (runs of one hard school differ widely between seeds).
        print(_("No timetable found within {time_limit:g} s (none was proven impossible either); try a longer "
                "--time-limit, or another --seed: each seed is another search.").format(time_limit=args.time_limit))
    diag = result.diagnosis
    if diag is not None:
        for line in diag.explanation:
            print(line)
        if diag.partial:
            partial = out.with_name(out.stem + ".partial.csv")
            write_csv(problem, diag.partial, partial)
            print(_("Wrote the partial timetable ({count} of {n} lessons) to {partial}").format(count=len(diag.partial), n=n, partial=partial))
    return result.exit_code


def _report_solved(result: Any, out: Path) -> int:
    """Print what was found, honestly: 'optimal' only when proven on a fully modelled file."""
    ev = result.evaluation
    assert ev is not None
    print(result.headline())
    print(_("Solved in {wall_s:.1f} s: first timetable after {first_feasible_s:.1f} s, best after {best_s:.1f} s.").format(wall_s=result.wall_s, first_feasible_s=result.first_feasible_s, best_s=result.best_s))
    if not result.coverage.complete:
        print(_("Not considered: {details}").format(details=", ".join(result.coverage.details())))
    if ev.soft:
        print(ngettext("{count} soft constraint not fully met:", "{count} soft constraints not fully met, for example:",
                       len(ev.soft)).format(count=len(ev.soft)))
        for v in ev.soft[:5]:
            print(f"  - {v.message}")
    if ev.hard or ev.unplaced:
        print(_("Hard constraints broken:"))
        for v in ev.hard[:20]:
            print(f"  - {v.message}")
        return 3
    print(_("Wrote {count} placements to {out}").format(count=len(result.placements), out=out))
    return 0


def _check(args: argparse.Namespace) -> int:
    from app.scheduling.timetable import evaluate_placements
    from app.scheduling.timetable.coverage import coverage

    problem = _load(args.fet)
    _print_warnings(problem)
    placements = _load_csv(problem, args.csv)
    ev = evaluate_placements(problem, placements)
    for v in ev.hard:
        print(_("HARD  {message}").format(message=v.message))
    for aid in ev.unplaced:
        print(_("HARD  {describe} is not placed").format(describe=problem.activity(aid).describe(True)))
    for v in ev.soft:
        print(_("soft  {message}").format(message=v.message))
    ok = ev.hard_ok
    hard, soft = len(ev.hard) + len(ev.unplaced), len(ev.soft)
    first = _("All hard constraints hold") if ok else ngettext("{hard} hard violation", "{hard} hard violations", hard)
    print(first.format(hard=hard) + "; " + ngettext(
        "{count} soft violation, penalty {penalty} (FET's soft conflicts × 100).",
        "{count} soft violations, penalty {penalty} (FET's soft conflicts × 100).", soft).format(count=soft, penalty=ev.penalty))
    cov = coverage(problem)
    if not cov.complete:
        print(_("{sentence} by this check: {details}").format(sentence=cov.sentence().capitalize(),
                                                             details=", ".join(cov.details())))
    return 0 if ok else 2


def _export(args: argparse.Namespace) -> int:
    from app.scheduling.timetable import write_fet

    _not_the_source("--out", args.out, args.fet)
    problem = _load(args.fet)
    placements = _load_csv(problem, args.csv)
    write_fet(problem, args.out, placements, lock_all=True)
    print(_("Wrote {out} with {count} locked placements.").format(out=args.out, count=len(placements)))
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.commands import open_from_args
    from app.scheduling.timetable.store import save_timetable

    problem = _load(args.fet)
    _print_warnings(problem)
    placements = _load_csv(problem, args.csv) if args.csv else []
    with open_from_args(args) as ws:
        tid = save_timetable(ws, problem, placements, name=args.name or problem.name, source=args.fet.name)
    print(_("Stored timetable {tid} ({count} activities, {count2} placed).").format(tid=tid, count=len(problem.activities), count2=len(placements)))
    return 0


def _list(args: argparse.Namespace) -> int:
    from app.commands import open_from_args
    from app.scheduling.timetable.store import list_timetables

    with open_from_args(args) as ws:
        rows = list_timetables(ws)
    if not rows:
        print(_("No timetables in this workspace."))
    for r in rows:
        print(_("{id:>4}  {name}  ({n_activities} activities, {n_placed} placed, updated {updated:%Y-%m-%d})").format(id=r.id, name=r.name, n_activities=r.n_activities, n_placed=r.n_placed, updated=r.updated))
    return 0
